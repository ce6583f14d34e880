"""Lists the window pages through: search and sort in SQL, pages by keyset.

A page never reads more than it shows: `WHERE (sort, uuid) > (:last_sort, :last_uuid)
ORDER BY sort, uuid LIMIT n` stays fast at row 100,000 where OFFSET would not.

Each page is two steps: first the keys of the next rows (uuid and sort value only), then the
display columns of just those rows. Measured over 100,000 estates (bench/ledger.py): doing both
at once computed every display column of every match before sorting, and was 2–4× slower.

Search words of three characters or more go to the table's FTS5 trigram index where it has one
(app/db/text_index.py); shorter words, other tables and PostgreSQL use LIKE. Words found often
(judged on the table's first rows) walk the sort column's index with LIKE and stop at the
page's last row; rare ones take the text index's matches, or scan once with LIKE, and keep the
top rows (walking the whole index for a rare word took 0.7 s; listing 600,000 matches of a
common word from the text index, seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    true,
    tuple_,
)
from sqlalchemy.orm import Session

from app.db.field_crypto import opened
from app.db.sync import INCLUDE_DELETED
from app.db.text_index import MIN_CHARS, fts_table, phrase

# The condition for one search word, given the database's dialect name ("sqlite"…).
SearchCondition = Callable[[str, str], ColumnElement[bool]]
# The count of the unfiltered list found a cheaper way than counting it, or None when it
# cannot be told that way (the file holds rows outside the office's subtree).
Tally = Callable[[Session], int | None]
# A filter is a column compared for equality, or a function of the filter's value giving the
# condition (e.g. "overdue on day D": deadline < D and not done, computed when asked).
Filter = ColumnElement[Any] | Callable[[Any], ColumnElement[bool]]


LIKE_ONLY = "like"  # a dialect name for which contains() never uses a text index
SAMPLE_ROWS = 2000  # rows a short search word is tried on before choosing how to search
OFTEN = 0.05  # found in 5 % of them: the sort index reaches a page within ~4,000 rows


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
    # A personal field (a phone): `display` masks it; only an administrator's audited export
    # writes it in clear (app/services/export_consent.py).
    personal: bool = False


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


def contains(*columns: ColumnElement[str], index: str | None = None) -> SearchCondition:
    """Search condition: any of the columns holds the word. With `index`, a table of
    app.db.text_index indexing these columns, a word long enough for its trigrams is looked up
    there on SQLite; otherwise LIKE with the wildcards escaped. A personal column, sealed in a
    SQLite file (app/db/field_crypto.py), is matched on its value opened row by row."""

    def condition(word: str, dialect: str) -> ColumnElement[bool]:
        if index is not None and dialect == "sqlite" and len(word) >= MIN_CHARS:
            fts = fts_table(index)
            matching = (
                select(literal_column("rowid"))
                .select_from(table(fts))
                .where(literal_column(fts).op("MATCH")(phrase(word)))
            )
            return literal_column(f"{index}.rowid").in_(matching)
        pattern = like_pattern(word)
        sealed = dialect in ("sqlite", LIKE_ONLY)
        searched = [opened(c) if sealed else c for c in columns]
        return or_(*(c.like(pattern, escape="\\") for c in searched))

    return condition


def either(*conditions: SearchCondition) -> SearchCondition:
    """Search condition: any of the conditions holds (e.g. the text index, or a number)."""

    def condition(word: str, dialect: str) -> ColumnElement[bool]:
        return or_(*(c(word, dialect) for c in conditions))

    return condition


def coded(column: ColumnElement[str], read: Callable[[str], str | None]) -> SearchCondition:
    """Search condition for a coded column (a record number): a word that `read` turns into a
    stored value is looked up on the column's index; any other word matches nothing, so a
    text search never scans the column."""

    def condition(word: str, dialect: str) -> ColumnElement[bool]:
        value = read(word)
        return false() if value is None else column == value

    return condition


def live_rows(session: Session, rows: Table) -> int:
    """A syncable table's live (not deleted) rows, counted without reading them: SQLite
    counts a whole table from its b-tree pages alone (0.04 ms for 100,000 estates, where
    `count(*) … WHERE deleted = 0` read an index of them all: 22 ms, 76–137 ms under load,
    beside every first screen), less the tombstones, read from an index of them (a partial one
    for estates, migration 0029; problems and complaints lead an index with `deleted`)."""
    every = select(func.count()).select_from(rows).execution_options(**{INCLUDE_DELETED: True})
    dead = every.where(rows.c.deleted == true())
    return int(session.scalar(every) or 0) - int(session.scalar(dead) or 0)


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
        tally: Tally | None = None,
    ) -> None:
        self._base = base
        self._uuid = uuid
        self.columns = tuple(columns)
        self._by_key = {c.key: c for c in columns}
        self._search = search
        self.default_sort = default_sort
        self._filters = filters or {}
        self._tally = tally

    def column(self, key: str) -> Column:
        return self._by_key[key]

    def _where(self, stmt: Select[Any], query: ListQuery, dialect: str) -> Select[Any]:
        for word in query.text.split():
            stmt = stmt.where(self._search(word, dialect))
        for key, value in query.filters:
            if value is None or value == "":
                continue
            condition = self._filters[key]
            if isinstance(condition, ColumnElement) or hasattr(condition, "__clause_element__"):
                stmt = stmt.where(condition == value)  # a column (or mapped attribute)
            else:
                stmt = stmt.where(condition(value))
        return stmt

    def _sort(self, query: ListQuery, walk: bool, dialect: str) -> ColumnElement[Any]:
        col = self._by_key.get(query.sort_key) or self._by_key[self.default_sort]
        expr = col.expr if col.sort is None else col.sort
        if dialect == "sqlite":  # a sealed personal column sorts, and pages, by its value
            expr = opened(expr)
        if col.nullable or (query.text and not walk):
            # coalesce() hides the index, so SQLite scans once (or reads the text index's
            # matches) and keeps the top rows, instead of walking the index in sort order and
            # fetching row after row looking for a rare match (200 ms vs 55 ms measured).
            return func.coalesce(expr, col.null_sort)
        return expr

    def _found_often(self, session: Session, query: ListQuery, dialect: str) -> bool:
        """Whether the words are common enough that walking the sort index soon fills a page,
        judged with LIKE on the table's first rows (about a millisecond). Then LIKE is also
        the cheaper test per row: the text index would first list every match."""
        if not query.text.strip() or dialect != "sqlite":
            return False
        rows = getattr(self._uuid, "table", None)
        if rows is None:  # a key computed over a join (the owners' register): no one table
            return False
        name = rows.name
        rowid = literal_column(f"{name}.rowid")
        first = select(func.min(literal_column("rowid"))).select_from(table(name))
        sample = first.scalar_subquery() + SAMPLE_ROWS
        stmt = self._where(self._base(session), query, LIKE_ONLY).where(rowid < sample)
        hits = session.scalar(stmt.with_only_columns(func.count()))
        return (hits or 0) >= SAMPLE_ROWS * OFTEN

    def page(
        self, session: Session, query: ListQuery, after: ListRow | None = None, limit: int = 200
    ) -> list[ListRow]:
        dialect = session.get_bind().dialect.name
        walk = self._found_often(session, query, dialect)
        sort = self._sort(query, walk, dialect)
        base = self._base(session)  # built once: its scope CTE must be one object in both steps
        keys = self._where(base, query, LIKE_ONLY if walk else dialect).with_only_columns(
            self._uuid.label("uuid"), sort.label("k")
        )
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
        unfiltered = not query.text.strip() and all(v is None or v == "" for _, v in query.filters)
        if unfiltered and self._tally is not None:
            known = self._tally(session)
            if known is not None:
                return known
        dialect = session.get_bind().dialect.name
        stmt = self._where(self._base(session), query, dialect).with_only_columns(
            func.count(self._uuid)
        )
        return int(session.scalar(stmt) or 0)

    def display(self, row: ListRow) -> list[str]:
        return [c.display(v) for c, v in zip(self.columns, row.values, strict=True)]
