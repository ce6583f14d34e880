"""文件 → 最近的数据库: the recent database files (app.recent_databases), the open one ticked and
the training one labelled, so a worker always sees which file the entries go into."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.recent_databases import load_recent


class RecentMenu(QMenu):
    chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Recent databases"), parent)
        self.setEnabled(False)

    def fill(self, current: Path | None) -> None:
        """`current`: the open file (None for a PostgreSQL database, never listed)."""
        self.clear()
        for entry in load_recent():
            label = str(entry.path)
            if entry.demo:
                label = self.tr("%1 (training, demo data)").replace("%1", label)
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(entry.path == current)
            action.triggered.connect(lambda _=False, p=entry.path: self.chosen.emit(p))
            self.addAction(action)
        self.setEnabled(bool(self.actions()))
