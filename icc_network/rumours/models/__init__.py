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
from .imports import SightingImportMapping
from .sightings import (
    RumourTrend,
    Sighting,
    SightingChange,
    SightingWeek,
    SightingWeekArea,
    SightingWeekDistrict,
)
from .subscriptions import AllowedFeed, FeedItem, FeedSubscription, FeedUpdate

__all__ = [
    "AllowedFeed",
    "CounterArgument",
    "FeedItem",
    "FeedSubscription",
    "FeedUpdate",
    "HatefulAction",
    "MatchIndexVersion",
    "Rumour",
    "RumourKeyPhrase",
    "RumourStatusChange",
    "RumourTrend",
    "Sighting",
    "SightingChange",
    "SightingImportMapping",
    "SightingWeek",
    "SightingWeekArea",
    "SightingWeekDistrict",
    "TargetGroup",
    "Theme",
    "current_argument",
    "rumour_target_group",
]
