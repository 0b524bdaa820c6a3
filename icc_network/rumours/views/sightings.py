"""Reporting sightings (everyone signed in, built for a phone)."""

from __future__ import annotations

from flask import jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.clock import today
from ...core.forms import choices
from ...core.i18n import localised
from ...core.permissions import require
from ...core.services import district_choices
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from ...core.web import search_text
from ...extensions import db
from .. import bp
from ..forms import SightingForm
from ..models import Rumour
from ..services import hateful
from ..services.catalogue import surviving
from ..services.matching import suggest as suggest_rumours
from ..services.sightings import SightingInput, may_pick, record_sighting

NEW = "new"


@bp.route("/sightings/new", methods=["GET", "POST"])
@require("sightings.report")
def sighting_new():
    form = SightingForm(seen_on=today(), language=current_user.locale,
                        rumour=request.args.get("rumour", ""))
    form.district_id.choices = choices([("", _("Online or unknown")), *district_choices()])
    chosen = _chosen_rumour(form.rumour.data, form.heard.data)
    suggestions = []
    if form.validate_on_submit():
        if chosen is None and form.rumour.data != NEW:
            suggestions = _suggestions(form.heard.data)
            form.form_errors.append(
                _("Choose the rumour you heard among those offered, or propose it as a new one.")
                if suggestions else
                _("No known rumour looks like this one. Confirm to propose it as a new rumour."))
        else:
            response = _record(form, chosen)
            if response is not None:
                return response
    elif request.method == "POST" and form.heard.data:
        suggestions = _suggestions(form.heard.data)
    return render_template("rumours/sighting_form.html", form=form, chosen=chosen,
                           suggestions=suggestions, new_choice=NEW)


def _suggestions(text: str):
    return suggest_rumours(text, reveal_withheld=hateful.reveals(current_user))


def _chosen_rumour(value: str | None, heard: str | None) -> Rumour | None:
    """The rumour named by the form or the link, as this reporter may see it (an old link to a
    merged rumour leads to the one that absorbed it)."""
    rumour_id = to_int(value)
    rumour = surviving(db.session.get(Rumour, rumour_id)) if rumour_id else None
    return rumour if rumour is not None and may_pick(current_user, rumour, heard or "") else None


def _record(form: SightingForm, chosen: Rumour | None):
    data = SightingInput(
        seen_on=form.seen_on.data, district_id=to_int(form.district_id.data),
        sphere=form.sphere.data, channel=form.channel.data, people_count=form.people_count.data,
        language=form.language.data, venue=form.venue.data or "",
        verbatim=form.verbatim.data or "", hateful=form.hateful.data)
    recorded = commit_or_refuse(
        lambda: record_sighting(data, reporter=current_user,
                                rumour_id=chosen.id if chosen else None,
                                new_wording=form.heard.data),
        form=form,
        success=lambda sighting: " ".join((
            _("Thank you: your sighting has been recorded.") if chosen else
            _("Thank you: the rumour has been recorded for the coordinators to examine."),
            _("Its reference is « %(ref)s »: follow it under “My reports”.",
              ref=sighting.reference))))
    return redirect(url_for("rumours.sighting_new")) if recorded else None


@bp.get("/sightings/suggest.json")
@require("sightings.report")
def suggest():
    """Known rumours like what is being typed (the form calls it while the reporter types)."""
    text = search_text(limit=500)
    return jsonify(suggestions=[
        {"id": s.rumour_id, "wording": localised(s.wording).text, "score": s.score,
         "untriaged": s.untriaged}
        for s in _suggestions(text)])
