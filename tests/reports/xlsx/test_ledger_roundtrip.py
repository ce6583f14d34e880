"""An exported ledger imports again unchanged: the estate ledger with every template column, the
committee ledger with its member roster (export → import into a new office → same rows)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from app.db import open_database
from app.ledger_columns import ledger_kind
from app.models import Org
from app.services.offices import add_org, init_office
from reports.xlsx.ledger_in import import_ledger
from reports.xlsx.ledger_out import export_kind
from tests.conftest import STREET, TODAY

NOW = datetime(2026, 11, 25, 9, 30)


def data_rows(path: Path) -> list[tuple]:  # type: ignore[type-arg]
    """What the sheet holds below its header (title and export time left out)."""
    return sorted(load_workbook(path).active.iter_rows(min_row=4, values_only=True), key=str)


def test_the_estate_export_has_every_template_column(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        export_kind(s, "estate", tmp_path / "e.xlsx", now=NOW)
    header = [c.value for c in load_workbook(tmp_path / "e.xlsx").active[3]]
    assert header == [c.header for c in ledger_kind("estate").columns]
    assert len(header) == 21  # 18 of the estate, 3 of its current contract (物业服务企业)


def test_the_committee_export_carries_its_members(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        written = export_kind(s, "committee", tmp_path / "c.xlsx", now=NOW)
    header = [c.value for c in load_workbook(tmp_path / "c.xlsx").active[3]]
    assert "成员姓名" in header and "职务" in header
    assert written > 60  # one row per member, not per committee


def test_estates_and_committees_export_import_and_export_the_same(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        export_kind(s, "company", tmp_path / "companies.xlsx", now=NOW)
        export_kind(s, "estate", tmp_path / "estates.xlsx", now=NOW)
        # an administrator's unmasked export (no accounts here): phones that import again
        export_kind(s, "committee", tmp_path / "committees.xlsx", now=NOW, unmasked=True)
        communities = s.execute(select(Org.code, Org.name).where(Org.parent_code == STREET)).all()
    unmask_nothing(tmp_path / "companies.xlsx")
    fresh = open_database(tmp_path / "fresh.sqlite", actor="tester")
    try:
        with fresh.sessions.begin() as s:
            init_office(s, code=STREET, name="曲阳街道", level="street")
            for code, name in communities:
                add_org(s, code=code, name=name, level="community", parent_code=STREET)
        # Companies first: an estate row's 物业服务企业 makes its contract again.
        for kind, name in (("company", "companies.xlsx"), ("estate", "estates.xlsx"),
                           ("committee", "committees.xlsx")):  # fmt: skip
            with fresh.sessions.begin() as s:
                report = import_ledger(s, tmp_path / name, kind, today=TODAY)
            assert report.clean, report.summary()
        with fresh.reader() as s:
            export_kind(s, "estate", tmp_path / "estates-again.xlsx", now=NOW)
            export_kind(s, "committee", tmp_path / "committees-again.xlsx", now=NOW, unmasked=True)
    finally:
        fresh.close()
    assert data_rows(tmp_path / "estates-again.xlsx") == data_rows(tmp_path / "estates.xlsx")
    assert data_rows(tmp_path / "committees-again.xlsx") == data_rows(tmp_path / "committees.xlsx")


def unmask_nothing(path: Path) -> None:
    """A company export masks the contact phone (issue 14: exports mask personal data), and a
    masked phone is no phone to import: the column is emptied, the rest goes round."""
    book = load_workbook(path)
    sheet = book.active
    header = next(
        r for r in sheet.iter_rows(min_row=1, max_row=5) if any(c.value == "联系电话" for c in r)
    )
    column = next(c.column for c in header if c.value == "联系电话")
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        row[column - 1].value = None
    book.save(path)
