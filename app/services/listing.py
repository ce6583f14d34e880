"""Lists the window pages through: search and sort in SQL, pages by keyset.

A page never reads more than it shows: `WHERE (sort, uuid) > (:last_sort, :last_uuid)
ORDER BY sort, uuid LIMIT n` stays fast at row 100,000 where OFFSET would not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, tuple_
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Column:
    key: str
    expr: ColumnElement[Any]
    # How a stored value reads to a person (codes to Chinese labels, fen to yuan); Qt-free.
    display: Callable[[Any], str] = field(default=lambda v: "" if v is None else str(v))
    sortable: bool = True
    # NULLs break keyset comparisons, so sorting uses coalesce(expr, null_sort).
    null_sort: Any = ""


@dataclass(frozen=True)
class ListRow:
    uuid: str
    values: tuple[Any, ...]
    sort_value: Any = None


@dataclass(frozen=True)
class ListQuery:
    """What the user asked for: search text, filters (column key -> value), sort."""

    text: str = ""
    filters: tuple[tuple[str, Any], ...] = ()
    sort_key: str = ""
    descending: bool = False


class Listing:
    """A list definition: a base select (with joins and scope), its columns, its search fields."""

    def __init__(
        self,
        base: Callable[[Session], Select[Any]],
        uuid: ColumnElement[str],
        columns: Sequence[Column],
        search: Sequence[ColumnElement[str]],
        default_sort: str,
        filters: dict[str, ColumnElement[Any]] | None = None,
    ) -> None:
        self._base = base
        self._uuid = uuid
        self.columns = tuple(columns)
        self._by_key = {c.key: c for c in columns}
        self._search = tuple(search)
        self.default_sort = default_sort
        self._filters = filters or {}

    def column(self, key: str) -> Column:
        return self._by_key[key]

    def _where(self, session: Session, query: ListQuery) -> Select[Any]:
        stmt = self._base(session)
        for word in query.text.split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = stmt.where(or_(*(c.like(pattern, escape="\\") for c in self._search)))
        for key, value in query.filters:
            if value is not None and value != "":
                stmt = stmt.where(self._filters[key] == value)
        return stmt

    def _sort(self, query: ListQuery) -> ColumnElement[Any]:
        col = self._by_key.get(query.sort_key) or self._by_key[self.default_sort]
        if not col.sortable:
            col = self._by_key[self.default_sort]
        return func.coalesce(col.expr, col.null_sort)

    def page(
        self, session: Session, query: ListQuery, after: ListRow | None = None, limit: int = 200
    ) -> list[ListRow]:
        sort = self._sort(query)
        stmt = self._where(session, query).with_only_columns(
            self._uuid, sort, *(c.expr for c in self.columns)
        )
        if after is not None:
            key = tuple_(sort, self._uuid)
            bound = tuple_(after.sort_value, after.uuid)
            stmt = stmt.where(key < bound if query.descending else key > bound)
        order = (sort.desc(), self._uuid.desc()) if query.descending else (sort, self._uuid)
        rows = session.execute(stmt.order_by(*order).limit(limit)).all()
        return [ListRow(r[0], tuple(r[2:]), r[1]) for r in rows]

    def count(self, session: Session, query: ListQuery) -> int:
        stmt = self._where(session, query).with_only_columns(func.count(self._uuid))
        return int(session.scalar(stmt) or 0)

    def display(self, row: ListRow) -> list[str]:
        return [c.display(v) for c, v in zip(self.columns, row.values, strict=True)]
