"""红色物业 forms (task 10): a 交叉任职 record, and a 示范项目 with a review entered on it.
Both save through app.services.red, the service the Excel import and the CLI use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import CrossPostDirection, CrossPostSide, DemoLevel, DemoReviewResult
from app.db import Database
from app.services.companies import company_choices
from app.services.red import (
    CrossPostIn,
    DemonstrationIn,
    add_review,
    get_cross_post,
    get_demonstration,
    save_cross_post,
    save_demonstration,
)
from ui.forms.form_dialog import FormDialog
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import CodeCombo, OptionalDateEdit
from ui.widgets.personal_edit import PersonalEdit


class CrossPostForm(FormDialog):
    record_table = "cross_post"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Cross-post") if uuid else self.tr("New cross-post"))
        with db.reader() as session:
            companies = company_choices(session)
            loaded = (
                get_cross_post(session, uuid)
                if uuid
                else CrossPostIn("", "", "", CrossPostSide.COMMITTEE.value, "", date.today())
            )
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate"), EstatePicker(db.reader, optional=False)
        )
        self.person = self.add_field("person", self.tr("Name"), QLineEdit())
        self.direction = self.add_field(
            "direction", self.tr("Direction"), CodeCombo(CrossPostDirection.choices())
        )
        self.community_role = self.add_field(
            "community_role", self.tr("Post in the community committees"), QLineEdit()
        )
        self.side = self.add_field("side", self.tr("Serves on"), CodeCombo(CrossPostSide.choices()))
        self.post_role = self.add_field(
            "post_role", self.tr("Post on the committee or company"), QLineEdit()
        )
        self.company = self.add_field(
            "company_uuid", self.tr("Company"), CodeCombo([("", ""), *companies])
        )
        self.since = self.add_field("since", self.tr("Since"), OptionalDateEdit())
        self.until = self.add_field("until", self.tr("Until (empty: serving)"), OptionalDateEdit())
        self.phone = self.add_field("phone", self.tr("Phone"), PersonalEdit("phone"))
        self.id_number = self.add_field(
            "id_number", self.tr("ID number"), PersonalEdit("id_number")
        )
        self.id_number.setMaxLength(18)
        self.side.currentIndexChanged.connect(self.show_company)
        self.estate.set_value(loaded.estate_uuid or None)
        self.person.setText(loaded.person)
        self.direction.set_value(str(CrossPostDirection.from_text(loaded.direction) or ""))
        self.community_role.setText(loaded.community_role)
        self.side.set_value(str(CrossPostSide.from_text(loaded.side) or ""))
        self.post_role.setText(loaded.post_role)
        self.company.set_value(loaded.company_uuid or "")
        self.since.set_value(loaded.since)
        self.until.set_value(loaded.until)
        self.phone.setText(loaded.phone)
        self.id_number.setText(loaded.id_number)
        self.show_company()

    def show_company(self) -> None:
        """The company matters only for a post in a company's management."""
        self.company.setEnabled(self.side.value() == CrossPostSide.COMPANY)

    def value(self) -> CrossPostIn:
        return CrossPostIn(
            estate_uuid=self.estate.value() or "",
            person=self.person.text(),
            community_role=self.community_role.text(),
            side=self.side.value() or "",
            post_role=self.post_role.text(),
            since=self.since.value(),
            direction=self.direction.value() or "",
            company_uuid=self.company.value() or None,
            until=self.until.value(),
            phone=self.phone.text(),
            id_number=self.id_number.text(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        return lambda session: save_cross_post(session, value, today=today, uuid=uuid)[0]

    def write(self, session: Session) -> str:
        return self.collect()(session)


class DemonstrationForm(FormDialog):
    """The project, and optionally a review (复核) saved with it: 不合格 revokes it."""

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(
            self.tr("Demonstration project") if uuid else self.tr("New demonstration project")
        )
        with db.reader() as session:
            companies = company_choices(session)
            loaded = (
                get_demonstration(session, uuid)
                if uuid
                else DemonstrationIn("", "", DemoLevel.STREET.value, date.today())
            )
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate"), EstatePicker(db.reader, optional=False)
        )
        self.company = self.add_field("company_uuid", self.tr("Company"), CodeCombo(companies))
        self.level = self.add_field("level", self.tr("Level"), CodeCombo(DemoLevel.choices()))
        self.named_on = self.add_field("named_on", self.tr("Named on"), OptionalDateEdit())
        self.named_by = self.add_field("named_by", self.tr("Named by (document)"), QLineEdit())
        self.revoked_on = self.add_field(
            "revoked_on", self.tr("Revoked from (empty: not revoked)"), OptionalDateEdit()
        )
        self.review_on = self.add_field("on", self.tr("New review on"), OptionalDateEdit())
        self.review_result = self.add_field(
            "result", self.tr("Review result"), CodeCombo([("", ""), *DemoReviewResult.choices()])
        )
        self.review_note = self.add_field("note", self.tr("Review notes"), QLineEdit())
        self.estate.set_value(loaded.estate_uuid or None)
        self.company.set_value(loaded.company_uuid or None)
        if not loaded.company_uuid and self.company.count():
            self.company.setCurrentIndex(0)
        self.level.set_value(str(DemoLevel.from_text(loaded.level) or ""))
        self.named_on.set_value(loaded.named_on)
        self.named_by.setText(loaded.named_by)
        self.revoked_on.set_value(loaded.revoked_on)
        self.review_on.set_value(None)

    def value(self) -> DemonstrationIn:
        return DemonstrationIn(
            estate_uuid=self.estate.value() or "",
            company_uuid=self.company.value() or "",
            level=self.level.value() or "",
            named_on=self.named_on.value(),
            named_by=self.named_by.text(),
            revoked_on=self.revoked_on.value(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        review_on, result = self.review_on.value(), self.review_result.value() or ""
        note = self.review_note.text()

        def write(session: Session) -> str:
            saved = save_demonstration(session, value, today=today, uuid=uuid)
            if review_on is not None or result:
                add_review(session, saved, review_on, result, note, today=today)
            return saved

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)
