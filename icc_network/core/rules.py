"""The error that services raise when a business rule refuses an operation."""

from __future__ import annotations

from typing import Any


class RuleViolation(Exception):
    """A translated message for the user, optionally tied to one form field."""

    def __init__(self, message: Any, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
