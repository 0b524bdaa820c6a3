"""Rumours: the catalogue, sightings, counter-arguments, the kit and the public catalogue."""

from flask import Blueprint

bp = Blueprint("rumours", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static/rumours")
