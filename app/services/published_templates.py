"""Notice templates an upper office publishes for the offices below (issue 16): the office
marks one of its own (user) templates as published; it then rides in every 下发 package
(app/packages/shared_down.py), relayed on by each office below, where it is listed between
the shipped templates and the user's own, read-only, with who published it and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError, Problem
from app.models import PublishedTemplate
from app.rules.notice_template import Published, parse_text
from app.services.offices import current_office, office_label


def received(session: Session) -> dict[str, Published]:
    """The templates received from above, by name: the third source of the template list."""
    rows = session.scalars(
        select(PublishedTemplate).where(PublishedTemplate.received_from.is_not(None))
    )
    return {
        r.name: Published(r.text, r.published_by_name or r.published_by, r.published_at)
        for r in rows
    }


def all_published(session: Session) -> list[PublishedTemplate]:
    """This office's own published templates and those received from above, by name."""
    return list(session.scalars(select(PublishedTemplate).order_by(PublishedTemplate.name)))


def publish(session: Session, name: str, text: str, *, now: datetime) -> None:
    """Publish this office's own template `name` (its text as it is now: publish again after
    editing it). Refused if the text is not a valid template or the name is one received from
    above. The caller commits."""
    row = session.get(PublishedTemplate, name)
    if row is not None and row.received_from is not None:
        raise InputError(
            Problem(
                "模板", f"“{name}”是上级单位 {row.published_by_name} 下发的模板，不能再以同名下发"
            )
        )
    parse_text(text, name, shown=f"模板“{name}”")
    office = current_office(session)
    if row is None:
        session.add(PublishedTemplate(name=name, text=text, published_by=office.code,
                                      published_by_name=office.name, published_at=now,
                                      received_from=None))  # fmt: skip
    else:
        row.text, row.published_at = text, now
    session.flush()


def unpublish(session: Session, name: str) -> None:
    """Stop sending this office's template `name` down: the offices below drop it with the
    next package."""
    row = session.get(PublishedTemplate, name)
    if row is None:
        raise InputError(Problem("模板", f"本单位没有下发名为“{name}”的模板"))
    if row.received_from is not None:
        raise InputError(
            Problem(
                "模板",
                f"“{name}”是上级单位 {office_label(session, row.published_by)} 下发的，"
                "本单位不能撤回",
            )
        )
    session.delete(row)
    session.flush()
