"""User administration: the list of accounts, creating and editing them, resetting passwords.

The list and an account's form show e-mail addresses: each view of them goes through
``audit.personal_data_shown``, like the contacts of an organisation.
"""

from __future__ import annotations

from flask import (
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from ...core import audit
from ...core.forms import with_empty
from ...core.pagination import paginate
from ...core.permissions import acts_for_organisation, require
from ...core.registries import choices_for
from ...core.text import to_int
from ...core.transactions import commit_or_refuse
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from .. import bp
from ..forms import (
    ROLE_LABELS,
    NewUserForm,
    SetPasswordForm,
    UserForm,
)
from ..models import User
from ..services import accounts


@bp.get("/admin/users")
@require("users.manage")
def users():
    role = request.args.get("role") or None
    status = request.args.get("status") or None
    search = search_text()
    query = select(User).order_by(User.name, User.id)
    if role in ROLE_LABELS:
        query = query.where(User.role == role)
    if status in ("active", "inactive"):
        query = query.where(User.active.is_(status == "active"))
    if search:
        needle = f"%{search.lower()}%"
        query = query.where(or_(User.email.like(needle), User.name.ilike(needle)))
    page = paginate(query, page_number(), page_size())
    html = render_template("auth/users.html", page=page, roles=ROLE_LABELS, role=role,
                           status=status, search=search, pager_args=args_without("page"))
    filters = {k: v for k, v in {"role": role, "status": status, "search": search}.items() if v}
    return audit.personal_data_shown(html, current_user, "user.list", entity_type=User.__tablename__,
                                     count=len(page.items), page=page.page, **filters)


def _with_organisations(form: UserForm) -> UserForm:
    """Offer the organisations the network area registered (only partners belong to one)."""
    form.organisation_id.choices = with_empty(choices_for("organisations"))
    return form


def _organisation_of(form: UserForm) -> int | None:
    return to_int(form.organisation_id.data) if acts_for_organisation(form.role.data) else None


@bp.route("/admin/users/new", methods=["GET", "POST"])
@require("users.manage")
def user_new():
    form = _with_organisations(NewUserForm(locale=current_app.config["BABEL_DEFAULT_LOCALE"]))
    if form.validate_on_submit():
        created = commit_or_refuse(
            lambda: accounts.create_user(
                email=form.email.data, name=form.name.data, role=form.role.data,
                password=form.password.data, locale=form.locale.data,
                active=form.active.data, actor=current_user, organisation_id=_organisation_of(form)),
            form=form,
            success=lambda user: _("The account of %(name)s has been created.", name=user.name))
        if created:
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@require("users.manage")
def user_edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = _with_organisations(UserForm(obj=user))
    if form.validate_on_submit():
        saved = commit_or_refuse(
            lambda: accounts.update_user(
                user, actor=current_user, name=form.name.data, email=form.email.data,
                role=form.role.data, locale=form.locale.data, active=form.active.data,
                organisation_id=_organisation_of(form)),
            form=form,
            success=lambda updated: _("The account of %(name)s has been saved.",
                                      name=updated.name))
        if saved:
            return redirect(url_for("auth.users"))
    html = render_template("auth/user_form.html", form=form, user=user,
                           password_form=SetPasswordForm())
    if request.method == "GET":  # the form shows the account's e-mail address
        return audit.personal_data_shown(html, current_user, "user.view", user)
    return html


@bp.post("/admin/users/<int:user_id>/password")
@require("users.manage")
def user_password(user_id: int):
    user = db.get_or_404(User, user_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        name = user.name
        reset = commit_or_refuse(
            lambda: accounts.set_password(user, form.new_password.data, actor=current_user),
            form=form,
            success=_("The password of %(name)s has been reset; they have been signed out.",
                      name=name))
        if reset:
            return redirect(url_for("auth.user_edit", user_id=user_id))
    return render_template("auth/user_form.html", form=_with_organisations(UserForm(obj=user)),
                           user=user, password_form=form)
