"""The network of partner organisations, their ties, the support group and network analytics."""

from flask import Blueprint

bp = Blueprint("network", __name__, url_prefix="/network", template_folder="templates",
               static_folder="static", static_url_path="/static")
