"""What respondents answered, counted per wave and statement, from their rows or from the
totals entered for the wave."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from ...extensions import db
from ..models import SurveyAnswer, SurveyRespondent, SurveyWaveTotal


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
    """Answers per (wave, statement): respondents' rows where the wave has them, else the
    totals entered for it. Two queries whatever the number of waves."""
    waves, statements = list(wave_ids), list(statement_ids)
    if not waves or not statements:
        return {}
    tallies: dict[tuple[int, int], dict[str, int]] = {}
    rows = db.session.execute(
        select(SurveyRespondent.wave_id, SurveyAnswer.statement_id, SurveyAnswer.answer,
               func.count())
        .join(SurveyRespondent, SurveyRespondent.id == SurveyAnswer.respondent_id)
        .where(SurveyRespondent.wave_id.in_(waves), SurveyAnswer.statement_id.in_(statements))
        .group_by(SurveyRespondent.wave_id, SurveyAnswer.statement_id, SurveyAnswer.answer))
    for wave_id, statement_id, answer, count in rows:
        tallies.setdefault((wave_id, statement_id), {})[answer] = count
    counts = {key: Counts(**tally) for key, tally in tallies.items()}
    for total in db.session.scalars(select(SurveyWaveTotal).where(
            SurveyWaveTotal.wave_id.in_(waves), SurveyWaveTotal.statement_id.in_(statements))):
        counts.setdefault((total.wave_id, total.statement_id),
                          Counts(total.agree, total.disagree, total.dont_know))
    return counts
