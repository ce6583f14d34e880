"""Lists the window pages through: search and sort in SQL, pages by keyset.

A page never reads more than it shows: `WHERE (sort, uuid) > (:last_sort, :last_uuid)
ORDER BY sort, uuid LIMIT n` stays fast at row 100,000 where OFFSET would not.

Each page is two steps: first the keys of the next rows (uuid and sort value only), then the
display columns of just those rows. Measured over 100,000 estates (bench/ledger.py): doing both
at once computed every display column of every match before sorting, and was 2–4× slower.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, tuple_
from sqlalchemy.orm import Session

SearchCondition = Callable[[str], ColumnElement[bool]]
# A filter is a column compared for equality, or a function of the filter's value giving the
# condition (e.g. "overdue on day D": deadline < D and not done, computed when asked).
Filter = ColumnElement[Any] | Callable[[Any], ColumnElement[bool]]


@dataclass(frozen=True)
class Column:
    key: str
    expr: ColumnElement[Any]
    # How a stored value reads to a person (codes to Chinese labels, fen to yuan); Qt-free.
    display: Callable[[Any], str] = field(default=lambda v: "" if v is None else str(v))
    # NULLs break keyset comparisons, so nullable columns sort on coalesce(expr, null_sort).
    null_sort: Any = ""
    nullable: bool = True
    # What the column sorts by when it is not the shown value (a name's pinyin key).
    sort: ColumnElement[Any] | None = None


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


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(*columns: ColumnElement[str]) -> SearchCondition:
    """Search condition: any of the columns holds the word (LIKE with the wildcards escaped)."""

    def condition(pattern: str) -> ColumnElement[bool]:
        return or_(*(c.like(pattern, escape="\\") for c in columns))

    return condition


class Listing:
    """A list definition: base select (scope, joins), columns, search condition, filters."""

    def __init__(
        self,
        base: Callable[[Session], Select[Any]],
        uuid: ColumnElement[str],
        columns: Sequence[Column],
        search: SearchCondition,
        default_sort: str,
        filters: dict[str, Filter] | None = None,
    ) -> None:
        self._base = base
        self._uuid = uuid
        self.columns = tuple(columns)
        self._by_key = {c.key: c for c in columns}
        self._search = search
        self.default_sort = default_sort
        self._filters = filters or {}

    def column(self, key: str) -> Column:
        return self._by_key[key]

    def _where(self, stmt: Select[Any], query: ListQuery) -> Select[Any]:
        for word in query.text.split():
            stmt = stmt.where(self._search(like_pattern(word)))
        for key, value in query.filters:
            if value is None or value == "":
                continue
            condition = self._filters[key]
            if isinstance(condition, ColumnElement) or hasattr(condition, "__clause_element__"):
                stmt = stmt.where(condition == value)  # a column (or mapped attribute)
            else:
                stmt = stmt.where(condition(value))
        return stmt

    def _sort(self, query: ListQuery) -> ColumnElement[Any]:
        col = self._by_key.get(query.sort_key) or self._by_key[self.default_sort]
        expr = col.expr if col.sort is None else col.sort
        if col.nullable or query.text:
            # Also for searches on NOT NULL columns: coalesce() hides the index, so SQLite
            # scans once and keeps the top rows, instead of walking the index in sort order
            # and fetching row after row looking for a rare match (200 ms vs 55 ms measured).
            return func.coalesce(expr, col.null_sort)
        return expr

    def page(
        self, session: Session, query: ListQuery, after: ListRow | None = None, limit: int = 200
    ) -> list[ListRow]:
        sort = self._sort(query)
        base = self._base(session)  # built once: its scope CTE must be one object in both steps
        keys = self._where(base, query).with_only_columns(self._uuid.label("uuid"), sort.label("k"))
        if after is not None:
            key, bound = tuple_(sort, self._uuid), tuple_(after.sort_value, after.uuid)
            keys = keys.where(key < bound if query.descending else key > bound)
        order = (sort.desc(), self._uuid.desc()) if query.descending else (sort, self._uuid)
        picked = keys.order_by(*order).limit(limit).subquery("picked")
        final = (picked.c.k.desc(), picked.c.uuid.desc()) if query.descending else (
            picked.c.k, picked.c.uuid)  # fmt: skip
        rows = session.execute(
            base.join(picked, picked.c.uuid == self._uuid)
            .with_only_columns(picked.c.uuid, picked.c.k, *(c.expr for c in self.columns))
            .order_by(*final)
        ).all()
        return [ListRow(r[0], tuple(r[2:]), r[1]) for r in rows]

    def count(self, session: Session, query: ListQuery) -> int:
        stmt = self._where(self._base(session), query).with_only_columns(func.count(self._uuid))
        return int(session.scalar(stmt) or 0)

    def display(self, row: ListRow) -> list[str]:
        return [c.display(v) for c, v in zip(self.columns, row.values, strict=True)]
