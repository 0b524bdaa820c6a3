"""The audit trail: changes and views of personal data, one row each."""

from __future__ import annotations

from typing import Any

from ..extensions import db
from .models import AuditLog


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
