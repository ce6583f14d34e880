"""The 总览's headline figures read with plain sqlite3, so the window shows them while
SQLAlchemy and the models still load (about 1 s, issue 18): estates and their management
types, problems by status and the closure rate, complaints still open.

This module is the one place those queries live without the ORM; the ORM path
(`app.services.stats.office_stats`, `app.services.casework.casework_overview`) serves the
same figures later, with the rest of the page, and tests/app/test_overview_counts.py holds
the two equal. It imports no SQLAlchemy (tests/test_layers.py, tests/ui/test_start_imports.py).

A read-only URI connection never writes, migrates or waits for a writer's lock. Sealed
personal fields (app/db/field_crypto.py) are not read: counts touch codes and flags only,
which are stored in the clear, so no data key is needed. A file the reader cannot take
(missing, not yet migrated, damaged) gives None, and the page waits for the ORM's figures.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.codes import ManagementType, OrgLevel, ProblemStatus


@dataclass(frozen=True)
class HeadlineFigures:
    office_code: str
    office_name: str
    estates: int
    by_management_type: dict[str, int]  # label -> estates, every type present, plan order
    problems_by_status: dict[str, int]  # ProblemStatus code -> live problems, every status
    open_complaints: int

    @property
    def problems(self) -> int:
        return sum(self.problems_by_status.values())

    @property
    def closed(self) -> int:
        return self.problems_by_status[ProblemStatus.CLOSED]

    @property
    def closure_percent(self) -> float | None:
        return closure_percent(self.closed, self.problems)


def closure_percent(closed: int, total: int) -> float | None:
    """已销号 / all problems, one decimal; None when there are none (the page shows —)."""
    return None if total == 0 else round(100 * closed / total, 1)


# The office's subtree, as app.services.offices.subtree_codes builds it.
_SUBTREE = (
    "WITH RECURSIVE subtree(code) AS (SELECT :office UNION "
    "SELECT org.code FROM org JOIN subtree ON org.parent_code = subtree.code "
    "WHERE org.deleted = 0) "
)


def read_headline(path: Path) -> HeadlineFigures | None:
    """The figures of the office whose database `path` is; None when they cannot be read."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        with contextlib.closing(connection) as con:
            return _read(con)
    except sqlite3.Error:
        return None


def _read(con: sqlite3.Connection) -> HeadlineFigures | None:
    office = con.execute(
        "SELECT org.code, org.name FROM db_meta JOIN org ON org.code = db_meta.value "
        "WHERE db_meta.key = 'office_code'"
    ).fetchone()
    if office is None:
        return None
    code, name = office
    at = {"office": code, "community": OrgLevel.COMMUNITY.value}
    # An office's own database holds only its subtree: then no condition, as in_subtree.
    outside = con.execute(
        _SUBTREE + "SELECT 1 FROM org WHERE level = :community "
        "AND code NOT IN (SELECT code FROM subtree) LIMIT 1",
        at,
    ).fetchone()

    def scoped(sql: str, column: str, where: str) -> list[tuple]:  # type: ignore[type-arg]
        scope = f" AND {column} IN (SELECT code FROM subtree)" if outside else ""
        return con.execute((_SUBTREE if outside else "") + sql.format(where=where + scope),
                           at).fetchall()  # fmt: skip

    by_type = dict.fromkeys((m.label for m in ManagementType), 0)
    for kind, n in scoped(
        "SELECT management_type, count(*) FROM estate WHERE {where} GROUP BY management_type",
        "community_code",
        "deleted = 0",
    ):
        member = ManagementType.from_text(kind)
        by_type[member.label if member else kind] = n
    counts = dict(
        scoped(  # the tally the problem table's triggers keep (app/db/problem_tally.py)
            "SELECT status, sum(n) FROM problem_tally WHERE {where} GROUP BY status",
            "community_code",
            "1",
        )
    )
    [(open_complaints,)] = scoped(
        "SELECT count(*) FROM complaint WHERE {where}", "community_code", "closed_at IS NULL"
    )
    return HeadlineFigures(
        office_code=code,
        office_name=name,
        estates=sum(by_type.values()),
        by_management_type=by_type,
        problems_by_status={s.value: int(counts.get(s.value) or 0) for s in ProblemStatus},
        open_complaints=int(open_complaints),
    )
