"""The key phrases of a rumour, in French and English (coordinators)."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.forms import ConfirmForm
from ...core.permissions import require
from ...core.transactions import commit_or_refuse, run_confirmed
from ...extensions import db
from .. import bp
from ..forms import KeyPhraseForm
from ..models import RumourKeyPhrase
from ..services.key_phrases import add_key_phrase, key_phrases_of, remove_key_phrase
from ..vocab import PHRASE_LANGUAGES
from .support import load_rumour


@bp.route("/rumours/<int:rumour_id>/key-phrases", methods=["GET", "POST"])
@require("rumours.manage")
def key_phrases(rumour_id: int):
    rumour = load_rumour(rumour_id)
    form = KeyPhraseForm(locale="en" if rumour.wording.get("fr") else "fr")
    if form.validate_on_submit():
        added = commit_or_refuse(
            lambda: add_key_phrase(rumour, locale=form.locale.data, phrase=form.phrase.data,
                                   actor=current_user),
            form=form, success=_("The key phrase has been added."))
        if added:
            return redirect(url_for("rumours.key_phrases", rumour_id=rumour_id))
    return render_template("rumours/key_phrases.html", rumour=rumour, form=form,
                           phrases=key_phrases_of(rumour_id), remove_form=ConfirmForm(),
                           PHRASE_LANGUAGES=PHRASE_LANGUAGES)


@bp.post("/rumours/<int:rumour_id>/key-phrases/<int:phrase_id>/remove")
@require("rumours.manage")
def key_phrase_remove(rumour_id: int, phrase_id: int):
    row = db.session.get(RumourKeyPhrase, phrase_id)
    if row is None or row.rumour_id != rumour_id:
        abort(404)
    run_confirmed(lambda: remove_key_phrase(row, actor=current_user),
                  _("The key phrase has been removed."))
    return redirect(url_for("rumours.key_phrases", rumour_id=rumour_id))
