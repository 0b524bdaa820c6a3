"""What an area offers to areas that may not import it: choice lists.

Imports point down only, and peers never import each other (DESIGN.md, "Area
contract"). When an area needs something that a peer or a higher area owns, the
owner registers it here from its ``registrations.py`` and the reader asks for it
by name. When nobody registered it, the reader gets an empty list or its
default: an application built without the owning area still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

# --- choice sources: (value, label) lists for forms of another area ---------

ChoiceSource = Callable[[], Iterable[tuple[Any, Any]]]

_CHOICES: dict[str, ChoiceSource] = {}


def register_choices(key: str, source: ChoiceSource) -> None:
    """Offer the list ``key`` (e.g. "organisations") to other areas' forms."""
    _CHOICES[key] = source


def choices_for(key: str) -> list[tuple[Any, Any]]:
    """The registered list ``key``, read now; empty when no area offers it."""
    source = _CHOICES.get(key)
    return [] if source is None else list(source())
