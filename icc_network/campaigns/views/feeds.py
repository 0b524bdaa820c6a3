"""Calendar feeds: the page where a person makes, replaces or revokes the private address
of their feed; the feeds themselves; a campaign's calendar as a download."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ...core.forms import ConfirmForm
from ...core.i18n import current_language
from ...core.links import public_url_for
from ...core.permissions import can, require
from ...core.transactions import commit, run_confirmed
from ...core.translatable import localise
from .. import bp
from ..services import feeds


@bp.get("/my-calendar-feed")
@require("calendar.feed")
def my_feed():
    return _feed_page(token=None)


@bp.post("/my-calendar-feed/new")
@require("calendar.feed")
def my_feed_create():
    """A new address, shown once in the answer to this request and never again (only its
    hash is kept). Sent twice, the second address replaces the first, which is the one
    the browser shows: no one-time key is needed."""
    outcome = run_confirmed(lambda: feeds.create_feed(current_user._get_current_object()))
    if not outcome:
        return redirect(url_for("campaigns.my_feed"))
    _feed, token = outcome.value
    response = make_response(_feed_page(token=token))
    response.headers["Cache-Control"] = "no-store"  # the secret stays out of every cache
    return response


@bp.post("/my-calendar-feed/revoke")
@require("calendar.feed")
def my_feed_revoke():
    run_confirmed(lambda: feeds.revoke_feed(current_user._get_current_object()),
                  _("The address of your calendar feed no longer works."))
    return redirect(url_for("campaigns.my_feed"))


def _feed_page(token: str | None):
    user = current_user._get_current_object()
    address = public_url_for("campaigns.feed", token=token) if token else None
    return render_template(
        "campaigns/feed.html", feed=feeds.active_feed(user.id), address=address,
        # One campaign's feed: the same address with /campaign/<number>.ics for its end.
        campaign_address=address.removesuffix(".ics") + "/campaign/" if address else None,
        reads_campaigns=can(user, "campaigns.view"), form=ConfirmForm())


# --- the feeds: the secret in the address is the permission ------------------------------
# No @require: calendar applications fetch without signing in. Whoever holds the address
# reads the feed of its owner, as the owner may see it; any other address is not found.


@bp.get("/feeds/<token>.ics")
def feed(token: str):
    feed_row, owner = feeds.feed_by_token(token) or abort(404)
    locale = _locale_of(owner)
    result = feeds.build_feed(feeds.user_scope(owner), locale=locale,
                              name=_("Anti-rumour activities – %(name)s", name=owner.name))
    return _fetched(feed_row, _calendar_response(result, "activities.ics", attachment=False))


@bp.get("/feeds/<token>/campaign/<int:campaign_id>.ics")
def feed_campaign(token: str, campaign_id: int):
    feed_row, owner = feeds.feed_by_token(token) or abort(404)
    campaign = feeds.load_campaign(campaign_id) or abort(404)
    scope = feeds.campaign_scope(owner, campaign)
    if scope is None:
        abort(404)
    locale = _locale_of(owner)
    result = feeds.build_feed(scope, locale=locale, name=_campaign_name(campaign, locale))
    return _fetched(feed_row, _calendar_response(result, f"campaign-{campaign.id}.ics",
                                                 attachment=False))


@bp.get("/<int:campaign_id>/activities.ics")
@require("campaigns.view")
def campaign_ics(campaign_id: int):
    campaign = feeds.load_campaign(campaign_id) or abort(404)
    if not feeds.may_view_campaign(current_user, campaign):
        abort(404)
    locale = current_language()
    result = feeds.build_feed(feeds.campaign_scope(current_user, campaign), locale=locale,
                              name=_campaign_name(campaign, locale))
    return _calendar_response(result, f"campaign-{campaign.id}.ics", attachment=True)


def _locale_of(owner) -> str:
    """The feed speaks its owner's language, whoever fetches it."""
    languages = current_app.config["LANGUAGES"]
    return owner.locale if owner.locale in languages else current_app.config[
        "BABEL_DEFAULT_LOCALE"]


def _campaign_name(campaign, locale: str) -> str:
    return localise(campaign.title, locale, current_app.config["BABEL_DEFAULT_LOCALE"]).text


def _calendar_response(result: feeds.Feed, filename: str, *, attachment: bool) -> Response:
    """The calendar, or 304 when the client already has this very version."""
    if result.etag in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(result.body())
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'{"attachment" if attachment else "inline"}; filename="{filename}"')
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    response.set_etag(result.etag)
    return response


def _fetched(feed_row, response: Response) -> Response:
    """Note the fetch (at most once an hour) once the answer is written."""
    if feeds.note_fetch(feed_row):
        commit()
    return response
