"""schema.org ClaimReview: the JSON-LD of public pages, the catalogue's feed, and its import.

Each published rumour becomes one ClaimReview per language: the rumour is the
claim reviewed, its verdict the rating, its validated arguments the parts.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale

from ...core.links import public_url_for
from ...core.translatable import LOCALES, localise
from ..models import CounterArgument, Rumour
from ..vocab import BEST_RATING, VERDICT_RATINGS, VERDICTS, WORST_RATING

CONTEXT = "https://schema.org"


def publisher() -> dict[str, Any]:
    name = current_app.config.get("CITY_NAME") or str(_default_name())
    return {"@type": "Organization", "name": name, "url": public_url_for("core.home")}


def _default_name():
    from flask_babel import gettext

    return gettext("The city's anti-rumours network")


def claim_review(rumour: Rumour, arguments: list[CounterArgument], locale: str,
                 author: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ClaimReview of a published rumour in one language."""
    author = author or publisher()
    page = public_url_for("rumours.public_detail", rumour_id=rumour.id)
    with force_locale(locale):
        verdict = str(VERDICTS[rumour.verdict])
    parts = [_part(argument, locale, page) for argument in arguments]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": page,
        "inLanguage": locale,
        "datePublished": (rumour.published_at or rumour.updated_at).date().isoformat(),
        "author": author,
        "claimReviewed": localise(rumour.wording, locale).text,
        "itemReviewed": {"@type": "Claim",
                         "datePublished": rumour.first_detected.isoformat(),
                         "appearance": {"@type": "CreativeWork",
                                        "spatialCoverage": author["name"]}},
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATINGS[rumour.verdict],
                         "bestRating": BEST_RATING, "worstRating": WORST_RATING,
                         "alternateName": verdict},
    }
    if parts:
        review["reviewBody"] = parts[0]["text"]
        review["hasPart"] = parts
    return review


def _part(argument: CounterArgument, locale: str, page: str) -> dict[str, Any]:
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
    return {"@context": CONTEXT, **claim_review(rumour, arguments, locale)}


def feed(rumours: list[Rumour], arguments: dict[int, list[CounterArgument]]) -> dict[str, Any]:
    """The whole public catalogue as a schema.org DataFeed of ClaimReviews."""
    author = publisher()
    elements = [claim_review(rumour, arguments.get(rumour.id, []), locale, author)
                for rumour in rumours for locale in LOCALES if rumour.wording.get(locale)]
    return {"@context": CONTEXT, "@type": "DataFeed",
            "name": author["name"],
            "url": public_url_for("rumours.feed"),
            "dataFeedElement": elements}
