"""Routes of the auth area, one module per concept."""

from . import accounts, password_reset, users  # noqa: F401
