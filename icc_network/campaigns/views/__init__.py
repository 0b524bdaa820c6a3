"""Routes of the campaigns area, one module per concept."""

from .. import models  # noqa: F401  (the area's tables are known to migrations and the app)
from . import feeds  # noqa: F401
