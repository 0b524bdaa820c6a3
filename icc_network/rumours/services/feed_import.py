"""Import another city's ClaimReview feed as draft counter-arguments, provenance kept.

The preview groups the feed's ClaimReviews by page (one per language), matches
each claim to a local rumour when the wording is close enough, and lists the
arguments that would be added. Confirmed arguments land as drafts for a
coordinator to check; each carries the feed and the original page it came
from, and a key that makes a second import of the same feed add nothing. A
ClaimReview that does not say its language is read in the feed's declared one.
Subscriptions (services/subscriptions.py) read fetched feeds through the same steps.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select

from ...core.clock import today
from ...core.i18n import lazy_gettext as _l
from ...core.imports import Checked, Preview
from ...core.rules import RuleViolation
from ...core.translatable import LOCALES, clean
from ...core.uploads import read_json
from ...extensions import db
from ..models import CounterArgument, Rumour
from ..vocab import KINDS
from .catalogue import save_rumour
from .matching import suggest

KIND = "rumours.claimreview_feed"
MATCH_SCORE = 90


@dataclass
class FeedArgument:
    key: str
    kind: str
    text: dict[str, str] = field(default_factory=dict)
    publisher: str = ""
    url: str = ""
    published_on: date | None = None
    area: str = ""
    valid_until: date | None = None


@dataclass
class FeedClaim:
    origin_url: str
    wording: dict[str, str] = field(default_factory=dict)
    arguments: dict[str, FeedArgument] = field(default_factory=dict)
    rumour_id: int | None = None  # the local rumour it matches, or None for a new one
    rumour_wording: dict[str, str] = field(default_factory=dict)
    new_arguments: int = 0


def _elements(data: Any) -> list[dict]:
    if isinstance(data, list):
        return [e for e in data if isinstance(e, dict)]
    if not isinstance(data, dict):
        return []
    for key in ("dataFeedElement", "@graph", "itemListElement"):
        if isinstance(data.get(key), list):
            return [e for e in data[key] if isinstance(e, dict)]
    return [data]


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _text(value: Any, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _locale(value: Any) -> str | None:
    code = _text(value, 10).lower()[:2]
    return code if code in LOCALES else None


def _web(url: str) -> str:
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _same_page(url: str) -> str:
    """One key for a page's language versions (``/fr/catalogue/7``, ``/catalogue/7?lang=en``):
    a claim and each of its arguments are one record whatever language they come in."""
    parts = urlsplit(url)
    path = "/".join(s for s in parts.path.split("/") if s not in LOCALES)
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("lang="))
    return urlunsplit((parts.scheme, parts.netloc, path, query, parts.fragment))


@dataclass
class Feed:
    source: str  # the feed's own address, or its name
    name: str  # the name of the city (or network) that publishes it
    claims: list[FeedClaim]
    preview: Preview


def read_feed(data: bytes, language: str | None = None) -> tuple[str, list[FeedClaim], Preview]:
    """The feed's own address or name, its claims grouped by page, and the errors found."""
    feed = parse_feed(data, language)
    return feed.source, feed.claims, feed.preview


def parse_feed(data: bytes, language: str | None = None) -> Feed:
    """Read a feed. A ClaimReview that does not say its language is taken to be in
    ``language``, or else in the language the feed declares for itself."""
    preview: Preview = Preview()
    try:
        document = read_json(data)
    except RuleViolation as violation:
        preview.error(1, None, violation.message)
        return Feed("", "", [], preview)
    source = name = ""
    if isinstance(document, dict):
        name = _text(document.get("name"), 200) or _publisher_name(document)
        source = _web(_text(document.get("url"), 500)) or name
        language = language or _locale(document.get("inLanguage"))
    claims: dict[str, FeedClaim] = {}
    for number, element in enumerate(_elements(document), start=1):
        if element.get("@type") != "ClaimReview":
            continue
        name = name or _publisher_name(element)
        _read_claim(element, number, claims, preview, language)
    if not claims and preview.clean:
        preview.error(1, None, _l("The file holds no ClaimReview."))
    return Feed(source, name, list(claims.values()), preview)


def _publisher_name(element: dict) -> str:
    for key in ("author", "publisher"):
        if isinstance(element.get(key), dict):
            return _text(element[key].get("name"), 200)
    return ""


def _read_claim(element: dict, number: int, claims: dict[str, FeedClaim], preview: Preview,
                language: str | None) -> None:
    url = _web(_text(element.get("url"), 500))
    locale = _locale(element.get("inLanguage")) or language
    claimed = _text(element.get("claimReviewed"), 500)
    if not url:
        preview.error(number, "url", _l("Each ClaimReview needs the web address of its page."))
        return
    if not locale or not claimed:
        preview.error(number, "claimReviewed",
                      _l("Each ClaimReview needs the claim and its language (fr or en)."))
        return
    claim = claims.setdefault(_same_page(url), FeedClaim(origin_url=url))
    claim.wording[locale] = claimed
    parts = element.get("hasPart")
    if not isinstance(parts, list):
        body = _text(element.get("reviewBody"), 4000)
        parts = [{"text": body}] if body else []
    for position, part in enumerate(p for p in parts if isinstance(p, dict)):
        _read_part(claim, part, position, locale)


