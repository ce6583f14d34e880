"""文件 → 最近的数据库: a training PC switches between the real database and the demo one, and
the title bar and the menu always say which one is open."""

from __future__ import annotations

import shutil

from app.recent_databases import load_recent, remember
from ui.main_window import MainWindow


def test_switching_to_the_demo_database_says_so_in_the_title_and_the_menu(
    qtbot, db, demo_db, tmp_path, screenshot
) -> None:  # type: ignore[no-untyped-def]
    training = tmp_path / "training" / "demo.sqlite"
    training.parent.mkdir()
    shutil.copy(demo_db.path, training)
    remember(training, demo=True)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert "培训" not in window.windowTitle() and "曲阳街道" in window.windowTitle()
    window.open_page("estates")

    assert window.switch_database(training)
    assert "【培训：演示数据】" in window.windowTitle()
    assert window.pages.keys() <= {"overview", "estates"}  # rebuilt over the new file
    page = window.open_page("estates")
    qtbot.waitUntil(lambda: bool(page.count_label.text()))
    assert "60" in page.count_label.text()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[0] == f"{training.resolve()}（培训用演示数据）"
    assert [a.isChecked() for a in window.recent_menu.actions()] == [True, False]
    window.recent_menu.popup(window.mapToGlobal(window.rect().center()))
    screenshot(window, "window-training-database")
    window.recent_menu.close()

    window.recent_menu.actions()[1].trigger()  # back to the real one
    assert "培训" not in window.windowTitle()
    assert [e.demo for e in load_recent()] == [False, True]


def test_a_file_that_cannot_be_opened_leaves_the_open_one(qtbot, db, tmp_path, answer_box) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "not-a-database.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    window = MainWindow(db)
    qtbot.addWidget(window)
    answer_box(QMessageBox.StandardButton.Ok)
    assert not window.switch_database(bad)
    assert window.db is db and window.has_office()
