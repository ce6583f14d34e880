"""Disclosure panels: one page per panel in large type, every text comes back out as given,
the QR code carries the board's version, an unmasked print says so, and a cancelled or
failed batch leaves no PDF behind."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.pagesizes import A3, A4

from app.errors import InputError
from app.panel_content import PanelContact, PanelContent, PanelItem
from app.progress import Cancelled
from reports.pdf.linebreak import CANNOT_START
from reports.pdf.panel import UNMASKED_MARK, draw_panels
from reports.pdf.qr import qr_modules

HOTLINES = (
    PanelContact("物业服务投诉电话", "", "0561-3034569"),
    PanelContact("政务服务便民热线", "", "12345"),
    PanelContact("价格举报", "", "12315"),
)
SERVICE = (
    "共用部位和共用设施设备的日常维修养护，公共区域清洁卫生、绿化养护，秩序维护和车辆停放管理，"
    "消防设施日常巡查。服务等级：二级（依据《安徽省住宅小区物业服务标准》）。"
)
ITEMS = (
    PanelItem("物业服务内容和标准", SERVICE),
    PanelItem(
        "收费项目和标准", "多层住宅0.65元/平方米·月；\n高层住宅1.20元/平方米·月（含电梯运行费）。"
    ),
    PanelItem(
        "停车场（位）使用情况", "地面停车位312个，其中临时停车位40个；地下车位586个，已售412个。"
    ),
)
CONTACTS = (
    PanelContact("项目负责人", "陈建国", "0561-3034567"),
    PanelContact("业主委员会主任", "王*", "138****1234"),
    PanelContact("楼栋管家", "张*三", "0561-***2345"),
)


def board(n: int = 0, **changes: object) -> PanelContent:
    """An estate board (n = 0) or the board of building n."""
    values: dict[str, object] = dict(
        board_uuid=f"6f1c2a9e-3b4d-4c5e-8f70-{n:012d}", version=3, scope="estate",
        title="相山花园物业服务信息公示栏", estate="相山花园", building="",
        company="淮北市安居物业服务有限公司", items=ITEMS, contacts=CONTACTS, hotlines=HOTLINES,
        published_on=date(2026, 11, 25), valid_until=date(2026, 12, 24),
        issuer="曲阳街道 桓谭社区", masked=True,
    )  # fmt: skip
    if n:
        values.update(scope="building", title=f"相山花园{n}号楼物业服务信息公示栏",
                      building=f"{n}号楼", items=ITEMS[:1])  # fmt: skip
    values.update(changes)
    return PanelContent(**values)  # type: ignore[arg-type]


def texts(pdf: Path) -> list[str]:
    """Each page's text with the white space taken out."""
    return ["".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.calls) >= self.cancel_after


