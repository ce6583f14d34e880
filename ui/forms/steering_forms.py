"""The 约谈 and 通报 forms: a new interview (who is summoned, why, form, time, place,
participants) and a new circular (praise or criticism, parties, facts). Saved through
app/services/interviews.py and circulars.py, the services of `wuye interview` and
`wuye circular`; their problems are shown at the fields."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import InputError, Problem
from app.rules.interviews import CIRCULAR_KINDS, FORMS, SUBJECT_KINDS
from app.services.circulars import CircularIn, add_circular
from app.services.interviews import (
    InterviewIn,
    add_commitment,
    add_interview,
    mark_rectified,
    record_interview,
)
from app.services.offices import office_code
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import text_box
from ui.widgets.fields import CodeCombo, OptionalDateEdit, OptionalDateTimeEdit

_SEPARATORS = re.compile(r"[、，,；;\s]+")


def _renamed(exc: InputError, names: dict[str, str]) -> InputError:
    """The service's field names mapped onto this form's fields."""
    return InputError([Problem(names.get(p.field, p.field), p.message) for p in exc.problems])


class InterviewForm(FormDialog):
    record_table = "interview"
    keeps_drafts = False  # new records only: not reopened as (db, uuid)

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("New interview (约谈)"))
        self.setMinimumWidth(640)
        self.kind = self.add_field("subject_kind", self.tr("Summoned"),
                                   CodeCombo(list(SUBJECT_KINDS.items())))  # fmt: skip
        self.subject = self.add_field("subject", self.tr("Office code or name"), QLineEdit())
        self.subject.setPlaceholderText(self.tr("An office below: its division code"))
        self.reason = self.add_field("reason", self.tr("Reason"), text_box(2))
        self.form_box = self.add_field("form", self.tr("Form"), QComboBox())
        self.form_box.addItems(list(FORMS))
        self.meets_at = self.add_field("meets_at", self.tr("Time"), OptionalDateTimeEdit())
        self.place = self.add_field("place", self.tr("Place"), QLineEdit())
        self.hosts = self.add_field("hosts", self.tr("Interviewers"), QLineEdit())
        self.attendees = self.add_field("attendees", self.tr("Attending"), QLineEdit())
        self.notified = self.add_field("notified_on", self.tr("Notice date"), OptionalDateEdit())
        self.notified.set_value(self.today)

    def write(self, session: Session) -> str:
        data = InterviewIn(
            subject_kind=self.kind.value(),
            subject=self.subject.text(),
            reason=self.reason.toPlainText(),
            form=self.form_box.currentText(),
            meets_at=self.meets_at.value(),
            place=self.place.text(),
            hosts=self.hosts.text(),
            attendees=self.attendees.text(),
            notified_on=self.notified.value(),
        )
        try:
            return add_interview(session, data, today=self.today)
        except InputError as exc:
            raise _renamed(exc, {"to_office": "subject"}) from exc


class InterviewRecordForm(FormDialog):
    """After the notice: the 约谈记录 with 处理意见 and 整改期限 (the summoning office), a
    整改承诺 (the office summoned, or the summoning office for a company or committee), and
    按期整改. `shown`: the interview as listed (its `as_dict`), to start from."""

    record_table = "interview"
    keeps_drafts = False

    def __init__(self, db: Database, shown: dict[str, Any], parent: QWidget | None = None, *,
                 today: date | None = None):  # fmt: skip
        super().__init__(db, str(shown["id"]), parent)
        self.today = today or date.today()
        self.shown = shown
        self.setWindowTitle(self.tr("Interview %1: record and follow-up")
                            .replace("%1", f"{shown['number']} {shown['subject']}"))  # fmt: skip
        self.setMinimumWidth(640)
        self.held = self.add_field("held_on", self.tr("Held on"), OptionalDateEdit())
        self.held.set_value(_day(shown["held_on"]) or self.today)
        self.record = self.add_field("record", self.tr("Record"), text_box(3))
        self.record.setPlainText(str(shown["record"]))
        self.requirements = self.add_field("requirements", self.tr("Requirements"), text_box(2))
        self.requirements.setPlainText(str(shown["requirements"]))
        self.rectify_by = self.add_field("rectify_by", self.tr("Rectify by"), OptionalDateEdit())
        self.rectify_by.set_value(_day(shown["rectify_by"]))
        self.commitment = self.add_field("commitment", self.tr("New commitment"), QLineEdit())
        self.due = self.add_field("due", self.tr("Commitment due"), OptionalDateEdit())
        self.rectified = self.add_field("rectified_on", self.tr("Rectified on"), OptionalDateEdit())
        self.rectified.set_value(_day(shown["rectified_on"]))
        self.note = self.add_field("rectified_note", self.tr("Rectification note"), QLineEdit())
        self.note.setText(str(shown["rectified_note"]))
        with db.reader() as session:
            self.received = shown.get("issuer") not in (None, office_code(session))
        if self.received:  # the summoning office's record: this office adds its commitment only
            reason = self.tr(
                "Summoned by an office above and received from it: its record is read-only "
                "here. Only that office can change it; this office adds its commitment."
            )
            for widget in (self.held, self.record, self.requirements, self.rectify_by,
                           self.rectified, self.note):  # fmt: skip
                widget.setEnabled(False)
                widget.setToolTip(reason)
            self.received_note = QLabel(reason)
            self.received_note.setObjectName("wuye_read_only")
            self.received_note.setWordWrap(True)
            self.received_note.setStyleSheet("color: #555;")
            self.extra.addWidget(self.received_note)

    def write(self, session: Session) -> str:
        uuid, shown, today = str(self.shown["id"]), self.shown, self.today
        held, record = self.held.value(), self.record.toPlainText().strip()
        requirements, rectify_by = self.requirements.toPlainText().strip(), self.rectify_by.value()
        before = (_day(shown["held_on"]), shown["record"], shown["requirements"],
                  _day(shown["rectify_by"]))  # fmt: skip
        if record and (held, record, requirements, rectify_by) != before:
            if held is None:
                raise InputError(Problem("held_on", "请填写约谈日期"))
            record_interview(session, uuid, held_on=held, record=record,
                             requirements=requirements, rectify_by=rectify_by,
                             today=today)  # fmt: skip
        if self.commitment.text().strip():
            add_commitment(session, uuid, on=held or today, text=self.commitment.text(),
                           due=self.due.value(), today=today)  # fmt: skip
        rectified = self.rectified.value()
        if rectified is not None and rectified != _day(shown["rectified_on"]):
            mark_rectified(session, uuid, on=rectified, note=self.note.text(), today=today)
        return uuid


def _day(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text else None


class CircularForm(FormDialog):
    record_table = "circular"
    keeps_drafts = False

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None,
                 escalating: dict[str, Any] | None = None):  # fmt: skip
        """`escalating`: the interview (as listed) this circular escalates: its party and
        facts filled in, the interview linked on saving."""
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.escalating = escalating
        self.setWindowTitle(self.tr("New circular (通报)"))
        self.setMinimumWidth(640)
        self.kind = self.add_field("kind", self.tr("Kind"), CodeCombo(list(CIRCULAR_KINDS.items())))
        self.kind.set_value("criticism")
        self.title_edit = self.add_field("title", self.tr("Title"), QLineEdit())
        self.offices = self.add_field("offices", self.tr("Offices named (codes)"), QLineEdit())
        self.companies = self.add_field("companies", self.tr("Companies named"), QLineEdit())
        self.committees = self.add_field("committees", self.tr("Committees named"), QLineEdit())
        for box in (self.offices, self.companies, self.committees):
            box.setPlaceholderText(self.tr("Several: separate them with 、"))
        self.facts = self.add_field("facts", self.tr("Facts"), text_box(4))
        self.requirements = self.add_field("requirements", self.tr("Decision and requirements"),
                                           text_box(3))  # fmt: skip
        self.requirements.setPlaceholderText(self.tr("Left empty: the usual wording"))
        self.doc_number = self.add_field("doc_number", self.tr("Document number"), QLineEdit())
        self.doc_number.setPlaceholderText(self.tr("e.g. 相物管办〔2026〕6号"))
        self.issued = self.add_field("issued_on", self.tr("Issued on"), OptionalDateEdit())
        self.issued.set_value(self.today)
        if escalating is not None:
            self.setWindowTitle(self.tr("Escalate interview %1 to a circular")
                                .replace("%1", str(escalating["number"])))  # fmt: skip
            box = {"office": self.offices, "company": self.companies,
                   "committee": self.committees}[str(escalating["subject_kind"])]  # fmt: skip
            box.setText(str(escalating["to_office"] or escalating["subject"]))
            self.title_edit.setText(f"关于{escalating['subject']}整改不力的通报")
            self.facts.setPlainText(
                f"因{escalating['reason']}，{escalating['meets_at'][:10]}对{escalating['subject']}"
                f"进行了约谈。{escalating['record']}约谈后未按期落实整改要求。"
            )

    def write(self, session: Session) -> str:
        boxes = {"office": self.offices, "company": self.companies,
                 "committee": self.committees}  # fmt: skip
        parties = [
            (kind, name) for kind, box in boxes.items()
            for name in _SEPARATORS.split(box.text()) if name
        ]  # fmt: skip
        data = CircularIn(
            kind=self.kind.value(),
            title=self.title_edit.text(),
            facts=self.facts.toPlainText(),
            requirements=self.requirements.toPlainText(),
            issued_on=self.issued.value(),
            doc_number=self.doc_number.text(),
            parties=parties,
            interview_uuid=str(self.escalating["id"]) if self.escalating else None,
        )
        try:
            return add_circular(session, data, today=self.today)
        except InputError as exc:
            names = {"to_office": "offices", "parties": "offices", "发文字号": "doc_number",
                     "interview": "title"}  # fmt: skip
            raise _renamed(exc, names) from exc
