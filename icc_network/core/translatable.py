"""User-entered content kept in French and English.

A translatable value is stored as one JSON object per field, for example
``{"fr": "Ils prennent nos emplois", "en": "They take our jobs"}``. The city's
default language is required by the forms; the other may be missing, in which
case pages show the available text with a "not yet translated" marker and the
record appears on the translation worklist.

Areas register their translatable fields with :func:`register_field` so that
the worklist can find every record still missing a language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Select, func, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

LOCALES = ("fr", "en")


def clean(value: dict[str, Any] | None) -> dict[str, str]:
    """Strip each language's text and drop the empty ones."""
    if not value:
        return {}
    result: dict[str, str] = {}
    for locale in LOCALES:
        text = value.get(locale)
        if isinstance(text, str) and text.strip():
            result[locale] = text.strip()
    return result


class TranslatableText(TypeDecorator):
    """JSON column holding ``{locale: text}``; JSONB on PostgreSQL."""

    impl = JSON().with_variant(JSONB(), "postgresql")
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return clean(value)

    def process_result_value(self, value, dialect):
        return clean(value)


@dataclass(frozen=True)
class Localised:
    """The text to show for one locale, and whether it fell back to another."""

    text: str
    lang: str
    missing: bool

    def __str__(self) -> str:
        return self.text


def localise(value: dict[str, str] | None, locale: str, default_locale: str = "fr") -> Localised:
    value = value or {}
    if value.get(locale):
        return Localised(value[locale], locale, False)
    for other in (default_locale, *LOCALES):
        if value.get(other):
            return Localised(value[other], other, True)
    return Localised("", locale, True)


def missing_locales(value: dict[str, str] | None) -> list[str]:
    value = value or {}
    return [locale for locale in LOCALES if not value.get(locale)]


def is_missing(column, locale: str):
    """SQL condition: the JSON column has no text for ``locale``."""
    text = column[locale].as_string()
    return or_(text.is_(None), func.trim(text) == "")


def text_matches(column, pattern: str):
    """SQL condition: some language of the column contains ``pattern`` (case-insensitive)."""
    needle = f"%{pattern.lower()}%"
    return or_(*(func.lower(column[loc].as_string()).like(needle) for loc in LOCALES))


@dataclass(frozen=True)
class RegisteredField:
    """A translatable field that the worklist checks."""

    key: str  # unique, e.g. "rumours.rumour.wording"
    model: type
    attribute: str
    label: Any  # lazy string: the field's name
    kind_label: Any  # lazy string: what the record is ("Rumour")
    title: Callable[[Any, str], str]  # record -> locale -> short title
    edit_endpoint: str
    edit_args: Callable[[Any], dict]
    edit_action: str  # the permission needed to follow the edit link
    scope: Callable[[Select], Select] | None = None  # e.g. skip archived rows

    @property
    def column(self):
        return getattr(self.model, self.attribute)

    def missing_query(self, locale: str) -> Select:
        query = select(self.model).where(is_missing(self.column, locale))
        if self.scope is not None:
            query = self.scope(query)
        return query


_REGISTRY: dict[str, RegisteredField] = {}


def register_field(field: RegisteredField) -> None:
    _REGISTRY[field.key] = field


def registered_fields() -> list[RegisteredField]:
    return list(_REGISTRY.values())
