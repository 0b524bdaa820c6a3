"""The annual report as a PDF (reportlab's platypus), in DejaVu Sans so that French text
and Babel's narrow no-break spaces (U+202F, between thousands) print as letters, never as
black boxes. The font files come with matplotlib, already a dependency of the charts."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from flask_babel import force_locale
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm, inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from .annual_report import AnnualReport, gather
from .report_content import ChartBlock, Heading, Table, Text, content

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 2 * cm
TEXT_WIDTH = A4[0] - 2 * MARGIN
LINE = colors.HexColor("#adb5bd")
HEADER = colors.HexColor("#e9ecef")


@cache
def register_fonts() -> None:
    """DejaVu Sans and its bold face, registered once per process."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9.5,
                          leading=13)
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=BOLD, fontSize=20,
                                leading=24),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=15,
                                   spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontName=BOLD, fontSize=15,
                             leading=19, spaceBefore=14),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName=BOLD, fontSize=12.5,
                             leading=16),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=BOLD, fontSize=11,
                             leading=14),
        "body": body,
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=11,
                               textColor=colors.HexColor("#495057")),
        "empty": ParagraphStyle("empty", parent=body, textColor=colors.HexColor("#495057")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
        "number": ParagraphStyle("number", parent=body, fontSize=8.5, leading=11,
                                 alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8.5, leading=11),
        "caption": ParagraphStyle("caption", parent=body, fontName=BOLD, fontSize=9,
                                  spaceBefore=4, keepWithNext=True),
    }


def _paragraph(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _table(block: Table) -> list:
    head = [_paragraph(h, "head") for h in block.headers]
    rows = [[_paragraph(cell, "number" if i in block.numeric else "cell")
             for i, cell in enumerate(row)] for row in block.rows]
    first = TEXT_WIDTH * (0.5 if len(block.headers) > 2 else 0.7)
    rest = (TEXT_WIDTH - first) / max(1, len(block.headers) - 1)
    table = PdfTable([head, *rows], colWidths=[first, *[rest] * (len(block.headers) - 1)],
                     repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else reportlab names Helvetica in each cell
        ("BACKGROUND", (0, 0), (-1, 0), HEADER),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    caption = _paragraph(block.caption, "caption")
    if len(rows) <= 15:
        return [KeepTogether([caption, table, Spacer(1, 6)])]
    # A long table runs over pages (its header row repeated); its caption stays with it.
    return [caption, table, Spacer(1, 6)]


def _chart(block: ChartBlock) -> Image:
    width = min(TEXT_WIDTH, block.chart.width * inch)
    image = Image(io.BytesIO(block.chart.png), width=width,
                  height=width * block.chart.height / block.chart.width)
    image.hAlign = "CENTER"
    return image


def _flowables(blocks: list) -> list:
    story = []
    for block in blocks:
        if isinstance(block, Heading):
            story.append(_paragraph(block.text, f"h{min(block.level, 3)}"))
        elif isinstance(block, Text):
            story.append(_paragraph(block.text, block.kind))
        elif isinstance(block, Table):
            story += _table(block)
        elif isinstance(block, ChartBlock):
            story += [_chart(block), _paragraph(block.description, "note")]
    return story


def write_pdf(report: AnnualReport, locale: str) -> bytes:
    """The report as PDF bytes, in the language forced by the caller."""
    register_fonts()
    doc_content = content(report)
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN,
                                 title=doc_content.title, subject=doc_content.subtitle,
                                 lang=locale, initialFontName=FONT)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"{doc_content.title} · {doc.page}")
        canvas.restoreState()

    story = [_paragraph(doc_content.title, "title"), _paragraph(doc_content.subtitle, "subtitle"),
             *_flowables(doc_content.blocks)]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def build_pdf(year: int, locale: str) -> bytes:
    """The annual report of ``year`` as a PDF, written in ``locale``."""
    report = gather(year)
    with force_locale(locale):
        return write_pdf(report, locale)
