"""Which record a user means: a full uuid, a short unique prefix of it (as `git` takes), or a
human number (2026-0012). The CLI's commands that take an id resolve it here, so a worker
copies eight characters from `cases list` or types the number read out on the phone.

An ambiguous prefix or number is refused listing the candidates, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, cast, func, literal, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound, Problem
from app.models import Circular, Inspection, Interview, Submission, Task
from app.models import Problem as ProblemRow
from app.rules.record_numbers import MIN_PREFIX, format_number, read_number

SHOWN = 6  # candidates listed in an ambiguity message


@dataclass(frozen=True)
class Numbered:
    """A table named by id (and, if it has them, by number), what it is called, and the
    column that tells a row apart to a person in a list of candidates."""

    model: Any
    what: str
    label: Any
    has_numbers: bool = True


PROBLEMS = Numbered(ProblemRow, "问题", ProblemRow.description)
TASKS = Numbered(Task, "督办事项", Task.title)
INTERVIEWS = Numbered(Interview, "约谈", Interview.subject)
INSPECTIONS = Numbered(Inspection, "督查", Inspection.kind)
CIRCULARS = Numbered(Circular, "通报", Circular.title, has_numbers=False)
SUBMISSIONS = Numbered(Submission, "报表", Submission.period, has_numbers=False)


def next_number(session: Session, kind: Numbered, year: int) -> str:
    """The year's next number in this database: one more than the highest given so far."""
    model = kind.model
    top = session.scalar(
        select(func.max(cast(func.substr(model.number, 6), Integer))).where(
            model.number.like(f"{year}-%")
        )
    )
    return format_number(year, int(top or 0) + 1)


def resolve_id(session: Session, kind: Numbered, text: str) -> str:
    """The uuid of the one live row `text` names, or InputError/NotFound saying why not."""
    model = kind.model
    typed = text.strip()
    number = read_number(typed) if kind.has_numbers else None
    if number is not None:
        where = model.number == number
    elif session.get(model, typed) is not None:
        where = model.uuid == typed
    elif len(typed) < MIN_PREFIX:
        number_or = f"{kind.what}编号（如 2026-0012）或 " if kind.has_numbers else ""
        short = f"“{typed}”太短：请输入{number_or}id 前 {MIN_PREFIX} 位以上"
        raise InputError(Problem("", short))
    else:
        where = model.uuid.like(typed.lower().replace("%", "").replace("_", "") + "%")
    numbers = model.number if kind.has_numbers else literal(None)
    rows = session.execute(
        select(model.uuid, numbers, kind.label)
        .where(where, model.deleted.is_(False))
        .order_by(model.uuid)
        .limit(SHOWN + 1)
    ).all()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        raise NotFound(kind.what, typed)
    listed = "；".join(
        f"{n or '无编号'} {str(label)[:16]} [{uuid}]" for uuid, n, label in rows[:SHOWN]
    )
    more = "等" if len(rows) > SHOWN else ""
    hint = "请多输入几位或用编号" if kind.has_numbers else "请多输入几位"
    raise InputError(Problem("", f"“{typed}”对应多个{kind.what}：{listed}{more}；{hint}"))
