"""The complaint form (投诉): intake, first response, closure and the satisfaction call-back,
checked by complaints.complaint_problems; 转为问题 opens a problem from a stored complaint,
and the problems it opened are listed (the link both ways)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from sqlalchemy.orm import Session

from app.codes import ComplaintChannel, ProblemCategory, ProblemStatus, Satisfaction
from app.db import Database
from app.services.companies import company_choices
from app.services.complaints import (
    ComplaintIn,
    create_complaint,
    get_complaint,
    update_complaint,
)
from app.services.offices import communities
from app.services.problems import draft_from_complaint, problems_of
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import ProblemForm, text_box
from ui.ops import Op
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import CodeCombo, OptionalDateEdit, OptionalDateTimeEdit
from ui.widgets.personal_edit import PersonalEdit


class ComplaintForm(FormDialog):
    record_table = "complaint"

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Complaint") if uuid else self.tr("New complaint"))
        self.setMinimumWidth(640)
        self.problem_form: ProblemForm | None = None
        with db.reader() as session:
            community_choices = communities(session)
            companies = company_choices(session)
            loaded = (
                get_complaint(session, uuid)
                if uuid
                else ComplaintIn(received_at=datetime.now().replace(second=0, microsecond=0))
            )
        self.channel = self.add_field(
            "channel", self.tr("Channel"), CodeCombo(ComplaintChannel.choices())
        )
        self.received_at = self.add_field(
            "received_at", self.tr("Received"), OptionalDateTimeEdit()
        )
        self.complainant_name = self.add_field(
            "complainant_name", self.tr("Complainant"), PersonalEdit("complainant_name")
        )
        self.complainant_phone = self.add_field(
            "complainant_phone", self.tr("Complainant's phone"), PersonalEdit("complainant_phone")
        )
        self.community = self.add_field(
            "community_code", self.tr("Community"), CodeCombo(community_choices)
        )
        self.estate = EstatePicker(db.reader)
        self.add_field("estate_uuid", self.tr("Estate"), self.estate)
        none = [("", self.tr("(no company)"))]
        self.company = self.add_field(
            "company_uuid", self.tr("Company"), CodeCombo(none + companies)
        )
        self.category = self.add_field(
            "category", self.tr("Category"), CodeCombo(ProblemCategory.choices())
        )
        self.content = self.add_field("content", self.tr("What was complained of"), text_box(3))
        self.first_response_at = self.add_field(
            "first_response_at", self.tr("First response"), OptionalDateTimeEdit()
        )
        self.closed_at = self.add_field("closed_at", self.tr("Closed"), OptionalDateTimeEdit())
        self.outcome = self.add_field("outcome", self.tr("Outcome"), text_box(2))
        self.callback_on = self.add_field(
            "callback_on", self.tr("Call-back on"), OptionalDateEdit()
        )
        none_yet = [("", self.tr("(not asked yet)"))]
        self.satisfaction = self.add_field(
            "satisfaction", self.tr("Satisfaction"), CodeCombo(none_yet + Satisfaction.choices())
        )
        self.problems_note = QLabel()
        self.problems_note.setWordWrap(True)
        self.to_problem_button = QPushButton(self.tr("Turn into a problem"))
        row = QHBoxLayout()
        row.addWidget(self.problems_note, 1)
        row.addWidget(self.to_problem_button)
        self.extra.addLayout(row)
        self.to_problem_button.clicked.connect(self.turn_into_problem)
        self.load(loaded)
        self.show_links()
        self.content.setFocus()

    def load(self, data: ComplaintIn) -> None:
        self.channel.set_value(data.channel)
        self.received_at.set_value(data.received_at)
        self.complainant_name.setText(data.complainant_name)
        self.complainant_phone.setText(data.complainant_phone)
        self.community.set_value(data.community_code or None)
        if not data.community_code and self.community.count():
            self.community.setCurrentIndex(0)
        self.estate.set_value(data.estate_uuid)
        self.company.set_value(data.company_uuid or "")
        self.category.set_value(data.category)
        self.content.setPlainText(data.content)
        self.first_response_at.set_value(data.first_response_at)
        self.closed_at.set_value(data.closed_at)
        self.outcome.setPlainText(data.outcome)
        self.callback_on.set_value(data.callback_on)
        self.satisfaction.set_value(data.satisfaction or "")

    def value(self) -> ComplaintIn:
        return ComplaintIn(
            channel=self.channel.value(),
            complainant_name=self.complainant_name.text(),
            complainant_phone=self.complainant_phone.text(),
            community_code=self.community.value(),
            estate_uuid=self.estate.value(),
            company_uuid=self.company.value() or None,
            category=self.category.value(),
            content=self.content.toPlainText(),
            received_at=self.received_at.value(),
            first_response_at=self.first_response_at.value(),
            closed_at=self.closed_at.value(),
            outcome=self.outcome.toPlainText(),
            callback_on=self.callback_on.value(),
            satisfaction=self.satisfaction.value(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value = self.uuid, self.value()

        def write(session: Session) -> str:
            if uuid is None:
                return create_complaint(session, value)
            update_complaint(session, uuid, value)
            return uuid

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)

    def show_links(self) -> None:
        found: list[tuple[str, str, str]] = []
        if self.uuid:
            with self.db.reader() as session:
                found = problems_of(session, self.uuid)
        self.problems_note.setText(
            self.tr("Problems opened from it: %1").replace(
                "%1", "；".join(f"{d[:20]}（{ProblemStatus.label_of(s)}）" for _u, s, d in found)
            )
            if found
            else ""
        )

    def turn_into_problem(self) -> Op | None:
        """Save the complaint, then open a problem form filled from it."""

        def open_form(uuid: str) -> None:
            with self.db.reader() as session:
                draft = draft_from_complaint(session, uuid, today=self.today)
            form = ProblemForm(self.db, None, self, draft=draft, today=self.today)
            form.saved.connect(lambda _uuid: self.show_links())
            form.open()
            self.problem_form = form
            self.opened.emit(form)

        return self.store(open_form)
