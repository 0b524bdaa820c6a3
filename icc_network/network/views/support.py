"""What the network's views share: saving through a service, and confirmed actions."""

from __future__ import annotations

from typing import Any, Callable

from flask import flash

from ...core.rules import RuleViolation
from ...extensions import db
from ..forms import ConfirmForm


def save_or_refuse(form, save: Callable[[], Any], message: str) -> Any | None:
    """Run the service; commit and flash on success, or show its refusal on the form.

    Returns what the service saved, or None when it refused (the form is then
    rendered again with everything typed kept).
    """
    try:
        saved = save()
    except RuleViolation as violation:
        db.session.rollback()
        form.add_violation(violation)
        return None
    db.session.commit()
    flash(message, "success")
    return saved


def run_if_confirmed(action: Callable[[], Any], message: str) -> None:
    """Run a change posted from a button (a removal, "mark as done"), CSRF checked, then commit."""
    if not ConfirmForm().validate_on_submit():
        return
    try:
        action()
    except RuleViolation as violation:
        db.session.rollback()
        flash(str(violation.message), "danger")
        return
    db.session.commit()
    flash(message, "success")
