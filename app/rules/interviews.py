"""The state of a 约谈 and of what it may become (附件3 三(三)): computed from its dates, never
stored, so a package carrying the row carries the state with it."""

from __future__ import annotations

from datetime import date

NOTIFIED = "notified"  # 约谈通知 sent, not held yet
HELD = "held"  # 约谈记录 written, rectification running
RECTIFIED = "rectified"  # 按期落实：不再处理
ESCALATED = "escalated"  # 超期或落实不到位：通报批评

STATE_LABELS = {NOTIFIED: "已通知", HELD: "已约谈", RECTIFIED: "已整改", ESCALATED: "已通报"}

FORMS = ("当面约谈", "集体约谈", "视频约谈")
SUBJECT_KINDS = {"office": "单位", "company": "物业企业", "committee": "业主委员会"}
CIRCULAR_KINDS = {"praise": "表扬", "criticism": "批评"}


def interview_state(held_on: date | None, rectified_on: date | None, escalated: bool) -> str:
    if escalated:
        return ESCALATED
    if rectified_on is not None:
        return RECTIFIED
    return HELD if held_on is not None else NOTIFIED


def rectification_late(rectify_by: date | None, rectified_on: date | None, today: date) -> bool:
    """Past the 整改期限 without being rectified, or rectified after it: the case for a 通报."""
    if rectify_by is None:
        return False
    return (rectified_on or today) > rectify_by


def kind_of(text: str, labels: dict[str, str]) -> str | None:
    """The code for `text` given as a code or as its Chinese label, else None."""
    text = text.strip()
    if text in labels:
        return text
    return next((code for code, label in labels.items() if label == text), None)
