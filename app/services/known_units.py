"""The units a 督办 task can be given to: the property companies, this office's tree of offices,
and the units (utilities, police, 城管) already named on tasks and problems. The task form
offers them in an editable list and `wuye task add --to` is matched against them
(app.rules.unit_names), so one unit is not split in the figures by its spellings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Org, PropertyCompany, Task
from app.models import Problem as ProblemRow
from app.rules.unit_names import UnitMatch, match_unit
from app.services.offices import in_subtree


def known_units(session: Session, limit: int = 2000) -> list[str]:
    """Each known unit once, companies first, then offices, then others named before."""
    companies = select(PropertyCompany.name).order_by(PropertyCompany.name).limit(limit)
    offices = select(Org.name).where(in_subtree(session, Org.code)).order_by(Org.code).limit(limit)
    tasks = select(Task.to_unit).group_by(Task.to_unit).order_by(Task.to_unit).limit(limit)
    problems = (
        select(ProblemRow.responsible_unit)
        .group_by(ProblemRow.responsible_unit)
        .order_by(ProblemRow.responsible_unit)
        .limit(limit)
    )
    names: dict[str, None] = {}
    for stmt in (companies, offices, tasks, problems):
        for name in session.scalars(stmt):
            if name and name.strip():
                names.setdefault(name, None)
    return list(names)[:limit]


def canonical_unit(session: Session, typed: str) -> UnitMatch:
    """The known unit `typed` stands for, or the typed name cleaned (a new unit)."""
    return match_unit(typed, known_units(session))
