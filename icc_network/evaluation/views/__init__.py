"""Routes of the evaluation area, one module per concept."""

from . import accountability, open_data, reports, surveys, worksheets  # noqa: F401
