"""Which status moves are allowed, in one table for every kind of casework record.

A move forward needs nothing more; the moves back (返工, 重新打开) need a reason; closing a
problem (销号) needs the evidence that it is fixed, and 已销号 is final unless reopened with a
reason (DESIGN.md: "followed until closed", 闭环销号)."""

from __future__ import annotations

from dataclasses import dataclass

from app.codes import Coded, ProblemStatus, ResolutionStatus, TaskStatus, VoteStatus
from app.errors import InputError, Problem


@dataclass(frozen=True)
class Move:
    needs_reason: bool = False
    needs_evidence: bool = False


P, R, T, V = ProblemStatus, ResolutionStatus, TaskStatus, VoteStatus
# table -> (from, to) -> what the move needs. Anything not listed is refused.
MOVES: dict[str, dict[tuple[str, str], Move]] = {
    "problem": {
        (P.PENDING, P.IN_PROGRESS): Move(),
        (P.PENDING, P.RECTIFIED): Move(),  # fixed on the spot
        (P.IN_PROGRESS, P.RECTIFIED): Move(),
        (P.RECTIFIED, P.IN_PROGRESS): Move(needs_reason=True),  # check failed: 返工
        (P.RECTIFIED, P.CLOSED): Move(needs_evidence=True),
        (P.CLOSED, P.IN_PROGRESS): Move(needs_reason=True),  # reopened
    },
    "resolution": {
        (R.OPEN, R.IN_PROGRESS): Move(),
        (R.OPEN, R.DONE): Move(),
        (R.IN_PROGRESS, R.DONE): Move(),
        (R.DONE, R.IN_PROGRESS): Move(needs_reason=True),
    },
    "task": {
        (T.OPEN, T.DONE): Move(),
        (T.DONE, T.REPORTED): Move(),
        (T.DONE, T.OPEN): Move(needs_reason=True),
        (T.REPORTED, T.OPEN): Move(needs_reason=True),
    },
    # Owners' decisions (issue 15): forward only, but a notice may be withdrawn with a reason
    # (the base unfreezes) and a preliminary result reopened for a recount.
    "vote_matter": {
        (V.DRAFT, V.ANNOUNCED): Move(),
        (V.ANNOUNCED, V.DRAFT): Move(needs_reason=True),
        (V.ANNOUNCED, V.VOTING): Move(),
        (V.VOTING, V.PRELIMINARY): Move(),
        (V.PRELIMINARY, V.VOTING): Move(needs_reason=True),
        (V.PRELIMINARY, V.OBJECTION): Move(),
        (V.OBJECTION, V.FINAL): Move(),
        (V.FINAL, V.ARCHIVED): Move(),
    },
}
CODES: dict[str, type[Coded]] = {"problem": P, "resolution": R, "task": T, "vote_matter": V}


def allowed_targets(table: str, current: str) -> list[str]:
    """The statuses a record of `table` may move to from `current`, for a form's buttons."""
    return [to for (frm, to) in MOVES[table] if frm == current]


def check_move(
    table: str, current: str, target: str, *, reason: str = "", evidence: str = ""
) -> None:
    """Raise InputError (in Chinese, naming both statuses) unless the move is allowed."""
    codes = CODES[table]
    if codes.from_text(target) is None:
        raise InputError(Problem("status", f"未知的状态：{target}"))
    move = MOVES[table].get((current, target))
    label_now, label_to = codes.label_of(current), codes.label_of(target)
    if current == target:
        raise InputError(Problem("status", f"已经是“{label_now}”状态"))
    if move is None:
        allowed = "、".join(codes.label_of(t) for t in allowed_targets(table, current))
        hint = f"（可改为：{allowed}）" if allowed else ""
        if current == P.CLOSED and table == "problem":
            hint = "（已销号的问题只能填写原因后重新打开）"
        raise InputError(Problem("status", f"不能从“{label_now}”改为“{label_to}”{hint}"))
    problems = []
    if move.needs_reason and not reason.strip():
        problems.append(Problem("reason", f"从“{label_now}”改回“{label_to}”须填写原因"))
    if move.needs_evidence and not evidence.strip():
        problems.append(Problem("evidence", "销号须有整改佐证材料说明（照片、验收记录等）"))
    if problems:
        raise InputError(problems)
