"""Coordinators keep key phrases per rumour in French and English."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.models import RumourKeyPhrase
from icc_network.rumours.services.key_phrases import (
    add_key_phrase,
    key_phrases_of,
    remove_key_phrase,
)

from .. import factories as core
from ..support import login
from . import factories


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(RumourKeyPhrase))


def test_a_phrase_is_kept_as_typed_and_listed_by_language():
    rumour = factories.rumour()
    add_key_phrase(rumour, locale="fr", phrase="  Mosquées,   impôts ", actor=core.user("coordinator"))
    phrases = key_phrases_of(rumour.id)
    assert [p.phrase for p in phrases["fr"]] == ["Mosquées, impôts"] and phrases["en"] == []
    assert phrases["fr"][0].folded == "mosquees impots"


@pytest.mark.parametrize(("phrase", "locale", "field"), [
    ("", "fr", "phrase"), ("!!! …", "fr", "phrase"), ("mosque", "de", "locale"),
    ("x" * 121, "en", "phrase"),
])
def test_an_empty_or_bad_phrase_is_refused(phrase, locale, field):
    rumour = factories.rumour()
    with pytest.raises(RuleViolation) as refused:
        add_key_phrase(rumour, locale=locale, phrase=phrase, actor=core.user("coordinator"))
    assert refused.value.field == field


def test_the_same_phrase_twice_in_one_language_is_refused_but_not_in_the_other():
    rumour = factories.rumour()
    coordinator = core.user("coordinator")
    add_key_phrase(rumour, locale="fr", phrase="Impôts", actor=coordinator)
    with pytest.raises(RuleViolation) as refused:
        add_key_phrase(rumour, locale="fr", phrase="impots !", actor=coordinator)
    assert refused.value.field == "phrase"
    add_key_phrase(rumour, locale="en", phrase="impots", actor=coordinator)
    assert _count() == 2


def test_removing_a_phrase(client):
    rumour = factories.rumour()
    row = factories.key_phrase(rumour, "en", "taxes")
    remove_key_phrase(row, actor=core.user("coordinator"))
    assert _count() == 0


def test_the_page_adds_a_phrase_and_the_rumour_page_shows_it(client):
    rumour = factories.rumour("La mairie paie les mosquées", None)
    login(client, core.user("coordinator", locale="en"))
    added = client.post_form(f"/rumours/{rumour.id}/key-phrases",
                             {"locale": "en", "phrase": "mosques, taxes"})
    assert added.status_code == 302
    detail = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert "Key phrases" in detail and "mosques, taxes" in detail


def test_a_refused_phrase_shows_a_message_and_keeps_what_was_typed(client):
    rumour = factories.rumour()
    factories.key_phrase(rumour, "en", "free flats")
    login(client, core.user("coordinator", locale="en"))
    duplicate = client.post_form(f"/rumours/{rumour.id}/key-phrases",
                                 {"locale": "en", "phrase": "Free flats!"})
    page = duplicate.get_data(as_text=True)
    assert duplicate.status_code == 200
    assert "This phrase is already listed in this language." in page
    assert 'value="Free flats!"' in page
    empty = client.post_form(f"/rumours/{rumour.id}/key-phrases", {"locale": "en", "phrase": " "})
    assert "Enter a phrase made of words." in empty.get_data(as_text=True)
    assert _count() == 1


def test_the_page_removes_a_phrase_and_refuses_one_of_another_rumour(client):
    rumour, other = factories.rumour(), factories.rumour()
    row = factories.key_phrase(rumour, "fr", "impôts")
    login(client, core.user("coordinator", locale="en"))
    assert client.post_form(f"/rumours/{other.id}/key-phrases/{row.id}/remove").status_code == 404
    done = client.post_form(f"/rumours/{rumour.id}/key-phrases/{row.id}/remove")
    assert done.status_code == 302 and _count() == 0
