"""Hostile and random input through every form and every query parameter: never a 500.

The routes come from the URL map and the access table; each form's fields are read from
the page that shows it (and from the table's own POST data), each list page's parameters
from its GET forms. Values mix a corpus of known troublemakers (NUL and other control
characters, lone surrogates, right-to-left overrides, digits that are not ASCII, integers
beyond the database's range, impossible dates, huge texts, markup) with random text.
Each route first gets every value of the corpus in all its fields at once, then Hypothesis
mixes values with a fixed seed; ``FUZZ_EXAMPLES`` sets how many mixes each route gets
(`make fuzz` runs many more than the suite).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icc_network import create_app
from icc_network.config import TestConfig

from . import ADMIN, ANONYMOUS, COORDINATOR, access_table

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))

HOSTILE = [
    "", " ", "\x00", "a\x00b", "\x0b\x0c\x1b\x7f", "\ud800", "x\udfffy", "\u202eevil\u202c",
    "²", "١٢٣", "٣", "99999999999999999999", str(2**31), str(2**63), "-1", "0", "1e309", "NaN",
    "-0.0", "Infinity", "2026-02-30", "0000-00-00", "9999-12-31", "31/12/1899", "2026-13-01T25:61",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "' OR '1'='1", "%00",
    "../../etc/passwd", "x" * 100_000, "é" * 20_000, "\r\n\r\n", "🙂" * 500, "javascript:alert(1)",
    "//evil.example/", "=cmd|' /C calc'!A0", "\\", "9" * 5000, "new", "discard", "import",
]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                   st.integers(min_value=-(2**70), max_value=2**70).map(str))
FUZZ_SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck))

_APP = create_app({k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
                  | {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
_TABLE = access_table(_APP)
POSTS = sorted(e for e, spec in _TABLE.items() if spec.post)
GETS = sorted(e for e, spec in _TABLE.items() if spec.get)
# Routes whose single purpose is to end the session would sign the fuzzer out.
SKIPPED = {"auth.logout"}

FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
FORM = re.compile(r'<form\b([^>]*)>(.*?)</form>', re.S)


def _role(allowed: frozenset[str]) -> str:
    for role in (ADMIN, COORDINATOR, *sorted(allowed)):
        if role in allowed:
            return role
    return ANONYMOUS


def _encode(pairs: dict[str, str]) -> bytes:
    """A form body as a browser would send it, lone surrogates and all (as invalid UTF-8)."""
    return "&".join(f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'))}"
                    for k, v in pairs.items()).encode()


class _FormReader(HTMLParser):
    """The fields of a page's POST forms with the values a browser would send untouched,
    and which of them take free text (where hostile values go first)."""

    TEXT_TYPES = {"text", "search", "tel", "password", None}  # not dates, numbers, e-mails

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.values: dict[str, str] = {}
        self.text: set[str] = set()
        self.in_post, self.select = False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "form":  # the page's own form, not the language switcher or a logout button
            self.in_post = ((a.get("method") or "").lower() == "post"
                            and (a.get("action") or self.url) == self.url)
        elif tag == "option" and self.in_post and self.select:
            if (a.get("value") or "") and ("selected" in a or not self.values.get(self.select)):
                self.values[self.select] = a.get("value")
        elif not self.in_post or not name or name == "csrf_token":
            return
        elif tag == "input":
            kind = a.get("type")
            if kind in ("checkbox", "radio"):
                if "checked" in a or name not in self.values:
                    self.values[name] = a.get("value") or "y"
            elif kind not in ("submit", "button", "file"):
                self.values.setdefault(name, a.get("value") or "")
                if kind in self.TEXT_TYPES:
                    self.text.add(name)
        elif tag == "textarea":
            self.values.setdefault(name, "")
            self.text.add(name)
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_post = False


def _fields(page: str, get_forms: bool) -> set[str]:
    names: set[str] = set()
    for attributes, body in FORM.findall(page):
        is_get = 'method="post"' not in attributes.lower()
        if is_get == get_forms:
            names.update(FIELD.findall(body))
    return names - {"csrf_token"}


@pytest.mark.parametrize("endpoint", [e for e in POSTS if e not in SKIPPED])
def test_every_form_answers_hostile_values_without_an_error(app, world, client, endpoint):
    spec = _TABLE[endpoint]
    url = world.url(app, endpoint, spec)
    token = world.sign_in(client, _role(spec.post))
    base = {k: str(v) for k, v in spec.post_data(world).items()}
    names, text = set(base), set(base)
    if spec.get is not None:
        reader = _FormReader(url)
        reader.feed(client.get(url).get_data(as_text=True))
        # A valid form as shown, then hostile values. Without its one-time key, so that every
        # sending runs the rules (a repeated key would only lead to the first record).
        reader.values.pop("submission_key", None)
        base = {**reader.values, **base}
        names |= set(reader.values)
        text = reader.text or names

    def send(values):
        body = _encode({**base, **values, "csrf_token": token})
        response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500, f"POST {url} {values!r}: {response.status_code}"

    for value in HOSTILE:
        send(dict.fromkeys(text, value))  # the rest of the form valid: the value reaches the rules
        send(dict.fromkeys(names, value))
    FUZZ_SETTINGS(given(st.fixed_dictionaries({name: VALUES for name in sorted(names)}))(send))()


@pytest.mark.parametrize("endpoint", GETS)
def test_every_page_answers_hostile_query_parameters_without_an_error(app, world, client,
                                                                       endpoint):
    spec = _TABLE[endpoint]
    url = world.url(app, endpoint, spec).split("?")[0]
    world.sign_in(client, _role(spec.get))
    first = client.get(url)
    names = {"page", "per_page", "sort", "q", "format", *spec.query}
    if first.mimetype == "text/html":
        names |= _fields(first.get_data(as_text=True), get_forms=True)

    def visit(values):
        response = client.get(url + "?" + _encode(values).decode())
        assert response.status_code < 500, f"GET {url} {values!r}: {response.status_code}"

    for value in HOSTILE:
        visit(dict.fromkeys(names, value))
    FUZZ_SETTINGS(given(st.fixed_dictionaries({name: VALUES for name in sorted(names)}))(visit))()
