"""Backups: a copy taken while the application writes comes back whole, on either engine."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from icc_network.auth.models import User
from icc_network.core import backup as backups
from icc_network.core.clock import utcnow
from icc_network.core.models import AuditLog, PendingImport
from icc_network.extensions import db

from .. import factories
from ..conftest import fresh_database, make_test_app

ON_POSTGRESQL = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
sqlite_only = pytest.mark.skipif(ON_POSTGRESQL, reason="flask backup copies SQLite files")
UPLOAD = b"district;rumour;count\n" + bytes(range(256)) * 40  # any bytes, kept as they are


def load_demo_and_an_upload(app) -> str:
    """The demonstration city, and a file uploaded but not confirmed yet; its sha256."""
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return stage_upload(db.session.scalar(select(User.id).order_by(User.id).limit(1)))


def stage_upload(user_id: int) -> str:
    digest = hashlib.sha256(UPLOAD).hexdigest()
    db.session.add(PendingImport(kind="rumours.sightings", user_id=user_id,
                                 filename="sightings.csv", sha256=digest, content=UPLOAD))
    db.session.commit()
    return digest


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile(backups.MANIFEST))


class Writer(threading.Thread):
    """Another connection inserting audit entries, one transaction each, until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})
        self.inserted, self.errors = 0, []
        self.stop, self.lock = threading.Event(), threading.Condition()

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                with self.engine.begin() as connection:
                    connection.execute(insert(AuditLog.__table__).values(
                        at=utcnow(), action="test.write", entity_type="test", details={}))
                with self.lock:
                    self.inserted += 1
                    self.lock.notify_all()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.errors.append(exc)
        finally:
            self.engine.dispose()

    def wait_for(self, count: int) -> None:
        with self.lock:
            assert self.lock.wait_for(lambda: self.inserted >= count or self.errors, timeout=120)


def audit_ids(path: Path) -> list[int]:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    with engine.connect() as connection:
        ids = list(connection.scalars(text("SELECT id FROM audit_log ORDER BY id")))
    engine.dispose()
    return ids


def invoke_on(database_url: str, *args: str):
    """A command run by an application of another database (the test's context is the
    suite's own application, which the command would otherwise use)."""
    other = make_test_app(database_url)
    with other.app_context():
        try:
            return other.test_cli_runner().invoke(args=list(args))
        finally:
            db.engine.dispose()


def restore_into(database: Path, archive: Path, *options: str):
    return invoke_on(f"sqlite:///{database}", "restore", *options, str(archive))


