"""An election matter that passes updates the committee ledger (issue 15, 结果公告): a new
term of the estate's owners' committee with the elected members, saved through
`save_committee` (the same checks and audit rows as the form, the import and the CLI).

The owners elect members; the committee elects its chair at its first meeting, so a roster
that does not yet satisfy the composition rules (one chair, an odd number) is saved as
筹备中 and the office completes it at 备案; a complete one is 在任 at once.

The candidates are vetted (推荐关、审核关, DOMAIN.md §2) before the notice: their checks are
recorded on the matter (`record_candidate_checks`), the notice of an election whose
candidates have not all passed is refused (`vetting_refusal`), and the elected members are
seated with those checks, so the term is saved with the form's vetting requirement."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, VoteStatus
from app.errors import InputError, Problem
from app.models import Committee
from app.models.voting import VoteCandidateCheck, VoteMatter
from app.rules.committee import DEFAULT_RULES, composition_problems, term_last_day
from app.rules.vetting import CheckIn, check_label, check_problems, unmet_checks
from app.rules.voting_election import candidate, elected, is_election
from app.services.committees import CommitteeIn, MemberIn, save_committee


def candidates(matter: VoteMatter) -> list[str]:
    """The candidates an election matter's items name, in item order, each once."""
    if not is_election(i.category for i in matter.items):
        return []
    names = (candidate(i.title) for i in matter.items if i.category == 3)
    return list(dict.fromkeys(found[0] for found in names if found is not None))


def candidate_checks(session: Session, matter: VoteMatter) -> dict[str, list[CheckIn]]:
    """Each candidate's recorded checks (candidates with none recorded: an empty list)."""
    out: dict[str, list[CheckIn]] = {name: [] for name in candidates(matter)}
    rows = session.scalars(
        select(VoteCandidateCheck)
        .where(VoteCandidateCheck.matter_uuid == matter.uuid)
        .order_by(VoteCandidateCheck.candidate, VoteCandidateCheck.item)
    )
    for row in rows:
        if row.candidate in out:
            out[row.candidate].append(
                CheckIn(row.item, row.passed, row.checked_by, row.checked_on, row.note)
            )
    return out


def record_candidate_checks(
    session: Session, matter: VoteMatter, name: str, checks: list[CheckIn], *, today: date
) -> None:
    """Record (or replace, check by check) a candidate's vetting before the notice. The
    candidate must be one an election item names; each check names its checker and date."""
    name = name.strip()
    where = f"候选人“{name}”"
    if matter.status != VoteStatus.DRAFT:
        raise InputError(
            Problem("status", f"表决事项“{matter.title}”已公告，候选人资格审查须在公告前完成")
        )
    if name not in candidates(matter):
        named = "、".join(candidates(matter)) or "无"
        raise InputError(
            Problem("candidate", f"{where}不是本事项议题所列的候选人（候选人：{named}）")
        )
    problems = [p for c in checks for p in check_problems(where, "checks", c, today=today)]
    if problems:
        raise InputError(problems)
    stored = {
        row.item: row
        for row in session.scalars(
            select(VoteCandidateCheck).where(
                VoteCandidateCheck.matter_uuid == matter.uuid,
                VoteCandidateCheck.candidate == name,
            )
        )
    }
    for check in checks:
        row = stored.get(check.item)
        if row is None:
            row = VoteCandidateCheck(matter_uuid=matter.uuid, candidate=name, item=check.item)
            session.add(row)
            stored[check.item] = row
        row.passed = check.passed
        row.checked_by = check.checked_by.strip()
        row.checked_on = check.checked_on
        row.note = check.note.strip()
    session.flush()


def vetting_refusal(session: Session, matter: VoteMatter) -> list[Problem]:
    """Why the notice of an election cannot go out yet: each candidate not vetted whole,
    named with the checks missing (empty when every candidate passed every check)."""
    problems = []
    for name, checks in candidate_checks(session, matter).items():
        if missing := unmet_checks(checks):
            problems.append(
                Problem(
                    "candidates",
                    f"候选人“{name}”资格审查未全部通过，不能发布表决公告："
                    + "、".join(check_label(code) for code in missing),
                )
            )
    return problems


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
    vetted = candidate_checks(session, matter)
    data = CommitteeIn(
        estate_uuid=matter.estate_uuid,
        kind=kind,
        term_number=(last or 0) + 1,
        elected_on=elected_on,
        term_start=today,
        term_end=term_last_day(today, DEFAULT_RULES.term_years_max),
        status=(CommitteeStatus.ACTIVE if complete else CommitteeStatus.PREPARING).value,
        members=[
            MemberIn(name=name, role=role, checks=list(vetted.get(name, [])))
            for name, role in roster
        ],
    )
    # The candidates were vetted before the notice (`vetting_refusal`): the members are
    # seated with those checks, under the same requirement as the form.
    return save_committee(session, None, data, today=today)
