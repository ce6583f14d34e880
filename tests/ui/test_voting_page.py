"""业主表决 page: a worker enters a ballot as 楼栋-房号 and the live tally beside it changes at
once; a second ballot for the unit is refused at the entry with nothing written."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.models import Ballot
from ui.pages.voting import VotingPage


def test_a_ballot_is_entered_and_the_tally_follows(qtbot, ime, idle, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = VotingPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(page)
    open_row = next(i for i, r in enumerate(page._rows) if r.status == "voting")
    page.matters.selectRow(open_row)
    idle(page)
    missing = next(r for r in page._canvass_rows if r.missing)
    unit = f"{missing.building}-{missing.missing[0]}"
    before = page.tally.text()
    with demo_db.reader() as s:
        ballots = s.scalar(select(func.count()).select_from(Ballot))
    ime(page.unit, unit)
    page.record.click()
    idle(page)
    assert page.tally.text() != before
    assert unit in page.message.text()
    ime(page.unit, unit)
    page.record.click()
    idle(page)
    assert "已投票" in page.message.text()
    with demo_db.reader() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == ballots + 1
    page.grab().save(str(Path("/tmp/vote-page.png")))


def test_the_register_imports_through_the_ledger_dialog(qtbot, idle, demo_db) -> None:  # type: ignore[no-untyped-def]
    page = VotingPage(demo_db)
    qtbot.addWidget(page)
    idle(page)
    dialog = page.open_import()
    assert dialog.kind.name == "unit"
    dialog.close()
