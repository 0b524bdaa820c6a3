"""Models of the rumours area: the catalogue, sightings and counter-arguments."""

from .arguments import CounterArgument, current_argument
from .catalogue import (
    MatchIndexVersion,
    Rumour,
    RumourKeyPhrase,
    RumourStatusChange,
    TargetGroup,
    Theme,
    rumour_target_group,
)
from .hateful import HatefulAction
from .sightings import RumourTrend, Sighting, SightingWeek, SightingWeekArea

__all__ = [
    "CounterArgument",
    "HatefulAction",
    "MatchIndexVersion",
    "Rumour",
    "RumourKeyPhrase",
    "RumourStatusChange",
    "RumourTrend",
    "Sighting",
    "SightingWeek",
    "SightingWeekArea",
    "TargetGroup",
    "Theme",
    "current_argument",
    "rumour_target_group",
]
