"""Reading what people type: one folding of case, accents and punctuation, one number parser."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_NOT_WORD = re.compile(r"[\W_]+")

# Control characters nobody types (tab, line feed and carriage return stay) and lone
# surrogates: PostgreSQL stores neither in text or JSON, and a spreadsheet cannot hold them.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without the characters no one types and no database or spreadsheet holds."""
    return UNSTORABLE.sub("", text)


def fold(text: Any) -> str:
    """Lower case, no accents, punctuation as spaces, spaces squeezed.

    "Réfugiés", "refugies" and "RÉFUGIÉS !" are the same word; "public_service"
    and "Public service" the same phrase.
    """
    plain = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())


# The smallest integer column of the engines the product runs on (PostgreSQL's INTEGER).
MAX_ID = 2**31 - 1


def to_int(value: Any) -> int | None:
    """An id or count typed in a URL or a form, or None when it is not one.

    Only ASCII digits count ("²" passes str.isdigit() but is no number), and
    values beyond what the database stores are refused rather than sent to it.
    """
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def humanised(code: str) -> str:
    """A code read as words ("due_on" -> "Due on"), for a label no area registered: better
    than the code itself, though only registered labels are translated."""
    words = str(code or "").replace(".", " ").replace("_", " ").split()
    if len(words) > 1 and words[-1] == "id":
        words.pop()
    return " ".join(words).capitalize()
