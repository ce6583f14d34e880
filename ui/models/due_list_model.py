"""A lazy list whose rows are coloured by lateness: overdue red, due soon amber, each with an
icon in the first column so the state is not told by colour alone.

The state of a row is app.rules.deadlines.due_state over the row's own values on the day the
page asks about, with the office's working-day calendar (read again on every reload, so a
holiday entered meanwhile counts). Nothing here decides what "late" means.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle
from sqlalchemy.orm import Session, sessionmaker

from app.rules.deadlines import due_state
from app.rules.workdays import WorkCalendar
from app.services.holidays import work_calendar
from app.services.listing import Listing, ListRow
from ui.models.lazy_list_model import Index, LazyListModel

OVERDUE_COLOUR = QColor("#c62828")
DUE_SOON_COLOUR = QColor("#b26a00")
DUE_ROLE = Qt.ItemDataRole.UserRole + 2
# The open deadline of a row (None when the row is done or has none), from its values by key.
OpenDeadline = Callable[[dict[str, Any]], date | None]


class DueListModel(LazyListModel):
    def __init__(
        self,
        reader: sessionmaker[Session],
        listing: Listing,
        headers: list[str],
        open_deadline: OpenDeadline,
        today: date,
        parent=None,
    ) -> None:
        self._open_deadline = open_deadline
        self._keys = [c.key for c in listing.columns]
        self._today = today
        self._cal: WorkCalendar | None = None
        self._states: dict[str, str] = {}
        super().__init__(reader, listing, headers, parent)

    @property
    def today(self) -> date:
        return self._today

    def set_today(self, day: date) -> None:
        """Read lateness on `day` from the next reload (the page reloads with its filters)."""
        self._today = day

    def reload(self) -> None:
        with self._reader() as session:
            self._cal = work_calendar(session)
        self._states = {}
        super().reload()

    def due_at(self, row: int) -> str:
        """ "overdue", "due_soon", "open", "done" or "" (no deadline) for a loaded row."""
        listed = self._rows[row]
        state = self._states.get(listed.uuid)
        if state is None:
            state = self._states[listed.uuid] = self._state(listed)
        return state

    def _state(self, listed: ListRow) -> str:
        deadline = self._open_deadline(dict(zip(self._keys, listed.values, strict=True)))
        if deadline is None:
            return ""
        if self._cal is None:
            with self._reader() as session:
                self._cal = work_calendar(session)
        if isinstance(deadline, str):  # a coalesced sort value read back as text
            deadline = date.fromisoformat(deadline)
        return due_state(deadline, None, self._today, cal=self._cal)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if role == DUE_ROLE:
            return self.due_at(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            state = self.due_at(index.row())
            if state == "overdue":
                return QBrush(OVERDUE_COLOUR)
            if state == "due_soon":
                return QBrush(DUE_SOON_COLOUR)
            return None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            state = self.due_at(index.row())
            icon = {
                "overdue": QStyle.StandardPixmap.SP_MessageBoxCritical,
                "due_soon": QStyle.StandardPixmap.SP_MessageBoxWarning,
            }.get(state)
            return QApplication.style().standardIcon(icon) if icon is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "overdue": QCoreApplication.translate("DueListModel", "Overdue"),
                "due_soon": QCoreApplication.translate("DueListModel", "Due within 2 working days"),
            }.get(self.due_at(index.row()))
        return super().data(index, role)
