"""履职清单 and 负面清单 items (task 4): a committee picked by its estate, then the item; a
negative item also records how it was handled (提醒, 约谈, 责令整改, 罢免建议). Both save
through app.services.committee_records, the service the Excel import uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.codes import NegativeMeasure
from app.db import Database
from app.services.committee_records import (
    DutyIn,
    NegativeIn,
    committee_choices,
    get_duty,
    get_negative,
    member_choices,
    save_duty,
    save_negative,
)
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import CodeCombo, OptionalDateEdit


class _ItemForm(FormDialog):
    """The committee picker and the fields both lists share."""

    def __init__(self, db: Database, uuid: str | None, committee: str, parent: QWidget | None):
        super().__init__(db, uuid, parent)
        self.setMinimumWidth(560)
        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.committee_search = QLineEdit()
        self.committee_search.setPlaceholderText(self.tr("Type to find an estate"))
        with db.reader() as session:
            choices = committee_choices(session)
            if committee and committee not in {c for c, _ in choices}:
                choices = [*committee_choices(session, limit=10_000)]
        self.committee = CodeCombo(choices)
        row.addWidget(self.committee_search, 1)
        row.addWidget(self.committee, 2)
        self.add_field("committee_uuid", self.tr("Committee"), picker)
        self.fields["committee_uuid"] = self.committee
        self.committee_search.textChanged.connect(self.find_committees)
        self.on = self.add_field("on", self.tr("Date"), OptionalDateEdit())
        self.category = self.add_field("category", self.tr("Category"), QLineEdit())
        self.content = self.add_field("content", self.tr("Details"), QLineEdit())

    def pick(self, committee: str) -> None:
        """The stored committee, or for a new item the first one offered."""
        self.committee.set_value(committee)
        if self.committee.currentIndex() < 0 and self.committee.count():
            self.committee.setCurrentIndex(0)

    def find_committees(self, text: str) -> None:
        with self.db.reader() as session:
            choices = committee_choices(session, text)
        self.committee.set_choices(choices, 0)
        if self.committee.currentIndex() < 0 and self.committee.count():
            self.committee.setCurrentIndex(0)


class DutyForm(_ItemForm):
    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        with db.reader() as session:
            loaded = get_duty(session, uuid) if uuid else DutyIn(on=date.today())
        super().__init__(db, uuid, loaded.committee_uuid, parent)
        self.setWindowTitle(self.tr("Duty record") if uuid else self.tr("New duty record"))
        self.pick(loaded.committee_uuid)
        self.on.set_value(loaded.on)
        self.category.setText(loaded.category)
        self.content.setText(loaded.content)

    def value(self) -> DutyIn:
        return DutyIn(self.committee.value(), self.on.value(), self.category.text(),
                      self.content.text())  # fmt: skip

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        return lambda session: save_duty(session, uuid, value, today=today)

    def write(self, session: Session) -> str:
        return self.collect()(session)


class NegativeForm(_ItemForm):
    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        with db.reader() as session:
            loaded = get_negative(session, uuid) if uuid else NegativeIn(on=date.today())
        super().__init__(db, uuid, loaded.committee_uuid, parent)
        self.setWindowTitle(self.tr("Negative record") if uuid else self.tr("New negative record"))
        self.member = self.add_field("member_uuid", self.tr("Member concerned"), CodeCombo([]))
        self.measure = self.add_field(
            "measure", self.tr("Measure"), CodeCombo([("", ""), *NegativeMeasure.choices()])
        )
        self.handled_on = self.add_field("handled_on", self.tr("Handled on"), OptionalDateEdit())
        self.handling = self.add_field("handling", self.tr("Handling"), QLineEdit())
        self.committee.currentIndexChanged.connect(self.load_members)
        self.pick(loaded.committee_uuid)
        self.load_members()
        self.member.set_value(loaded.member_uuid or "")
        self.on.set_value(loaded.on)
        self.category.setText(loaded.category)
        self.content.setText(loaded.content)
        self.measure.set_value(loaded.measure or "")
        self.handled_on.set_value(loaded.handled_on)
        self.handling.setText(loaded.handling)

    def load_members(self) -> None:
        with self.db.reader() as session:
            members = member_choices(session, self.committee.value() or "")
        blank = self.tr("(the committee as a whole)")
        self.member.set_choices([("", blank), *members], 0)

    def value(self) -> NegativeIn:
        return NegativeIn(
            self.committee.value(),
            self.on.value(),
            self.category.text(),
            self.content.text(),
            self.member.value() or None,
            self.measure.value() or None,
            self.handled_on.value(),
            self.handling.text(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        return lambda session: save_negative(session, uuid, value, today=today)

    def write(self, session: Session) -> str:
        return self.collect()(session)
