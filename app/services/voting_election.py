"""An election matter that passes updates the committee ledger (issue 15, 结果公告): a new
term of the estate's owners' committee with the elected members, saved through
`save_committee` (the same checks and audit rows as the form, the import and the CLI).

The owners elect members; the committee elects its chair at its first meeting, so a roster
that does not yet satisfy the composition rules (one chair, an odd number) is saved as
筹备中 and the office completes it at 备案; a complete one is 在任 at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus
from app.models import Committee
from app.models.voting import VoteMatter
from app.rules.committee import DEFAULT_RULES, composition_problems, term_last_day
from app.rules.voting_election import elected, is_election
from app.services.committees import CommitteeIn, MemberIn, save_committee


def elect_committee(
    session: Session, matter: VoteMatter, passed: list[bool], *, today: date
) -> str | None:
    """The new term's uuid, or None when the matter elects no one (not an election, or no
    candidate passed). `passed`: each item's outcome in item order, as just counted."""
    items = list(matter.items)
    if not is_election(i.category for i in items):
        return None
    roster = elected((i.category, i.title, ok) for i, ok in zip(items, passed, strict=True))
    if not roster:
        return None
    kind = CommitteeKind.OWNERS.value
    last = session.scalar(
        select(func.max(Committee.term_number)).where(
            Committee.estate_uuid == matter.estate_uuid,
            Committee.kind == kind,
            Committee.deleted.is_(False),
        )
    )
    elected_on = min(matter.closes_on or today, today)
    complete = not composition_problems(kind, [role for _, role in roster])
    data = CommitteeIn(
        estate_uuid=matter.estate_uuid,
        kind=kind,
        term_number=(last or 0) + 1,
        elected_on=elected_on,
        term_start=today,
        term_end=term_last_day(today, DEFAULT_RULES.term_years_max),
        status=(CommitteeStatus.ACTIVE if complete else CommitteeStatus.PREPARING).value,
        members=[MemberIn(name=name, role=role) for name, role in roster],
    )
    # The owners' vote is what seats them: candidates are vetted before they go on the ballot,
    # and the checks are not carried on the matter yet, so the term is saved as an import is.
    return save_committee(session, None, data, today=today, require_vetting=False)
