"""Routes of the evaluation area, one module per concept."""

from . import accountability  # noqa: F401, I001
from . import open_data  # noqa: F401, I001
from . import worksheets  # noqa: F401, I001
