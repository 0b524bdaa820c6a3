"""schema.org ClaimReview: the JSON-LD of public pages and the catalogue's feed.

Each published rumour becomes one ClaimReview per language: the rumour is the
claim reviewed, its verdict the rating, its validated arguments the parts. The
review of a language describes the page of that language (``/en/catalogue/12``);
the feed names the page without a language (``/catalogue/12``, shown in the
reader's language) so that a city importing it knows both reviews are one page,
and gives each language's page as ``mainEntityOfPage``.

Where the rumour was met comes from its sightings (sphere, channel, first date),
never their words nor anyone who reported them; hateful reports are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import String, false, func, select, text, true

from ...core.links import public_url_for
from ...core.translatable import LOCALES, localise
from ...extensions import db
from ..models import CounterArgument, Rumour, Sighting
from ..vocab import (
    BEST_RATING,
    CHANNELS,
    SHORT_WORDING_MAX,
    SPHERES,
    VERDICT_RATINGS,
    VERDICTS,
    WORST_RATING,
)

CONTEXT = "https://schema.org"
# The places a claim lists as where it was met, oldest first.
APPEARANCES_MAX = 10
# Up to this many rumours, where each was met is read by index probes; beyond, in one pass.
PROBED_MAX = 20


@dataclass(frozen=True)
class Appearance:
    """Where and when a rumour was first met in one sphere through one channel."""

    sphere: str
    channel: str | None
    first_seen: date


def network_name() -> str:
    """The city's anti-rumours network, as it signs its reviews, in the current language."""
    city = current_app.config.get("CITY_NAME") or ""
    return (current_app.config.get("NETWORK_NAME")
            or (_("Anti-rumours network of %(city)s", city=city) if city else "")
            or _("The city's anti-rumours network"))


def publisher() -> dict[str, Any]:
    return {"@type": "Organization", "name": network_name(), "url": public_url_for("core.home")}


def shorten(text: str, limit: int = SHORT_WORDING_MAX) -> str:
    """``text`` cut at the last word boundary that leaves room for an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    else:
        cut = cut[:limit - 1]
    return cut.rstrip(" ,;:.-–—") + "…"


def claim_reviewed(rumour: Rumour, locale: str) -> str:
    """The rumour in one short sentence: its wording when short enough, else the short
    wording a coordinator wrote for that language, else the wording cut at a word."""
    shown = localise(rumour.wording, locale)
    if len(shown.text) <= SHORT_WORDING_MAX:
        return shown.text
    return (rumour.short_wording or {}).get(shown.lang) or shorten(shown.text)


def appearances(rumour_ids: list[int]) -> dict[int, list[Appearance]]:
    """For each rumour, the spheres and channels it was met through, with the first date
    of each, oldest first (one query for all)."""
    if not rumour_ids:
        return {}
    rows = db.session.execute(_probed(rumour_ids) if len(rumour_ids) <= PROBED_MAX
                              else _grouped(rumour_ids))
    found: dict[int, list[Appearance]] = defaultdict(list)
    for rumour_id, sphere, channel, seen_on in rows:
        if seen_on is not None:
            found[rumour_id].append(Appearance(sphere, channel, seen_on))
    return {rumour_id: sorted(items, key=lambda a: (a.first_seen, a.sphere, a.channel or ""))
            [:APPEARANCES_MAX] for rumour_id, items in found.items()}


def _probed(rumour_ids: list[int]):
    """A few rumours (a public page): the first date of every sphere and channel, each one
    probe of the index on (rumour, hateful, sphere, channel, date) — a much-heard rumour's
    sightings are never read one by one."""
    place = _places()
    first_seen = (select(func.min(Sighting.seen_on))
                  .where(Sighting.rumour_id == Rumour.id, Sighting.hateful == false(),
                         Sighting.sphere == place.c.sphere, Sighting.channel == place.c.channel)
                  .scalar_subquery())
    # Every rumour with every place, on purpose: hence the join on true.
    return (select(Rumour.id, place.c.sphere, place.c.channel, first_seen)
            .join_from(Rumour, place, true()).where(Rumour.id.in_(rumour_ids)))


def _grouped(rumour_ids: list[int]):
    """Many rumours (the feed): one pass over the same index, read in its order."""
    return (select(Sighting.rumour_id, Sighting.sphere, Sighting.channel,
                   func.min(Sighting.seen_on))
            .where(Sighting.rumour_id.in_(rumour_ids), Sighting.hateful == false())
            .group_by(Sighting.rumour_id, Sighting.sphere, Sighting.channel))


@cache
def _places():
    """Every sphere with every channel, as rows: constant VALUES, which SQLite and PostgreSQL
    both name column1, column2 (the codes are the vocabulary's own, never typed by anyone)."""
    codes = [(sphere, channel) for sphere in SPHERES for channel in CHANNELS]
    if not all(code.isidentifier() for pair in codes for code in pair):
        raise ValueError("sphere and channel codes are plain words")
    rows = ", ".join(f"('{sphere}', '{channel}')" for sphere, channel in codes)
    return (text(f"SELECT column1 AS sphere, column2 AS channel FROM (VALUES {rows}) AS codes")
            .columns(sphere=String, channel=String).subquery("place"))


def _appearance_of(rumour: Rumour, met: list[Appearance] | None) -> list[Appearance]:
    """Sightings first; a rumour without any was met in its spheres when first detected."""
    if met:
        return met
    spheres = rumour.spheres or ["other"]
    return [Appearance(sphere, None, rumour.first_detected) for sphere in spheres[:1]]


def _creative_work(appearance: Appearance, city: str) -> dict[str, Any]:
    sphere = str(SPHERES.get(appearance.sphere, SPHERES["other"]))
    place: dict[str, Any] = {"@type": "Place", "name": sphere}
    if city:
        place["containedInPlace"] = {"@type": "City", "name": city}
    work: dict[str, Any] = {"@type": "CreativeWork", "name": sphere, "locationCreated": place,
                            "datePublished": appearance.first_seen.isoformat()}
    if appearance.channel:
        channel = str(CHANNELS.get(appearance.channel, CHANNELS["other"]))
        work["name"] = f"{sphere} · {channel}"
        work["genre"] = channel
    return work


def _claim(rumour: Rumour, met: list[Appearance]) -> dict[str, Any]:
    """The rumour as a schema.org Claim. Rumours have no known author: the claim is
    signed by anonymous sources (as fact-checkers sign viral claims), never a person."""
    city = current_app.config.get("CITY_NAME") or ""
    works = [_creative_work(appearance, city) for appearance in met]
    return {"@type": "Claim",
            "author": {"@type": "Organization", "name": _("Anonymous sources")},
            "datePublished": min(rumour.first_detected, met[0].first_seen).isoformat(),
            "firstAppearance": works[0], "appearance": works}


def claim_review(rumour: Rumour, arguments: list[CounterArgument], locale: str,
                 met: list[Appearance] | None = None, *, page: str | None = None
                 ) -> dict[str, Any]:
    """The ClaimReview of a published rumour in one language, about the page of that
    language unless ``page`` names another address of it."""
    address = public_url_for("rumours.public_detail", rumour_id=rumour.id, lang=locale)
    same_page = public_url_for("rumours.public_detail", rumour_id=rumour.id, lang=None)
    with force_locale(locale):
        verdict = str(VERDICTS[rumour.verdict])
        author = publisher()
        claim = _claim(rumour, _appearance_of(rumour, met))
    parts = [_part(argument, locale, same_page) for argument in arguments]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": page or address,
        "inLanguage": locale,
        "datePublished": (rumour.published_at or rumour.updated_at).date().isoformat(),
        "author": author,
        "claimReviewed": claim_reviewed(rumour, locale),
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATINGS[rumour.verdict],
                         "bestRating": BEST_RATING, "worstRating": WORST_RATING,
                         "alternateName": verdict, "name": verdict},
    }
    if page and page != address:
        review["mainEntityOfPage"] = address
    if parts:
        review["reviewBody"] = parts[0]["text"]
        review["hasPart"] = parts
    return review


