"""An estate chosen by typing part of its name: a search line and the matches in a combo box.

Offices hold up to 100,000 estates, so the list is searched in SQL as the user types
(app.services.estates.estate_matches), never loaded whole; a cut list ends with how many more
there are, so no estate is out of reach without the user knowing to type.
Optional pickers offer "no estate".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from sqlalchemy.orm import Session, sessionmaker

from app.services.estates import estate_label, estate_matches
from ui.widgets.fields import CodeCombo


class EstatePicker(QWidget):
    changed = Signal()

    def __init__(
        self, reader: sessionmaker[Session], *, optional: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._optional = optional
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate("EstatePicker", "Type to find an estate")
        )
        self.combo = CodeCombo([])
        self.combo.setMinimumContentsLength(14)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.combo, 2)
        self.search.textChanged.connect(self.find)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.find("")

    def _none(self) -> list[tuple[str, str]]:
        return (
            [("", QCoreApplication.translate("EstatePicker", "(no estate)"))]
            if self._optional
            else []
        )

    def find(self, text: str) -> None:
        with self._reader() as session:
            matches = estate_matches(session, text.strip())
        found = matches.choices
        self.combo.set_choices(self._none() + found, matches.more)  # keeps a listed choice
        if text.strip() and found and not self.combo.value():
            self.combo.set_value(found[0][0])  # typing picks the first match
        elif self.combo.currentIndex() < 0 and self.combo.count():
            self.combo.setCurrentIndex(0)

    def value(self) -> str | None:
        return self.combo.value() or None

    def set_value(self, uuid: str | None) -> None:
        if not uuid:
            self.combo.set_value("" if self._optional else None)
            return
        if self.combo.findData(uuid) < 0:
            with self._reader() as session:
                label = estate_label(session, uuid)
            self.combo.addItem(label, uuid)
        self.combo.set_value(uuid)
