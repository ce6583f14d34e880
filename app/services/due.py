"""Overdue and due-soon as SQL conditions over a deadline and a status, computed from the day
asked about: nothing about lateness is ever stored, so nothing goes stale overnight.

"Due soon" counts working days (app/rules/deadlines.py `due_state`): at most `soon_days`
working days left, i.e. the deadline falls before the (soon_days + 1)-th working day after
today. That bound is one date, so the condition stays a plain range the indexes serve."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_

from app.rules.workdays import WorkCalendar

SOON_DAYS = 2


def due_soon_bound(today: date, cal: WorkCalendar, soon_days: int = SOON_DAYS) -> date:
    """Deadlines in [today, bound) are due soon (`due_state` gives "due_soon" for them)."""
    return cal.add_workdays(today, soon_days + 1)


def overdue(
    deadline: ColumnElement[Any], status: ColumnElement[Any], open_states: Sequence[str], on: date
) -> ColumnElement[bool]:
    return and_(status.in_(list(open_states)), deadline < on)


def due_soon(
    deadline: ColumnElement[Any],
    status: ColumnElement[Any],
    open_states: Sequence[str],
    today: date,
    bound: date,
) -> ColumnElement[bool]:
    return and_(status.in_(list(open_states)), deadline >= today, deadline < bound)
