"""Ties derived in the network from joint campaign work."""

from __future__ import annotations


def refresh_ties(campaign_id: int) -> int:
    """Recompute the ties the campaign's joint activities create; how many changed."""
    return 0
