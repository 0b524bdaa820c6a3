"""Command-line interface: `flask users`, `flask demo`, `flask scheduler`, `flask serve`,
`flask backup` and `flask restore`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from werkzeug.serving import WSGIRequestHandler, run_simple

from .extensions import db

users_cli = AppGroup("users", help="Manage accounts.")
demo_cli = AppGroup("demo", help="Demonstration data.")
scheduler_cli = AppGroup("scheduler", help="The job scheduler.")


@users_cli.command("create")
@click.option("--role", required=True,
              type=click.Choice(["admin", "coordinator", "trainer", "partner", "staff", "agent"]))
@click.option("--email", required=True, prompt=True)
@click.option("--name", required=True, prompt=True)
@click.option("--locale", default=None, type=click.Choice(["fr", "en"]))
@click.password_option()
def create_user(role: str, email: str, name: str, locale: str | None, password: str) -> None:
    """Create an account (for instance the first administrator)."""
    from .auth.services import accounts
    from .core.rules import RuleViolation

    try:
        user = accounts.create_user(
            email=email, name=name, role=role, password=password,
            locale=locale or current_app.config["BABEL_DEFAULT_LOCALE"],
        )
    except RuleViolation as violation:
        db.session.rollback()
        raise click.ClickException(str(violation.message)) from violation
    db.session.commit()
    click.echo(f"Created {user.role} account {user.email}.")


def database_is_empty() -> bool:
    from .auth.models import User

    return not db.session.scalar(select(func.count()).select_from(User))


def demo_modules(app: Flask):
    from .core.areas import area_modules

    return area_modules("icc_network.{area}.demo", app.config["AREAS"])


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when accounts already exist.")
def load_demo(if_empty: bool) -> None:
    """Load the bilingual demonstration data into an empty database."""
    if not database_is_empty():
        if if_empty:
            click.echo("The database already has data; demonstration data not loaded.")
            return
        raise click.ClickException("The database is not empty; demonstration data not loaded.")
    for module in demo_modules(current_app):
        module.load()
    db.session.commit()
    click.echo("Demonstration data loaded.")


def print_demo_logins(url: str) -> None:
    from .auth.demo import DEMO_ACCOUNTS

    click.echo(f"\n  icc_network is running at {url}\n")
    click.echo("  Demo logins (role, language, e-mail, password):")
    for account in DEMO_ACCOUNTS:
        click.echo(f"    {account.role:<12} {account.locale}  {account.email:<36} {account.password}")
    click.echo("")


@scheduler_cli.command("run")
def run_scheduler() -> None:
    """Run the scheduler in the foreground (one such process per deployment)."""
    from .scheduler import build_scheduler

    app = current_app._get_current_object()
    scheduler = build_scheduler(app, blocking=True)
    click.echo(f"Scheduler started with {len(scheduler.get_jobs())} jobs.")
    scheduler.start()


@scheduler_cli.command("run-job")
@click.argument("job_id")
def run_one_job(job_id: str) -> None:
    """Run one job now, as the scheduler would."""
    from .core.scheduling import job_specs
    from .scheduler import run_job

    app = current_app._get_current_object()
    specs = {spec.id: spec for spec in job_specs(app)}
    if job_id not in specs:
        raise click.ClickException(f"Unknown job {job_id}; known: {', '.join(sorted(specs))}")
    run_job(app, specs[job_id])
    click.echo(f"Job {job_id} ran.")


PRODUCT_NAME = "icc_network"


class ProductRequestHandler(WSGIRequestHandler):
    """The development server's handler, whose ``Server`` header names the product only:
    the Werkzeug and Python versions would tell an attacker which flaws to try."""

    server_version = PRODUCT_NAME
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version


@click.command("serve")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
def serve(host: str, port: int) -> None:
    """Development server and scheduler in one process (what `make run` starts)."""
    from .scheduler import start_background

    app = current_app._get_current_object()
    scheduler = start_background(app)
    print_demo_logins(f"http://{host}:{port}")
    try:
        # Flask refuses app.run() inside its own CLI; the server is started directly.
        run_simple(host, port, app, threaded=True, use_reloader=False,
                   request_handler=ProductRequestHandler)
    finally:
        scheduler.shutdown(wait=False)


@click.command("backup")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the archives (default: backups/ beside the database).")
def backup(output: Path | None) -> None:
    """Copy the SQLite database, while the application runs, into a checked archive."""
    from .core import backup as backups

    try:
        made = backups.create_backup(output)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    figures = made.figures
    click.echo(f"Backed up {len(figures.tables)} tables, {figures.rows} rows "
               f"(schema {figures.revision}) to {made.path}")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that is not empty.")
def restore(archive: Path, force: bool) -> None:
    """Bring a backup made by `flask backup` back into the SQLite database."""
    from .core import backup as backups

    try:
        restored = backups.restore_backup(archive, force=force)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from error
    figures = restored.figures
    click.echo(f"Restored {len(figures.tables)} tables, {figures.rows} rows "
               f"(schema {figures.revision}); every table matches the backup's manifest.")
    if restored.needs_upgrade:
        click.echo("The backup's schema is older than this version's: run `flask db upgrade`.")


def register_cli(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(serve)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
