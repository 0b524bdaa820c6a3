"""Open data: the published measures, with their definitions, on a public page and as
CSV and JSON downloads."""

from __future__ import annotations

from flask import Response, current_app, jsonify, render_template
from flask_login import current_user

from ...core.calendar import city_today
from ...core.exports import csv_response
from ...core.http_cache import public_page
from ...core.i18n import current_language
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.web import page_number
from .. import bp
from ..services import open_data
from .accountability import vocabularies

MEASURES_PER_PAGE = 20
# Figures change once a day at most (the measures job): caches may keep the files an hour.
CACHE_SECONDS = 3600


def _cached(response):
    """The downloads: the same for every reader of a language."""
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.vary.add("Cookie")  # the language follows the visitor's choice
    return response


def _published(measures=None):
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if measures is None:
        return open_data.all_published(current_language(), default, city_today())
    return open_data.published(measures, current_language(), default, city_today())


@bp.get("/open-data", endpoint="open_data")
@require("open_data.view")
def open_data_page():
    page = paginate(open_data.published_query(), page_number(), MEASURES_PER_PAGE)
    response = Response(render_template("evaluation/open_data.html", page=page,
                                        items=_published(page.items), **vocabularies()))
    # The page carries the visitor's form token (the language switcher): no shared cache
    # may keep it; a visitor's browser asks again and gets 304 while nothing changed.
    if current_user.is_authenticated:
        return response
    return public_page(response, per_language=True)


@bp.get("/open-data/measures.csv", endpoint="open_data_csv")
@require("open_data.view")
def open_data_csv():
    rows = list(open_data.csv_rows(_published()))
    return _cached(csv_response(open_data.CSV_HEADERS, rows, "measures"))


@bp.get("/open-data/measures.json", endpoint="open_data_json")
@require("open_data.view")
def open_data_json():
    return _cached(jsonify(open_data.json_document(_published(), current_language())))
