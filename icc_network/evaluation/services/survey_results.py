"""What respondents answered, counted per wave and statement, from their rows or from the
totals entered for the wave; the share agreeing per wave, its change between two waves,
and breakdowns by respondent group with small cells suppressed. Grouped SQL counts only:
never a loop over respondents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select

from ...extensions import db
from ..models import (
    SurveyAnswer,
    SurveyRespondent,
    SurveyStatement,
    SurveyTally,
    SurveyWave,
    SurveyWaveTotal,
)
from ..vocab import SMALL_CELL
from .statistics import Interval, newcombe, verdict, wilson


@dataclass(frozen=True)
class Counts:
    agree: int = 0
    disagree: int = 0
    dont_know: int = 0

    @property
    def answered(self) -> int:
        """Everyone who answered, "don't know" included: the share agreeing is over them."""
        return self.agree + self.disagree + self.dont_know


def wave_counts(wave_ids: Iterable[int],
                statement_ids: Iterable[int]) -> dict[tuple[int, int], Counts]:
    """Answers per (wave, statement): respondents' rows (through their tallies) where the
    wave has them, else the totals entered for it. Two queries whatever the number of
    waves."""
    waves, statements = list(wave_ids), list(statement_ids)
    if not waves or not statements:
        return {}
    tallies: dict[tuple[int, int], dict[str, int]] = {}
    rows = db.session.execute(
        select(SurveyTally.wave_id, SurveyTally.statement_id, SurveyTally.answer,
               func.sum(SurveyTally.respondents))
        .where(SurveyTally.wave_id.in_(waves), SurveyTally.statement_id.in_(statements))
        .group_by(SurveyTally.wave_id, SurveyTally.statement_id, SurveyTally.answer))
    for wave_id, statement_id, answer, count in rows:
        tallies.setdefault((wave_id, statement_id), {})[answer] = int(count)
    counts = {key: Counts(**tally) for key, tally in tallies.items()}
    for total in db.session.scalars(select(SurveyWaveTotal).where(
            SurveyWaveTotal.wave_id.in_(waves), SurveyWaveTotal.statement_id.in_(statements))):
        counts.setdefault((total.wave_id, total.statement_id),
                          Counts(total.agree, total.disagree, total.dont_know))
    return counts


# --- results per statement and wave -----------------------------------------------------

@dataclass(frozen=True)
class WaveShare:
    """One wave's answers to one statement and the share agreeing (None: no answers)."""

    wave: SurveyWave
    counts: Counts | None
    share: Interval | None


@dataclass(frozen=True)
class Change:
    """The change of the share agreeing from ``earlier`` to ``later``."""

    earlier: WaveShare
    later: WaveShare
    interval: Interval | None
    verdict: str


@dataclass(frozen=True)
class StatementResult:
    statement: SurveyStatement
    shares: list[WaveShare]
    change: Change | None


def share_of(counts: Counts | None) -> Interval | None:
    return wilson(counts.agree, counts.answered) if counts is not None else None


def change_between(earlier: WaveShare, later: WaveShare) -> Change:
    interval = None
    if earlier.counts is not None and later.counts is not None:
        interval = newcombe(later.counts.agree, later.counts.answered,
                            earlier.counts.agree, earlier.counts.answered)
    return Change(earlier, later, interval, verdict(interval))


def statement_results(statements: list[SurveyStatement], waves: list[SurveyWave],
                      first_id: int | None = None,
                      second_id: int | None = None) -> list[StatementResult]:
    """Each statement's share per wave, and its change between the two waves chosen
    (by default the first and the last wave with answers to it). Two queries."""
    counts = wave_counts([w.id for w in waves], [s.id for s in statements])
    results = []
    for statement in statements:
        shares = [WaveShare(w, counts.get((w.id, statement.id)),
                            share_of(counts.get((w.id, statement.id)))) for w in waves]
        answered = [s for s in shares if s.share is not None]
        chosen = {s.wave.id: s for s in shares}
        earlier = chosen.get(first_id) if first_id else (answered[0] if answered else None)
        later = chosen.get(second_id) if second_id else (answered[-1] if answered else None)
        change = None
        if earlier is not None and later is not None and earlier.wave.id != later.wave.id:
            change = change_between(earlier, later)
        results.append(StatementResult(statement, shares, change))
    return results


# --- breakdowns, with small cells suppressed ---------------------------------------------

BREAKDOWNS = {
    "district": SurveyTally.district_id,
    "age_band": SurveyTally.age_band,
    "gender": SurveyTally.gender,
}


@dataclass(frozen=True)
class Cell:
    """One group of a breakdown; ``hidden`` cells show neither count nor share."""

    key: Any
    counts: Counts | None
    share: Interval | None
    hidden: bool


def suppress(cells: dict[Any, Counts], small: int = SMALL_CELL) -> list[Cell]:
    """The cells of one breakdown, largest first, those with fewer than ``small``
    respondents hidden. When exactly one cell is hidden, the next smallest is hidden too,
    so that it cannot be worked out from the total by subtraction."""
    ordered = sorted(cells.items(), key=lambda item: (-item[1].answered, str(item[0])))
    hidden = {key for key, counts in ordered if counts.answered < small}
    if len(hidden) == 1:
        shown = [key for key, _counts in ordered if key not in hidden]
        if shown:
            hidden.add(shown[-1])
    return [Cell(key, None, None, True) if key in hidden
            else Cell(key, counts, share_of(counts), False) for key, counts in ordered]


def breakdowns(wave_id: int, statement_ids: list[int]) -> dict[str, dict[int, list[Cell]]]:
    """Each statement's answers in one wave by district, age band and gender, suppressed:
    the wave's tallies (a row per group and answer) added up per dimension. Respondents
    who did not say fall in the group ``None``."""
    if not statement_ids:
        return {}
    tallies: dict[str, dict[int, dict[Any, dict[str, int]]]] = {d: {} for d in BREAKDOWNS}
    rows = db.session.execute(
        select(SurveyTally.statement_id, *BREAKDOWNS.values(), SurveyTally.answer,
               SurveyTally.respondents)
        .where(SurveyTally.wave_id == wave_id, SurveyTally.statement_id.in_(statement_ids)))
    for statement_id, *groups, answer, count in rows:
        for dimension, key in zip(BREAKDOWNS, groups, strict=True):
            tally = tallies[dimension].setdefault(statement_id, {}).setdefault(key, {})
            tally[answer] = tally.get(answer, 0) + count
    return {dimension: {statement_id: suppress({key: Counts(**tally)
                                                for key, tally in groups.items()})
                        for statement_id, groups in by_statement.items()}
            for dimension, by_statement in tallies.items()}


def refresh_tallies(wave_id: int) -> None:
    """Count the wave's answers again per statement, group and answer (after an import):
    one DELETE and one INSERT ... SELECT, in the caller's transaction."""
    db.session.execute(delete(SurveyTally).where(SurveyTally.wave_id == wave_id))
    groups = (SurveyAnswer.statement_id, SurveyRespondent.district_id,
              SurveyRespondent.age_band, SurveyRespondent.gender, SurveyAnswer.answer)
    counted = (select(SurveyRespondent.wave_id, *groups, func.count())
               .join(SurveyRespondent, SurveyRespondent.id == SurveyAnswer.respondent_id)
               .where(SurveyRespondent.wave_id == wave_id)
               .group_by(SurveyRespondent.wave_id, *groups))
    db.session.execute(insert(SurveyTally).from_select(
        ["wave_id", "statement_id", "district_id", "age_band", "gender", "answer",
         "respondents"], counted))
