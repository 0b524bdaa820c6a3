"""Suggest known rumours for what a reporter typed (fuzzy matching, FR and EN wordings).

Each app server keeps the wordings in memory; one cheap query per suggestion
reads the catalogue's version counter, and the copy is rebuilt only when a
rumour was added, reworded or changed status (on any server).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select

from ...core.text import fold
from ...extensions import db
from ..models import MatchIndexVersion, Rumour
from ..vocab import SUGGESTED

MIN_QUERY_LENGTH = 3
SCORE_CUTOFF = 55


@dataclass(frozen=True)
class Suggestion:
    rumour_id: int
    wording: dict[str, str]
    score: float


class _WordingIndex:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: int | None = None
        self.choices: list[str] = []  # processed wordings, one per rumour and language
        self.owners: list[int] = []  # rumour id of each choice
        self.wordings: dict[int, dict[str, str]] = {}

    def refresh(self) -> None:
        version = db.session.scalar(
            select(MatchIndexVersion.version).where(MatchIndexVersion.id == 1)) or 0
        if version == self.version:
            return
        rows = db.session.execute(select(Rumour.id, Rumour.wording)
                                  .where(Rumour.status.in_(SUGGESTED)))
        choices, owners, wordings = [], [], {}
        for rumour_id, wording in rows:
            wordings[rumour_id] = wording
            for text in wording.values():
                choices.append(fold(text))
                owners.append(rumour_id)
        with self.lock:
            self.choices, self.owners, self.wordings = choices, owners, wordings
            self.version = version

    def search(self, text: str, limit: int) -> list[Suggestion]:
        query = fold(text)
        if len(query) < MIN_QUERY_LENGTH:
            return []
        self.refresh()
        with self.lock:
            choices, owners, wordings = self.choices, self.owners, self.wordings
        # token_set_ratio copes with word order, extra words and a few typos, at a
        # fraction of WRatio's cost (a suggestion must answer while the reporter types).
        hits = process.extract(query, choices, scorer=fuzz.token_set_ratio, processor=None,
                               limit=limit * 3, score_cutoff=SCORE_CUTOFF)
        best: dict[int, float] = {}
        for _choice, score, index in hits:
            owner = owners[index]
            best[owner] = max(best.get(owner, 0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [Suggestion(rumour_id, wordings[rumour_id], round(score, 1))
                for rumour_id, score in ranked]

    def forget(self) -> None:
        with self.lock:
            self.version = None


_INDEX = _WordingIndex()


def suggest(text: str, limit: int = 5) -> list[Suggestion]:
    """Known rumours that look like ``text``, best first."""
    return _INDEX.search(text, limit)


def forget_cache() -> None:
    """Drop this process's copy (tests that rebuild the database use it)."""
    _INDEX.forget()
