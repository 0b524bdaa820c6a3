"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from ..core.i18n import lazy_gettext as _l
from ..core.nav import NavItem, register_nav
from . import models  # noqa: F401  (the area's tables belong to the application)

# --- surveys ------------------------------------------------------------------------

# --- results, programmes and measures -------------------------------------------------

# --- dashboards ---------------------------------------------------------------------

# --- reports and open data ------------------------------------------------------------


def _register_report_nav() -> None:
    register_nav(NavItem("evaluation.annual_report", _l("Annual report"), "evaluation.view", 85,
                         group=_l("Evaluation"),
                         description=_l("The year of the strategy as a PDF or an editable "
                                        "document, in French or English.")))


_register_report_nav()
