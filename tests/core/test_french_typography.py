"""Every French entry of the catalogue follows French typography: a no-break space before
the high punctuation marks (: ; ? !) and inside guillemets (« »)."""

from __future__ import annotations

import re
from pathlib import Path

import polib

FRENCH = Path(__file__).resolve().parents[2] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
NO_BREAK = "\u00a0\u202f"
# A high mark ending a clause (a space, the end, a closing mark or a tag follows), and what
# stands before it. Web addresses (https:), HTML entities (&amp;) and placeholders are left out.
HIGH_MARK = re.compile(r"(.)([:;?!])(?=\s|$|[»)\"”.,<])", re.S)
ENTITY_OR_ADDRESS = re.compile(r"(&#?\w+|https?|mailto|%\(\w+\)|%)$")


def _strings(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def typography_faults(text: str) -> list[str]:
    faults = []
    for match in HIGH_MARK.finditer(text):
        before, mark = match.group(1), match.group(2)
        if before in NO_BREAK or ENTITY_OR_ADDRESS.search(text[:match.start(2)]):
            continue
        faults.append(f"no no-break space before “{mark}” in …{text[max(0, match.start() - 20):match.end()]}")
    faults += [f"no no-break space after « in …{text[m.start():m.start() + 20]}"
               for m in re.finditer(r"«(?![" + NO_BREAK + "])", text)]
    faults += [f"no no-break space before » in …{text[max(0, m.start() - 20):m.end()]}"
               for m in re.finditer(r"(?<![" + NO_BREAK + "])»", text)]
    return faults


def test_the_checker_sees_plain_spaces_and_missing_ones():
    assert typography_faults("Campagne : %(title)s")
    assert typography_faults("Un doublon?")
    assert typography_faults("« %(name)s »") and len(typography_faults("« x »")) == 2
    assert not typography_faults("Campagne\u00a0: %(title)s")
    assert not typography_faults("«\u00a0x\u00a0» et https://example.org, 14:30, &nbsp; 50\u00a0%")


def test_every_french_entry_follows_french_typography():
    faults = [f"{entry.msgid!r}: {fault}"
              for entry in polib.pofile(str(FRENCH)) if not entry.obsolete
              for text in _strings(entry) for fault in typography_faults(text)]
    assert not faults, "\n".join(faults[:40]) + f"\n({len(faults)} in all)"
