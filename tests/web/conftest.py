"""Fixtures for the web tests: the fictional record, a client, a live server."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client


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
