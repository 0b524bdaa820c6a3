"""Core's registries: what an area offers to areas that may not import it."""

from __future__ import annotations

import pytest

from icc_network.core import registries


@pytest.fixture
def empty_registries(monkeypatch):
    monkeypatch.setattr(registries, "_CHOICES", {})


def test_a_choice_list_nobody_offers_is_empty(empty_registries):
    assert registries.choices_for("organisations") == []
    registries.register_choices("organisations", lambda: iter([(1, "Centre social")]))
    assert registries.choices_for("organisations") == [(1, "Centre social")]
