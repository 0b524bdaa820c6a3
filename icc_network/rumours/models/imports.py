"""What a coordinator said about a survey form's columns and answers, kept for its next
export."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ...core.clock import utcnow
from ...extensions import db


class SightingImportMapping(db.Model):
    """The mapping of one survey form (a KoboToolbox form, or a file's set of headers).

    ``columns`` maps a normalised header to the sighting field it gives ("" when the column
    is ignored); ``answers`` maps, per field, a folded answer to the code it stands for
    (a rumour's number, a district's id, "" for no district).
    """

    __tablename__ = "rumour_import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_key: Mapped[str] = mapped_column(String(100), unique=True)
    columns: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    answers: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"))
