"""Start the window: Qt application, translators, database, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.db import open_database
from app.errors import WuyeError
from ui.i18n import install_translators
from ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WuyeDesk")
    app.setApplicationDisplayName(app.translate("App", "WuyeDesk"))
    app.setApplicationVersion(__version__)
    app.setProperty("wuye_translators", install_translators(app))
    return app


def run(db_path: Path) -> int:
    app = make_application()
    try:
        db = open_database(db_path)
    except WuyeError as exc:
        QMessageBox.critical(None, app.translate("App", "Cannot open the database"), str(exc))
        return 1
    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
