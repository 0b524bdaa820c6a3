"""Backing up and restoring the SQLite database; the figures that prove a copy whole.

A backup is one ``.tar.gz`` holding the database and a manifest: the schema
revision, the rows and a checksum of each table, and the sha256 of the database
file. The copy is taken with SQLite's online backup API in one step, which reads
one snapshot while the application goes on writing (WAL), so it is consistent
without stopping anything. Uploaded files live in the database until they are
confirmed (``pending_import``), so the copy holds them; the application writes
no other file.

A PostgreSQL database is backed up with ``pg_dump -Fc`` and restored with
``pg_restore`` (README, "Backups"): those tools read a consistent snapshot too,
and an archive of SQLite's making would not fit it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import Connection, column, create_engine, inspect, select, table
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from ..extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite"
REVISION_TABLE = "alembic_version"
CHUNK = 1 << 20
ROWS_PER_FETCH = 5_000
POSTGRESQL_ADVICE = ("PostgreSQL is backed up with pg_dump -Fc and restored with pg_restore "
                     "into an empty database: see the README, section \"Backups\".")


class BackupError(Exception):
    """What keeps a backup or a restore from being made; the message says what to do."""


@dataclass(frozen=True)
class Figures:
    """What a database holds: its schema revision and, per table, rows and a checksum."""

    revision: str | None
    tables: dict[str, dict[str, Any]]

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.tables.values())


@dataclass(frozen=True)
class Backup:
    path: Path
    figures: Figures


# --- figures ---------------------------------------------------------------------


def table_figures(connection: Connection) -> Figures:
    """Rows and a sha256 of every table, read in primary-key order, on either engine.

    Values are hashed as the driver hands them over, so two databases of the same
    engine compare equal exactly when they hold the same rows.
    """
    inspector = inspect(connection)
    tables = {}
    for name in sorted(inspector.get_table_names()):
        columns = [c["name"] for c in inspector.get_columns(name)]
        order = inspector.get_pk_constraint(name).get("constrained_columns") or columns
        statement = select(*(column(c) for c in columns)).select_from(
            table(name, *(column(c) for c in columns))).order_by(*(column(c) for c in order))
        digest, count = hashlib.sha256(), 0
        for row in _stream(connection, statement):
            digest.update(json.dumps(list(row), default=str, sort_keys=True).encode())
            digest.update(b"\n")
            count += 1
        tables[name] = {"rows": count, "sha256": digest.hexdigest()}
    revision = None
    if REVISION_TABLE in tables:
        revision = connection.scalar(select(column("version_num"))
                                     .select_from(table(REVISION_TABLE)))
    return Figures(revision, tables)


def _stream(connection: Connection, statement) -> Iterator[Any]:
    result = connection.execution_options(stream_results=True).execute(statement)
    while rows := result.fetchmany(ROWS_PER_FETCH):
        yield from rows


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sqlite_figures(path: Path) -> Figures:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return table_figures(connection)
    finally:
        engine.dispose()


# --- backup ----------------------------------------------------------------------


def sqlite_path() -> Path:
    """The file of the application's database; refuses PostgreSQL and in-memory databases."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        raise BackupError(POSTGRESQL_ADVICE)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("Only a database kept in a SQLite file can be backed up this way.")
    return Path(url.database).resolve()


def create_backup(output: Path | None = None, now: datetime | None = None) -> Backup:
    """Copy the running database into ``output`` (default: backups/ beside the database) as
    one archive; the application may go on writing meanwhile."""
    source = sqlite_path()
    if not source.exists():
        raise BackupError(f"There is no database at {source}.")
    output = (output or source.parent / "backups").resolve()
    output.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    archive = output / f"icc_network-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(dir=output, prefix=".backup-") as work:
        copy = Path(work) / DATABASE
        _online_copy(source, copy)
        figures = sqlite_figures(copy)
        _single_file(copy)
        manifest = _manifest(figures, copy, stamp)
        _write_archive(archive, manifest, copy)
    return Backup(archive, figures)


def _online_copy(source: Path, copy: Path) -> None:
    timeout = current_app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000
    with closing(sqlite3.connect(source, timeout=timeout)) as src, \
            closing(sqlite3.connect(copy)) as dst:
        # One step: the source's snapshot is read whole, whatever is written meanwhile.
        src.backup(dst, pages=-1)


