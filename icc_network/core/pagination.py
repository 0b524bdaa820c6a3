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


# Beyond this many rows a keyset page says "more than": counting a long log or register
# whole on every view would cost more than the page.
COUNT_CAP = 10_000


@dataclass
class KeysetPage:
    """One page of a list read by key, newest first: no OFFSET and no full count."""

    items: list[Any]
    total: int  # rows matching, up to ``COUNT_CAP``
    capped: bool  # more than ``total`` match
    newer: int | None  # key of the first row shown, when newer rows exist
    older: int | None  # key of the last row shown, when older rows exist


def keyset_paginate(query: Select, key: Any, per_page: int, *, older_than: int | None = None,
                    newer_than: int | None = None) -> KeysetPage:
    """One page of ``query`` (not ordered) by its unique integer ``key``, highest first: the
    rows below ``older_than``, or those just above ``newer_than``. A page deep into the list
    costs what the first one costs."""
    query = query.order_by(None)
    counted = db.session.scalar(select(func.count()).select_from(
        query.with_only_columns(key).limit(COUNT_CAP + 1).subquery())) or 0
    if newer_than is not None:
        rows = list(db.session.scalars(query.where(key > newer_than).order_by(key.asc())
                                       .limit(per_page + 1)).unique())
        more_newer, more_older = len(rows) > per_page, True
        rows = list(reversed(rows[:per_page]))
    else:
        if older_than is not None:
            query = query.where(key < older_than)
        rows = list(db.session.scalars(query.order_by(key.desc()).limit(per_page + 1)).unique())
        more_older, more_newer = len(rows) > per_page, older_than is not None
        rows = rows[:per_page]

    def key_of(row: Any) -> int:
        return getattr(row, key.key)

    return KeysetPage(items=rows, total=min(counted, COUNT_CAP), capped=counted > COUNT_CAP,
                      newer=key_of(rows[0]) if rows and more_newer else None,
                      older=key_of(rows[-1]) if rows and more_older else None)
