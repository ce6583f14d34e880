"""督查: the visits this office holds (its own, and those received from above) and, for the one
selected, its findings with their problem and state; New visit…, Print… (the 督查记录 through
the notice engine, like `wuye inspection print`), the 整改反馈 of a finding addressed to this
office, and accepting one (the problem moves to 已整改). Reads, writes and prints run as Ops
off the GUI thread; the lists follow `tables_changed`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from ui.ops import Op, changes, touches
from ui.widgets.plain_table import PlainTable


def _print_work(uuid: str, out: Path):  # type: ignore[no-untyped-def]
    def work(session: Any, _job: Any) -> tuple[str, ...]:
        from app.services.inspections import get_inspection, inspection_record_fields
        from reports.pdf.filled import build_from_template

        values = inspection_record_fields(session, uuid)
        on = get_inspection(session, uuid).visited_on
        return build_from_template("督查记录", values, out, office=f"{values['organizer']}文件",
                                   doc_number=None, on=on)  # fmt: skip

    return work


class InspectionsPage(QWidget):
    watches = frozenset({"inspection", "inspection_finding", "inspection_feedback", "problem"})
    loaded = Signal()
    printed = Signal(object)  # the PDF's Path

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.visits = PlainTable(
            [self.tr("Number"), self.tr("Date"), self.tr("Kind"), self.tr("Inspectors"),
             self.tr("Estates"), self.tr("Findings"), self.tr("Not rectified")],
            stretch=3, chars={3: 12, 4: 12},
        )  # fmt: skip
        self.findings = PlainTable(
            [self.tr("Finding"), self.tr("Responsible"), self.tr("Deadline"),
             self.tr("Problem"), self.tr("State"), self.tr("Latest feedback")],
            stretch=0, chars={0: 12, 1: 10, 5: 12},
        )  # fmt: skip
        self.visits.itemSelectionChanged.connect(self._show_findings)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("New inspection…"), self.new_inspection),
                           (self.tr("Print the record…"), self.print_record),
                           (self.tr("Report rectification…"), self.report_feedback),
                           (self.tr("Accept the feedback"), self.accept)):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        title = QLabel(self.tr("Inspections (督查)"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.visits)
        split.addWidget(self.findings)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.form: QWidget | None = None
        self._visits: dict[str, dict[str, Any]] = {}
        changes().tables_changed.connect(self._changed)
        self.reload()

    # --- reads ----------------------------------------------------------------------------
    def reload(self) -> None:
        def work(session: Any, _job: Any) -> list[dict[str, Any]]:
            from app.services.inspections import inspection_list

            return [v.as_dict() for v in inspection_list(session)]

        Op(self, self.db.reader, work).success(self._show).run()

    def _show(self, visits: list[dict[str, Any]]) -> None:
        chosen = self.visits.selected_key()
        self._visits = {v["id"]: v for v in visits}
        self.visits.set_rows(
            [(v["number"], v["visited_on"], v["kind"], v["inspectors"], v["estates"],
              str(len(v["findings"])),
              str(sum(1 for f in v["findings"] if f["state"] != "rectified")))
             for v in visits],
            keys=[v["id"] for v in visits],
        )  # fmt: skip
        if not (chosen and self.visits.select_key(chosen)) and visits:
            self.visits.select_key(visits[0]["id"])
        self._show_findings()
        self.loaded.emit()

    def _show_findings(self) -> None:
        visit = self._visits.get(self.visits.selected_key() or "")
        findings = visit["findings"] if visit else []
        self.findings.set_rows(
            [(f["description"], f["responsible_unit"], f["deadline"], f["problem_number"],
              f["state_label"],
              (f["feedback"][-1]["reported_on"] + " " + f["feedback"][-1]["measures"])
              if f["feedback"] else "")
             for f in findings],
            keys=[f["id"] for f in findings],
        )  # fmt: skip

    def _changed(self, tables: frozenset[str]) -> None:
        if touches(tables, self.watches):
            self.reload()

    def _selected_finding(self) -> dict[str, Any] | None:
        visit = self._visits.get(self.visits.selected_key() or "")
        key = self.findings.selected_key()
        found = next((f for f in (visit or {}).get("findings", []) if f["id"] == key), None)
        if found is None:
            self.message.setText(self.tr("Select a finding first."))
        return found

    # --- writes ---------------------------------------------------------------------------
    def new_inspection(self) -> QWidget:
        from ui.forms.inspection_forms import InspectionForm

        return self._open(InspectionForm(self.db, self, today=self.today))

    def report_feedback(self) -> QWidget | None:
        from ui.forms.inspection_forms import FeedbackForm

        found = self._selected_finding()
        return found and self._open(FeedbackForm(self.db, found, self, today=self.today))

    def accept(self) -> Op | None:
        found = self._selected_finding()
        if found is None:
            return None
        if not found["feedback"]:
            self.message.setText(self.tr("No rectification report to accept yet."))
            return None
        feedback, today = str(found["feedback"][-1]["id"]), self.today

        def work(session: Any, _job: Any) -> None:
            from app.services.inspections import accept_feedback

            accept_feedback(session, feedback, on=today, today=today)

        op = Op(self, self.db.sessions, work, write=True,
                tables=("problem", "status_change", "inspection_finding"))  # fmt: skip
        op.success(lambda _none: self.message.setText(
            self.tr("Accepted: the problem is rectified.")))  # fmt: skip
        op.problems(lambda problems: self.message.setText(
            "；".join(p.message for p in problems)))  # fmt: skip
        op.run()
        return op

    def _open(self, form: QWidget) -> QWidget:
        self.form = form
        form.open()  # type: ignore[attr-defined]
        return form

    # --- print ----------------------------------------------------------------------------
    def print_record(self, out: Path | None = None) -> Op | None:
        uuid = self.visits.selected_key()
        if uuid is None:
            self.message.setText(self.tr("Select a row first."))
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Print"), "督查记录.pdf",
                                                    "PDF (*.pdf)")  # fmt: skip
            if not chosen:
                return None
            out = Path(chosen)
        target = out
        op = Op(self, self.db.reader, _print_work(uuid, target))
        op.success(lambda warnings: self._printed(target, warnings))
        op.problems(lambda problems: self.message.setText(
            "；".join(p.message for p in problems)))  # fmt: skip
        op.run()
        return op

    def _printed(self, out: Path, warnings: tuple[str, ...]) -> None:
        self.message.setText(self.tr("Printed: %1").replace("%1", str(out))
                             + "".join(f"（{w}）" for w in warnings))  # fmt: skip
        self.printed.emit(out)