def _single_file(path: Path) -> None:
    """Leave the copy as one checked file: no write-ahead log beside it."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"The copy of the database is damaged: {verdict}")


def _manifest(figures: Figures, copy: Path, stamp: str) -> dict[str, Any]:
    return {"format": FORMAT, "engine": "sqlite", "created_at": stamp,
            "revision": figures.revision, "tables": figures.tables,
            "files": {DATABASE: {"bytes": copy.stat().st_size, "sha256": file_sha256(copy)}}}


def _write_archive(archive: Path, manifest: dict[str, Any], copy: Path) -> None:
    """Written aside and renamed: an archive under its final name is always whole. It
    holds personal data, so only its owner may read it."""
    partial = archive.with_name(archive.name + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # gzip's default level: level 9 takes four times as long for a 1 % smaller archive.
    with os.fdopen(descriptor, "wb") as file, \
            tarfile.open(fileobj=file, mode="w:gz", compresslevel=6) as tar:
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(copy.stat().st_mtime)
        tar.addfile(info, io.BytesIO(data))
        tar.add(copy, arcname=DATABASE, recursive=False)
    os.replace(partial, archive)


# --- restore ---------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    figures: Figures
    needs_upgrade: bool  # the archive's schema is older than the code's


def restore_backup(archive: Path, *, force: bool = False) -> Restored:
    """Bring an archive back into the application's database, once the archive has been
    checked against its manifest; an empty database only, unless ``force``."""
    target = sqlite_path()
    if not force and not database_is_empty(target):
        raise BackupError(f"The database at {target} is not empty: nothing was restored "
                          "(--force replaces it).")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".restore-") as work:
        manifest, copy = _unpack(archive, Path(work))
        figures = _checked_copy(manifest, copy)
        heads = _known_heads(figures.revision)
        db.engine.dispose()  # no pooled connection of ours reads the file being replaced
        _online_copy(copy, target)
    if sqlite_figures(target).tables != figures.tables:
        raise BackupError(f"The restored database at {target} differs from the archive: "
                          "restore it again.")
    return Restored(figures, figures.revision not in heads)


def database_is_empty(path: Path) -> bool:
    """No row in any table but the schema revision's (a database just migrated is empty)."""
    if not path.exists():
        return True
    timeout = current_app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000
    with closing(sqlite3.connect(path, timeout=timeout)) as connection:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if name != REVISION_TABLE]
        return not any(connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone()
                       for name in names)


def _unpack(archive: Path, work: Path) -> tuple[dict[str, Any], Path]:
    """The manifest and the database file, and nothing else, out of the archive."""
    manifest, copy = None, work / DATABASE
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if member.name not in (MANIFEST, DATABASE) or not member.isfile():
                    raise BackupError(f"{archive} holds {member.name!r}, which no backup "
                                      "holds: it is not restored.")
                source = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest = _read_manifest(source)
                else:
                    with copy.open("wb") as file:
                        shutil.copyfileobj(source, file, CHUNK)
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BackupError(f"{archive} cannot be read as a backup: {exc}") from exc
    if manifest is None or not copy.exists():
        raise BackupError(f"{archive} lacks its manifest or its database: it is not a backup.")
    return manifest, copy


def _read_manifest(source: IO[bytes] | None) -> dict[str, Any]:
    try:
        manifest = json.loads(source.read() if source else b"")
    except ValueError as exc:
        raise BackupError("The backup's manifest is not valid JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
            or manifest.get("engine") != "sqlite":
        raise BackupError("The backup's manifest is not one this version writes.")
    return manifest


def _checked_copy(manifest: dict[str, Any], copy: Path) -> Figures:
    """The copy's figures, once its bytes and every table match what the manifest says."""
    files = manifest.get("files")
    expected = files.get(DATABASE) if isinstance(files, dict) else None
    if not isinstance(expected, dict) or file_sha256(copy) != expected.get("sha256"):
        raise BackupError("The backup's database does not match its manifest's checksum: "
                          "the archive is damaged.")
    listed = manifest.get("tables")
    listed = listed if isinstance(listed, dict) else {}
    figures = sqlite_figures(copy)
    differing = sorted(name for name in set(figures.tables) | set(listed)
                       if figures.tables.get(name) != listed.get(name))
    if differing or figures.revision != manifest.get("revision"):
        raise BackupError("The backup's database does not hold what its manifest lists "
                          f"(tables: {', '.join(differing) or 'none'}; revision: "
                          f"{figures.revision}).")
    return figures


def _known_heads(revision: str | None) -> tuple[str, ...]:
    """The code's schema heads; refuses an archive whose schema this code does not know."""
    scripts = ScriptDirectory(current_app.extensions["migrate"].directory)
    known = revision is not None and any(
        script.revision == revision for script in scripts.walk_revisions())
    if not known:
        raise BackupError(f"The backup's schema revision ({revision}) is unknown to this "
                          "version of the application: restore it with the version that "
                          "made it.")
    return tuple(scripts.get_heads())
