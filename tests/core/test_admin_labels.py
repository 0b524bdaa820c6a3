"""Admin pages speak the reader's language: labels for the audit log's actions, kinds of
record and fields, and for the status page's jobs, never the codes behind them."""

from __future__ import annotations

import ast
import html
import re
from datetime import UTC, datetime
from pathlib import Path

from flask_babel import force_locale
from sqlalchemy import update

import icc_network
from icc_network.auth.models import User
from icc_network.core import audit
from icc_network.core.i18n import lazy_gettext as _l
from icc_network.core.models import JobStatus
from icc_network.core.permissions import ADMIN
from icc_network.core.scheduling import job_specs
from icc_network.extensions import db
from icc_network.network.vocab import SECTORS

from ..access import access_table, only
from ..access.conftest import database_reset, saved_world, world  # noqa: F401 (fixtures)

CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
# What a code looks like in a page's text: "rumour.merge", "due_on", "{'from': …".
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)*\.[a-z_]+\b|\b[a-z]+(?:_[a-z0-9]+)+\b|\{['\"]")
# Written by people or by the platform, not codes: addresses, links, file names.
NOT_CODE = re.compile(r"\S+@\S+|https?://\S+|\b[\w-]+\.(?:csv|xlsx|json|ics)\b|\b[\w-]+\.(?:io|org|com|fr|eu)\b")


def _recorded_actions() -> set[str]:
    """Every action code the application records an audit entry with, where it is written
    as a literal: in the call, in a constant the call names, or as an ``action=`` value."""
    found: set[str] = set()
    constants: dict[str, str] = {}
    named: set[str] = set()

    def codes(node) -> set[str]:
        return {c.value for c in ast.walk(node) if isinstance(c, ast.Constant)
                and isinstance(c.value, str) and CODE.match(c.value)}

    for path in Path(icc_network.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("record", "personal_data_shown") and len(node.args) > 1:
                for argument in node.args[1 if node.func.attr == "record" else 2:][:1]:
                    found |= codes(argument)
                    named.update(n.attr if isinstance(n, ast.Attribute) else n.id
                                 for n in [argument] if isinstance(n, (ast.Name, ast.Attribute)))
            elif isinstance(node, ast.keyword) and node.arg == "action":
                found |= codes(node.value)  # set_password(..., action="user.password_reset")
            elif isinstance(node, ast.arguments):  # def erase_agent(..., action="agent.erase")
                pairs = [*zip(node.args[::-1], node.defaults[::-1], strict=False),
                         *zip(node.kwonlyargs, node.kw_defaults, strict=True)]
                found.update(*(codes(d) for a, d in pairs if a.arg == "action" and d))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                constants.update((t.id, node.value.value) for t in node.targets
                                 if isinstance(t, ast.Name))
    return found | {constants[name] for name in named if name in constants}


def test_every_action_the_application_records_has_a_label():
    actions = _recorded_actions()
    assert {"rumour.merge", "user.password_reset", "sighting.hateful_read"} <= actions
    missing = sorted(actions - set(audit.registered_actions()))
    assert not missing, f"audit actions without a label in a registrations.py: {missing}"


def test_details_read_as_labels_and_changes_as_arrows():
    with force_locale("fr"):
        lines = [(str(label), text) for label, text in audit.detail_lines({
            "changes": {"due_on": ["2026-01-01", "2026-02-01"], "active": [True, False],
                        "sector": [None, "public_service"],
                        "description": [{"fr": "Accueil", "en": "Welcome"}, None]},
            "fields": ["first_name", "district_id"], "before": {"seen_on": "2026-03-02"},
            "count": 3, "reference": None})]
        assert lines == [
            (str(_l("Due on")), "2026-01-01 → 2026-02-01"),
            (str(_l("Active")), "oui → non"),
            (str(_l("Sector")), f"— → {SECTORS['public_service']}"),
            (str(_l("Description")), "Accueil → —"),
            (str(_l("Changed")), f"{_l('First name')}, {_l('District')}"),
            (f"{_l('Before')} — {_l('Seen on')}", "2026-03-02"),
            (str(_l("Number shown")), "3"),
            (str(_l("Reference")), "—"),
        ]
        # An action no area named still reads as words.
        assert "." not in str(audit.action_label("survey_wave.shuffle"))


def _visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    text = html.unescape(re.sub(r"(?s)<[^>]*>", " ", page))
    return NOT_CODE.sub(" ", text)


def _seed_log_and_jobs(app, world) -> None:  # noqa: F811
    staff = world.users["staff"]
    for code in audit.registered_actions():
        kind = code.rpartition(".")[0]
        audit.record(staff, code, entity_type=kind.split(".")[0], entity_id=7, changes={
            "due_on": ["2026-01-01", "2026-02-01"], "district_id": [1, 2],
            "sector": ["association", "public_service"], "roles": [[], ["co_organiser"]],
            "title": [{"fr": "Café", "en": "Café"}, {"fr": "Atelier"}]},
            fields=["first_name"], before={"seen_on": "2026-03-02"}, count=2)
    # Statuses whose codes read as codes ("arguments_drafted", "in_training").
    for action, kind, details, _module, _name in STATUS_ENTRIES:
        audit.record(staff, action, entity_type=kind, entity_id=7, **details)
    for spec in job_specs(app):
        db.session.add(JobStatus(
            job_id=spec.id, last_run_at=datetime(2026, 12, 1, 3, tzinfo=UTC),
            last_duration_ms=12, run_count=3, last_result={**{k: 1 for k in spec.result_labels},
                                                           "newly_counted": 2}))
    db.session.execute(update(User).where(User.id == world.users["admin"].id)
                       .values(locale="fr"))
    db.session.commit()


def _admin_pages(app) -> list[str]:
    return sorted(endpoint for endpoint, spec in access_table(app).items()
                  if spec.get == only(ADMIN))


def test_every_admin_page_in_french_shows_no_raw_code(app, world, client):  # noqa: F811
    pages = _admin_pages(app)
    assert {"core.audit_log", "core.status", "auth.users"} <= set(pages)
    _seed_log_and_jobs(app, world)
    world.sign_in(client, "admin")
    shown = {}
    for endpoint in pages:
        spec = access_table(app)[endpoint]
        for variant in spec.variants:
            response = client.get(world.url(app, endpoint, spec, {**variant, "per_page": 200}))
            assert response.status_code == 200, endpoint
            if response.mimetype != "text/html":
                continue
            page = response.get_data(as_text=True)
            assert 'lang="fr"' in page, endpoint
            codes = sorted({m.group(0) for m in RAW_CODE.finditer(_visible_text(page))})
            if codes:
                shown[endpoint] = codes
    assert not shown, f"admin pages show codes: {shown}"


# Statuses and states the log records, per kind of record: the code and the French label.
STATUS_ENTRIES = [
    ("rumour.status", "rumour", {"from": "reported", "to": "arguments_drafted"},
     "rumours.vocab", "STATUSES"),
    ("campaign.status", "campaign", {"from_status": "draft", "to_status": "planned"},
     "campaigns.vocab", "STATUSES"),
    ("agent.status", "agent", {"before": "candidate", "after": "in_training"},
     "agents.vocab", "STATUSES"),
    ("enrolment.create", "enrolment", {"state": "waiting"}, "agents.vocab", "ENROLMENT_STATES"),
    ("campaign_partner.withdraw", "campaign_partner", {"from_state": "pending"},
     "campaigns.vocab", "PARTICIPATION_STATES"),
    ("argument.create", "counter_argument", {"status": "draft"}, "rumours.vocab",
     "ARGUMENT_STATUSES"),
]


def test_statuses_in_the_log_read_as_the_labels_of_their_kind_of_record(app, world, client):  # noqa: F811
    import importlib

    staff = world.users["staff"]
    for action, kind, details, _module, _name in STATUS_ENTRIES:
        audit.record(staff, action, entity_type=kind, entity_id=3, **details)
    db.session.execute(update(User).where(User.id == world.users["admin"].id).values(locale="fr"))
    db.session.commit()
    world.sign_in(client, "admin")
    page = client.get("/admin/audit?per_page=200").get_data(as_text=True)
    cells = [_visible_text(cell) for cell in re.findall(r'(?s)<td class="small text-break">(.*?)</td>', page)]
    with force_locale("fr"):
        for action, _kind, details, module, name in STATUS_ENTRIES:
            vocabulary = getattr(importlib.import_module(f"icc_network.{module}"), name)
            wanted = [str(vocabulary[code]) for code in details.values()]
            assert any(all(label in cell for label in wanted) for cell in cells), (action, wanted)
            for code in details.values():
                assert not any(re.search(rf"(?<![\w-]){code}(?![\w-])", cell) for cell in cells), code


def test_the_action_filter_offers_labels_and_keeps_what_was_chosen(app, world, client):  # noqa: F811
    db.session.execute(update(User).where(User.id == world.users["admin"].id).values(locale="fr"))
    db.session.commit()
    world.sign_in(client, "admin")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert 'name="action"' in page and '<input class="form-control" id="action"' not in page
    options = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page))
    with force_locale("fr"):
        assert options["rumour.merge"] == str(audit.action_label("rumour.merge"))
        assert html.unescape(options["rumour."]) == str(_l("Every action on: %(kind)s",
                                                          kind=audit.kind_label("rumour")))
    chosen = client.get("/admin/audit?action=rumour.merge").get_data(as_text=True)
    assert re.search(r'<option value="rumour.merge" selected>', chosen)
    typed = client.get("/admin/audit?action=rum").get_data(as_text=True)
    assert re.search(r'<option value="rum" selected>[^<]*rum', typed)
