"""Start the window: Qt application, translators, log file, database, main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

import app as core
from app.logfile import LOGGER, setup_logging
from ui.collector import MainThreadCollector
from ui.i18n import install_translators
from ui.immortal_none import keep_none_alive
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


def make_application(argv: list[str] | None = None) -> QApplication:
    keep_none_alive()  # before the first Qt call: see ui/immortal_none.py
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WuyeDesk")
    app.setApplicationDisplayName(app.translate("App", "WuyeDesk"))
    app.setProperty("wuye_translators", install_translators(app))
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
    return app


class _AfterFirstPaint(QObject):
    """Runs `then` once the window has painted: what the first paint need not wait for."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class _QuitAfterPaint(QObject):
    """Smoke tests and the start-up benchmark: the window painted once, so quit cleanly."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def install_excepthook(window: QWidget) -> None:
    """A bug outside any operation (a slot, a timer): logged with its traceback, and said in
    a message box instead of a traceback on a console nobody sees."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        report_uncaught(window, kind, value, tb)

    sys.excepthook = hook


def report_uncaught(
    parent: QWidget | None,
    kind: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
) -> QMessageBox:
    from app.failures import describe
    from ui.jobs import bug_message
    from ui.ops import show_failure

    logging.getLogger(f"{LOGGER}.window").critical("uncaught", exc_info=(kind, value, tb))
    known = describe(value)
    message = known if known is not None else bug_message(kind.__name__)
    return show_failure(parent, QCoreApplication.translate("App", "Something went wrong"), message)


def run(db_path: Path, *, quit_after_paint: bool = False) -> int:
    app = make_application()
    window = MainWindow(Path(db_path))
    _AfterFirstPaint(window, setup_logging)  # the log file: ~30 ms of imports and folders
    install_excepthook(window)
    failed: list[str] = []

    def refuse(message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        failed.append(message)
        QMessageBox.critical(window, app.translate("App", "Cannot open the database"), message)
        window.close()

    window.database_failed.connect(refuse)
    # After the first paint: looking the version up (importlib.metadata) costs tens of ms.
    window.database_opened.connect(lambda: app.setApplicationVersion(core.__version__))
    window.database_opened.connect(lambda: QTimer.singleShot(0, MainThreadCollector.settle))
    if quit_after_paint:
        watcher = _QuitAfterPaint(window)
        window.installEventFilter(watcher)
    window.show()
    try:
        code = app.exec()
    finally:
        from ui.jobs import database_pool  # loaded by the first page, not before the paint

        database_pool().waitForDone()  # let a running job finish with its session
        if window.db is not None:
            window.db.close()
    return 1 if failed else code
