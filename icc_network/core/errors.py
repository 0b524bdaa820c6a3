"""Error pages in the user's language (and JSON for API clients)."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, SecurityError

from ..extensions import db
from .i18n import lazy_gettext as _l

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Check what you entered and try again.")),
    403: (_l("Access denied"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist or has been removed.")),
    405: (_l("Method not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("File too large"), None),  # the message names the limit, see render_error
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Wait a few minutes and try again.")),
    500: (_l("Something went wrong"), _l("An unexpected error occurred. It has been logged; please try again later.")),
}
CSRF_MESSAGE = _l(
    "The form was not accepted because its security token is missing or has expired. "
    "Reload the page and submit the form again."
)


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.path.endswith(".json") or best == "application/json"


def render_error(code: int, detail=None):
    title, message = MESSAGES.get(code, MESSAGES[500])
    if code == 413:
        message = _l(
            "What you sent is larger than the %(mb)d MB allowed.",
            mb=int((request.max_content_length or 0) / (1024 * 1024)),
        )
    message = detail or message
    if wants_json():
        return jsonify(error=str(title), message=str(message)), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, CSRF_MESSAGE)

    @app.errorhandler(SecurityError)
    def untrusted_host(error):
        # A Host outside TRUSTED_HOSTS: no link can be built for it, so no page with links.
        title, message = MESSAGES[400]
        return Response(f"{title}\n\n{message}\n", 400, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.response is not None:  # a redirect or response raised through abort()
            return error.response
        if error.code in MESSAGES:
            return render_error(error.code)
        return error

    @app.errorhandler(InternalServerError)
    def server_error(error):
        db.session.rollback()
        log.error("Unhandled error on %s %s", request.method, request.path,
                  exc_info=getattr(error, "original_exception", None))
        return render_error(500)
