"""督查 (附件3 二(一)): its kinds as the attachment names them, and the state of a finding,
computed from its problem and feedback, never stored."""

from __future__ import annotations

# 1. 每周督查 与 “四不两直” 抽查; 2. 成员单位联合督查; 3. 媒体参与督查督办.
KINDS = ("每周督查", "四不两直", "联合督查", "媒体曝光")

# One finding as a line, for the CLI's --finding and the form's findings box alike.
FINDING_FORMAT = "问题描述|责任单位[|社区代码或小区名称[|整改时限YYYY-MM-DD]]"

OPEN = "open"  # 待整改: nothing reported yet
REPORTED = "reported"  # 已反馈: the office below reported, the inspecting office has not judged
RECTIFIED = "rectified"  # 已整改 / 已销号 on the problem

STATE_LABELS = {OPEN: "待整改", REPORTED: "已反馈", RECTIFIED: "已整改"}


def finding_state(problem_status: str | None, feedback_count: int) -> str:
    """已整改 once the problem says so (the inspecting office's judgement), else 已反馈 while a
    整改反馈 waits, else 待整改."""
    if problem_status in ("rectified", "closed"):
        return RECTIFIED
    return REPORTED if feedback_count else OPEN
