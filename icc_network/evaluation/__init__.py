"""Evaluation: perception surveys, results-based accountability (results, programmes and
their measures, computed from the records), turn-the-curve worksheets, the annual report
and the open data of published measures."""

from flask import Blueprint

bp = Blueprint("evaluation", __name__, url_prefix="/evaluation", template_folder="templates",
               static_folder="static", static_url_path="/static")
