"""Signing in and out, and the user's own account: language, password, data."""

from __future__ import annotations

import json

from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ...core.i18n import SESSION_LOCALE_KEY
from ...core.permissions import require
from ...core.security import is_safe_next
from ...core.transactions import commit, commit_or_refuse
from ...extensions import limiter, login_manager
from .. import bp
from ..forms import (
    ROLE_LABELS,
    AccountLanguageForm,
    LoginForm,
    PasswordChangeForm,
)
from ..models import User
from ..services import accounts


@login_manager.user_loader
def load_user(token: str) -> User | None:
    return accounts.user_for_session(token)


def _failed_login(response: Response) -> bool:
    # A successful login redirects; a refused one renders the form again.
    return response.status_code != 302


def _account_key() -> str:
    return "login-account:" + accounts.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], methods=["POST"],
               deduct_when=_failed_login)
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"], methods=["POST"],
               key_func=_account_key, deduct_when=_failed_login)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            target = form.next.data if is_safe_next(form.next.data) else url_for("core.home")
            session.clear()  # nothing from the anonymous session carries over
            commit(accounts.start_session(user, request.user_agent.string or ""))
            session.permanent = True
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            return redirect(target)
        form.form_errors.append(_("The e-mail address or password is not correct."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@require("account.manage")
def logout():
    locale = current_user.locale
    commit(accounts.end_session(current_user.session_token))
    logout_user()
    session.clear()
    session[SESSION_LOCALE_KEY] = locale  # the signed-out pages stay in the user's language
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.get("/account")
@require("account.manage")
def account():
    return render_template(
        "auth/account.html",
        language_form=AccountLanguageForm(locale=current_user.locale),
        role_label=ROLE_LABELS[current_user.role],
    )


@bp.post("/account/language")
@require("account.manage")
def account_language():
    form = AccountLanguageForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: accounts.set_locale(current_user, form.locale.data),
                         success=_("Your language has been saved."))
    return redirect(url_for("auth.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@require("account.manage")
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        changed = commit_or_refuse(
            lambda: accounts.change_own_password(
                current_user, form.current_password.data, form.new_password.data,
                request.user_agent.string or ""),
            form=form,
            success=_("Your password has been changed. Other browsers have been signed out."))
        if changed:
            session.clear()
            login_user(current_user._get_current_object())
            session.permanent = True
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)


@bp.get("/account/data.json")
@require("account.manage")
def own_data():
    body = json.dumps(accounts.own_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})
