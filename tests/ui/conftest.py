"""Fixtures for window tests: the application as the program makes it, and the main window."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ui.app import make_application
from ui.jobs import database_pool
from ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def qapp() -> QApplication:
    """pytest-qt's own `qapp`, replaced: the program's application with zh_CN translators."""
    return make_application()


@pytest.fixture(autouse=True)
def garbage_collected_on_the_main_thread() -> Iterator[None]:
    """The application collects cycles on the GUI thread only (ui/collector.py); between tests
    the jobs are let finish and the test's dropped widgets are collected here, at once."""
    yield
    database_pool().waitForDone()
    gc.collect()


@pytest.fixture(autouse=True)
def user_data_in_tmp(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window remembers recent databases in the user data directory: a test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


@pytest.fixture
def window(qtbot, demo_db) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over the seed-1 demo street, shown."""
    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    yield main
    database_pool().waitForDone()  # no job still reading when the database file closes


@pytest.fixture
def answer_box() -> Callable[[QMessageBox.StandardButton], None]:
    """Click a button of the next modal message box once its exec() loop runs."""

    def answer(button: QMessageBox.StandardButton) -> None:
        def click(tries_left: int = 200) -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox) and box.button(button) is not None:
                box.button(button).click()
            elif tries_left:  # exec() has not shown the box yet: look again shortly
                QTimer.singleShot(10, lambda: click(tries_left - 1))

        QTimer.singleShot(0, click)

    return answer


@pytest.fixture
def idle(qtbot) -> Callable[..., None]:  # type: ignore[no-untyped-def]
    """Wait until a widget's operations (ui/ops.py: a form's save and what follows) are done."""

    def wait(widget: QWidget, timeout: int = 15_000) -> None:
        qtbot.waitUntil(lambda: not widget.property("wuye_ops"), timeout=timeout)

    return wait
