"""What every template of the area may use: code lists and a fast count formatter."""

from __future__ import annotations

from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal
from flask_login import current_user

from ...core.i18n import current_language
from .. import bp, vocab
from ..services.hateful import wording_for


@lru_cache(maxsize=8192)
def _count(locale: str, value: int) -> str:
    return format_decimal(value, locale=locale)


def count_text(value) -> str:
    """A count in the reader's locale. The dashboard shows well over a thousand counts and
    Babel's formatter is slow per call, so each (locale, value) is formatted once."""
    return _count(current_language(), int(value or 0))


@lru_cache(maxsize=4096)
def _date(locale: str, value) -> str:
    return format_date(value, "short", locale=locale)


def short_date(value) -> str:
    """A date in the reader's short format, formatted once per (locale, date) for long tables."""
    return _date(current_language(), value) if value else "—"


def wording(rumour) -> dict[str, str]:
    """A rumour's wording as the reader may see it (a placeholder for hateful words)."""
    return wording_for(rumour, current_user)


@bp.context_processor
def code_lists() -> dict:
    """The area's code lists and their translated labels, for its templates."""
    return {"count_text": count_text, "short_date": short_date, "wording": wording,
            "STATUSES": vocab.STATUSES, "RISKS": vocab.RISKS,
            "SPHERES": vocab.SPHERES, "CHANNELS": vocab.CHANNELS, "KINDS": vocab.KINDS,
            "VERDICTS": vocab.VERDICTS, "ARGUMENT_STATUSES": vocab.ARGUMENT_STATUSES,
            "DETECTIONS": vocab.DETECTIONS, "SIGHTING_LANGUAGES": vocab.SIGHTING_LANGUAGES,
            "UNANSWERED": vocab.UNANSWERED}
