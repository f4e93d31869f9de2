"""Fixtures for the tagger tests: the shipped model, loaded once per session."""

from __future__ import annotations

import pytest

from cidb.tagging import Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    return Tagger.load()


@pytest.fixture(autouse=True)
def _test_settings():
    """Override the project's autouse settings fixture: these tests need no Django setup."""
    yield
