"""The 督查 forms: a new visit (date, kind, inspectors, estates, summary, one finding a line
as `wuye inspection add --finding` takes it) and the 整改反馈 of a finding addressed to this
office. Saved through app/services/inspections.py, the service of `wuye inspection`; their
problems are shown at the fields."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.rules.inspections import FINDING_FORMAT, KINDS
from app.services.inspections import InspectionIn, add_feedback, add_inspection, finding_from_line
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import text_box
from ui.widgets.fields import OptionalDateEdit

_SEPARATORS = re.compile(r"[、，,；;]+")


class InspectionForm(FormDialog):
    record_table = "inspection"
    keeps_drafts = False  # new records only

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("New inspection (督查)"))
        self.setMinimumWidth(700)
        self.visited = self.add_field("visited_on", self.tr("Date"), OptionalDateEdit())
        self.visited.set_value(self.today)
        self.kind = self.add_field("kind", self.tr("Kind"), QComboBox())
        self.kind.addItems(list(KINDS))
        self.inspectors = self.add_field("inspectors", self.tr("Inspectors"), QLineEdit())
        self.estates = self.add_field("estates", self.tr("Estates visited"), QLineEdit())
        self.estates.setPlaceholderText(self.tr("Several: separate them with 、"))
        self.summary = self.add_field("summary", self.tr("Summary"), text_box(2))
        self.findings = self.add_field("findings", self.tr("Findings"), text_box(4))
        self.findings.setPlaceholderText(
            self.tr("One a line: %1").replace("%1", FINDING_FORMAT))  # fmt: skip

    def write(self, session: Session) -> str:
        lines = [t for t in self.findings.toPlainText().splitlines() if t.strip()]
        data = InspectionIn(
            visited_on=self.visited.value(),
            kind=self.kind.currentText(),
            inspectors=self.inspectors.text(),
            estates=[e for e in _SEPARATORS.split(self.estates.text()) if e.strip()],
            summary=self.summary.toPlainText(),
            findings=[finding_from_line(t, n) for n, t in enumerate(lines, 1)],
        )
        return add_inspection(session, data, today=self.today)


class FeedbackForm(FormDialog):
    """整改反馈 of one finding (`shown`: the finding as listed, its `as_dict`), by the office it
    is addressed to."""

    record_table = "inspection_feedback"
    keeps_drafts = False

    def __init__(self, db: Database, shown: dict[str, Any], parent: QWidget | None = None, *,
                 today: date | None = None):  # fmt: skip
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.shown = shown
        self.setWindowTitle(self.tr("Rectification report: %1")
                            .replace("%1", str(shown["description"])[:30]))  # fmt: skip
        self.setMinimumWidth(600)
        self.on = self.add_field("reported_on", self.tr("Reported on"), OptionalDateEdit())
        self.on.set_value(self.today)
        self.measures = self.add_field("measures", self.tr("Measures and result"), text_box(3))
        self.evidence = self.add_field("evidence", self.tr("Evidence"), QLineEdit())

    def write(self, session: Session) -> str:
        return add_feedback(session, str(self.shown["id"]), on=self.on.value() or self.today,
                            measures=self.measures.toPlainText(),
                            evidence=self.evidence.text(), today=self.today)  # fmt: skip
