"""Small helpers for views: reading list parameters and redirect targets."""

from __future__ import annotations

from flask import current_app, redirect, request, url_for
from werkzeug.routing import IntegerConverter

from .security import is_safe_next
from .text import MAX_ID, to_int


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: ASCII digits only, and no larger than the database stores,
    so an id out of range is a 404, never an error from the database."""

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = MAX_ID, signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def search_text(name: str = "q", limit: int = 200) -> str:
    """What a list page's search box holds, bounded: a longer text matches nothing more and
    makes a LIKE pattern that SQLite refuses to run."""
    return (request.args.get(name) or "").strip()[:limit]


def page_number() -> int:
    return max(1, to_int(request.args.get("page")) or 1)


def page_size() -> int:
    size = to_int(request.args.get("per_page")) or current_app.config["PAGE_SIZE"]
    return min(max(1, size or 1), current_app.config["MAX_PAGE_SIZE"])


def redirect_back(default_endpoint: str = "core.home", field: str = "next"):
    target = request.form.get(field) or request.args.get(field)
    if is_safe_next(target):
        return redirect(target)
    return redirect(url_for(default_endpoint))


def args_without(*names: str) -> dict:
    """The current query arguments minus ``names`` (to build pager and sort links)."""
    return {k: v for k, v in request.args.items() if k not in names}
