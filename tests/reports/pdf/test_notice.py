"""Building notices: every template prints, its text comes back out, bad input stops the
build before any file is written, and a failed build leaves no PDF behind."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.errors import InputError
from app.rules.official import chinese_date, doc_number_problems
from reports.pdf.fonts import RoleFont
from reports.pdf.linebreak import CANNOT_END, CANNOT_START
from reports.pdf.notice import build_notice
from reports.pdf.templates import fill, list_templates, load_template

DAY = date(2026, 11, 25)
OFFICE = "淮北市相山区物业管理办公室文件"


def names() -> list[str]:
    return [info.name for info in list_templates(None)]


@pytest.mark.parametrize("name", names())
def test_every_template_prints_and_its_text_comes_back_out(
    name: str, tmp_path: Path, fonts, samples, lines_of
) -> None:  # type: ignore[no-untyped-def]
    filled = fill(load_template(name), samples[name])
    header = (
        {"office": OFFICE, "doc_number": "相物管办〔2026〕12号"} if filled.kind == "通知" else {}
    )
    pdf = build_notice(filled, tmp_path / f"{name}.pdf", date=DAY, fonts=fonts, **header)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    text = re.sub(r"—\d+—", "", text)  # page numbers come between a paragraph's two halves
    for paragraph in (filled.title, *filled.paragraphs, "2026年11月25日"):
        assert "".join(paragraph.split()) in text
    for page in lines_of(pdf):
        for line in page:
            assert line.text[0] not in CANNOT_START and line.text[-1] not in CANNOT_END


def test_a_font_file_that_is_not_a_font_leaves_no_pdf(tmp_path: Path, samples) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "fake.ttf"
    bad.write_bytes(b"\0\1\0\0" + b"garbage" * 50)
    out = tmp_path / "out" / "通知.pdf"
    filled = fill(load_template("自由通知"), samples["自由通知"])
    with pytest.raises(InputError, match=r"fake\.ttf"):
        build_notice(filled, out, date=DAY, fonts={"body": bad})
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p != bad]


def test_a_build_that_fails_midway_keeps_the_earlier_copy_and_no_part_file(
    tmp_path: Path, fonts, samples
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "通知.pdf"
    out.write_bytes(b"%PDF- the earlier copy")
    filled = fill(load_template("自由通知"), samples["自由通知"])
    unregistered = RoleFont("body", "NoSuchFont", "NoSuchFont", None, embedded=True)
    broken = replace(fonts, body=unregistered)
    with pytest.raises(KeyError):  # ReportLab fails in the middle, at the first body line
        build_notice(filled, out, date=DAY, fonts=broken)
    assert out.read_bytes() == b"%PDF- the earlier copy"
    assert [p.name for p in tmp_path.iterdir()] == ["通知.pdf"]


@pytest.mark.parametrize(
    ("number", "hint"),
    [
        ("淮物管办[2022]1号", "年份应使用六角括号〔〕"),
        ("淮物管办〔2022〕第1号", "序号前不加“第”"),
        ("淮物管办〔2022〕01号", "序号不编虚位"),
        ("淮物管办〔22〕1号", "年份应写全四位"),
        ("淮物管办〔2022〕1", "应以“号”结尾"),
        ("〔2022〕1号", "年份前应有发文机关代字"),
    ],
)
def test_a_bad_document_number_is_refused_with_a_hint(number: str, hint: str) -> None:
    (problem,) = doc_number_problems(number)
    assert problem.field == "发文字号" and hint in problem.message
    assert "淮物管办〔2022〕1号" in problem.message


def test_good_document_numbers_pass() -> None:
    for number in ("淮物管办〔2022〕1号", "相物管办〔2026〕120号", "曲阳街办发〔2026〕9号"):
        assert doc_number_problems(number) == []


def test_a_bad_document_number_stops_the_build_before_any_file(tmp_path: Path, samples) -> None:  # type: ignore[no-untyped-def]
    filled = fill(load_template("联席会议纪要"), samples["联席会议纪要"])
    out = tmp_path / "纪要.pdf"
    with pytest.raises(InputError, match="年份应使用六角括号"):
        build_notice(filled, out, office=OFFICE, doc_number="相物管办(2026)3号", date=DAY)
    assert not out.exists()


def test_a_document_number_needs_an_office_and_a_notice_kind(tmp_path: Path, samples) -> None:  # type: ignore[no-untyped-def]
    notice = fill(load_template("联席会议纪要"), samples["联席会议纪要"])
    with pytest.raises(InputError, match="须同时给出发文机关"):
        build_notice(notice, tmp_path / "a.pdf", doc_number="相物管办〔2026〕3号", date=DAY)
    plain = fill(load_template("停水停电通知"), samples["停水停电通知"])
    with pytest.raises(InputError, match="公告不印发文字号"):
        build_notice(plain, tmp_path / "b.pdf", office=OFFICE, doc_number="相物管办〔2026〕3号",
                     date=DAY)  # fmt: skip
    assert not list(tmp_path.iterdir())


def test_dates_are_written_unpadded() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
    assert chinese_date(date(2022, 12, 30)) == "2022年12月30日"


def test_the_office_signs_when_the_template_has_no_signature(
    tmp_path: Path, fonts, lines_of
) -> None:  # type: ignore[no-untyped-def]
    filled = fill(load_template("自由通知"), {"title": "关于停车管理的通知", "body": "内容。"})
    pdf = build_notice(filled, tmp_path / "n.pdf", office=OFFICE, date=DAY, fonts=fonts)
    texts = [line.text for line in lines_of(pdf)[0]]
    assert texts[-3:-1] == ["淮北市相山区物业管理办公室", "2026年11月25日"]


def test_a_red_header_on_a_public_notice_is_refused_saying_why(tmp_path: Path, samples) -> None:  # type: ignore[no-untyped-def]
    plain = fill(load_template("停水停电通知"), samples["停水停电通知"])
    with pytest.raises(InputError, match="“公告”类模板不印红头"):
        build_notice(plain, tmp_path / "b.pdf", office=OFFICE, date=DAY)
    assert not list(tmp_path.iterdir())


def test_a_water_only_notice_does_not_advise_about_electricity(samples) -> None:  # type: ignore[no-untyped-def]
    water = fill(load_template("停水通知"), samples["停水通知"])
    text = water.title + "".join(water.paragraphs)
    assert "停水" in water.title and "储水" in text
    assert not any(word in text for word in ("停电", "用电", "电器", "电梯"))
    power = fill(load_template("停电通知"), samples["停电通知"])
    assert "储水" not in "".join(power.paragraphs) and "电梯" in "".join(power.paragraphs)
