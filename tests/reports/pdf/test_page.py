"""GB/T 9704 geometry, measured on the generated PDF: text positions from pypdf, ink from
poppler's rendering."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice

DAY = date(2026, 1, 5)
BLOCK = {"left": 28.0, "right": 184.0, "top": 260.0, "bottom": 35.0}  # mm from bottom-left
SENTENCES = [
    "各小区物业服务企业要按照物业服务合同的约定做好共用部位和共用设施设备的日常维修养护工作",
    "业主委员会要依法履行职责，执行业主大会的决定，接受业主的监督",
    "社区居民委员会要加强对业主大会和业主委员会的指导和监督，及时协调解决物业管理中的矛盾纠纷",
    "对群众反映强烈的问题，责任单位要建立问题清单、责任清单和整改清单，明确整改时限",
    "街道办事处要定期组织开展物业服务质量检查，检查结果向业主公开",
]


def long_notice(paragraphs: int = 40, kind: str = "公告") -> FilledNotice:
    body = tuple(
        "。".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3)) + "。"
        for n in range(paragraphs)
    )
    return FilledNotice(
        name="测试", kind=kind, title="关于加强住宅小区物业管理工作的通知",
        paragraphs=body, addressee="各社区居民委员会：", signature="曲阳街道办事处",
    )  # fmt: skip


@pytest.fixture
def long_pdf(tmp_path: Path, fonts) -> Path:  # type: ignore[no-untyped-def]
    return build_notice(long_notice(), tmp_path / "long.pdf", date=DAY, fonts=fonts)


def body_lines(page):  # type: ignore[no-untyped-def]
    return [line for line in page if line.size == 16]


def test_a_full_body_page_holds_22_lines_of_at_most_28_characters(long_pdf, lines_of) -> None:  # type: ignore[no-untyped-def]
    pages = lines_of(long_pdf)
    assert len(pages) >= 4
    for page in pages[1:-1]:
        lines = body_lines(page)
        assert len(lines) == 22
        cells = [len(line.text) + (2 if line.x > 30 else 0) for line in lines]  # indent: 2
        assert max(cells) == 28
        assert sum(c == 28 for c in cells) >= 11  # the others end paragraphs or avoid "，"
        pitches = [a.y - b.y for a, b in pairwise(lines)]
        assert all(abs(pitch - 225 / 22) < 0.1 for pitch in pitches)  # 10.23 mm


def test_every_line_starts_inside_the_type_block(long_pdf, lines_of) -> None:  # type: ignore[no-untyped-def]
    for page in lines_of(long_pdf):
        for line in body_lines(page) + [ln for ln in page if ln.size == 22]:
            assert BLOCK["left"] - 0.05 <= line.x < BLOCK["right"]
            assert BLOCK["bottom"] < line.y < BLOCK["top"]


def test_ink_stays_in_the_type_block_but_for_the_page_number(long_pdf, rendered) -> None:  # type: ignore[no-untyped-def]
    for number, picture in enumerate(rendered(long_pdf), 1):
        ink = picture.ink(lambda rgb: sum(rgb) < 600)
        assert ink
        block = [(x, y) for x, y in ink if 37 <= y <= 262]  # mm from the top
        assert all(27.5 <= x <= 184.5 for x, _ in block)
        below = [(x, y) for x, y in ink if y > 262]
        assert below and all(265 <= y <= 275 for _, y in below)  # "— n —", 7 mm down
        if number % 2:
            assert min(x for x, _ in below) > 150 and max(x for x, _ in below) < 184 - 4
        else:
            assert min(x for x, _ in below) > 28 + 4 and max(x for x, _ in below) < 60
        assert not [(x, y) for x, y in ink if y < 37 or 262 < y < 265 or y > 275]


def test_page_numbers_read_with_dashes_on_the_outer_side(long_pdf, lines_of) -> None:  # type: ignore[no-untyped-def]
    for number, page in enumerate(lines_of(long_pdf), 1):
        (label,) = [line for line in page if line.size == 14]
        assert label.text == f"—{number}—"
        assert 24 < label.y < 28  # baseline; the dashes themselves are 7 mm below the block
        if number % 2:
            assert label.x > 150
        else:
            assert label.x == pytest.approx(28 + 14 / 72 * 25.4, abs=0.1)  # one character in


def test_red_header_rule_and_number_are_placed_by_the_standard(
    tmp_path: Path, fonts, rendered, lines_of
) -> None:  # type: ignore[no-untyped-def]
    pdf = build_notice(
        long_notice(4, kind="通知"), tmp_path / "red.pdf",
        office="淮北市相山区物业管理办公室文件", doc_number="相物管办〔2026〕12号",
        date=DAY, fonts=fonts,
    )  # fmt: skip
    first, *rest = rendered(pdf, dpi=72)
    red = first.ink(lambda rgb: rgb[0] > 180 and rgb[1] < 90 and rgb[2] < 90)
    office = [(x, y) for x, y in red if y < 100]
    assert 72 <= min(y for _, y in office) <= 76  # top edge 35 mm below the block's top (37)
    assert abs((min(x for x, _ in office) + max(x for x, _ in office)) / 2 - 106) < 2  # centred
    rule = [(x, y) for x, y in red if y >= 100]
    assert max(y for _, y in rule) - min(y for _, y in rule) < 1.5  # one thin line
    assert min(x for x, _ in rule) < 29 and max(x for x, _ in rule) > 183  # the block's width
    assert not any(page.ink(lambda rgb: rgb[0] > 180 and rgb[1] < 90) for page in rest)
    number = next(line for line in lines_of(pdf)[0] if line.text == "相物管办〔2026〕12号")
    rule_y = 297 - min(y for _, y in rule)  # from the bottom, like pypdf's positions
    assert 3 < number.y - rule_y < 7  # 4 mm from the number's foot to the rule
    title = next(line for line in lines_of(pdf)[0] if line.size == 22)
    assert 2 * 10.2 < rule_y - title.y < 4 * 10.2  # two lines below the rule


def test_a_plain_notice_has_no_red_and_starts_at_the_top_of_the_block(
    tmp_path: Path, fonts, rendered, lines_of
) -> None:  # type: ignore[no-untyped-def]
    pdf = build_notice(long_notice(2), tmp_path / "plain.pdf", date=DAY, fonts=fonts)
    (page,) = rendered(pdf)
    assert not page.ink(lambda rgb: rgb[0] > 180 and rgb[1] < 90 and rgb[2] < 90)
    (title,) = [line for line in lines_of(pdf)[0] if line.size == 22]
    assert 250 < title.y < 260


def test_title_is_centred_and_the_date_unpadded_four_characters_from_the_right(
    tmp_path: Path, fonts, lines_of
) -> None:  # type: ignore[no-untyped-def]
    pdf = build_notice(long_notice(1), tmp_path / "one.pdf", date=DAY, fonts=fonts)
    page = lines_of(pdf)[0]
    (title,) = [line for line in page if line.size == 22]
    width = len(title.text) * 22 / 72 * 25.4
    assert title.x + width / 2 == pytest.approx(28 + 78, abs=0.2)
    signature, when = [line.text for line in page if line.size == 16][-2:]
    assert (signature, when) == ("曲阳街道办事处", "2026年1月5日")


def test_attachments_follow_the_body_numbered_and_aligned(tmp_path: Path, fonts, lines_of) -> None:  # type: ignore[no-untyped-def]
    names = (
        "相山花园业主大会会议表决票",
        "授权委托书（业主不能到会时填写，须由业主本人签字并注明委托事项和期限）",
    )
    notice = replace(long_notice(1), attachments=names)
    pdf = build_notice(notice, tmp_path / "att.pdf", date=DAY, fonts=fonts)
    page = [line for line in lines_of(pdf)[0] if line.size == 16]
    at = next(k for k, line in enumerate(page) if line.text.startswith("附件："))
    first, second, wrapped = page[at : at + 3]
    cell = 156 / 28
    assert first.text == "附件：1." + names[0] and first.x == pytest.approx(28 + 2 * cell, abs=0.1)
    assert second.text.startswith("2.授权委托书") and second.x == pytest.approx(
        28 + 5 * cell, abs=0.1
    )
    assert wrapped.x > second.x + cell / 2  # a wrapped name lines up with the name, past "2."
    assert page[at - 1].y - first.y > 1.5 * 225 / 22  # one blank line after the body


def test_a_blank_line_at_the_foot_of_a_page_is_not_carried_to_the_next(
    tmp_path: Path, fonts, lines_of
) -> None:  # type: ignore[no-untyped-def]
    # Title, blank line, addressee: 3 lines; a paragraph of 26 + 18 × 28 characters: 19 more.
    notice = replace(long_notice(0), paragraphs=("业" * (26 + 18 * 28),), attachments=("表决票",))
    pdf = build_notice(notice, tmp_path / "full.pdf", date=DAY, fonts=fonts)
    first, second = lines_of(pdf)
    assert len(body_lines(first)) == 20  # addressee and 19 body lines
    assert body_lines(second)[0].text == "附件：表决票"
    assert body_lines(second)[0].y > 260 - 225 / 22  # on the first line of the block
