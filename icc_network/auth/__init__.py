"""Accounts, roles, login and logout, passwords, own-data export."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")
