"""Core's registries: what an area offers to areas that may not import it."""

from __future__ import annotations

import pytest

from icc_network.core import registries
from icc_network.core.registries import IndicatorSource


@pytest.fixture
def empty_registries(monkeypatch):
    monkeypatch.setattr(registries, "_CHOICES", {})
    monkeypatch.setattr(registries, "_INDICATORS", {})


def test_a_choice_list_nobody_offers_is_empty(empty_registries):
    assert registries.choices_for("organisations") == []
    registries.register_choices("organisations", lambda: iter([(1, "Centre social")]))
    assert registries.choices_for("organisations") == [(1, "Centre social")]


def test_an_indicator_is_computed_with_its_parameters(empty_registries):
    registries.register_indicator(IndicatorSource(
        key="rumours.sightings", label="Sightings", compute=lambda since=None: {"since": since}))
    assert registries.indicator("rumours.sightings", since=3) == {"since": 3}
    assert [s.key for s in registries.indicator_sources()] == ["rumours.sightings"]


def test_an_indicator_nobody_publishes_gives_the_default(empty_registries):
    assert registries.indicator("rumours.sightings") is None
    assert registries.indicator("rumours.sightings", {}, since=1) == {}


def test_an_indicator_of_an_area_the_application_does_not_run_is_absent(app, empty_registries,
                                                                        monkeypatch):
    registries.register_indicator(IndicatorSource(key="rumours.sightings", label="Sightings",
                                                  compute=lambda: {1: 2}))
    monkeypatch.setitem(app.config, "AREAS", ("core", "auth", "network"))
    assert registries.indicator("rumours.sightings", {}) == {}
    assert registries.indicator_sources() == []


def test_an_indicator_key_names_its_area(empty_registries):
    with pytest.raises(ValueError):
        registries.register_indicator(IndicatorSource(key="sightings", label="x", compute=dict))


def test_the_rumours_area_publishes_sightings_per_district(app):
    assert registries.indicator_source("rumours.sightings_per_district") is not None
