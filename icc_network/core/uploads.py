"""Reading an uploaded file without trusting it.

A few kilobytes can be built to cost gigabytes or minutes: a sheet that declares
a million columns, a zip that unpacks a thousand times larger, millions of rows,
XML entities that expand, JSON nested past the interpreter's recursion limit.
So an upload is read as a stream: declared dimensions are ignored, the unpacked
size is checked before anything is unpacked, rows are counted as they are read,
and reading stops at a deadline. Whatever is wrong with the file becomes a
RuleViolation on the form's file field, never a server error.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from flask import current_app, has_app_context
from openpyxl import load_workbook

from .i18n import lazy_gettext as _l
from .rules import RuleViolation
from .text import storable

MAX_ROWS = 100_000  # rows under the header
MAX_COLUMNS = 200  # cells further right are ignored
MAX_CELL_CHARS = 32_767  # what a spreadsheet cell holds
MAX_LINE_CHARS = 1_000_000  # one line of a CSV file
MAX_ZIP_MEMBERS = 1_000
# Apache POI's default: an ordinary part never unpacks a hundred times larger.
MAX_RATIO, RATIO_FROM_BYTES = 100, 1_000_000
# The widest row a spreadsheet has is 16,384 cells of a few XML elements each.
MAX_ROW_ELEMENTS = 4 * 16_384
MAX_JSON_DEPTH = 64
MAX_JSON_CONTAINERS = 250_000  # a feed of 2,000 rumours in two languages holds about 85,000
MAX_NUMBER_CHARS = 100
CHECK_EVERY = 1_000  # rows between two looks at the clock
SCAN_CHUNK = 1 << 20
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")

# Defaults of the settings a deployment may change (see config.py).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_UNPACKED_MB = 50
DEFAULT_READ_SECONDS = 20

SURROGATE = re.compile("[\ud800-\udfff]")

# What parsers raise on a damaged or hostile part (defusedxml's refusals are ValueErrors).
DAMAGED = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ParseError, KeyError, ValueError,
           TypeError, IndexError, AttributeError, EOFError, NotImplementedError, OverflowError,
           OSError, RecursionError)


def too_many_rows() -> RuleViolation:
    return RuleViolation(_l("The file has more than %(n)d rows.", n=MAX_ROWS), "file")


def unreadable() -> RuleViolation:
    return RuleViolation(_l("The file could not be read as CSV or XLSX."), "file")


def _setting(name: str, default: int) -> int:
    value = current_app.config.get(name) if has_app_context() else None
    return default if value is None else value


def refuse_oversized(data: bytes) -> None:
    """Service calls get the cap the web server applies to uploads."""
    limit = _setting("MAX_CONTENT_LENGTH", DEFAULT_MAX_BYTES)
    if len(data) > limit:
        raise RuleViolation(_l("The file is larger than %(mb)d MB.", mb=limit // 2**20), "file")


class Deadline:
    """Reading stops, with a message, once the configured time is spent."""

    def __init__(self) -> None:
        self.at = time.monotonic() + _setting("UPLOAD_READ_SECONDS", DEFAULT_READ_SECONDS)

    def check(self) -> None:
        if time.monotonic() >= self.at:
            raise RuleViolation(_l("The file takes too long to read: split it into smaller "
                                   "files."), "file")


# --- XLSX --------------------------------------------------------------------


def check_archive(data: bytes) -> None:
    """Refuse a zip before unpacking it: too many parts, too large once unpacked, packed
    like a bomb, or packed with a method whose output cannot be bounded while reading."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except DAMAGED as exc:
        raise unreadable() from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise RuleViolation(_l("The spreadsheet has more than %(n)d parts.", n=MAX_ZIP_MEMBERS),
                            "file")
    limit_mb = _setting("UPLOAD_MAX_UNPACKED_MB", DEFAULT_UNPACKED_MB)
    # zipfile never unpacks more than the size a member declares, so declared sizes bound it.
    if sum(member.file_size for member in members) > limit_mb * 2**20:
        raise RuleViolation(_l("The spreadsheet would unpack to more than %(mb)d MB.",
                               mb=limit_mb), "file")
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable()
        if (member.file_size > RATIO_FROM_BYTES
                and member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise RuleViolation(_l("The spreadsheet is compressed far more than spreadsheets "
                                   "ever are: it is refused."), "file")


def check_sheets(data: bytes, deadline: Deadline) -> None:
    """Count the rows, and the XML elements of each row, of every part before openpyxl
    parses any.

    Opening a workbook, openpyxl reads each sheet up to its declared size, which
    means the whole sheet when it declares none; and it holds a whole row (or
    what follows the last row) in memory before handing it over. Counting tags
    as bytes, much faster than parsing, keeps both within the limits.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                with archive.open(member) as part:
                    _count_rows(part, deadline)
    except DAMAGED as exc:
        raise _damaged(exc) from exc


def _count_rows(part: IO[bytes], deadline: Deadline) -> None:
    rows = elements = 0  # elements of the current row, and of whatever follows the last one
    carry = b""
    while chunk := part.read(SCAN_CHUNK):
        deadline.check()
        text = carry + chunk
        cut = text.rfind(b"<")  # a tag may go on in the next chunk
        if cut == -1 or len(text) - cut > 1_000:
            cut = len(text)
        text, carry = text[:cut], text[cut:]
        first, *others = ROW_TAG.split(text)
        elements += _elements(first) if rows else 0
        for row in others:
            _refuse_large(elements)
            rows += 1
            if rows > MAX_ROWS + 1:  # the header and MAX_ROWS rows
                raise too_many_rows()
            elements = _elements(row)
        _refuse_large(elements)


def _elements(xml: bytes) -> int:
    return xml.count(b"<") - xml.count(b"</")


def _refuse_large(elements: int) -> None:
    if elements > MAX_ROW_ELEMENTS:
        raise RuleViolation(_l("A row of the spreadsheet is too large to be read."), "file")


class _TimedBytes(io.BytesIO):
    """The zip's bytes, looking at the clock each time the parser asks for more: parsing a
    part (the whole sheet, when it declares no size) is stopped at the deadline too."""

    def __init__(self, data: bytes, deadline: Deadline) -> None:
        super().__init__(data)
        self.deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        self.deadline.check()
        return super().read(size)


def xlsx_rows(data: bytes, deadline: Deadline) -> Iterator[list[Any]]:
    """The first sheet's rows, read lazily, each cut at MAX_COLUMNS cells."""
    check_archive(data)
    check_sheets(data, deadline)
    try:
        workbook = load_workbook(_TimedBytes(data, deadline), read_only=True, data_only=True,
                                 keep_links=False)
    except DAMAGED as exc:
        raise _damaged(exc) from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a declared size is not to be trusted
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield list(row)
    except DAMAGED as exc:
        raise _damaged(exc) from exc
    finally:
        workbook.close()


def _damaged(exc: Exception) -> RuleViolation:
    if isinstance(exc, DefusedXmlException) or isinstance(exc.__cause__, DefusedXmlException):
        return RuleViolation(_l("The spreadsheet declares XML entities, which are refused."),
                             "file")
    return RuleViolation(_l("The spreadsheet could not be read: one of its parts is damaged."),
                         "file")


# --- CSV ---------------------------------------------------------------------


def csv_rows(data: bytes) -> Iterator[list[str]]:
    """The rows of a CSV file in UTF-8 or Windows-1252, whatever its delimiter, each cut at
    MAX_COLUMNS cells."""
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        for row in csv.reader(_lines(text), dialect):
            yield row[:MAX_COLUMNS]
    except csv.Error as exc:  # a field past csv.field_size_limit(), a quote never closed
        raise RuleViolation(_l("The file could not be read as CSV: a cell is too long or a "
                               "quote is never closed."), "file") from exc


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise unreadable()
    if "\x00" in text:
        raise unreadable()
    return text


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, without copying it whole as io.StringIO would."""
    start, number = 0, 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        number += 1
        if end - start > MAX_LINE_CHARS:
            raise RuleViolation(_l("Line %(line)d of the file is longer than %(n)d characters.",
                                   line=number, n=MAX_LINE_CHARS), "file")
        yield text[start:end]
        start = end


# --- JSON --------------------------------------------------------------------


def read_json(data: bytes) -> Any:
    """A JSON document whose strings can all be stored: control characters dropped, lone
    surrogates, absurd numbers and deep nesting refused."""
    refuse_oversized(data)
    # Each list or object costs a hundred bytes or more once parsed, so count them (and the
    # brackets inside strings, which only makes the count larger) before parsing.
    if data.count(b"[") + data.count(b"{") > MAX_JSON_CONTAINERS:
        raise RuleViolation(_l("The file holds more than %(n)d lists and objects.",
                               n=MAX_JSON_CONTAINERS), "file")
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_int=_integer, parse_float=_decimal)
    except RecursionError as exc:
        raise _too_deep() from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RuleViolation(_l("The file is not valid JSON."), "file") from exc
    return _clean_json(document, 0)


def _number(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise RuleViolation(_l("The file holds a number longer than %(n)d characters.",
                               n=MAX_NUMBER_CHARS), "file")
    return text


def _integer(text: str) -> int:
    return int(_number(text))


def _decimal(text: str) -> float:
    return float(_number(text))


def _too_deep() -> RuleViolation:
    return RuleViolation(_l("The file is nested more than %(n)d levels deep.", n=MAX_JSON_DEPTH),
                         "file")


def _clean_json(value: Any, depth: int) -> Any:
    """``value`` with its strings cleaned, in place: a copy would double the memory spent."""
    if isinstance(value, str):
        if SURROGATE.search(value):
            raise RuleViolation(_l("The file holds text that is not valid Unicode (a lone "
                                   "surrogate)."), "file")
        return storable(value)
    if depth >= MAX_JSON_DEPTH and isinstance(value, (list, dict)):
        raise _too_deep()
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _clean_json(item, depth + 1)
    elif isinstance(value, dict):
        for key in list(value):
            item, clean_key = _clean_json(value.pop(key), depth + 1), _clean_json(key, depth)
            value[clean_key] = item
    return value
