"""Fixtures for the publish tests: a stored fictional month."""

from __future__ import annotations

import pytest
from publish_data import store_may


@pytest.fixture
def may(db: None) -> None:
    store_may()