@sqlite_only
def test_a_backup_taken_while_another_connection_writes_restores_every_row_and_file(
        app, database_url, tmp_path):
    upload_sha = load_demo_and_an_upload(app)
    source = Path(make_url(database_url).database)
    before = backups.sqlite_figures(source)

    writer = Writer(database_url)
    writer.start()
    try:
        writer.wait_for(20)
        result = app.test_cli_runner().invoke(args=["backup", "--output", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
        writer.wait_for(writer.inserted + 5)  # and it went on writing afterwards
    finally:
        writer.stop.set()
        writer.join(timeout=120)
    assert not writer.errors, writer.errors
    [archive] = list((tmp_path / "out").glob("icc_network-*.tar.gz"))
    assert str(archive) in result.output and oct(archive.stat().st_mode)[-3:] == "600"
    manifest = read_manifest(archive)
    assert manifest["revision"] == before.revision
    # The writer touches only the audit log: every other table is copied as it was.
    assert {k: v for k, v in manifest["tables"].items() if k != "audit_log"} == \
        {k: v for k, v in before.tables.items() if k != "audit_log"}
    copied = manifest["tables"]["audit_log"]["rows"]
    assert before.tables["audit_log"]["rows"] + 20 <= copied < len(audit_ids(source))

    restored = tmp_path / "restored" / "icc.sqlite"
    result = restore_into(restored, archive)
    assert result.exit_code == 0, result.output
    assert "every table matches" in result.output

    # Every row of every table, counted and checksummed, and a snapshot: the audit entries
    # copied are exactly the first ones the live database holds, none missing in between.
    assert backups.sqlite_figures(restored).tables == manifest["tables"]
    live_ids = audit_ids(source)
    assert audit_ids(restored) == live_ids[:copied]
    engine = create_engine(f"sqlite:///{restored}", poolclass=NullPool)
    with engine.connect() as connection:
        content, sha = connection.execute(text(
            "SELECT content, sha256 FROM pending_import")).one()
        assert connection.scalar(text("PRAGMA integrity_check")) == "ok"
    engine.dispose()
    assert hashlib.sha256(content).hexdigest() == sha == upload_sha


@pytest.fixture
def archive(tmp_path) -> Path:
    stage_upload(factories.user("admin").id)
    return backups.create_backup(tmp_path / "out").path


@sqlite_only
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(archive, tmp_path):
    target = tmp_path / "target.sqlite"
    migrated = invoke_on(f"sqlite:///{target}", "db", "upgrade")
    assert migrated.exit_code == 0, migrated.output
    assert backups.database_is_empty(target)  # tables without rows, as a new deployment has
    restored = restore_into(target, archive)
    assert restored.exit_code == 0, restored.output
    again = restore_into(target, archive)
    assert again.exit_code != 0 and "not empty" in again.output and "--force" in again.output
    forced = restore_into(target, archive, "--force")
    assert forced.exit_code == 0, forced.output
    assert backups.sqlite_figures(target).tables == read_manifest(archive)["tables"]


def rewritten(archive: Path, change) -> Path:
    """A copy of the archive whose members went through ``change(name, data)``."""
    members = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            members[member.name] = tar.extractfile(member).read()
    damaged = archive.with_name("damaged.tar.gz")
    with tarfile.open(damaged, "w:gz") as tar:
        for name, data in change(members).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return damaged


def _other_count(members):
    manifest = json.loads(members[backups.MANIFEST])
    manifest["tables"]["user"]["rows"] += 1
    return {**members, backups.MANIFEST: json.dumps(manifest).encode()}


def _flipped_byte(members):
    data = bytearray(members[backups.DATABASE])
    data[len(data) // 2] ^= 0xFF
    return {**members, backups.DATABASE: bytes(data)}


@sqlite_only
@pytest.mark.parametrize(("change", "message"), [
    (_other_count, "does not hold what its manifest lists (tables: user;"),
    (_flipped_byte, "checksum"),
    (lambda members: {**members, "../evil": b"x"}, "which no backup holds"),
    (lambda members: {backups.DATABASE: members[backups.DATABASE]}, "lacks its manifest"),
])
def test_restore_refuses_an_archive_that_does_not_match_its_manifest(archive, tmp_path, change,
                                                                     message):
    target = tmp_path / "target.sqlite"
    result = restore_into(target, rewritten(archive, change))
    assert result.exit_code != 0 and message in result.output
    assert backups.database_is_empty(target)


@sqlite_only
def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    stray = tmp_path / "notes.tar.gz"
    stray.write_bytes(b"not an archive")
    result = restore_into(tmp_path / "target.sqlite", stray)
    assert result.exit_code != 0 and "cannot be read as a backup" in result.output


def test_backup_on_postgresql_points_to_pg_dump():
    result = invoke_on("postgresql+psycopg://nobody@127.0.0.1:9/none", "backup")
    assert result.exit_code != 0
    assert "pg_dump -Fc" in result.output and "README" in result.output


# --- PostgreSQL: pg_dump and pg_restore, as the README says --------------------------


def _major(command: str) -> int:
    output = subprocess.run([command, "--version"], capture_output=True, text=True,
                            check=True).stdout
    return int(re.search(r"\b(\d+)(?:\.\d+)+", output).group(1))


def libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump backs up PostgreSQL")
def test_pg_dump_and_pg_restore_bring_every_row_into_an_empty_database(app, database_url,
                                                                      tmp_path):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    server = int(db.session.scalar(text("SHOW server_version_num"))) // 10_000
    if _major("pg_dump") < server:
        pytest.skip(f"pg_dump {_major('pg_dump')} cannot dump a PostgreSQL {server} server")
    upload_sha = load_demo_and_an_upload(app)
    with db.engine.connect() as connection:
        before = backups.table_figures(connection)
    dump = tmp_path / "icc.dump"
    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump),
                    "--dbname", libpq_url(database_url)], check=True)

    with fresh_database(tmp_path) as empty:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error",
                        "--dbname", libpq_url(empty), str(dump)], check=True)
        engine = create_engine(empty, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                after = backups.table_figures(connection)
                content = connection.scalar(text("SELECT content FROM pending_import"))
        finally:
            engine.dispose()
    assert before.rows > 1_000 and after.revision == before.revision
    assert after.tables == before.tables
    assert hashlib.sha256(content).hexdigest() == upload_sha
