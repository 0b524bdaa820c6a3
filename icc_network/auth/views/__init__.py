"""Routes of the auth area, one module per concept."""

from . import accounts, users  # noqa: F401