def _read_part(claim: FeedClaim, part: dict, position: int, locale: str) -> None:
    text = _text(part.get("text"), 4000)
    if not text:
        return
    part_id = _same_page(_text(part.get("@id"), 500) or f"{claim.origin_url}#{position}")
    citation = part.get("citation") if isinstance(part.get("citation"), dict) else {}
    publisher = citation.get("publisher") if isinstance(citation.get("publisher"), dict) else {}
    genre = _text(part.get("genre"), 20)
    argument = claim.arguments.setdefault(part_id, FeedArgument(
        key="feed:" + hashlib.sha256(part_id.encode()).hexdigest()[:64],
        kind=genre if genre in KINDS else ("statistic" if citation else "emotional"),
        publisher=_text(publisher.get("name"), 200),
        url=_web(_text(citation.get("url"), 500)),
        published_on=_date(citation.get("datePublished")),
        area=_text(part.get("spatialCoverage"), 120),
        valid_until=_date(part.get("expires"))))
    argument.text[_locale(part.get("inLanguage")) or locale] = text


def preview_feed(data: bytes) -> tuple[str, list[FeedClaim], Preview]:
    """Read the feed and say, for each claim, which local rumour it joins and what is new."""
    source, claims, preview = read_feed(data)
    match_claims(claims, preview)
    return source, claims, preview


def match_claims(claims: list[FeedClaim], preview: Preview) -> None:
    """Find each claim's local rumour and count its new arguments; the preview's rows are
    the claims that bring something new."""
    keys = [a.key for claim in claims for a in claim.arguments.values()]
    present = _present(keys)
    for claim in claims:
        match = _local_match(claim)
        if match is not None:
            claim.rumour_id, claim.rumour_wording = match
        claim.new_arguments = sum(1 for a in claim.arguments.values() if a.key not in present)
        preview.already_present += len(claim.arguments) - claim.new_arguments
    preview.rows = [claim for claim in claims if claim.new_arguments]


def check_file(_filename: str, data: bytes) -> Checked[FeedClaim]:
    """The import's check: read the feed; the claims that bring new arguments are its rows."""
    source, claims, preview = preview_feed(data)
    return Checked(KIND, preview, details=(source, claims))


def _present(keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return set(db.session.scalars(select(CounterArgument.import_key)
                                  .where(CounterArgument.import_key.in_(keys))))


def _local_match(claim: FeedClaim) -> tuple[int, dict[str, str]] | None:
    for text in claim.wording.values():
        best = suggest(text, 1)
        if best and best[0].score >= MATCH_SCORE:
            return best[0].rumour_id, best[0].wording
    return None


def import_feed(source: str, claims: list[FeedClaim], filename: str, *, actor: Any) -> int:
    """Add the new arguments as drafts (and new claims as reported rumours)."""
    return len(add_arguments(claims, (source or filename)[:500], actor=actor))


@dataclass
class Added:
    claim: FeedClaim
    item: FeedArgument
    argument: CounterArgument
    created_rumour_id: int | None  # the rumour created for the claim, if it was new


def add_arguments(claims: list[FeedClaim], origin: str, *, actor: Any) -> list[Added]:
    """Add the arguments not imported before as drafts, each with ``origin`` (the feed's
    address or its city's name); a claim that matches no rumour becomes a reported one."""
    present = _present([a.key for claim in claims for a in claim.arguments.values()])
    added: list[Added] = []
    for claim in claims:
        fresh = [a for a in claim.arguments.values() if a.key not in present]
        if not fresh:
            continue
        created = None if claim.rumour_id else _new_rumour(claim, actor)
        for argument in fresh:
            row = CounterArgument(
                rumour_id=claim.rumour_id or created, kind=argument.kind,
                text=clean(argument.text), source_publisher=argument.publisher,
                source_url=argument.url, source_published_on=argument.published_on,
                source_area=argument.area, valid_until=argument.valid_until, status="draft",
                created_by_id=getattr(actor, "id", None), origin_feed=origin,
                origin_url=claim.origin_url, import_key=argument.key)
            db.session.add(row)
            added.append(Added(claim, argument, row, created))
    db.session.flush()
    return added


def _new_rumour(claim: FeedClaim, actor: Any) -> int:
    rumour: Rumour = save_rumour(
        None, actor=actor, wording=clean(claim.wording), theme_id=None, target_group_ids=[],
        spheres=[], detection="city_feed", cause={}, first_detected=today(), risk="moderate",
        alert_deadline=None, assignee_id=None)
    return rumour.id
