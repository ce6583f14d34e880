"""A table model that holds only the rows already shown and fetches the next page on scroll.

Search, filter and sort happen in SQL (app.services.listing): a proxy model over a lazy
model would only filter what happens to be loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy.orm import Session, sessionmaker

from app.services.listing import Listing, ListQuery, ListRow

Index = QModelIndex | QPersistentModelIndex
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
DISPLAY = int(Qt.ItemDataRole.DisplayRole)  # roles come in as ints


class LazyListModel(QAbstractTableModel):
    PAGE = 200

    def __init__(
        self, reader: sessionmaker[Session], listing: Listing, headers: list[str], parent=None
    ) -> None:
        super().__init__(parent)
        if len(headers) != len(listing.columns):
            raise ValueError("one header per listing column")
        self._reader = reader
        self._listing = listing
        self._headers = headers
        self._query = ListQuery(sort_key=listing.default_sort)
        self._rows: list[ListRow] = []
        self._shown: list[list[str] | None] = []
        self._exhausted = False
        self._busy = False

    # --- what the page asks for ---------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Drop loaded rows and show the first page of the current query."""
        if self._busy:
            return
        self._busy = True
        try:
            self.beginResetModel()
            self._rows, self._shown, self._exhausted = [], [], False
            self.endResetModel()
        finally:
            self._busy = False
        self.fetchMore(QModelIndex())

    def total(self) -> int:
        with self._reader() as session:
            return self._listing.count(session, self._query)

    def uuid_at(self, row: int) -> str:
        return self._rows[row].uuid

    def row_of(self, uuid: str) -> int | None:
        for i, row in enumerate(self._rows):
            if row.uuid == uuid:
                return i
        return None

    # --- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks a dozen roles per visible cell on every paint: the two we answer are
        # told apart first, before any call into the index (measured: a fifth of a first
        # screen went here).
        if role != DISPLAY and role != UUID_ROLE:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if role == UUID_ROLE:
            return self._rows[row].uuid
        shown = self._shown[row]
        if shown is None:  # formatted on first paint, then kept
            shown = self._shown[row] = self._listing.display(self._rows[row])
        return shown[index.column()]

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._busy or self._exhausted:
            return  # views and the model tester re-enter during inserts and resets
        after = self._rows[-1] if self._rows else None
        with self._reader() as session:
            page = self._listing.page(session, self._query, after=after, limit=self.PAGE)
        self._exhausted = len(page) < self.PAGE
        if not page:
            return
        self._busy = True
        try:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows += page
            self._shown += [None] * len(page)
            self.endInsertRows()
        finally:
            self._busy = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._listing.columns):
            return
        key = self._listing.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort_key, self._query.descending) and self._rows:
            return
        self.set_query(
            ListQuery(self._query.text, self._query.filters, sort_key=key, descending=descending)
        )
