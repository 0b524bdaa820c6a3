"""The one transaction boundary of a request: views never commit or roll back by hand.

A view loads what it needs, checks permissions and validates its form, then
hands the change to a service through one of these helpers. The helper runs
the service, commits once when it succeeds, and rolls back when it refuses
(``RuleViolation``, shown on the form's field or as a message) or fails (the
error goes on to the error pages). Services only flush.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash
from flask_babel import gettext as _
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .clock import utcnow
from .forms import ConfirmForm
from .models import FormSubmission
from .rules import RuleViolation

T = TypeVar("T")
Message = Any  # a translated string, or a function of what the service returned


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What the service returned, and whether it was committed (``bool(outcome)``)."""

    ok: bool
    value: T | None = None
    violation: RuleViolation | None = None

    def __bool__(self) -> bool:
        return self.ok


def commit_or_refuse(work: Callable[[], T], *, form: Any = None,
                     success: Message = None) -> Outcome[T]:
    """Run ``work``; commit and flash ``success``, or roll back and show the refusal.

    With a ``form``, a refusal goes next to the field it names (or above the
    form), so the page can be rendered again with everything typed kept;
    without one it is flashed. A form that carries a one-time submission key
    (``SubmissionKey``) runs its service once: sent again, it changes nothing
    and its outcome leads to the record the first sending created.
    """
    key = _submission_key(form)
    if key and (earlier := db.session.get(FormSubmission, key)) is not None:
        return _already_done(earlier)
    try:
        value = work()
        if key:
            db.session.add(FormSubmission(key=key, **_entity(value)))
            db.session.flush()
    except IntegrityError:
        db.session.rollback()
        if key and (earlier := db.session.get(FormSubmission, key)) is not None:
            return _already_done(earlier)  # the same form, sent twice at once
        raise
    except RuleViolation as violation:
        db.session.rollback()
        if form is not None:
            form.add_violation(violation)
        else:
            flash(str(violation.message), "danger")
        return Outcome(False, violation=violation)
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
    message = success(value) if callable(success) else success
    if message:
        flash(message, "success")
    return Outcome(True, value)


def _submission_key(form: Any) -> str:
    field = getattr(form, "submission_key", None) if form is not None else None
    return str(field.data or "")[:64] if field is not None else ""


def _entity(value: Any) -> dict[str, Any]:
    table = getattr(value, "__tablename__", None)
    return {"entity_type": table, "entity_id": value.id} if table else {"entity_type": ""}


def _already_done(earlier: FormSubmission) -> Outcome:
    db.session.rollback()
    value = None
    if earlier.entity_type:
        model = next((mapper.class_ for mapper in db.Model.registry.mappers
                      if mapper.local_table.name == earlier.entity_type), None)
        value = db.session.get(model, earlier.entity_id) if model is not None else None
    flash(_("This form had already been sent: it was recorded once."), "info")
    return Outcome(True, value)


def purge_submission_keys(older_than) -> int:
    """Forget the keys of forms sent long ago (the nightly housekeeping)."""
    return db.session.execute(
        delete(FormSubmission).where(FormSubmission.created_at < utcnow() - older_than)
    ).rowcount or 0


def run_confirmed(work: Callable[[], T], success: Message = None,
                  form: Any = None) -> Outcome[T]:
    """A change posted from a button (a removal, "mark as done"): the confirmation form
    (its CSRF token) is checked first, then the change runs through ``commit_or_refuse``."""
    if not (form or ConfirmForm()).validate_on_submit():
        return Outcome(False)
    return commit_or_refuse(work, success=success)


def commit(value: T = None) -> T:
    """Commit what the request recorded (an audit entry, a staged upload) and pass on ``value``.

    For a page that records something after it has been rendered: a commit
    expires every loaded object, so the page is rendered first.
    """
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return value
