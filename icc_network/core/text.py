"""Comparing what people type: one folding of case, accents and punctuation for the whole product."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: Any) -> str:
    """Lower case, no accents, punctuation as spaces, spaces squeezed.

    "Réfugiés", "refugies" and "RÉFUGIÉS !" are the same word; "public_service"
    and "Public service" the same phrase.
    """
    plain = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())
