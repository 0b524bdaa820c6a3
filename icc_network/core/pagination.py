"""Pagination of list pages: two queries (count and one page), whatever the size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from ..extensions import db


@dataclass
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_index(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)

    def iter_pages(self, edge: int = 1, around: int = 2) -> Iterator[int | None]:
        """Page numbers to link, with None where a gap is shown (never walks every page)."""
        wanted = sorted({*range(1, min(edge, self.pages) + 1),
                         *range(max(1, self.page - around), min(self.pages, self.page + around) + 1),
                         *range(max(1, self.pages - edge + 1), self.pages + 1)})
        last = 0
        for number in wanted:
            if last and number - last > 1:
                yield None
            yield number
            last = number


def paginate(query: Select, page: int, per_page: int, *, scalars: bool = True) -> Page:
    """One page of ``query`` (already ordered) and the total row count."""
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    pages = max(1, -(-(total or 0) // per_page))
    page = min(max(1, page), pages)
    limited = query.limit(per_page).offset((page - 1) * per_page)
    result = db.session.execute(limited)
    items = list(result.scalars().unique()) if scalars else list(result.unique())
    return Page(items=items, page=page, per_page=per_page, total=total or 0)
