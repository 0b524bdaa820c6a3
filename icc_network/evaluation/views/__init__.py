"""Routes of the evaluation area, one module per concept."""

from . import reports  # noqa: F401
from . import surveys  # noqa: F401
