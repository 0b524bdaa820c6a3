"""Language and time-zone selection, and the template filters that format values."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel import localedata
from flask import current_app, g, has_request_context, request, session, url_for
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_translations,
)
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import escape
from werkzeug.routing import AnyConverter

from .links import public_url_for
from .translatable import LOCALES, Localised, localise

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}  # endonyms, shown as is


class LazyText(LazyString):
    """A message translated when it is shown.

    Flask-Babel's lazy strings tell Jinja they are already safe HTML, so a
    message that carries a value typed by someone (a spreadsheet cell, a
    rumour's wording) would reach the page as markup. Messages of this product
    are plain text: shown in a page, they are escaped like any other text.
    """

    def __html__(self) -> str:
        return str(escape(str(self)))


# --- translating: one catalogue look-up per language and request -------------------------
# A page says a few hundred messages; Flask-Babel looks the language and its catalogue up
# again for each one. The language chosen for the request (or set by ``force_locale``,
# which puts another Locale object in its place) keeps its catalogue here.


def _chosen() -> tuple[Any, Any, str] | None:
    """(locale, catalogue, code) of the language in force, or None outside a request."""
    state = g.get("_flask_babel") if g else None
    locale = getattr(state, "babel_locale", None)
    if locale is None:
        return None
    memo = getattr(state, "icc_language", None)
    if memo is None or memo[0] is not locale:
        memo = state.icc_language = (locale, get_translations(), str(locale))
    return memo


def translations() -> Any:
    """The catalogue of the language in force."""
    chosen = _chosen()
    return chosen[1] if chosen else get_translations()


def gettext(string: str, **variables: Any) -> str:
    text = translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return translations().ungettext(singular, plural, num) % variables


def pgettext(context: str, string: str, **variables: Any) -> str:
    text = translations().upgettext(context, string)
    return text % variables if variables else text


def npgettext(context: str, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return translations().unpgettext(context, singular, plural, num) % variables


def lazy_gettext(string: str, **variables: Any) -> LazyText:
    """The product's lazy translation (imported as ``_l``); see ``LazyText``."""
    return LazyText(gettext, string, **variables)
SESSION_LOCALE_KEY = "locale"


# The URL segment that names the language of a page: ``/<lang:lang>/catalogue``.
LANGUAGE_ARG = "lang"


def select_locale() -> str:
    """The language in the address, then the user's preference, then the switcher, then the
    browser, then the city default."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    in_address = (request.view_args or {}).get(LANGUAGE_ARG)
    if in_address in languages:
        return in_address
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(SESSION_LOCALE_KEY)
    if chosen in languages:
        return chosen
    best = request.accept_languages.best_match(languages)
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def current_language() -> str:
    chosen = _chosen() or (get_locale(),)
    if chosen[0] is None:
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    return chosen[2] if len(chosen) == 3 else str(chosen[0])


def localised(value: dict[str, str] | None) -> Localised:
    return localise(value, current_language(), current_app.config["BABEL_DEFAULT_LOCALE"])


def _format_datetime(value: datetime | None, style: str = "medium") -> str:
    return format_datetime(value, style) if value else ""


def _format_date(value: date | datetime | None, style: str = "medium") -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, style)


def _format_number(value: Any, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")
    return format_decimal(value)


def _format_percent(value: Any) -> str:
    return "" if value is None else format_percent(value)


class LanguageConverter(AnyConverter):
    """``<lang:lang>``: one of the product's languages; another code is not found (404)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, *LOCALES)


def _language_of_links(endpoint: str, values: dict[str, Any]) -> None:
    """A link to a page that has one address per language stays in the current language,
    unless it names one (``lang=None`` names the address without a language)."""
    if LANGUAGE_ARG not in values and has_language_address(endpoint):
        values[LANGUAGE_ARG] = current_language()


def has_language_address(endpoint: str | None) -> bool:
    """Whether the endpoint has an address per language (a rule with ``<lang:lang>``)."""
    try:
        return bool(endpoint) and current_app.url_map.is_endpoint_expecting(endpoint,
                                                                             LANGUAGE_ARG)
    except KeyError:  # an unknown endpoint: url_for says so with its own error
        return False


def language_links() -> dict[str, Any] | None:
    """On a page with one address per language: its address in each language (for
    ``hreflang`` alternates and the language switcher), the canonical address (the page
    in the language it is shown in, its query kept) and ``x-default`` (the city's
    language). None on other pages. Addresses are absolute, on ``PUBLIC_URL``."""
    endpoint = request.endpoint
    if not has_language_address(endpoint):
        return None
    values = {**(request.view_args or {}),
              **{k: v for k, v in request.args.items() if k != LANGUAGE_ARG}}
    pages = {code: public_url_for(endpoint, **{**values, LANGUAGE_ARG: code})
             for code in current_app.config["LANGUAGES"]}
    local = {code: url_for(endpoint, **{**values, LANGUAGE_ARG: code}) for code in pages}
    return {"alternates": pages, "local": local, "canonical": pages[current_language()],
            "x_default": pages[current_app.config["BABEL_DEFAULT_LOCALE"]]}


def _unambiguous_english_dates() -> None:
    """English dates are written day, month, year ("1 Dec 2026", times on 24 hours), never
    the US "12/1/26" that most readers in Europe take for the 12th of January: Babel's
    patterns for ``en`` become the British ones, and its short date names the month. Every
    formatter reads them (templates, mails, calendars, reports), forced locales included."""
    english, british = localedata.load("en"), localedata.load("en_GB")
    for key in ("time_formats", "datetime_formats", "datetime_skeletons", "interval_formats"):
        english[key] = british[key]
    english["date_formats"] = {**british["date_formats"],
                               "short": british["date_formats"]["medium"]}


def init_app(app) -> None:
    _unambiguous_english_dates()
    app.url_map.converters["lang"] = LanguageConverter  # before any route is added
    app.url_defaults(_language_of_links)
    app.jinja_env.filters.update(
        datetime=_format_datetime,
        date=_format_date,
        number=_format_number,
        percent=_format_percent,
        tr=localised,
    )
    # Templates translate through the same per-request catalogue (newstyle: Jinja fills in
    # and escapes the variables).
    app.jinja_env.install_gettext_callables(
        gettext=lambda text: translations().ugettext(text),
        ngettext=lambda singular, plural, n: translations().ungettext(singular, plural, n),
        pgettext=lambda context, text: translations().upgettext(context, text),
        npgettext=lambda context, singular, plural, n: translations().unpgettext(
            context, singular, plural, n),
        newstyle=True)
    app.jinja_env.globals.update(current_language=current_language, language_names=LANGUAGE_NAMES,
                                 language_links=language_links)
