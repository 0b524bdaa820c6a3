"""Small checks shared by the area's services."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from ..core.rules import RuleViolation
from .models import CounterArgument


def refuse_unless(condition: Any, message: Any, field: str | None = None) -> None:
    if not condition:
        raise RuleViolation(message, field)


def valid_choice(value: str, allowed, field: str) -> None:
    refuse_unless(value in allowed, _l("Choose an entry of the list."), field)


def current_argument(on: date):
    """SQL condition: validated and not past its date (what the kit and the public see)."""
    return (CounterArgument.status == "validated") & or_(
        CounterArgument.valid_until.is_(None), CounterArgument.valid_until >= on)


def link_for(endpoint: str, **values: Any) -> str:
    """A local path to an endpoint, also from a scheduler job (no request there)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return url_for(endpoint, **values)
