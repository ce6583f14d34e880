"""Line breaking: no line starts with a closing mark or ends with an opening one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.pdf.linebreak import CANNOT_END, CANNOT_START, break_lines, can_break
from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice

DAY = date(2026, 11, 25)
PITCH = 10.0


def lines_of(text: str, cells: int, *, first: int | None = None) -> list[str]:
    spans = break_lines(
        text, [PITCH] * len(text), cells * PITCH, first_width=first and first * PITCH
    )
    return [text[a:b] for a, b in spans]


def test_a_full_line_is_cut_where_it_is_full() -> None:
    assert lines_of("甲乙丙丁戊己庚辛", 4) == ["甲乙丙丁", "戊己庚辛"]


def test_a_comma_that_would_start_a_line_takes_the_last_character_with_it() -> None:
    assert lines_of("甲乙丙丁，戊己", 4) == ["甲乙丙", "丁，戊己"]


def test_several_closing_marks_move_down_with_the_character_before_them() -> None:
    assert lines_of("甲乙丙“丁”。戊", 5) == ["甲乙丙", "“丁”。戊"]


def test_an_opening_mark_does_not_end_a_line() -> None:
    assert lines_of("甲乙丙（丁）", 4) == ["甲乙丙", "（丁）"]


def test_numbers_dashes_and_ellipses_are_not_cut() -> None:
    assert lines_of("甲乙2026年", 5) == ["甲乙", "2026年"]
    assert lines_of("甲乙丙——丁", 4) == ["甲乙丙", "——丁"]
    assert lines_of("甲乙丙……", 4) == ["甲乙丙", "……"]  # they may start a line
    assert lines_of("甲乙丙…", 4) == ["甲乙丙…"]


def test_a_line_with_no_allowed_break_is_cut_where_it_is_full() -> None:
    assert lines_of("0561301234567", 4) == ["0561", "3012", "3456", "7"]


def test_the_first_line_may_be_shorter_for_the_indent() -> None:
    assert lines_of("甲乙丙丁戊己庚辛", 4, first=2) == ["甲乙", "丙丁戊己", "庚辛"]


TEXT = st.text(
    alphabet=st.sampled_from("甲乙丙丁戊己庚辛壬癸，。、；：？！）》」”（《「“2026ab——……"),
    min_size=1,
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, cells=st.integers(min_value=3, max_value=30))
def test_every_break_obeys_the_rules_unless_the_line_had_no_allowed_break(
    text: str, cells: int
) -> None:
    spans = break_lines(text, [PITCH] * len(text), cells * PITCH)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(end - start <= cells for start, end in spans)
    for start, end in spans[:-1]:
        if not can_break(text, end):  # forced: nowhere on the line was a break allowed
            assert not any(can_break(text, at) for at in range(start + 1, end))


def test_kinsoku_sets_cover_the_marks_of_chinese_text() -> None:
    assert set("，。、；：？！）」』》〉】〕”") <= CANNOT_START
    assert set("（「『《〈【〔“") <= CANNOT_END


def test_no_printed_line_starts_with_a_comma_where_the_break_would_fall_before_it(
    tmp_path: Path, fonts, lines_of
) -> None:  # type: ignore[no-untyped-def]
    # The first line holds 26 characters after the 2-character indent, so a plain wrap
    # breaks before the 27th, "，"; the second line holds 28, and again a "，" comes next.
    first = "关于召开业主大会会议的事项通知如下请各位业主准时参加"
    second = "会议地点在小区活动中心会议室请携带身份证件和房屋证明"
    assert (len(first), len(second)) == (26, 26)
    paragraph = f"{first}，{second}，其他事项另行通知。"
    notice = FilledNotice(name="测试", kind="公告", title="测试通知", paragraphs=(paragraph,))
    pdf = build_notice(notice, tmp_path / "comma.pdf", date=DAY, fonts=fonts)
    printed = [line.text for line in lines_of(pdf)[0]]
    body = printed[printed.index("测试通知") + 1 : printed.index("2026年11月25日")]
    assert "".join(body) == paragraph
    assert len(body) == 3
    assert not any(line[0] in CANNOT_START for line in body)
    assert body[0] == first[:-1] and body[1].startswith(first[-1] + "，")
    assert body[2].startswith(second[-1] + "，")


def test_reportlab_paragraph_alone_would_start_that_line_with_a_comma(fonts) -> None:  # type: ignore[no-untyped-def]
    """Why the grid has its own breaker: ReportLab's CJK wrap puts "，" first on a line."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("body", fontName=fonts.body.name, fontSize=16, wordWrap="CJK")
    text = "业" * 27 + "，" + "主" * 10
    paragraph = Paragraph(text, style)
    paragraph.wrap(27 * 16 + 1, 1000)
    lines = paragraph.blPara.lines  # (extra space, [text]) or ParaLines with .words frags
    texts = [
        "".join(ln[1]) if isinstance(ln, tuple) else "".join(w.text for w in ln.words)
        for ln in lines
    ]
    assert texts[1].startswith("，")
