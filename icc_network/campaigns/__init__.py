"""Awareness campaigns: campaigns and the partners who join them, activities and their
calendars, reminders, iCalendar feeds and the campaign summary."""

from flask import Blueprint

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns", template_folder="templates",
               static_folder="static", static_url_path="/static")
