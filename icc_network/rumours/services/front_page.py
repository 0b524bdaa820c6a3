"""The catalogue's front page for the public: the themes with how many answered rumours
each has, and the rumours heard most with their opening answer. The same figures suggest
what to try when a search of the catalogue finds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from ...extensions import db
from ..models import CounterArgument, Rumour, Theme
from .arguments import catalogue_query, lead_facts

# Enough to show what the catalogue answers without making the page long on a phone.
MOST_HEARD = 5


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    count: int


@dataclass(frozen=True)
class Answered:
    rumour: Rumour
    answer: CounterArgument


@dataclass
class FrontPage:
    themes: list[ThemeCount] = field(default_factory=list)
    most_heard: list[Answered] = field(default_factory=list)
    unthemed: int = 0

    @property
    def total(self) -> int:
        """Published answered rumours, those without a theme included."""
        return sum(t.count for t in self.themes) + self.unthemed


def theme_counts() -> tuple[list[ThemeCount], int]:
    """Each active theme that has published answered rumours, with their number (one query),
    in the themes' order; and the number of such rumours without a theme."""
    published = catalogue_query().order_by(None).subquery()
    rows = db.session.execute(
        select(published.c.theme_id, func.count()).group_by(published.c.theme_id)).all()
    counts = {theme_id: int(n) for theme_id, n in rows}
    themes = db.session.scalars(
        select(Theme).where(Theme.id.in_([t for t in counts if t is not None]),
                            Theme.active.is_(True))
        .order_by(Theme.position, Theme.id)) if any(t is not None for t in counts) else []
    return [ThemeCount(theme, counts[theme.id]) for theme in themes], counts.get(None, 0)


def most_heard(limit: int = MOST_HEARD) -> list[Answered]:
    """The published rumours heard most, each with the fact its answer opens with."""
    rumours = list(db.session.scalars(catalogue_query().limit(limit)))
    facts = lead_facts([r.id for r in rumours])
    return [Answered(r, facts[r.id]) for r in rumours if r.id in facts]


def front_page() -> FrontPage:
    themes, unthemed = theme_counts()
    return FrontPage(themes=themes, most_heard=most_heard(), unthemed=unthemed)
