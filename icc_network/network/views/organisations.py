"""Organisations, their contacts and the ties between them."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core import audit, exports
from ...core.forms import NONE_CHOICE, ConfirmForm
from ...core.i18n import localised
from ...core.pagination import paginate
from ...core.permissions import authorize, can, require
from ...core.services import district_choices, districts
from ...core.text import to_int
from ...core.transactions import commit_or_refuse, run_confirmed
from ...core.web import args_without, page_number, page_size, search_text
from ...extensions import db
from .. import bp
from ..forms import ContactForm, OrganisationForm, PartnerOrganisationForm, TieForm
from ..models import Contact, Tie
from ..services import analytics, metrics_history, organisations, removals
from ..services.organisations import (
    ContactData,
    OrganisationData,
    OrganisationFilters,
    TieData,
)
from ..vocab import METRIC_HELP, METRICS, ORIGINS, ROLES, SECTORS, TIE_KINDS


def _filters() -> OrganisationFilters:
    args = request.args
    return OrganisationFilters(
        q=search_text(limit=100),
        sector=args.get("sector") if args.get("sector") in SECTORS else "",
        district_id=to_int(args.get("district")),
        role=args.get("role") if args.get("role") in ROLES else "",
        community=to_int(args.get("community")),
        sort=args.get("sort") or "name",
    )



def translated_labels(labels: dict) -> dict[str, str]:
    """Lazy labels resolved once per request, not once per table cell."""
    return {code: str(label) for code, label in labels.items()}


@bp.get("/", endpoint="organisations")
@require("network.view")
def organisation_list():
    filters = _filters()
    page = paginate(organisations.organisations_query(filters), page_number(), page_size(),
                    scalars=False)
    all_districts = districts(active_only=False)
    return render_template(
        "network/organisations.html", page=page, filters=filters,
        districts=[d for d in all_districts if d.active],
        district_names={d.id: localised(d.name).text or d.code for d in all_districts},
        communities=analytics.community_sizes(), freshness=analytics.freshness(),
        metric_texts=METRIC_HELP,
        sectors=translated_labels(SECTORS), roles=translated_labels(ROLES),
        pager_args=args_without("page"), sort_args=args_without("page", "sort"))


@bp.get("/organisations.<any(csv, xlsx):fmt>")
@require("network.export")
def organisations_export(fmt: str):
    # Read everything now: the download is streamed after the request's session is closed.
    rows = db.session.execute(organisations.organisations_query(_filters(), with_district=True)
                              ).unique().all()
    headers = [_("Name"), _("Sector"), _("District"), _("Roles"), _("Member since"),
               _("Commitment signed on"), _("Description (French)"), _("Description (English)"),
               *[str(label) for label in METRICS.values()], _("Community"), _("Broker")]

    lines = [[org.name, str(SECTORS.get(org.sector, org.sector)),
              org.district.code if org.district else "", org.roles, org.member_since,
              org.commitment_signed_on, org.description.get("fr", ""),
              org.description.get("en", ""),
              *[getattr(m, key) if m else None for key in METRICS],
              m.community if m else None, m.broker if m else None]
             for org, m in rows]
    return exports.table_response(fmt, headers, lines, "organisations")


@bp.get("/organisations/<int:organisation_id>")
@require("network.view")
def organisation_detail(organisation_id: int):
    organisation = organisations.load_organisation(organisation_id) or abort(404)
    ties, tie_count = organisations.ties_of(organisation)
    shows_contacts = can(current_user, "organisation.contacts", organisation)
    contacts = organisations.contacts_of(organisation) if shows_contacts else []
    page = render_template(
        "network/organisation_detail.html", organisation=organisation, ties=ties,
        tie_count=tie_count, contacts=contacts, sectors=SECTORS, roles=ROLES,
        kinds=TIE_KINDS, origins=ORIGINS, freshness=analytics.freshness(),
        history=metrics_history.of_organisation(organisation.id), confirm=ConfirmForm(),
        metric_texts=METRIC_HELP,
        removal=removals.of_organisation(organisation) if can(current_user, "network.manage")
        else None)
    if shows_contacts and organisations.contacts_view_is_audited(
            current_user, organisation, len(contacts)):
        return audit.personal_data_shown(page, current_user, "contact.view", organisation,
                                         contacts=len(contacts))
    return page


@bp.route("/organisations/new", methods=["GET", "POST"])
@require("network.manage")
def organisation_new():
    return _organisation_form(None, OrganisationForm())


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@require("organisation.edit")
def organisation_edit(organisation_id: int):
    organisation = organisations.load_organisation(organisation_id) or abort(404)
    authorize("organisation.edit", organisation)
    form_class = OrganisationForm if can(current_user, "network.manage") else PartnerOrganisationForm
    return _organisation_form(organisation, form_class(obj=organisation))


def _organisation_form(organisation, form):
    form.district_id.choices = [*NONE_CHOICE, *district_choices()]
    if form.validate_on_submit():
        data = OrganisationData(
            name=form.name.data, sector=form.sector.data,
            district_id=to_int(form.district_id.data), roles=form.roles.data or [],
            description=form.description.data,
            member_since=getattr(form, "member_since", None) and form.member_since.data,
            commitment_signed_on=getattr(form, "commitment_signed_on", None)
            and form.commitment_signed_on.data)
        if organisation is not None and not hasattr(form, "member_since"):
            data.member_since = organisation.member_since
            data.commitment_signed_on = organisation.commitment_signed_on
        saved = commit_or_refuse(
            lambda: organisations.save_organisation(organisation, data, actor=current_user),
            form=form, success=_("The organisation has been saved."))
        if saved:
            return redirect(url_for("network.organisation_detail", organisation_id=saved.value.id))
    return render_template("network/organisation_form.html", form=form, organisation=organisation)


@bp.post("/organisations/<int:organisation_id>/delete")
@require("network.manage")
def organisation_delete(organisation_id: int):
    organisation = organisations.load_organisation(organisation_id) or abort(404)
    run_confirmed(lambda: organisations.delete_organisation(organisation, actor=current_user),
                  _("%(name)s has left the network.", name=organisation.name))
    return redirect(url_for("network.organisations"))


# --- contacts --------------------------------------------------------------

@bp.route("/organisations/<int:organisation_id>/contacts/new", methods=["GET", "POST"])
@require("organisation.contacts")
def contact_new(organisation_id: int):
    organisation = organisations.load_organisation(organisation_id) or abort(404)
    authorize("organisation.contacts", organisation)
    return _contact_form(organisation, None, ContactForm())


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@require("organisation.contacts")
def contact_edit(contact_id: int):
    contact = db.get_or_404(Contact, contact_id)
    organisation = organisations.load_organisation(contact.organisation_id)
    authorize("organisation.contacts", organisation)
    page = _contact_form(organisation, contact, ContactForm(obj=contact))
    # The form shows the person's details.
    if request.method == "GET" and organisations.contacts_view_is_audited(
            current_user, organisation, 1):
        return audit.personal_data_shown(page, current_user, "contact.view", organisation,
                                         contacts=1)
    return page


def _contact_form(organisation, contact, form):
    if form.validate_on_submit():
        data = ContactData(name=form.name.data, function=form.function.data or "",
                           email=form.email.data or "", phone=form.phone.data or "",
                           consent_on=form.consent_on.data)
        saved = commit_or_refuse(
            lambda: organisations.save_contact(contact, organisation, data, actor=current_user),
            form=form, success=_("The contact has been saved."))
        if saved:
            return redirect(url_for("network.organisation_detail", organisation_id=organisation.id))
    return render_template("network/contact_form.html", form=form, organisation=organisation,
                           contact=contact)


@bp.post("/contacts/<int:contact_id>/delete")
@require("organisation.contacts")
def contact_delete(contact_id: int):
    contact = db.get_or_404(Contact, contact_id)
    organisation = organisations.load_organisation(contact.organisation_id)
    authorize("organisation.contacts", organisation)
    run_confirmed(lambda: organisations.delete_contact(contact, actor=current_user),
                  _("The contact has been removed."))
    return redirect(url_for("network.organisation_detail", organisation_id=organisation.id))


@bp.get("/contacts.<any(csv, xlsx):fmt>")
@require("contacts.export")
def contacts_export(fmt: str):
    lines = [[name, c.name, c.function, c.email, c.phone, c.consent_on]
             for c, name in db.session.execute(organisations.consented_contacts_query())]
    headers = [_("Organisation"), _("Name"), _("Role in the organisation"), _("E-mail address"),
               _("Phone"), _("Consent given on")]
    return audit.personal_data_shown(exports.table_response(fmt, headers, lines, "contacts"),
                                     current_user, "contact.export", entity_type="contact",
                                     count=len(lines))


# --- ties ------------------------------------------------------------------

@bp.get("/ties")
@require("network.view")
def ties():
    organisation_id = to_int(request.args.get("organisation"))
    kind = request.args.get("kind") if request.args.get("kind") in TIE_KINDS else ""
    origin = request.args.get("origin") if request.args.get("origin") in ORIGINS else ""
    page = paginate(organisations.ties_query(organisation_id, kind, origin), page_number(),
                    page_size())
    organisation = organisations.load_organisation(organisation_id) if organisation_id else None
    return render_template("network/ties.html", page=page, kinds=TIE_KINDS, origins=ORIGINS,
                           kind=kind, origin=origin, organisation=organisation,
                           pager_args=args_without("page"))


def _tie_return() -> tuple[str, int | None]:
    """Where a tie form leads back to: the organisation page it was opened from (an id
    in ``organisation``, never a URL, so the redirect cannot leave the site) or the list."""
    organisation_id = to_int(request.args.get("organisation"))
    if organisation_id and organisations.load_organisation(organisation_id) is not None:
        return url_for("network.organisation_detail", organisation_id=organisation_id), \
            organisation_id
    return url_for("network.ties"), None


@bp.route("/ties/new", methods=["GET", "POST"])
@require("network.manage")
def tie_new():
    form = TieForm(from_organisation_id=request.args.get("from", ""))
    return _tie_form(None, form)


@bp.route("/ties/<int:tie_id>/edit", methods=["GET", "POST"])
@require("network.manage")
def tie_edit(tie_id: int):
    tie = db.get_or_404(Tie, tie_id)
    return _tie_form(tie, TieForm(obj=tie))


def _tie_form(tie, form):
    back, back_organisation = _tie_return()
    options = [*NONE_CHOICE, *((str(i), name) for i, name in organisations.organisation_choices())]
    form.from_organisation_id.choices = form.to_organisation_id.choices = options
    if form.validate_on_submit():
        data = TieData(to_int(form.from_organisation_id.data),
                       to_int(form.to_organisation_id.data), form.kind.data,
                       form.weight.data, form.since.data, form.note.data or "")
        saved = commit_or_refuse(
            lambda: organisations.save_tie(tie, data, actor=current_user),
            form=form, success=_("The tie has been saved."))
        if saved:
            return redirect(back)
    names = organisations.organisation_names(
        [tie.from_organisation_id, tie.to_organisation_id] if tie else [])
    return render_template("network/tie_form.html", form=form, tie=tie, back=back,
                           back_organisation=back_organisation, confirm=ConfirmForm(),
                           names=names, kinds=TIE_KINDS)


@bp.post("/ties/<int:tie_id>/delete")
@require("network.manage")
def tie_delete(tie_id: int):
    tie = db.get_or_404(Tie, tie_id)
    back, _organisation = _tie_return()
    run_confirmed(lambda: organisations.delete_tie(tie, actor=current_user),
                  _("The tie has been removed."))
    return redirect(back)
