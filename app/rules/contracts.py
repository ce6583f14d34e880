"""A service contract's term on a given day (民法典 arts 947–948, DOMAIN.md §3).

A company that will not renew must say so 90 days before the end (art 947), so a contract is
warned from 90 days before its last day. After the end, with no decision of the owners (no
later contract recorded), the service goes on as an indefinite contract (art 948): the
company stays the estate's company, flagged 不定期. Pure: the SQL side is
`app.services.companies.current_contract`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

RENEWAL_NOTICE_DAYS = 90


class Term(StrEnum):
    NOT_STARTED = "not_started"
    FIXED = "fixed"  # in its term, more than 90 days left
    EXPIRING = "expiring"  # in its term, at most 90 days left
    OPEN_ENDED = "open_ended"  # signed without an end date
    CONTINUED = "continued"  # past its end, no decision: 不定期 (art 948)
    SUPERSEDED = "superseded"  # a later contract of the estate took over


@dataclass(frozen=True)
class TermState:
    term: Term
    days_left: int | None = None  # EXPIRING: days until the last day (0: ends today)

    @property
    def in_force(self) -> bool:
        return self.term not in (Term.NOT_STARTED, Term.SUPERSEDED)

    @property
    def indefinite(self) -> bool:
        """不定期: no end date signed, or the end passed without a decision."""
        return self.term in (Term.OPEN_ENDED, Term.CONTINUED)

    @property
    def label(self) -> str:
        """One Chinese phrase for lists, boards and notices."""
        if self.term == Term.EXPIRING:
            return f"即将到期（还剩{self.days_left}天）"
        return {
            Term.NOT_STARTED: "未开始",
            Term.FIXED: "履行中",
            Term.OPEN_ENDED: "不定期",
            Term.CONTINUED: "不定期（期满未续签）",
            Term.SUPERSEDED: "已终止",
        }[self.term]


def term_state(
    start: date | None, end: date | None, today: date, *, superseded: bool = False
) -> TermState:
    """The state of a contract on `today`. An unknown start (a ledger that gave none) counts
    as started: the contract is on record, only its first day is not."""
    if superseded:
        return TermState(Term.SUPERSEDED)
    if start is not None and start > today:
        return TermState(Term.NOT_STARTED)
    if end is None:
        return TermState(Term.OPEN_ENDED)
    if end < today:
        return TermState(Term.CONTINUED)
    left = (end - today).days
    if left <= RENEWAL_NOTICE_DAYS:
        return TermState(Term.EXPIRING, left)
    return TermState(Term.FIXED)
