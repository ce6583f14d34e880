"""Sign the window out after a stretch without keyboard or mouse input (issue 14), so a shared
PC left unattended does not stay signed in: the session falls back to read only, decrypted
key secrets are forgotten, and the sign-in dialog comes up. `WUYE_IDLE_MINUTES` sets the
stretch (15 by default; 0 turns it off). Only a database with accounts is locked."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.db import Database

IDLE_ENV = "WUYE_IDLE_MINUTES"
DEFAULT_MINUTES = 15
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def idle_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(IDLE_ENV, DEFAULT_MINUTES)) * 60)
    except ValueError:
        return DEFAULT_MINUTES * 60.0


class IdleLock(QObject):
    def __init__(self, window: QWidget, db: Database, limit_s: float | None = None) -> None:
        super().__init__(window)
        self.window, self.db = window, db
        self.limit_s = idle_seconds() if limit_s is None else limit_s
        self.last_input = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(10_000)
        self.timer.timeout.connect(self.check)
        if self.limit_s > 0 and db.context.role is not None:
            QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last_input = time.monotonic()
        return False

    def check(self) -> None:
        if not self.db.context.signed_in or time.monotonic() - self.last_input < self.limit_s:
            return
        self.lock()

    def lock(self) -> None:
        from app.packages.key_vault import forget
        from app.services.accounts import sign_out
        from ui.dialogs.login_dialog import LoginDialog

        sign_out(self.db)
        forget()
        self.timer.stop()
        LoginDialog(self.db, self.window).exec()
        self.last_input = time.monotonic()
        self.timer.start()
