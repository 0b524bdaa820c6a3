"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from . import models  # noqa: F401  (the area's tables belong to the application)

# --- surveys ------------------------------------------------------------------------

# --- results, programmes and measures -------------------------------------------------

# --- dashboards ---------------------------------------------------------------------

# --- reports and open data ------------------------------------------------------------
