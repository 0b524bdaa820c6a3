"""Forms of the evaluation area, one section per concept (labels with lazy_gettext)."""

from __future__ import annotations

# --- surveys ---------------------------------------------------------------------

# --- results, programmes and measures ----------------------------------------------

# --- worksheets --------------------------------------------------------------------

# --- annual report -----------------------------------------------------------------
