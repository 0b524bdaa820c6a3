"""Flask extensions, created unbound and initialised in create_app()."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Constraint names are derived, never left to the database: migrations can then
# drop or alter them by name on every engine (SQLite batch mode needs this).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to open this page.")
login_manager.login_message_category = "info"
babel = Babel()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)
# Pages and JSON compressed when the browser accepts it (settings: Config.COMPRESS_*).
compress = Compress()


def engine_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """The configuration's engine options; on SQLite with the busy timeout of the configuration
    (the driver's ``timeout``, in seconds, is SQLite's busy timeout)."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if str(config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        options["connect_args"] = {**options.get("connect_args", {}),
                                   "timeout": config["SQLITE_BUSY_TIMEOUT_MS"] / 1000}
    return options


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    """Foreign keys and WAL on every SQLite connection (its busy timeout: engine_options)."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
