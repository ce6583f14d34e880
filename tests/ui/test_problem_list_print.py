"""The problems page prints the public list of the estate in its filter as the next version."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.models import Problem, ProblemListPrint
from tests.conftest import TODAY
from ui.pages.problems import ProblemsPage


def test_the_page_prints_the_filtered_estates_public_list(
    qtbot, demo_db, tmp_path: Path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        estate = s.scalar(select(Problem.estate_uuid).where(Problem.public.is_(True)).limit(1))
    page = ProblemsPage(demo_db, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.filters["estate"].set_value(estate)
    assert page.public_list_scope() == (estate, None)
    with qtbot.waitSignal(page.public_list_printed, timeout=30_000) as printed:
        page.print_public_list(tmp_path / "list.pdf", *page.public_list_scope())
    assert "第1版" in printed.args[0]
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")
    with demo_db.reader() as s:
        assert s.scalars(select(ProblemListPrint.estate_uuid)).all() == [estate]
    screenshot(page, "problems-public-list")
