"""Login, logout, the user's own account, and user administration."""

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
from sqlalchemy import or_, select

from ..core.i18n import SESSION_LOCALE_KEY
from ..core.pagination import paginate
from ..core.permissions import require
from ..core.rules import RuleViolation
from ..core.security import is_safe_next
from ..core.web import args_without, page_number, page_size
from ..extensions import db, limiter, login_manager
from . import bp, services
from .forms import (
    ROLE_LABELS,
    AccountLanguageForm,
    LoginForm,
    NewUserForm,
    PasswordChangeForm,
    SetPasswordForm,
    UserForm,
)
from .models import User


@login_manager.user_loader
def load_user(token: str) -> User | None:
    return services.user_for_session(token)


def _failed_login(response: Response) -> bool:
    # A successful login redirects; a refused one renders the form again.
    return response.status_code != 302


def _account_key() -> str:
    return "login-account:" + services.normalise_email(request.form.get("email", ""))


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
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            target = form.next.data if is_safe_next(form.next.data) else url_for("core.home")
            session.clear()  # nothing from the anonymous session carries over
            services.start_session(user, request.user_agent.string or "")
            db.session.commit()
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
    services.end_session(current_user.session_token)
    db.session.commit()
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
        services.set_locale(current_user, form.locale.data)
        db.session.commit()
        flash(_("Your language has been saved."), "success")
    return redirect(url_for("auth.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@require("account.manage")
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_own_password(
                current_user, form.current_password.data, form.new_password.data,
                request.user_agent.string or "",
            )
        except RuleViolation as violation:
            db.session.rollback()
            form.add_violation(violation)
        else:
            db.session.commit()
            session.clear()
            login_user(current_user._get_current_object())
            session.permanent = True
            flash(_("Your password has been changed. Other browsers have been signed out."),
                  "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)


@bp.get("/account/data.json")
@require("account.manage")
def own_data():
    body = json.dumps(services.own_data(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})


@bp.get("/admin/users")
@require("users.manage")
def users():
    role = request.args.get("role") or None
    status = request.args.get("status") or None
    search = (request.args.get("q") or "").strip()
    query = select(User).order_by(User.name, User.id)
    if role in ROLE_LABELS:
        query = query.where(User.role == role)
    if status in ("active", "inactive"):
        query = query.where(User.active.is_(status == "active"))
    if search:
        needle = f"%{search.lower()}%"
        query = query.where(or_(User.email.like(needle), User.name.ilike(needle)))
    page = paginate(query, page_number(), page_size())
    return render_template("auth/users.html", page=page, roles=ROLE_LABELS, role=role,
                           status=status, search=search, pager_args=args_without("page"))


def _with_organisations(form: UserForm) -> UserForm:
    """Offer the network's organisations (only partners belong to one)."""
    from ..core.forms import choices
    from ..network.services import organisation_choices

    form.organisation_id.choices = choices([("", "—"), *organisation_choices()])
    return form


def _organisation_of(form: UserForm) -> int | None:
    value = form.organisation_id.data or ""
    return int(value) if form.role.data == "partner" and value.isdigit() else None


@bp.route("/admin/users/new", methods=["GET", "POST"])
@require("users.manage")
def user_new():
    form = _with_organisations(NewUserForm(locale=current_app.config["BABEL_DEFAULT_LOCALE"]))
    if form.validate_on_submit():
        try:
            user = services.create_user(
                email=form.email.data, name=form.name.data, role=form.role.data,
                password=form.password.data, locale=form.locale.data,
                active=form.active.data, actor=current_user, organisation_id=_organisation_of(form),
            )
        except RuleViolation as violation:
            db.session.rollback()
            form.add_violation(violation)
        else:
            db.session.commit()
            flash(_("The account of %(name)s has been created.", name=user.name), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@require("users.manage")
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _with_organisations(UserForm(obj=user))
    if form.validate_on_submit():
        try:
            services.update_user(
                user, actor=current_user, name=form.name.data, email=form.email.data,
                role=form.role.data, locale=form.locale.data, active=form.active.data,
                organisation_id=_organisation_of(form),
            )
        except RuleViolation as violation:
            db.session.rollback()
            form.add_violation(violation)
        else:
            db.session.commit()
            flash(_("The account of %(name)s has been saved.", name=user.name), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user,
                           password_form=SetPasswordForm())


@bp.post("/admin/users/<int:user_id>/password")
@require("users.manage")
def user_password(user_id: int):
    user = db.get_or_404(User, user_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            services.set_password(user, form.new_password.data, actor=current_user)
        except RuleViolation as violation:
            db.session.rollback()
            form.add_violation(violation)
        else:
            db.session.commit()
            flash(_("The password of %(name)s has been reset; they have been signed out.",
                    name=user.name), "success")
            return redirect(url_for("auth.user_edit", user_id=user.id))
    return render_template("auth/user_form.html", form=_with_organisations(UserForm(obj=user)),
                           user=user, password_form=form)
