"""Suggest known rumours for what a reporter typed, in either language.

A report is compared with every rumour's wordings (FR and EN) and with the key phrases
coordinators keep for it in both languages. Both sides are normalised the same way: case,
accents and punctuation folded (core.text.fold), the domain's frequent words replaced by
their concept (vocab.GLOSSARY: "mosquées" and "mosques" are both "mosque") and the empty
words of either language dropped (vocab.STOPWORDS). Rumours still waiting for triage are
offered too, marked, so a second report of the same new rumour joins the first.

Each app server keeps the normalised texts in memory; one cheap query per suggestion
reads the catalogue's version counter, and the copy is rebuilt only when a rumour was
added, reworded, given key phrases or changed status (on any server).

A rumour worded by a report marked hateful and not yet triaged is offered only to those
who may read hateful words (``reveal_withheld``): anyone else would read its words.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select

from ...core.text import fold
from ...extensions import db
from ..models import MatchIndexVersion, Rumour, RumourKeyPhrase
from ..vocab import GLOSSARY, OFFERED_TO_REPORTERS, STOPWORDS

MIN_QUERY_LENGTH = 3
SCORE_CUTOFF = 55

_CONCEPT_OF = {fold(word): concept for concept, words in GLOSSARY.items() for word in words}
# Longest first, so "logements sociaux" becomes one concept before "logements" is read.
_ALTERNATIVES = "|".join(re.escape(word) for word in sorted(_CONCEPT_OF, key=len, reverse=True))
_GLOSSARY_WORDS = re.compile(rf"\b(?:{_ALTERNATIVES})\b")


def _meaningful(folded: str) -> str:
    return " ".join(word for word in folded.split() if word not in STOPWORDS)


def normalise(text: str) -> str:
    """``text`` as matching reads it: folded, glossary words as concepts, no empty words."""
    return _meaningful(_GLOSSARY_WORDS.sub(lambda found: _CONCEPT_OF[found.group(0)],
                                           fold(text)))


def _forms(text: str) -> tuple[str, str]:
    """The two forms compared: with the glossary's concepts (across languages) and with the
    words as typed (a misspelt "travai" is still close to "travail", not to "job")."""
    folded = fold(text)
    return normalise(folded), _meaningful(folded)


@dataclass(frozen=True)
class Suggestion:
    rumour_id: int
    wording: dict[str, str]
    score: float
    # Reported but not yet examined by a coordinator: shown as such to the reporter.
    untriaged: bool = False
    # Worded by a hateful report, not yet triaged: never offered to those who may not read it.
    withheld: bool = False


class _MatchIndex:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        # wordings and key phrases, each in its two forms (bridged, as typed)
        self.choices: tuple[list[str], list[str]] = ([], [])
        self.owners: list[int] = []  # rumour id of each choice
        # wording, untriaged, withheld
        self.rumours: dict[int, tuple[dict[str, str], bool, bool]] = {}

    def refresh(self) -> None:
        version = db.session.scalar(
            select(MatchIndexVersion.version).where(MatchIndexVersion.id == 1)) or 0
        if version == self.version:
            return
        offered = (Rumour.status.in_(OFFERED_TO_REPORTERS), Rumour.merged_into_id.is_(None))
        bridged, plain, owners, rumours = [], [], [], {}
        for rumour_id, wording, status, withheld in db.session.execute(
                select(Rumour.id, Rumour.wording, Rumour.status, Rumour.wording_withheld)
                .where(*offered)):
            rumours[rumour_id] = (wording, status == "reported", bool(withheld))
            for text in wording.values():
                self._add(text, rumour_id, bridged, plain, owners)
        for rumour_id, phrase in db.session.execute(
                select(RumourKeyPhrase.rumour_id, RumourKeyPhrase.folded)
                .join(Rumour, Rumour.id == RumourKeyPhrase.rumour_id).where(*offered)):
            self._add(phrase, rumour_id, bridged, plain, owners)
        with self.lock:
            self.choices, self.owners, self.rumours = (bridged, plain), owners, rumours
            self.version = version

    @staticmethod
    def _add(text: str, rumour_id: int, bridged: list, plain: list, owners: list) -> None:
        concepts, words = _forms(text)
        bridged.append(concepts)
        plain.append(words)
        owners.append(rumour_id)

    def search(self, text: str, limit: int, reveal_withheld: bool) -> list[Suggestion]:
        if len(fold(text)) < MIN_QUERY_LENGTH:
            return []
        queries = _forms(text)
        if not queries[0] and not queries[1]:
            return []
        self.refresh()
        with self.lock:
            choices, owners, rumours = self.choices, self.owners, self.rumours
        best: dict[int, float] = {}
        for query, forms in zip(queries, choices, strict=True):
            # token_set_ratio copes with word order, extra words and a few typos, at a
            # fraction of WRatio's cost (a suggestion must answer while the reporter
            # types); a key phrase whose every word was typed scores 100.
            for _choice, score, index in process.extract(
                    query, forms, scorer=fuzz.token_set_ratio, processor=None,
                    limit=limit * 4, score_cutoff=SCORE_CUTOFF):
                owner = owners[index]
                if rumours[owner][2] and not reveal_withheld:
                    continue
                best[owner] = max(best.get(owner, 0), score)
        # Known rumours before untriaged ones at the same score: they have arguments to give.
        ranked = sorted(best.items(), key=lambda item: (-item[1], rumours[item[0]][1],
                                                        item[0]))[:limit]
        return [Suggestion(rumour_id, rumours[rumour_id][0], round(score, 1),
                           untriaged=rumours[rumour_id][1], withheld=rumours[rumour_id][2])
                for rumour_id, score in ranked]

    def forget(self) -> None:
        with self.lock:
            self.version = None


_INDEX = _MatchIndex()


def suggest(text: str, limit: int = 5, *, reveal_withheld: bool = False) -> list[Suggestion]:
    """Rumours reporters may pick that look like ``text``, best first; those worded by a
    hateful report still untriaged only when ``reveal_withheld`` (see services.hateful)."""
    return _INDEX.search(text, limit, reveal_withheld)


def offered(text: str, rumour_id: int, limit: int = 5) -> bool:
    """Whether ``rumour_id`` is among the rumours suggested for ``text``.

    A rumour waiting for triage is unchecked text: reporters who do not read the register
    may pick it only when it was offered for what they typed, never by its number alone.
    """
    return any(s.rumour_id == rumour_id for s in suggest(text, limit))


def forget_cache() -> None:
    """Drop this process's copy (tests that rebuild the database use it)."""
    _INDEX.forget()
