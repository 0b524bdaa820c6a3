"""Small helpers for views: reading list parameters and redirect targets."""

from __future__ import annotations

from flask import current_app, redirect, request, url_for

from .security import is_safe_next


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
