"""Signing in and out, and the user's own account: language, password, data."""

from __future__ import annotations

import json
import math
from datetime import timedelta

from flask import (
    Response,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ...core.i18n import SESSION_LOCALE_KEY
from ...core.mail import mail_enabled
from ...core.permissions import require
from ...core.security import is_safe_next
from ...core.transactions import commit, commit_or_refuse
from ...extensions import login_manager
from .. import bp
from ..forms import (
    ROLE_LABELS,
    AccountLanguageForm,
    AccountNotificationsForm,
    LoginForm,
    PasswordChangeForm,
)
from ..models import User
from ..services import accounts, login_throttle, password_reset


@login_manager.user_loader
def load_user(token: str) -> User | None:
    return accounts.user_for_session(token)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return _login_page(form)
    email, address = form.email.data, request.remote_addr or ""
    refusal = login_throttle.begin_attempt(email, address)
    if refusal is not None:
        form.form_errors.append(_refusal_message(refusal))
        return _login_page(form, 429, {"Retry-After": str(int(refusal.wait.total_seconds()))})
    user = accounts.authenticate(email, form.password.data)
    if user is None:
        wait = commit(login_throttle.failed(email, address))  # it may record an audit entry
        form.form_errors.append(_("The e-mail address or password is not correct."))
        if wait is not None:
            form.form_errors.append(_("Wait %(wait)s before trying again.", wait=_duration(wait)))
        return _login_page(form)
    login_throttle.succeeded(email, address)
    target = form.next.data if is_safe_next(form.next.data) else url_for("core.home")
    session.clear()  # nothing from the anonymous session carries over
    commit(accounts.start_session(user, request.user_agent.string or ""))
    session.permanent = True
    login_user(user)
    flash(_("Welcome, %(name)s.", name=user.name), "success")
    return redirect(target)


def _login_page(form: LoginForm, status: int = 200, headers: dict | None = None):
    page = render_template("auth/login.html", form=form, mail_enabled=mail_enabled,
                           support_contact=password_reset.support_contact())
    return page, status, headers or {}


def _refusal_message(refusal: login_throttle.Refusal) -> str:
    if refusal.spraying:
        return _("Too many failed sign-ins from your connection. Try again in %(wait)s.",
                 wait=_duration(refusal.wait))
    return _("Too many failed sign-ins to this account from your connection. "
             "Try again in %(wait)s.", wait=_duration(refusal.wait))


def _duration(wait: timedelta) -> str:
    """A wait in words, rounded up to its unit (never announced shorter than it is)."""
    seconds = math.ceil(wait.total_seconds())
    for unit in (3600, 60):
        if seconds > unit:
            seconds = math.ceil(seconds / unit) * unit
            break
    return format_timedelta(timedelta(seconds=seconds), threshold=1)


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
    return _account_page()


def _account_page(notifications_form: AccountNotificationsForm | None = None, status: int = 200):
    notifications_form = notifications_form or AccountNotificationsForm(
        email_notifications=current_user.email_notifications)
    return render_template(
        "auth/account.html",
        language_form=AccountLanguageForm(locale=current_user.locale),
        notifications_form=notifications_form,
        mail_enabled=mail_enabled(),
        role_label=ROLE_LABELS[current_user.role],
    ), status


@bp.post("/account/language")
@require("account.manage")
def account_language():
    form = AccountLanguageForm()
    if form.validate_on_submit():
        commit_or_refuse(lambda: accounts.set_locale(current_user, form.locale.data),
                         success=_("Your language has been saved."))
    return redirect(url_for("auth.account"))


@bp.post("/account/notifications")
@require("account.manage")
def account_notifications():
    form = AccountNotificationsForm()
    if form.validate_on_submit() and commit_or_refuse(
            lambda: accounts.set_email_notifications(current_user, form.email_notifications.data),
            form=form, success=_("Your choice of notifications has been saved.")):
        return redirect(url_for("auth.account"))
    return _account_page(form, 400)


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
