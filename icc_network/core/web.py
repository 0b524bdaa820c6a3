"""Small helpers for views: reading ids, list parameters and redirect targets."""

from __future__ import annotations

from typing import Any

from flask import current_app, redirect, request, url_for

from .security import is_safe_next

# The smallest integer column of the engines the product runs on (PostgreSQL's INTEGER).
MAX_ID = 2**31 - 1


def to_int(value: Any) -> int | None:
    """An id or count typed in a URL or a form, or None when it is not one.

    Only ASCII digits count ("²" passes str.isdigit() but is no number), and
    values beyond what the database stores are refused rather than sent to it.
    """
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def page_number() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


def page_size() -> int:
    size = request.args.get("per_page", current_app.config["PAGE_SIZE"], type=int)
    return min(max(1, size or 1), current_app.config["MAX_PAGE_SIZE"])


def redirect_back(default_endpoint: str = "core.home", field: str = "next"):
    target = request.form.get(field) or request.args.get(field)
    if is_safe_next(target):
        return redirect(target)
    return redirect(url_for(default_endpoint))


def args_without(*names: str) -> dict:
    """The current query arguments minus ``names`` (to build pager and sort links)."""
    return {k: v for k, v in request.args.items() if k not in names}
