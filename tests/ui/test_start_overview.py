"""A window started from a file (`wuye gui`) shows the 总览's headline figures, read with
plain sqlite3 while SQLAlchemy still loads, on the page that later shows the full figures:
the same page, attached to the database once open, with figures equal where they meet
(issue 18)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ui.jobs import database_pool
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage


def test_the_overview_shows_its_headline_figures_then_the_full_ones(
    qtbot, demo_template: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()

    def headline_shown() -> bool:
        page = window.pages.get("overview")
        return isinstance(page, OverviewPage) and page.headline is not None

    qtbot.waitUntil(headline_shown, timeout=60_000)
    page = window.pages["overview"]
    assert isinstance(page, OverviewPage)
    headline = page.headline
    assert headline is not None and headline.estates > 0
    assert window.stack.currentWidget() is page
    assert page.estates.figure.text() == str(headline.estates)
    assert page.by_status.figure.text() == str(headline.problems)

    try:
        qtbot.waitUntil(
            lambda: window.db is not None and page.stats is not None and page.casework is not None,
            timeout=120_000,
        )
        assert window.pages["overview"] is page and page.db is window.db
        assert page.completeness is not None  # the reports panel came with the database
        stats, casework = page.stats, page.casework
        assert stats is not None and casework is not None
        assert (stats.estates, stats.by_management_type) == (
            headline.estates, headline.by_management_type,
        )  # fmt: skip
        assert casework.by_status == headline.problems_by_status
        assert casework.open_complaints == headline.open_complaints
        assert page.estates.figure.text() == str(headline.estates)
        assert page.closure.figure.text() == f"{headline.closure_percent:.1f}%"
    finally:
        database_pool().waitForDone()
        if window.db is not None:
            window.db.close()
