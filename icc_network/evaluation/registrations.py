"""What the evaluation area plugs into the shared kernel: menus, home panels, the panel
on a campaign's summary, and translation worklist fields. Each concept registers in its
own section."""

from __future__ import annotations

from . import models  # noqa: F401  (the area's tables belong to the application)

# --- surveys ------------------------------------------------------------------------

# --- results, programmes and measures -------------------------------------------------

# --- dashboards ---------------------------------------------------------------------


def _headlines_panel(_user) -> dict:
    """The home page of coordinators and staff: the headline measures and their trend."""
    from flask import current_app, url_for

    from .services.dashboards import headlines
    from .vocab import POLARITIES

    pages = current_app.view_functions
    shown, total = headlines()
    return {"headlines": shown, "total": total, "polarities": POLARITIES, "charts": True,
            "stylesheet": url_for("evaluation.static", filename="css/evaluation.css"),
            # The measures' pages and the overview: linked once the application has them.
            "detail_page": "evaluation.measure_detail" in pages,
            "overview_page": "evaluation.index" in pages}


def _register_dashboards() -> None:
    from ..core.nav import HomePanel, register_home_panel

    register_home_panel(HomePanel("evaluation.headlines", "evaluation/_home_headlines.html",
                                  "evaluation.view", _headlines_panel, order=50))


_register_dashboards()

# --- reports and open data ------------------------------------------------------------
