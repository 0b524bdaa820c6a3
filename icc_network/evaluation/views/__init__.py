"""Routes of the evaluation area, one module per concept."""
from . import surveys  # noqa: F401
