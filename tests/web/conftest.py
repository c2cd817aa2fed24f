"""Fixtures for the web tests: the fictional record, a client, a live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English and leaves no language behind: a request with
    Accept-Language: ru activates Russian in the thread, and it would stay there."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def public_instance(settings: object) -> None:
    """The workspace as an anonymous visitor of a public instance sees it: every
    published entry (``KUZET_PUBLIC``; the test record is published)."""
    settings.KUZET_PUBLIC = True  # type: ignore[attr-defined]


@pytest.fixture
def record(db: None) -> None:
    """The two fictional months of ``webdata``, ingested."""
    from webdata import ingest_all

    cache.clear()
    ingest_all()


@pytest.fixture
def empty(db: None) -> None:
    from kuzet.workspace.queries import forget_data_version

    cache.clear()
    forget_data_version()


@pytest.fixture
def client() -> Client:
    return Client()
