"""Panel pages are the same bytes for the same input, and text is written as ReportLab's own
text object writes it (reports/pdf/panel.py `_put` caches its operators per document)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from reports.pdf.panel import BOLD, _put, draw_panels
from tests.reports.pdf.test_panel import board


def page_streams(pdf: Path) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(pdf).pages]


def test_the_same_batch_gives_the_same_pages_byte_for_byte(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [board(n) for n in range(4)] + [replace(board(9), masked=False)]
    first = draw_panels(batch, tmp_path / "first.pdf", fonts=fonts)
    again = draw_panels(batch, tmp_path / "again.pdf", fonts=fonts, size="A4")
    assert page_streams(first) == page_streams(again)


@pytest.mark.parametrize(("bold", "space"), [(False, 0.0), (True, 0.0), (False, 1.25)])
def test_text_is_written_as_reportlabs_text_object_writes_it(fonts, bold, space) -> None:  # type: ignore[no-untyped-def]
    red = Color(0.75, 0, 0)
    texts = ["物业服务信息公示栏", "0561-3034569", "联系方式", "物业服务信息公示栏（续）"]
    ours, theirs = Canvas("ours.pdf"), Canvas("theirs.pdf")
    for k, text in enumerate(texts * 2):  # twice: the second time from the cache
        font = (fonts.hei if k % 2 else fonts.body).name
        _put(ours, 10 + k, 700 - 20 * k, text, font, 16.5, red, bold=bold, space=space)
        t = theirs.beginText(10 + k, 700 - 20 * k)
        t.setFont(font, 16.5)
        theirs.setFillColor(red)
        if space:
            t.setCharSpace(space)
        if bold:
            theirs.setStrokeColor(red)
            theirs.setLineWidth(16.5 * BOLD)
            t.setTextRenderMode(2)
        t.textOut(text)
        if space:
            t.setCharSpace(0)
        if bold:
            t.setTextRenderMode(0)
        theirs.drawText(t)
    assert ours._code == theirs._code