def _part(argument: CounterArgument, locale: str, page: str) -> dict[str, Any]:
    # The same @id in both languages: one argument, whichever page shows it.
    shown = localise(argument.text, locale)
    part: dict[str, Any] = {"@type": "CreativeWork", "@id": f"{page}#argument-{argument.id}",
                            "genre": argument.kind, "text": shown.text, "inLanguage": shown.lang}
    citation: dict[str, Any] = {}
    if argument.source_publisher:
        citation["publisher"] = {"@type": "Organization", "name": argument.source_publisher}
    if argument.source_url:
        citation["url"] = argument.source_url
    if argument.source_published_on:
        citation["datePublished"] = argument.source_published_on.isoformat()
    if citation:
        part["citation"] = {"@type": "CreativeWork", **citation}
    if argument.source_area:
        part["spatialCoverage"] = argument.source_area
    if argument.valid_until:
        part["expires"] = argument.valid_until.isoformat()
    return part


def page_json_ld(rumour: Rumour, arguments: list[CounterArgument], locale: str) -> dict[str, Any]:
    """The JSON-LD of the rumour's public page in ``locale``."""
    met = appearances([rumour.id]).get(rumour.id)
    return {"@context": CONTEXT, **claim_review(rumour, arguments, locale, met)}


def feed(rumours: list[Rumour], arguments: dict[int, list[CounterArgument]]) -> dict[str, Any]:
    """The whole public catalogue as a schema.org DataFeed of ClaimReviews."""
    met = appearances([rumour.id for rumour in rumours])
    elements = [claim_review(rumour, arguments.get(rumour.id, []), locale, met.get(rumour.id),
                             page=public_url_for("rumours.public_detail", rumour_id=rumour.id,
                                                 lang=None))
                for rumour in rumours for locale in LOCALES if rumour.wording.get(locale)]
    return {"@context": CONTEXT, "@type": "DataFeed",
            "name": network_name(),
            "url": public_url_for("rumours.feed"),
            "dataFeedElement": elements}
