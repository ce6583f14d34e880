"""A new owners' decision (表决事项) from the 业主表决 page: estate, title, the items one per
line, the art. 278 category or the rule, the scope, the voting period. Saved as a draft
through app/services/voting.py `create_matter`, the same service `wuye vote new` uses."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import InputError, Problem
from app.rules.voting import Rule, categories
from ui.forms.form_dialog import FormDialog
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.fields import OptionalDateEdit, count_box


class VoteMatterForm(FormDialog):
    record_table = "vote_matter"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, None, parent)
        self.setWindowTitle(self.tr("New owners' decision"))
        self.estate = self.add_field(
            "estate_uuid", self.tr("Estate"), EstatePicker(db.reader, optional=False)
        )
        self.title = self.add_field("title", self.tr("Matter"), QLineEdit())
        self.title.setPlaceholderText(self.tr("e.g. 续聘物业服务企业"))
        self.items = self.add_field("items", self.tr("Items, one per line"), QPlainTextEdit())
        self.items.setPlaceholderText(self.tr("Blank: the matter itself is the only item"))
        self.items.setMinimumHeight(80)
        self.category = self.add_field("category", self.tr("Civil Code art. 278"), QComboBox())
        self.category.addItem(self.tr("Not named: by the rule below"), 0)
        for c in categories():
            self.category.addItem(f"（{c.number}）{c.text}", c.number)
        self.rule = self.add_field("rule", self.tr("Rule"), QComboBox())
        self.rule.addItem(self.tr("Ordinary: more than half of those taking part"), Rule.ORDINARY)
        self.rule.addItem(self.tr("Major: three quarters of those taking part"), Rule.MAJOR)
        self.rule.addItem(
            self.tr("Home turned to business use: every affected owner"), Rule.CONSENT
        )
        self.buildings = self.add_field("buildings", self.tr("Buildings in scope"), QLineEdit())
        self.buildings.setPlaceholderText(
            self.tr("Blank: the whole estate; several separated by 、 or commas")
        )
        self.opens_on = self.add_field("opens_on", self.tr("Voting opens"), OptionalDateEdit())
        self.closes_on = self.add_field("closes_on", self.tr("Voting closes"), OptionalDateEdit())
        self.objection_days = self.add_field(
            "objection_days", self.tr("Objection period (days)"), count_box(365)
        )
        self.objection_days.setValue(7)
        self.count_parking = self.add_field(
            "count_parking", "", QCheckBox(self.tr("Parking spaces count as exclusive parts"))
        )
        self.category.currentIndexChanged.connect(self._category_chosen)
        self.title.setFocus()

    def _category_chosen(self) -> None:
        """A named art. 278 item decides the rule (6–8 major); the rule is chosen otherwise."""
        number = self.category.currentData()
        self.rule.setEnabled(not number)
        if number:
            major = next(c.major for c in categories() if c.number == number)
            self.rule.setCurrentIndex(self.rule.findData(Rule.MAJOR if major else Rule.ORDINARY))

    def write(self, session: Session) -> str:
        from app.services.voting import ItemIn, MatterIn, create_matter, scope_buildings

        estate = self.estate.value()
        if not estate:
            raise InputError(Problem("estate_uuid", "请选择小区"))
        rule = Rule(self.rule.currentData())
        number = int(self.category.currentData() or 0)
        lines = [t.strip() for t in self.items.toPlainText().splitlines() if t.strip()]
        names = self.buildings.text().replace("，", "、").replace(",", "、").split("、")
        data = MatterIn(
            estate, self.title.text(),
            [ItemIn(t, number, rule) for t in (lines or [self.title.text()])],
            building_uuids=scope_buildings(session, estate, names),
            count_parking=self.count_parking.isChecked(),
            opens_on=self.opens_on.value(), closes_on=self.closes_on.value(),
            objection_days=self.objection_days.value(),
            kind="art279" if rule == Rule.CONSENT else "art278",
        )  # fmt: skip
        return create_matter(session, data)
