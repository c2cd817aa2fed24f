"""Personas for the review and access tests: anonymous, viewer, editor, reviewer, admin.

``users`` makes one account per role; each persona fixture is a test client logged in
as that user (``anonymous`` is not logged in). ``public`` turns KUZET_PUBLIC on for a
test; without it the instance is private, as by default. ``month`` is the fictional
record of ``reviewdata``: entry number -> id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation

ROLES = ("viewer", "editor", "reviewer", "admin")
PERSONAS = ("anonymous", *ROLES)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    from kuzet.workspace.queries import forget_data_version

    cache.clear()
    forget_data_version()
    yield
    cache.clear()
    forget_data_version()


@pytest.fixture(autouse=True)
def quick_hashing(settings: object) -> None:
    """Argon2 is slow on purpose; these tests log in a lot. The Argon2 setting itself
    is tested in test_security.py."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def users(db: None) -> dict[str, object]:
    from kuzet.accounts.services import create_user

    return {role: create_user(role, role, who="test")[0] for role in ROLES}


def login(user: object, **client_options: object) -> Client:
    client = Client(**client_options)
    client.force_login(user)  # type: ignore[arg-type]
    return client


@pytest.fixture
def login_as() -> Callable[..., Client]:
    """``login_as(user, **client_options)``: a client logged in as ``user``."""
    return login


@pytest.fixture
def as_persona(users: dict[str, object]) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        return Client() if persona == "anonymous" else login(users[persona])

    return make


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def viewer(users: dict[str, object]) -> Client:
    return login(users["viewer"])


@pytest.fixture
def editor(users: dict[str, object]) -> Client:
    return login(users["editor"])


@pytest.fixture
def reviewer(users: dict[str, object]) -> Client:
    return login(users["reviewer"])


@pytest.fixture
def admin(users: dict[str, object]) -> Client:
    return login(users["admin"])


@pytest.fixture
def public(settings: object) -> None:
    settings.KUZET_PUBLIC = True  # type: ignore[attr-defined]


@pytest.fixture
def month(db: None) -> dict[int, int]:
    from reviewdata import load

    return load()
