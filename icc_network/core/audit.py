"""The audit trail: changes and views of personal data, one row each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _

from ..extensions import db
from .i18n import lazy_gettext as _l
from .models import AuditLog
from .text import humanised


def record(
    actor: Any,
    action: str,
    entity: Any | None = None,
    *,
    entity_type: str | None = None,
    entity_id: Any = None,
    **details: Any,
) -> AuditLog:
    """Add an audit row to the session (the caller's transaction commits it)."""
    actor, entity = _unproxied(actor), _unproxied(entity)
    if entity is not None:
        entity_type = entity_type or type(entity).__tablename__
        entity_id = entity_id if entity_id is not None else getattr(entity, "id", None)
    row = AuditLog(
        user_id=getattr(actor, "id", None),
        action=action,
        entity_type=entity_type or "",
        entity_id=None if entity_id is None else str(entity_id),
        details={key: _jsonable(value) for key, value in details.items()},
    )
    db.session.add(row)
    return row


def _unproxied(value: Any) -> Any:
    """The real object behind a proxy such as flask_login.current_user."""
    getter = getattr(value, "_get_current_object", None)
    return getter() if callable(getter) else value


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return str(value)


def personal_data_shown(response: Any, actor: Any, action: str, entity: Any | None = None,
                        **details: Any) -> Any:
    """Record that ``actor`` was shown personal data by ``response``, commit, and pass it on.

    Every view of personal data (an organisation's contacts, an agent's
    details, the list of users' e-mails) goes through here. The page is
    rendered first: a commit expires every loaded object, and the entry is
    written only once the page could be built.
    """
    from .transactions import commit

    record(actor, action, entity, **details)
    return commit(response)


# --- labels: what the log shows instead of codes -----------------------------
# Each area registers, from its registrations.py, the labels of the actions it records,
# of the kinds of record it names and of the fields its details mention.

_ACTIONS: dict[str, Any] = {}
_KINDS: dict[str, Any] = {}
_FIELDS: dict[str, Any] = {}
_VALUES: dict[str, Mapping[str, Any]] = {}  # field -> code -> label ("sector": SECTORS)
# kind of record -> field -> code -> label: a field whose codes depend on the record
# ("status" of a rumour is not the "status" of a campaign).
_KIND_VALUES: dict[str, dict[str, Mapping[str, Any]]] = {}

# Details whose value is a list of field names (what a change touched).
FIELD_LISTS = frozenset({"fields", "changed", "people_changed"})


def register_labels(*, actions: Mapping[str, Any] = {}, kinds: Mapping[str, Any] = {},
                    fields: Mapping[str, Any] = {},
                    values: Mapping[str, Mapping[str, Any]] = {},
                    kind_values: Mapping[str, Mapping[str, Mapping[str, Any]]] = {}) -> None:
    """Name actions ("rumour.merge"), kinds of record ("rumour"), detail fields ("due_on"),
    the coded values of a field whose name means the same in every area ("sector") and
    those of a field that means something else for each kind of record
    (``kind_values={"rumour": {"status": STATUSES}}``)."""
    _ACTIONS.update(actions)
    _KINDS.update(kinds)
    _FIELDS.update(fields)
    _VALUES.update(values)
    for kind, fields_values in kind_values.items():
        _KIND_VALUES.setdefault(kind, {}).update(fields_values)


def registered_actions() -> dict[str, Any]:
    return dict(_ACTIONS)


def action_choices() -> list[tuple[Any, list[tuple[str, Any]]]]:
    """The actions to filter the log by, grouped by kind of record in the reader's
    language: each group offers every action on that kind ("rumour.") then each action."""
    groups: dict[str, list[str]] = {}
    for code in _ACTIONS:
        groups.setdefault(code.split(".", 1)[0], []).append(code)
    choices = []
    for kind, codes in groups.items():
        label = kind_label(kind)
        options = [(f"{kind}.", _l("Every action on: %(kind)s", kind=label))]
        options += sorted(((code, action_label(code)) for code in codes), key=lambda o: str(o[1]))
        choices.append((label, options))
    return sorted(choices, key=lambda group: str(group[0]))


def is_action_choice(prefix: str) -> bool:
    """Whether ``prefix`` is one of ``action_choices``' values."""
    return prefix in _ACTIONS or (prefix.endswith(".") and any(
        code.split(".", 1)[0] == prefix[:-1] for code in _ACTIONS))


def action_filter_label(prefix: str) -> Any:
    """How the "action" filter reads: an action's or a kind's label, or the typed text."""
    if prefix in _ACTIONS:
        return action_label(prefix)
    kind = prefix.removesuffix(".")
    if prefix.endswith(".") and kind in _KINDS:
        return _l("Every action on: %(kind)s", kind=kind_label(kind))
    return _l("Starting with “%(text)s”", text=prefix)


def action_label(code: str) -> Any:
    """The action's label; an unregistered one reads as its kind of record and its verb."""
    label = _ACTIONS.get(code)
    if label is not None:
        return label
    kind, _dot, verb = code.rpartition(".")
    return _l("%(kind)s: %(verb)s", kind=kind_label(kind), verb=humanised(verb).lower())


def kind_label(entity_type: str) -> Any:
    return _KINDS.get(entity_type) or humanised(entity_type)


def field_label(name: str) -> Any:
    return _FIELDS.get(name) or humanised(name)


def detail_lines(details: Mapping[str, Any] | None,
                 kind: str | None = None) -> list[tuple[Any, str]]:
    """An entry's details as (label, text) lines: a change reads "Label: old → new".
    ``kind`` (the entry's kind of record) says what its coded values, such as a status, mean."""
    lines: list[tuple[Any, str]] = []
    values = {**_VALUES, **_KIND_VALUES.get(kind or "", {})}
    for key, value in (details or {}).items():
        if isinstance(value, Mapping) and not _translated(value):
            for name, inner in value.items():
                label = field_label(name) if key in ("changes", "changed") else (
                    f"{field_label(key)} — {field_label(name)}")
                lines.append((label, _value_text(inner, name, values, change=True)))
        elif key in FIELD_LISTS and isinstance(value, list):
            lines.append((field_label(key), ", ".join(str(field_label(v)) for v in value)))
        else:
            lines.append((field_label(key), _value_text(value, key, values)))
    return lines


def _translated(value: Mapping[str, Any]) -> bool:
    """Text kept per language ({"fr": ..., "en": ...})."""
    return bool(value) and set(value) <= {"fr", "en"}


def _value_text(value: Any, field: str, values: Mapping[str, Mapping[str, Any]],
                change: bool = False) -> str:
    if change and isinstance(value, list) and len(value) == 2:
        return f"{_value_text(value[0], field, values)} → {_value_text(value[1], field, values)}"
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_value_text(item, field, values) for item in value)
    if isinstance(value, Mapping):
        if _translated(value):
            language = str(get_locale() or "")
            return str(value.get(language) or next(iter(value.values())))
        return "; ".join(f"{field_label(k)}: {_value_text(v, k, values)}" for k, v in value.items())
    return str(values.get(field, {}).get(value, value)) if isinstance(value, str) else str(value)
