"""Four-eyes validation: with the city's setting on, the author of an argument cannot
validate it; a validator may send a draft back to its author with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from icc_network.core import notifications
from icc_network.core.clock import today
from icc_network.core.models import Notification
from icc_network.core.rules import RuleViolation
from icc_network.extensions import db
from icc_network.rumours.services import arguments, review

from .. import factories as core
from ..conftest import make_test_app
from ..support import login
from . import factories


@pytest.fixture
def four_eyes(app, monkeypatch):
    monkeypatch.setitem(app.config, "ARGUMENTS_FOUR_EYES", "true")


def _draft(rumour, author, **overrides):
    values = dict(kind="statistic", text={"fr": "7 emplois sur 10", "en": "7 jobs in 10"},
                  source_publisher="Observatoire", valid_until=today() + timedelta(days=90))
    values.update(overrides)
    return arguments.save_argument(None, rumour=rumour, actor=author, **values)


def test_with_four_eyes_the_author_cannot_validate_and_another_coordinator_can(four_eyes):
    author, checker = core.user("coordinator"), core.user("coordinator")
    argument = _draft(factories.rumour(), author)
    with pytest.raises(RuleViolation, match="un autre coordinateur doit le valider"):
        arguments.validate_argument(argument, actor=author)
    arguments.validate_argument(argument, actor=checker)
    assert argument.status == "validated" and argument.validated_by_id == checker.id


def test_with_four_eyes_whoever_last_changed_the_text_cannot_validate_it(four_eyes):
    author, editor = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    argument = _draft(rumour, author)
    _draft_values = dict(kind="statistic", text={"fr": "8 emplois sur 10"},
                         source_publisher="Observatoire", valid_until=today() + timedelta(days=90))
    arguments.save_argument(argument, rumour=rumour, actor=editor, **_draft_values)
    with pytest.raises(RuleViolation):
        arguments.validate_argument(argument, actor=editor)
    with pytest.raises(RuleViolation):
        arguments.validate_argument(argument, actor=author)
    arguments.validate_argument(argument, actor=core.user("admin"))


def test_without_four_eyes_the_author_may_validate(app):
    author = core.user("coordinator")
    argument = _draft(factories.rumour(), author)
    arguments.validate_argument(argument, actor=author)
    assert argument.status == "validated"


def test_a_validator_sends_a_draft_back_and_the_author_is_told_the_reason(app):
    author, checker = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    argument = _draft(rumour, author)
    review.send_back(argument, actor=checker, reason="Cite the 2025 census, not the 2019 one.")
    assert argument.status == "draft" and argument.returned_by_id == checker.id
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == review.RETURNED_KIND)).all()
    assert [n.user_id for n in notes] == [author.id]
    assert notes[0].link == f"/arguments/{argument.id}/edit"
    text = notifications.render(notes[0], "en")
    assert "Cite the 2025 census" in text and checker.name in text


def test_the_reason_stays_until_the_author_changes_the_argument(app):
    author, checker = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    argument = _draft(rumour, author)
    review.send_back(argument, actor=checker, reason="Source too old.")
    _draft(rumour, author)  # another argument: this one keeps its reason
    assert argument.returned_reason == "Source too old."
    arguments.save_argument(argument, rumour=rumour, actor=author, kind="statistic",
                            text={"fr": "7 emplois sur 10", "en": "7 jobs in 10"},
                            source_publisher="Insee 2025",
                            valid_until=today() + timedelta(days=90))
    assert argument.returned_reason == "" and argument.returned_at is None


@pytest.mark.parametrize("reason, message", [("", "Indiquez ce que l’auteur doit modifier"),
                                             ("x" * 1001, "pas dépasser 1000 caractères")])
def test_a_send_back_needs_a_reason_of_reasonable_length(app, reason, message):
    argument = _draft(factories.rumour(), core.user("coordinator"))
    with pytest.raises(RuleViolation, match=message):
        review.send_back(argument, actor=core.user("coordinator"), reason=reason)


def test_nobody_sends_back_their_own_argument_or_a_validated_one(app):
    author, checker = core.user("coordinator"), core.user("coordinator")
    argument = _draft(factories.rumour(), author)
    with pytest.raises(RuleViolation):
        review.send_back(argument, actor=author, reason="Mine")
    arguments.validate_argument(argument, actor=checker)
    with pytest.raises(RuleViolation, match="Seul un brouillon"):
        review.send_back(argument, actor=checker, reason="Too late")


def test_the_page_hides_validate_from_the_author_and_offers_send_back_to_others(
        client, four_eyes):
    author, checker = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    argument = _draft(rumour, author)
    validate = f"/arguments/{argument.id}/validate"
    login(client, author)
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert validate not in page and "another coordinator validates it" in page
    assert f"/arguments/{argument.id}/send-back" not in page
    response = client.post_form(validate)
    db.session.refresh(argument)
    assert response.status_code == 302 and argument.status == "draft"
    login(client, checker)
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert validate in page and f"/arguments/{argument.id}/send-back" in page


def test_sending_back_through_the_form_keeps_what_was_typed_on_a_refusal(client):
    author, checker = core.user("coordinator"), core.user("coordinator")
    rumour = factories.rumour()
    argument = _draft(rumour, author)
    login(client, checker)
    path = f"/arguments/{argument.id}/send-back"
    refused = client.post_form(path, {"reason": "x" * 1001})
    assert refused.status_code == 200 and "x" * 1001 in refused.get_data(as_text=True)
    sent = client.post_form(path, {"reason": "Add the survey's sample size."})
    assert sent.status_code == 302
    login(client, author)
    page = client.get(f"/rumours/{rumour.id}").get_data(as_text=True)
    assert "Add the survey&#39;s sample size." in page and checker.name in page
    assert "Add the survey&#39;s sample size." in client.get(
        f"/arguments/{argument.id}/edit").get_data(as_text=True)


@pytest.mark.parametrize("setting", ["maybe", "2", "oui"])
def test_a_wrong_four_eyes_setting_stops_the_application_at_start_up(database_url, setting):
    with pytest.raises(ValueError, match="ARGUMENTS_FOUR_EYES"):
        make_test_app(database_url, ARGUMENTS_FOUR_EYES=setting)
