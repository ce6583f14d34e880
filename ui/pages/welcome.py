"""What the window shows on a database with no office yet: what is missing and one button to
the set-up wizard (pages are not built: each would read the office's subtree)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    setup_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to WuyeDesk"))
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        text = QLabel(
            self.tr("This database does not belong to an office yet. Set up the office "
                    "(division code, administrator) and onboard with the upper office; "
                    "the ledgers open as soon as the office exists.")
        )  # fmt: skip
        text.setWordWrap(True)
        text.setFixedWidth(560)
        text.setMinimumHeight(text.heightForWidth(560))  # centred, a wrapped label gets no more
        self.setup_button = QPushButton(self.tr("Set up the office…"))
        self.setup_button.clicked.connect(self.setup_requested)
        column = QVBoxLayout(self)
        column.addStretch(1)
        for widget in (title, text, self.setup_button):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