def test_a_batch_prints_one_page_per_panel_on_a4_or_a3(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [board(), board(1), board(2)]
    for size, paper in (("A4", A4), ("A3", A3)):
        pages = PdfReader(
            draw_panels(batch, tmp_path / f"{size}.pdf", size=size, fonts=fonts)
        ).pages
        assert len(pages) == 3
        assert all(abs(float(p.mediabox.width) - paper[0]) < 0.5 for p in pages)
        assert all(abs(float(p.mediabox.height) - paper[1]) < 0.5 for p in pages)


def test_every_text_comes_back_out_as_given(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    content = board(1)
    (page,) = texts(draw_panels([content], tmp_path / "p.pdf", fonts=fonts))
    expected = [
        content.title, "小区：相山花园", "楼栋：1号楼", "物业服务企业：淮北市安居物业服务有限公司",
        "物业服务内容和标准", SERVICE, "联系方式", "公示期：2026年11月25日至2026年12月24日",
        "发布单位：曲阳街道桓谭社区", "版本v3", "扫码核对公示版本",
    ]  # fmt: skip
    expected += [c.role + c.name + c.phone for c in CONTACTS] + [h.phone for h in HOTLINES]
    for text in expected:
        assert text in page


def test_the_metadata_names_the_panel_the_fonts_and_the_program(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    one = PdfReader(draw_panels([board()], tmp_path / "one.pdf", fonts=fonts)).metadata
    many = PdfReader(draw_panels([board(1), board(2)], tmp_path / "two.pdf", fonts=fonts)).metadata
    assert one.title == "相山花园物业服务信息公示栏"
    assert many.title == "物业服务信息公示栏（2张）"
    assert one.subject == fonts.describe() and one.creator.startswith("WuyeDesk ")


def test_type_is_large_on_a4_and_larger_by_root_two_on_a3(tmp_path: Path, fonts, lines_of) -> None:  # type: ignore[no-untyped-def]
    content = board(1)
    sizes = {}
    for size in ("A4", "A3"):
        (page,) = lines_of(draw_panels([content], tmp_path / f"{size}.pdf", size=size, fonts=fonts))
        title = next(line.size for line in page if line.text == content.title)
        body = next(line.size for line in page if line.text and line.text in SERVICE)
        sizes[size] = (title, body)
    assert sizes["A4"][0] >= 28 and sizes["A4"][1] >= 14
    assert sizes["A3"][0] == pytest.approx(sizes["A4"][0] * math.sqrt(2), rel=1e-3)
    assert sizes["A3"][1] == pytest.approx(sizes["A4"][1] * math.sqrt(2), rel=1e-3)


def test_no_line_starts_with_a_closing_mark(tmp_path: Path, fonts, lines_of) -> None:  # type: ignore[no-untyped-def]
    commas = "甲乙丙丁，" * 40 + "戊己庚辛。" * 30 + "（注）：“引号”、《书名》！？"
    items = tuple(PanelItem(f"事项{k}", "前" + commas[k:]) for k in range(6))
    pdf = draw_panels([board(items=items)], tmp_path / "p.pdf", fonts=fonts)
    lines = [line.text for page in lines_of(pdf) for line in page]
    assert len(lines) > 60
    assert not [line for line in lines if line[0] in CANNOT_START]


def test_text_too_long_for_a_page_shrinks_before_it_continues(
    tmp_path: Path, fonts, lines_of
) -> None:  # type: ignore[no-untyped-def]
    snug = board(items=ITEMS * 2)  # over a page at 16 pt, not at 12
    (page,) = lines_of(draw_panels([snug], tmp_path / "snug.pdf", fonts=fonts))
    body = {line.size for line in page if line.text and line.text in SERVICE}
    assert len(body) == 1 and 11 <= body.pop() < 16


def test_text_too_long_even_at_11_pt_continues_on_more_pages_with_nothing_dropped(
    tmp_path: Path, fonts
) -> None:  # type: ignore[no-untyped-def]
    items = tuple(PanelItem(f"补充事项{k}", SERVICE * 4) for k in range(8))
    contacts = tuple(
        PanelContact(f"业主委员会委员{k}", "王*", f"138****{k:04d}") for k in range(30)
    )
    content = board(1, items=items, contacts=(CONTACTS[0], *contacts))
    pages = texts(draw_panels([content], tmp_path / "long.pdf", fonts=fonts))
    assert len(pages) >= 3
    bodies = [page[: page.index("公示期：")] for page in pages]  # without the footer
    joined = "".join(body.removeprefix(f"{content.title}（续）") for body in bodies)
    for k in range(8):
        assert joined.count(f"补充事项{k}") == 1
    assert joined.count(SERVICE) == 32
    assert all(f"138****{k:04d}" in joined for k in range(30))
    assert all(f"{content.title}（续）" in page for page in pages[1:])
    assert all("版本v3" in page and f"共{len(pages)}页" in page for page in pages)
    assert [page.count("职务姓名联系电话") for page in pages[:2]] == [1, 1]  # header repeated


def test_only_an_unmasked_print_carries_the_internal_use_mark(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [
        board(1),
        board(2, masked=False, contacts=(PanelContact("楼栋管家", "张小三", "13912345678"),)),
    ]
    masked, unmasked = texts(draw_panels(batch, tmp_path / "p.pdf", fonts=fonts))
    mark = "".join(UNMASKED_MARK.split())
    assert mark not in masked
    assert mark in unmasked and "张小三" in unmasked and "13912345678" in unmasked


def test_building_boards_have_a_photo_box_for_the_project_manager(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    without = board(2, contacts=CONTACTS[1:])
    estate, building, other = texts(
        draw_panels([board(), board(1), without], tmp_path / "p.pdf", fonts=fonts)
    )
    assert "照片" in building
    assert "照片" not in estate and "照片" not in other


def test_an_open_ended_period_reads_from_its_start(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    (page,) = texts(draw_panels([board(valid_until=None)], tmp_path / "p.pdf", fonts=fonts))
    assert "公示期：2026年11月25日起" in page


def test_the_qr_code_carries_the_board_and_its_version(tmp_path: Path, fonts, rendered) -> None:  # type: ignore[no-untyped-def]
    content = board(1, version=12)
    (picture,) = rendered(draw_panels([content], tmp_path / "p.pdf", fonts=fonts), dpi=200)
    # The symbol sits in the bottom-right corner, between the footer's rule and its caption.
    per_mm = picture.dpi / 25.4
    box = [(x, y) for x in range(round(172 * per_mm), round(197 * per_mm))
           for y in range(round(259 * per_mm), round(281 * per_mm))
           if sum(picture.pixel(x, y)) < 300]  # fmt: skip
    left, right = min(x for x, _ in box), max(x for x, _ in box)
    top, bottom = min(y for _, y in box), max(y for _, y in box)
    widget = QrCodeWidget(content.qr_text, barLevel="M")
    widget.qr.make()
    modules = widget.qr.modules
    count = len(modules)
    assert abs((right - left) - (bottom - top)) <= 2  # square: nothing else in the box
    cell = (right - left + 1) / count
    seen = [[sum(picture.pixel(round(left + (c + 0.5) * cell), round(top + (r + 0.5) * cell))) < 384
             for c in range(count)] for r in range(count)]  # fmt: skip
    assert seen == modules
    assert content.qr_text not in texts(tmp_path / "p.pdf")[0]


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_the_mask_search_picks_what_reportlab_picks(text: str) -> None:
    modules = qr_modules(text)  # any text: one ending in "\n" falls back to bytes (test_qr.py)
    widget = QrCodeWidget(text, barLevel="M")
    try:
        widget.qr.make()
    except ValueError:  # ReportLab's mode guess fails on a text ending in "\n": no reference
        return
    assert modules == widget.qr.modules


def test_a_panel_prints_the_same_page_every_time(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    # The pages, not the file: the file's /ID and dates differ from one print to the next.
    first = draw_panels([board(), board(1)], tmp_path / "a.pdf", fonts=fonts)
    second = draw_panels([board(), board(1)], tmp_path / "b.pdf", fonts=fonts)
    pages = [[p.get_contents().get_data() for p in PdfReader(f).pages] for f in (first, second)]
    assert pages[0] == pages[1]


def test_progress_hears_of_every_page(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    progress = Recorder()
    draw_panels([board(), board(1)], tmp_path / "p.pdf", fonts=fonts, progress=progress)
    assert progress.calls == [(1, 2), (2, 2)]


def test_a_cancelled_batch_leaves_the_earlier_copy_and_no_part_file(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "公示栏.pdf"
    out.write_bytes(b"%PDF- the earlier copy")
    with pytest.raises(Cancelled):
        draw_panels([board(n) for n in range(1, 6)], out, fonts=fonts, progress=Recorder(2))
    assert out.read_bytes() == b"%PDF- the earlier copy"
    assert [p.name for p in tmp_path.iterdir()] == ["公示栏.pdf"]


def test_a_cancelled_first_print_leaves_no_file(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Cancelled):
        draw_panels([board(1), board(2)], tmp_path / "p.pdf", fonts=fonts, progress=Recorder(1))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("contents", "size"), [([], "A4"), ([board()], "B5")])
def test_no_panels_or_another_paper_is_refused_before_anything_is_written(
    tmp_path: Path, fonts, contents, size
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        draw_panels(contents, tmp_path / "p.pdf", size=size, fonts=fonts)
    assert list(tmp_path.iterdir()) == []


def test_a_batch_of_200_building_panels_builds(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [board(n) for n in range(1, 201)]
    batch[7] = replace(batch[7], masked=False)
    pdf = draw_panels(batch, tmp_path / "all.pdf", fonts=fonts)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 200
    assert "相山花园200号楼物业服务信息公示栏" in reader.pages[199].extract_text()


def page_streams(pdf: Path) -> list[list[bytes]]:
    """Each page's content stream and those of the forms it draws, in order."""
    pages = []
    for page in PdfReader(pdf).pages:
        forms = page["/Resources"].get("/XObject", {})
        pages.append([page.get_contents().get_data()]
                     + [forms[name].get_object().get_data() for name in sorted(forms)])  # fmt: skip
    return pages


def test_a_shared_body_is_drawn_once_and_read_on_every_page(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [board(1), board(2), board(3, items=ITEMS)]
    pdf = draw_panels(batch, tmp_path / "p.pdf", fonts=fonts)
    body = [n for n in PdfReader(pdf).pages[0]["/Resources"]["/XObject"] if "WuyeBody" in n]
    assert len(body) == 1
    assert b"Do" in page_streams(pdf)[1][0] and b"Do" not in page_streams(pdf)[2][0]
    for page, content in zip(texts(pdf), batch, strict=True):
        assert content.title in page and "".join(SERVICE.split()) in page


def test_the_same_panels_make_the_same_pages_byte_for_byte(tmp_path: Path, fonts) -> None:  # type: ignore[no-untyped-def]
    batch = [board(), board(1), board(2), board(3, masked=False)]
    first = draw_panels(batch, tmp_path / "first.pdf", fonts=fonts)
    second = draw_panels(batch, tmp_path / "second.pdf", fonts=fonts)
    assert page_streams(first) == page_streams(second)


def test_a_text_too_long_for_any_qr_symbol_is_refused() -> None:
    with pytest.raises(ValueError, match="overflow"):
        qr_modules("x" * 5000)
