"""A forgotten password: ask for a link by e-mail, then choose a new password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.mail import mail_enabled
from ...core.transactions import commit, commit_or_refuse
from .. import bp
from ..forms import PasswordForgottenForm, PasswordResetForm
from ..services import password_reset as resets

# The link's token must not travel further, even within the site.
NO_REFERRER = {"Referrer-Policy": "no-referrer"}


@bp.route("/password/forgotten", methods=["GET", "POST"])
def password_forgotten():
    if current_user.is_authenticated:
        return redirect(url_for("auth.password"))
    form = PasswordForgottenForm()
    if not mail_enabled() or not form.validate_on_submit():
        return render_template("auth/password_forgotten.html", form=form,
                               mail=mail_enabled(), contact=resets.support_contact())
    if not resets.may_ask(form.email.data, request.remote_addr or ""):
        form.form_errors.append(_("Too many links were asked for. Try again later."))
        return render_template("auth/password_forgotten.html", form=form, mail=True,
                               contact=resets.support_contact()), 429
    commit(resets.send_reset_link(form.email.data))  # it may record an audit entry
    flash(_("If an account has this address, a link to choose a new password is on its way. "
            "It works for %(minutes)d minutes; look in your spam folder too.",
            minutes=current_app.config["PASSWORD_RESET_MAX_AGE_SECONDS"] // 60), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def password_reset(token: str):
    form = PasswordResetForm()
    if resets.user_for_token(token) is None:
        return render_template("auth/password_reset.html", form=None), 410, NO_REFERRER
    if form.validate_on_submit():
        done = commit_or_refuse(
            lambda: resets.reset_password(token, form.new_password.data), form=form,
            success=_("Your password has been changed and every browser signed out. "
                      "Sign in with the new password."))
        if done:
            return redirect(url_for("auth.login"))
    return render_template("auth/password_reset.html", form=form), 200, NO_REFERRER
