"""Key phrases: the words people use when they repeat a rumour, kept by coordinators.

A rumour worded only in French still reaches a report typed in English when its key
phrases name it in both languages ("mosquée, impôts" / "mosque, taxes"); matching reads
them beside the wordings.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ...core import audit
from ...core.i18n import lazy_gettext as _l
from ...core.rules import refuse_unless, valid_choice
from ...core.text import fold, storable
from ...core.translatable import LOCALES
from ...extensions import db
from ..models import Rumour, RumourKeyPhrase
from .catalogue import bump_match_version

MAX_PHRASE = 120


def key_phrases_of(rumour_id: int) -> dict[str, list[RumourKeyPhrase]]:
    """A rumour's key phrases by language (every language present, maybe empty)."""
    by_locale: dict[str, list[RumourKeyPhrase]] = {locale: [] for locale in LOCALES}
    for row in db.session.scalars(select(RumourKeyPhrase)
                                  .where(RumourKeyPhrase.rumour_id == rumour_id)
                                  .order_by(RumourKeyPhrase.phrase, RumourKeyPhrase.id)):
        by_locale[row.locale].append(row)
    return by_locale


def add_key_phrase(rumour: Rumour, *, locale: str, phrase: str, actor: Any) -> RumourKeyPhrase:
    """Add a phrase in one language; an empty one or one already listed is refused."""
    valid_choice(locale, LOCALES, "locale")
    phrase = " ".join(storable(phrase or "").split())
    folded = fold(phrase)
    refuse_unless(folded, _l("Enter a phrase made of words."), "phrase")
    refuse_unless(len(phrase) <= MAX_PHRASE,
                  _l("Keep the phrase under %(n)s characters.", n=MAX_PHRASE), "phrase")
    taken = db.session.scalar(select(RumourKeyPhrase.id).where(
        RumourKeyPhrase.rumour_id == rumour.id, RumourKeyPhrase.locale == locale,
        RumourKeyPhrase.folded == folded[:MAX_PHRASE]))
    refuse_unless(taken is None, _l("This phrase is already listed in this language."),
                  "phrase")
    row = RumourKeyPhrase(rumour_id=rumour.id, locale=locale, phrase=phrase,
                          folded=folded[:MAX_PHRASE])
    db.session.add(row)
    db.session.flush()
    bump_match_version()
    audit.record(actor, "rumour.key_phrase.add", rumour, locale=locale, phrase=phrase)
    return row


def remove_key_phrase(row: RumourKeyPhrase, *, actor: Any) -> None:
    rumour_id, locale, phrase = row.rumour_id, row.locale, row.phrase
    db.session.delete(row)
    db.session.flush()
    bump_match_version()
    audit.record(actor, "rumour.key_phrase.remove", entity_type="rumour", entity_id=rumour_id,
                 locale=locale, phrase=phrase)
