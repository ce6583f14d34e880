"""A read-only table of short lists loaded whole (packages, conflicts): rows of text, one
selected row at a time, numbers right-aligned, each row carrying the key of what it shows;
a row shorter than the header spans its last cell to the end (a refusal's message).

Columns fit their contents, but never below a width in characters: four by default, more
for a column given in `chars`. Sized to contents alone, an empty table (a 考核 sheet not yet
received) showed columns as narrow as their two-character headers and one stretched column
taking the rest, and a table's layout jumped when its first rows came."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
KEY_ROLE = Qt.ItemDataRole.UserRole
LEAST_CHARS = 4  # no column narrower than this many characters, even while empty
PADDING = 12  # a cell's margins, as Qt's own size hints leave them


class PlainTable(QTableWidget):
    def __init__(  # type: ignore[no-untyped-def]
        self,
        headers: Sequence[str],
        parent=None,
        *,
        stretch: int | None = None,
        right: Sequence[int] = (),
        chars: Mapping[int, int] | None = None,
    ) -> None:
        """`stretch`: the column that takes the room left (default the last one); `right`:
        columns of numbers given as text (“1,024”, “—”), aligned like numbers; `chars`: the
        least width of a column in (Chinese) characters, for columns of names and text."""
        super().__init__(0, len(headers), parent)
        self.right = frozenset(right)
        em = self.fontMetrics().horizontalAdvance("中")
        wanted = chars or {}
        self.least = [
            max(LEAST_CHARS, wanted.get(c, 0)) * em + PADDING for c in range(len(headers))
        ]
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def sizeHintForColumn(self, column: int) -> int:  # Qt's virtual, used by ResizeToContents
        """What ResizeToContents sizes a column to: its contents, or its least width."""
        least = self.least[column] if 0 <= column < len(self.least) else 0
        return max(super().sizeHintForColumn(column), least)

    def set_rows(
        self,
        rows: Sequence[Sequence[Any]],
        keys: Sequence[Any] | None = None,
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        """Replace every row, keeping the selection on the same key if it is still there."""
        kept = self.selected_key()
        self.clearSpans()
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text())  # a narrowed column elides; the tip shows it whole
                if isinstance(value, int) or c in self.right:
                    item.setTextAlignment(RIGHT)
                if keys is not None:
                    item.setData(KEY_ROLE, keys[r])
                if colours is not None and colours[r] is not None:
                    item.setForeground(colours[r])
                self.setItem(r, c, item)
            if 0 < len(cells) < self.columnCount():  # a short row's last cell fills the rest
                self.setSpan(r, len(cells) - 1, 1, self.columnCount() - len(cells) + 1)
        if keys is not None and kept is not None and kept in keys:
            self.selectRow(list(keys).index(kept))

    def selected_key(self) -> Any:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        return item.data(KEY_ROLE) if item is not None else None

    def select_key(self, key: Any) -> bool:
        for r in range(self.rowCount()):
            if self.item(r, 0).data(KEY_ROLE) == key:
                self.selectRow(r)
                return True
        return False

    def texts(self) -> list[list[str]]:
        """What a person sees, row by row (tests read the table this way)."""
        return [
            [item.text() if (item := self.item(r, c)) else "" for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
