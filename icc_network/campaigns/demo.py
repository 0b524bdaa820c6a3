"""Demonstration data of the campaigns area."""

from __future__ import annotations


def load() -> None:
    """Campaigns, their partners and activities (filled in by the demo section)."""
