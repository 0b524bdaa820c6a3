"""Routes of the evaluation area, one module per concept."""

from . import (
    reports,  # noqa: F401
    surveys,  # noqa: F401
)
