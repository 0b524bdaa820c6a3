"""The annual report as an editable Word document (python-docx): the same blocks as the
PDF, with real headings (the reader's outline), tables and the charts as inline images."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from flask_babel import force_locale

from ...core.text import storable
from .annual_report import AnnualReport, gather
from .report_content import ChartBlock, Heading, Table, Text, content

TEXT_WIDTH = 6.3  # inches, inside A4's default margins
GREY = RGBColor(0x49, 0x50, 0x57)


def _language(document, locale: str) -> None:
    """Mark the text's language so spelling and reading aloud use the right one."""
    tag = {"fr": "fr-FR", "en": "en-GB"}.get(locale, locale)
    for style in (document.styles["Normal"], *[document.styles[f"Heading {n}"]
                                               for n in (1, 2, 3)]):
        properties = style.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), tag)
        properties.append(lang)


def _paragraph(document, block: Text) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(storable(block.text))
    if block.kind in ("note", "empty"):
        run.font.color.rgb = GREY
        run.italic = block.kind == "empty"
    if block.kind == "note":
        run.font.size = Pt(8.5)


def _table(document, block: Table) -> None:
    caption = document.add_paragraph(style="Caption")
    caption.add_run(storable(block.caption))
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(storable(text)).bold = True
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = storable(text)
            if index in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _repeat_header(row) -> None:
    """The header row is repeated on each page a long table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _chart(document, block: ChartBlock) -> None:
    document.add_picture(io.BytesIO(block.chart.png),
                         width=Inches(min(TEXT_WIDTH, block.chart.width)))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture = document.inline_shapes[-1]._inline
    picture.docPr.set("descr", storable(block.description))  # the image's alternative text
    _paragraph(document, Text(block.description, "note"))


def write_docx(report: AnnualReport, locale: str) -> bytes:
    """The report as DOCX bytes, in the language forced by the caller."""
    doc_content = content(report)
    document = Document()
    document.core_properties.title = storable(doc_content.title)
    document.core_properties.subject = storable(doc_content.subtitle)
    document.core_properties.language = locale
    _language(document, locale)
    document.add_heading(storable(doc_content.title), 0)
    _paragraph(document, Text(doc_content.subtitle))
    for block in doc_content.blocks:
        if isinstance(block, Heading):
            document.add_heading(storable(block.text), min(block.level, 3))
        elif isinstance(block, Text):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, ChartBlock):
            _chart(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_docx(year: int, locale: str) -> bytes:
    """The annual report of ``year`` as a editable Word document, written in ``locale``."""
    report = gather(year)
    with force_locale(locale):
        return write_docx(report, locale)
