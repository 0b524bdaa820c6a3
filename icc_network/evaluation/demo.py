"""Demonstration data of the evaluation area."""

from __future__ import annotations


def load() -> None:
    """Filled in by the demo data of surveys and measures."""
