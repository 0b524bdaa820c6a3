"""The error that services raise when a business rule refuses an operation, and its checks."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from .i18n import lazy_gettext as _l


class RuleViolation(Exception):
    """A translated message for the user, optionally tied to one form field."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def refuse_unless(condition: Any, message: Any, field: str | None = None) -> None:
    """Refuse the operation with ``message`` (on ``field``) unless ``condition`` holds."""
    if not condition:
        raise RuleViolation(message, field)


def valid_choice(value: Any, allowed: Container, field: str) -> None:
    """Refuse a value that is not one of a code list's entries."""
    refuse_unless(value in allowed, _l("Choose an entry of the list."), field)
