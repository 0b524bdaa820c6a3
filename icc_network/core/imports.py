"""Reading CSV/XLSX uploads and keeping them between preview and confirmation.

Areas validate every row into a preview; nothing is written until the file
is clean and the user confirms. The staged file lives in the database so that
any app server can confirm it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar

from flask import flash
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, select

from ..extensions import db
from .clock import utcnow
from .forms import ConfirmImportForm
from .i18n import lazy_gettext as _l
from .models import PendingImport
from .rules import RuleViolation
from .text import fold, storable, to_int
from .transactions import Outcome, commit, commit_or_refuse
from .translatable import LOCALES
from .uploads import (
    CHECK_EVERY,
    MAX_CELL_CHARS,
    MAX_ROWS,
    Deadline,
    csv_rows,
    refuse_oversized,
    too_many_rows,
    xlsx_rows,
)

T = TypeVar("T")


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, values by header)


@dataclass
class RowError:
    line: int
    column: str | None
    message: Any


@dataclass
class Preview(Generic[T]):
    """The validated rows of an upload and every error found."""

    rows: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    already_present: int = 0

    @property
    def clean(self) -> bool:
        return not self.errors

    def error(self, line: int, column: str | None, message: Any) -> None:
        self.errors.append(RowError(line, column, message))


def normalise_header(header: Any) -> str:
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# The columns KoboToolbox adds to every export, whatever the form (normalised): they are
# never a question of the form, so they are not matched as one and need no mapping.
KOBO_META = frozenset(normalise_header(h) for h in (
    "_id", "_uuid", "_submission_time", "_index", "_parent_index", "_parent_table_name",
    "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags",
    "_xform_id_string", "_geolocation", "_attachments", "_duration", "start", "end", "today",
    "deviceid", "subscriberid", "simserial", "phonenumber", "username", "audit",
    "formhub/uuid", "meta/instanceID", "meta/instanceName", "meta/deprecatedID",
    "meta/rootUuid"))


def find_header(headers: list[str], aliases: tuple[str, ...], shortest: int = 3) -> str | None:
    """The header naming a field: exactly, else a question inside a Kobo group ("groupe/q1"
    reads "groupe_q1" once normalised; Kobo's own columns are never such a question)."""
    for header in headers:
        if header in aliases:
            return header
    for header in headers:
        if header not in KOBO_META and any(
                len(alias) >= shortest and header.endswith("_" + alias) for alias in aliases):
            return header
    return None


def form_key(table: Table) -> str:
    """What identifies the form a file comes from, so that what a user said about one export
    of it holds for the next: Kobo's form uuid, else its form id, else its version, else the
    set of its question headers."""
    for header, prefix in (("formhub_uuid", "formhub"), ("xform_id_string", "xform"),
                           ("version", "version")):
        value = next((v for _line, row in table.rows if (v := row.get(header, "").strip())), "")
        if value:
            return f"{prefix}:{value[:80]}"
    questions = "\x1f".join(sorted({h for h in table.headers if h not in KOBO_META}))
    return "headers:" + hashlib.sha256(questions.encode()).hexdigest()[:40]


def read_table(filename: str, data: bytes) -> Table:
    """Rows of a CSV or XLSX file, keyed by normalised header.

    Read as a stream (see ``core.uploads``): reading stops at the first row past
    MAX_ROWS, cells past MAX_COLUMNS are ignored, and a file that takes too long
    is refused.
    """
    if not data:
        raise RuleViolation(_l("The file is empty."), "file")
    refuse_oversized(data)
    deadline = Deadline()
    is_xlsx = filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK"
    with closing(xlsx_rows(data, deadline) if is_xlsx else csv_rows(data)) as raw_rows:
        header = next(raw_rows, None)
        if header is None:
            raise RuleViolation(_l("The file has no header row."), "file")
        headers = [normalise_header(h) for h in header]
        while headers and not headers[-1]:
            headers.pop()  # a sheet's rows come padded to MAX_COLUMNS cells
        rows = []
        for line, values in enumerate(raw_rows, start=2):
            if line % CHECK_EVERY == 0:
                deadline.check()
            if line - 1 > MAX_ROWS:
                raise too_many_rows()
            cells = _cells(line, values[:len(headers)])  # cells under no header are never used
            if any(cells):
                rows.append((line, {h: (cells[i] if i < len(cells) else "")
                                    for i, h in enumerate(headers) if h}))
    return Table(headers=[h for h in headers if h], rows=rows)


def _cells(line: int, values: list[Any]) -> list[str]:
    cells = [_cell_text(v) for v in values]
    if any(len(cell) > MAX_CELL_CHARS for cell in cells):
        raise RuleViolation(_l("Line %(line)d holds a cell longer than %(n)d characters.",
                               line=line, n=MAX_CELL_CHARS), "file")
    return cells


def code_lookup(codes: dict[str, Any]) -> dict[str, str]:
    """Each code of a code list reachable by itself and by its label in French and English,
    folded as ``core.text.fold`` folds a cell."""
    lookup = {fold(code): code for code in codes}
    for locale in LOCALES:
        with force_locale(locale):
            lookup.update({fold(str(label)): code for code, label in codes.items()})
    return lookup


DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def parse_date(text: str) -> date:
    """A date as spreadsheets hold it: 2026-03-31 (a time after it is ignored), 31/03/2026
    or 31.03.2026. Raises ValueError for anything else."""
    text = (text or "").strip()
    for candidate, pattern in ((text[:10], DATE_PATTERNS[0]), (text, DATE_PATTERNS[1]),
                               (text, DATE_PATTERNS[2])):
        try:
            return datetime.strptime(candidate, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return storable(str(value)).strip()


def stage(kind: str, user_id: int, filename: str, data: bytes) -> PendingImport:
    pending = PendingImport(
        kind=kind,
        user_id=user_id,
        filename=filename[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    db.session.add(pending)
    db.session.flush()
    return pending


def staged(pending_id: int | None, kinds: tuple[str, ...], user_id: int) -> PendingImport | None:
    """The user's own staged upload of one of these kinds, or None."""
    if pending_id is None:
        return None
    return db.session.scalar(
        select(PendingImport).where(
            PendingImport.id == pending_id,
            PendingImport.kind.in_(kinds),
            PendingImport.user_id == user_id,
        )
    )


def discard(pending: PendingImport) -> None:
    db.session.delete(pending)


def purge_stale(max_age: timedelta = timedelta(days=1)) -> int:
    result = db.session.execute(
        delete(PendingImport).where(PendingImport.created_at < utcnow() - max_age)
    )
    return result.rowcount or 0


# --- the upload -> preview -> stage -> confirm flow -------------------------
#
# One rule for every import of the product:
# - the uploaded file is checked row by row and the preview shows every error;
# - only a clean preview that adds something is staged (kept in the database
#   for the same user and kind); a file with errors is never staged: the user
#   corrects it and uploads it again (except a "revisable" check's file, kept
#   while a step of its preview, such as mapping unknown columns, may change
#   what it imports; it is never imported before the step is done);
# - confirming checks the staged file again and writes it all or nothing, in
#   one transaction, then discards it; "Cancel" discards it; housekeeping
#   purges what nobody confirmed within a day.


@dataclass
class Checked(Generic[T]):
    """What an area's check found in an upload: its staging kind, the preview, and
    anything else the preview page shows (the claims of a feed, say)."""

    kind: str
    preview: Preview[T]
    details: Any = None
    # The preview offers a step on the file itself (telling what its unknown columns and
    # values mean): the file is staged even when it cannot be imported yet, so that the step
    # can be taken and the file checked again without uploading it again...
    revisable: bool = False
    # ... and it is not imported while that step waits.
    step_pending: bool = False

    @property
    def importable(self) -> bool:
        return self.preview.clean and bool(self.preview.rows) and not self.step_pending


@dataclass
class CheckedUpload(Generic[T]):
    checked: Checked[T]
    pending: PendingImport | None  # staged when the preview is clean and adds something
    confirm: Any = None  # the confirmation form, when staged


def check_upload(form: Any, check: Callable[[str, bytes], Checked[T]],
                 user_id: int) -> CheckedUpload[T] | None:
    """Validate the upload form, check the file, stage it when it may be imported.

    None when the form was not submitted or the file could not be read (the
    reason is then shown on the form's file field).
    """
    if not form.validate_on_submit():
        return None
    upload = form.file.data
    data, filename = upload.read(), upload.filename or "upload"
    try:
        checked = check(filename, data)
    except RuleViolation as violation:
        db.session.rollback()
        form.add_violation(violation)
        return None
    pending = None
    # a revisable file is kept while its step or its errors may change what it imports
    if checked.importable or checked.revisable and (checked.step_pending
                                                    or not checked.preview.clean):
        pending = commit(stage(checked.kind, user_id, filename, data))
    return _checked_upload(checked, pending)


def _checked_upload(checked: Checked[T], pending: PendingImport | None) -> CheckedUpload[T]:
    importable = pending is not None and checked.importable
    confirm = ConfirmImportForm(pending_id=pending.id) if importable else None
    return CheckedUpload(checked, pending, confirm)


def recheck_staged(pending: PendingImport,
                   check: Callable[[str, bytes], Checked[T]]) -> CheckedUpload[T] | None:
    """Check a staged upload again (after a step of its preview was taken). None, with the
    reason flashed and the file discarded, when it can no longer be read."""
    try:
        checked = check(pending.filename, pending.content)
    except RuleViolation:
        db.session.rollback()
        discard(pending)
        commit()
        flash(_("This upload is no longer available: upload the file again."), "danger")
        return None
    return _checked_upload(checked, pending)


def confirm_upload(kinds: tuple[str, ...], check: Callable[[str, bytes], Checked[T]],
                   apply: Callable[[Checked[T], PendingImport], int], user_id: int,
                   success: Callable[[Checked[T], int], Any]):
    """Import (or cancel) the user's staged upload named by the confirmation form.

    The file is checked again (the data may have changed since the preview)
    and written all or nothing. Returns core's transaction outcome, whose value
    is (checked, rows added) when the import was committed.
    """
    form = ConfirmImportForm()
    pending = None
    if form.validate_on_submit():
        pending = staged(to_int(form.pending_id.data), kinds, user_id)
    if pending is None:
        flash(_("This upload is no longer available: upload the file again."), "danger")
        return Outcome(False)
    if form.action.data == "discard":
        discard(pending)
        commit()
        flash(_("The import has been cancelled; nothing was added."), "info")
        return Outcome(False)
    try:
        checked = check(pending.filename, pending.content)
    except RuleViolation:  # read within the limits at upload, not now (a slower moment, say)
        checked = None
    if checked is None or not checked.preview.clean or checked.step_pending:
        discard(pending)
        commit()
        flash(_("The file no longer passes the checks: upload it again."), "danger")
        return Outcome(False)

    def work() -> tuple[Checked[T], int]:
        added = apply(checked, pending)
        discard(pending)
        return checked, added

    return commit_or_refuse(work, success=lambda done: success(*done))
