"""Fixtures of the rumours tests."""

from __future__ import annotations

import pytest

from icc_network.rumours.services import matching


@pytest.fixture(autouse=True)
def fresh_match_cache():
    """Each test builds its own catalogue; no process-wide copy may leak between tests."""
    matching.forget_cache()
    yield
    matching.forget_cache()
