"""icc_network: the Intercultural Cities anti-rumours strategy, run by a city."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_bootstrap import Bootstrap5

from .config import (
    INSTANCE_DIR,
    check_secret_key,
    config_for_environment,
    trusted_host_settings,
    url_settings,
)
from .core.areas import AREAS, load_area
from .extensions import (
    babel,
    compress,
    csrf,
    db,
    engine_options,
    limiter,
    login_manager,
    migrate,
)


def create_app(config: Any = None) -> Flask:
    """Build the application. ``config`` is a Config class or a dict of overrides."""
    app = Flask(__name__, instance_path=str(INSTANCE_DIR), instance_relative_config=False)
    app.config.from_object(config_for_environment())
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    app.config.setdefault("AREAS", AREAS)
    check_secret_key(app.config)
    url_settings(app.config)
    trusted_host_settings(app.config)
    _prepare_sqlite_directory(app)

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    # First of the after-request hooks, so it runs last: it compresses the finished body.
    compress.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir()))
    csrf.init_app(app)
    limiter.init_app(app)
    Bootstrap5(app)

    from .core import i18n

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    i18n.init_app(app)

    login_manager.init_app(app)

    from .core.web import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any route is added
    for area in app.config["AREAS"]:
        app.register_blueprint(load_area(area).bp)

    from .core import errors, security, templating

    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)

    from .cli import register_cli

    register_cli(app)
    return app


def _migrations_dir():
    from .config import PROJECT_ROOT

    return PROJECT_ROOT / "migrations"


def _prepare_sqlite_directory(app: Flask) -> None:
    uri: str = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///") and not uri.startswith("sqlite:///:memory:"):
        from pathlib import Path

        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
