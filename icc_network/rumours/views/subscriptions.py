"""Other cities' feeds: the allowed addresses (administrators), the subscriptions and the
source cities' changes to decide (coordinators)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.forms import ConfirmForm
from ...core.pagination import paginate
from ...core.permissions import require
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import page_number, page_size
from ...extensions import db
from .. import bp
from ..forms import AllowedFeedForm, SubscriptionForm, SubscriptionLanguageForm
from ..models import AllowedFeed, FeedSubscription, FeedUpdate
from ..services import feed_updates
from ..services import subscriptions as service
from ..vocab import FEED_CHANGES


@bp.route("/feeds", methods=["GET", "POST"])
@require("feeds.subscribe")
def subscriptions():
    form = SubscriptionForm()
    if form.validate_on_submit():
        done = commit_or_refuse(
            lambda: service.subscribe(form.url.data, form.language.data or None,
                                      actor=current_user),
            form=form, success=_("Subscribed: the feed is read every day; read it now to "
                                 "bring its claims in."))
        if done:
            return redirect(url_for("rumours.subscription", subscription_id=done.value.id))
    page = paginate(service.subscriptions_query(), page_number(), page_size())
    return render_template("rumours/subscriptions.html", form=form, page=page,
                           pending=feed_updates.pending_counts(),
                           error_message=service.error_message, allowed=db.session.scalars(service.allowed_feeds_query().limit(50)).all())


@bp.route("/feeds/<int:subscription_id>", methods=["GET", "POST"])
@require("feeds.subscribe")
def subscription(subscription_id: int):
    subscription = db.get_or_404(FeedSubscription, subscription_id)
    form = SubscriptionLanguageForm(language=subscription.language or "")
    if form.validate_on_submit():
        done = commit_or_refuse(
            lambda: service.set_language(subscription, form.language.data or None,
                                         actor=current_user),
            form=form, success=_("The feed's language has been saved."))
        if done:
            return redirect(url_for("rumours.subscription", subscription_id=subscription_id))
    page = paginate(feed_updates.pending_query(subscription_id), page_number(), page_size())
    return render_template("rumours/subscription.html", subscription=subscription, form=form,
                           page=page, confirm=ConfirmForm(), FEED_CHANGES=FEED_CHANGES,
                           error=service.error_message(subscription))


@bp.post("/feeds/<int:subscription_id>/fetch")
@require("feeds.subscribe")
def subscription_fetch(subscription_id: int):
    """Read the feed now, instead of waiting for the night."""
    subscription = db.get_or_404(FeedSubscription, subscription_id)
    done = run_confirmed(lambda: service.refresh(subscription, actor=current_user))
    if done and done.value.failed:
        flash(service.error_message(subscription), "danger")
    elif done:
        flash(_("Feed read: %(added)s new arguments as drafts, %(proposed)s updates to decide.",
                added=done.value.added, proposed=done.value.proposed), "success")
    return redirect(url_for("rumours.subscription", subscription_id=subscription_id))


@bp.post("/feeds/<int:subscription_id>/remove")
@require("feeds.subscribe")
def subscription_remove(subscription_id: int):
    subscription = db.get_or_404(FeedSubscription, subscription_id)
    done = run_confirmed(lambda: service.unsubscribe(subscription, actor=current_user),
                         _("The subscription has ended; what it brought in stays."))
    if not done:
        return redirect(url_for("rumours.subscription", subscription_id=subscription_id))
    return redirect(url_for("rumours.subscriptions"))


@bp.post("/feeds/updates/<int:update_id>/<any(accept, reject):decision>")
@require("feeds.subscribe")
def feed_update_decide(update_id: int, decision: str):
    update = db.get_or_404(FeedUpdate, update_id)
    subscription_id = feed_updates.subscription_of(update)
    if decision == "accept":
        run_confirmed(lambda: feed_updates.accept(update, actor=current_user),
                      _("The source city's change has been applied."))
    else:
        run_confirmed(lambda: feed_updates.reject(update, actor=current_user),
                      _("The change has been rejected; it will not be proposed again."))
    return redirect(url_for("rumours.subscription", subscription_id=subscription_id))


@bp.route("/feeds/allowed", methods=["GET", "POST"])
@require("feeds.allow")
def allowed_feeds():
    form = AllowedFeedForm()
    if form.validate_on_submit():
        done = commit_or_refuse(
            lambda: service.allow_feed(form.url.data, form.address.data or "",
                                       actor=current_user),
            form=form, success=_("The address has been allowed."))
        if done:
            return redirect(url_for("rumours.allowed_feeds"))
    page = paginate(service.allowed_feeds_query(), page_number(), page_size())
    return render_template("rumours/allowed_feeds.html", form=form, page=page,
                           confirm=ConfirmForm())


@bp.post("/feeds/allowed/<int:allowed_id>/remove")
@require("feeds.allow")
def allowed_feed_remove(allowed_id: int):
    allowed = db.get_or_404(AllowedFeed, allowed_id)
    run_confirmed(lambda: service.forbid_feed(allowed, actor=current_user),
                  _("The address has been taken off the list."))
    return redirect(url_for("rumours.allowed_feeds"))
