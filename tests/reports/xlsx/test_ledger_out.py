"""Exports read back as an office opens them: titled, typed, sized, and never half-written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.codes import ManagementType, MemberRole
from app.progress import Cancelled
from app.rules.pinyin import pinyin_key
from app.services.estates import EstateIn, create_estate
from app.services.listing import ListQuery
from app.services.offices import current_office
from reports.xlsx.ledger_out import EXPORT_KINDS, export_kind
from reports.xlsx.style import text_width
from tests.conftest import COMMUNITY_A, TODAY

NOW = datetime(2026, 11, 25, 9, 30)


class StopAfterFirstPage:
    """A user pressing Cancel while the first page is being written."""

    def __init__(self) -> None:
        self.reports: list[tuple[int, int]] = []

    def report(self, done: int, total: int) -> None:
        self.reports.append((done, total))

    def cancelled(self) -> bool:
        return len(self.reports) >= 1


def export(db, out: Path, kind: str, **options) -> tuple[int, Worksheet]:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        written = export_kind(s, kind, out, now=NOW, **options)
    return written, load_workbook(out).active


def test_every_demo_estate_is_written_across_pages(demo_db, tmp_path) -> None:
    written, ws = export(demo_db, tmp_path / "e.xlsx", "estate", page_size=7)
    names = [row[1] for row in ws.iter_rows(min_row=4, values_only=True)]  # 所属社区, 小区名称
    assert written == len(names) == 60
    assert names == sorted(names, key=pinyin_key)  # the list's own order, page after page


def test_title_time_and_headers_lead_the_sheet(demo_db, tmp_path) -> None:
    _, ws = export(demo_db, tmp_path / "e.xlsx", "estate")
    with demo_db.reader() as s:
        assert ws["A1"].value == f"{current_office(s).name}小区台账"
    assert ws["A1"].font.b and ws["A1"].font.sz == 14
    assert "A1:U1" in {str(r) for r in ws.merged_cells.ranges}  # the template's 21 columns
    assert ws["A2"].value.startswith("导出时间：2026-11-25 09:30")
    assert [c.value for c in ws[3]] == list(EXPORT_KINDS["estate"].headers)
    assert all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"


def test_columns_are_at_least_as_wide_as_their_headers(demo_db, tmp_path) -> None:
    _, ws = export(demo_db, tmp_path / "c.xlsx", "company")
    for cell in ws[3]:
        assert ws.column_dimensions[cell.column_letter].width > text_width(cell.value)


def test_estate_numbers_stay_numbers_and_codes_read_in_chinese(demo_db, tmp_path) -> None:
    _, ws = export(demo_db, tmp_path / "e.xlsx", "estate")
    _, _, _, kind, _, _, start, built, area, households, buildings, old, *_ = ws[4]
    assert start.value is None or isinstance(start.value, datetime)  # the current contract's
    assert type(households.value) is int and type(buildings.value) is int
    assert type(area.value) is float and area.number_format == "0.00"
    assert type(built.value) is int
    assert kind.value in {m.label for m in ManagementType}
    assert old.value in ("是", "否")


def test_committee_dates_are_dates_and_members_read_in_chinese(demo_db, tmp_path) -> None:
    _, ws = export(demo_db, tmp_path / "m.xlsx", "committee")
    term_start, role, party = ws["F4"], ws["K4"], ws["L4"]
    assert isinstance(term_start.value, date) and term_start.number_format == "yyyy-mm-dd"
    assert type(ws["D4"].value) is int  # 届次
    assert role.value in {m.label for m in MemberRole}
    assert party.value in ("是", "否")


def test_filters_of_the_window_carry_into_the_export(demo_db, tmp_path) -> None:
    query = ListQuery(filters=(("management_type", "none"),))
    written, ws = export(demo_db, tmp_path / "e.xlsx", "estate", query=query)
    assert written == 4  # the demo street's estates without property management
    assert {row[3] for row in ws.iter_rows(min_row=4, values_only=True)} == {"无物管"}


def test_cancelled_export_leaves_no_file(demo_db, tmp_path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    stop = StopAfterFirstPage()
    with pytest.raises(Cancelled):
        export(demo_db, folder / "e.xlsx", "estate", page_size=10, progress=stop)
    assert stop.reports == [(10, 60)]
    assert list(folder.iterdir()) == []


def test_cancelled_export_keeps_the_earlier_file(demo_db, tmp_path) -> None:
    out = tmp_path / "e.xlsx"
    out.write_bytes(b"last week's export")
    with pytest.raises(Cancelled):
        export(demo_db, out, "estate", page_size=10, progress=StopAfterFirstPage())
    assert out.read_bytes() == b"last week's export"


def test_text_that_looks_like_a_formula_stays_text(db, tmp_path) -> None:
    with db.sessions.begin() as s:
        data = EstateIn(community_code=COMMUNITY_A, name="相山花园", households=8, address="=1+1")
        create_estate(s, data, today=TODAY)
    _, ws = export(db, tmp_path / "e.xlsx", "estate")
    assert ws["C4"].value == "=1+1" and ws["C4"].data_type == "s"


def test_an_empty_list_exports_its_headers_only(db, tmp_path) -> None:
    written, ws = export(db, tmp_path / "e.xlsx", "estate")
    assert written == 0 and ws.max_row == 3
    assert "共 0 条" in ws["A2"].value
