"""Anti-rumour agents and staff in training: the register, programmes, sessions and
attendance, certificates, and the conversations agents hold in the field."""

from flask import Blueprint

bp = Blueprint("agents", __name__, url_prefix="/agents", template_folder="templates",
               static_folder="static", static_url_path="/static")
