"""约谈与通报: the interviews this office holds (state, 整改 late or not) and the circulars, each
list with New… and Print…; a 约谈通知 and a 通报 print as red-header documents through the
notice engine (reports/pdf/filled.py), like `wuye interview print` / `wuye circular print`.
Reads and prints run as Ops off the GUI thread; the lists follow `tables_changed`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from ui.ops import Op, changes, touches
from ui.widgets.plain_table import PlainTable


def _print_work(kind: str, uuid: str, out: Path):  # type: ignore[no-untyped-def]
    """What the database thread runs to print one record: the values from its service, the
    document drawn from its template."""

    def work(session: Any, _job: Any) -> tuple[str, ...]:
        from reports.pdf.filled import build_from_template

        if kind == "interview":
            from app.services.interviews import get_interview, interview_notice_fields

            values = interview_notice_fields(session, uuid)
            on = get_interview(session, uuid, today=date.today()).notified_on
            office, number = f"{values['organizer']}文件", None
            template = "约谈通知"
        else:
            from app.services.circulars import circular_notice_fields, get_circular

            values = circular_notice_fields(session, uuid)
            view = get_circular(session, uuid)
            office, number, on = f"{view.issuer}文件", view.doc_number or None, view.issued_on
            template = "通报"
        return build_from_template(template, values, out, office=office, doc_number=number,
                                   on=on)  # fmt: skip

    return work


class SteeringPage(QWidget):
    watches = frozenset({"interview", "interview_commitment", "circular", "circular_party"})
    loaded = Signal()  # both lists shown
    printed = Signal(object)  # the PDF's Path

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.interviews = PlainTable(
            [self.tr("Number"), self.tr("Summoned"), self.tr("Reason"), self.tr("Time"),
             self.tr("Place"), self.tr("State")],
            stretch=2, chars={1: 10, 2: 12, 4: 8},
        )  # fmt: skip
        self.circulars = PlainTable(
            [self.tr("Document number"), self.tr("Kind"), self.tr("Title"),
             self.tr("Parties named"), self.tr("Issued on")],
            stretch=2, chars={0: 8, 2: 12, 3: 10},
        )  # fmt: skip
        self.message = QLabel()
        self.message.setWordWrap(True)
        tabs = QTabWidget()
        interview_tab = self._tab(self.interviews, self.new_interview, self.print_interview,
                                  self.tr("New interview…"), self.tr("Print the notice…"))
        row = interview_tab.layout().itemAt(0).layout()
        for text, slot in ((self.tr("Record and follow-up…"), self.record_interview),
                           (self.tr("Escalate to a circular…"), self.escalate)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.insertWidget(row.count() - 1, button)
        tabs.addTab(interview_tab, self.tr("Interviews (约谈)"))  # fmt: skip
        tabs.addTab(self._tab(self.circulars, self.new_circular, self.print_circular,
                              self.tr("New circular…"), self.tr("Print…")),
                    self.tr("Circulars (通报)"))  # fmt: skip
        self.tabs = tabs
        title = QLabel(self.tr("Interviews and circulars"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        self.form: QWidget | None = None
        self._interviews: dict[str, dict[str, Any]] = {}
        changes().tables_changed.connect(self._changed)
        self.reload()

    def _tab(self, table: PlainTable, new, print_, new_text: str, print_text: str) -> QWidget:  # type: ignore[no-untyped-def]
        tab = QWidget()
        buttons = QHBoxLayout()
        for text, slot in ((new_text, new), (print_text, print_)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(table, 1)
        return tab

    # --- reads ----------------------------------------------------------------------------
    def reload(self) -> None:
        today = self.today

        def work(session: Any, _job: Any) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
            from app.services.circulars import circular_list
            from app.services.interviews import interview_list

            return ([v.as_dict() for v in interview_list(session, today=today)],
                    [v.as_dict() for v in circular_list(session)])  # fmt: skip

        Op(self, self.db.reader, work).success(self._show).run()

    def _show(self, lists: tuple[list[dict], list[dict]]) -> None:  # type: ignore[type-arg]
        interviews, circulars = lists
        self._interviews = {i["id"]: i for i in interviews}
        late = self.tr("rectification late")
        self.interviews.set_rows(
            [(i["number"], i["subject"], i["reason"], i["meets_at"].replace("T", " "),
              i["place"], i["state_label"] + (f"，{late}" if i["late"] and i["state"] == "held"
                                              else ""))
             for i in interviews],
            keys=[i["id"] for i in interviews],
        )  # fmt: skip
        self.circulars.set_rows(
            [(c["doc_number"], c["kind_label"], c["title"],
              "、".join(p["name"] for p in c["parties"]), c["issued"]) for c in circulars],
            keys=[c["id"] for c in circulars],
        )  # fmt: skip
        self.loaded.emit()

    def _changed(self, tables: frozenset[str]) -> None:
        if touches(tables, self.watches):
            self.reload()

    # --- forms ----------------------------------------------------------------------------
    def new_interview(self) -> QWidget:
        from ui.forms.steering_forms import InterviewForm

        return self._open(InterviewForm(self.db, self, today=self.today))

    def new_circular(self) -> QWidget:
        from ui.forms.steering_forms import CircularForm

        return self._open(CircularForm(self.db, self, today=self.today))

    def record_interview(self) -> QWidget | None:
        from ui.forms.steering_forms import InterviewRecordForm

        shown = self._selected_interview()
        return shown and self._open(InterviewRecordForm(self.db, shown, self, today=self.today))

    def escalate(self) -> QWidget | None:
        from ui.forms.steering_forms import CircularForm

        shown = self._selected_interview()
        form = shown and CircularForm(self.db, self, today=self.today, escalating=shown)
        return form and self._open(form)

    def _selected_interview(self) -> dict[str, Any] | None:
        uuid = self.interviews.selected_key()
        if uuid is None:
            self.message.setText(self.tr("Select a row first."))
            return None
        return self._interviews.get(uuid)

    def _open(self, form: QWidget) -> QWidget:
        self.form = form
        form.open()  # type: ignore[attr-defined]
        return form

    # --- prints ---------------------------------------------------------------------------
    def print_interview(self, out: Path | None = None) -> Op | None:
        return self._print("interview", self.interviews, "约谈通知.pdf", out)

    def print_circular(self, out: Path | None = None) -> Op | None:
        return self._print("circular", self.circulars, "通报.pdf", out)

    def _print(self, kind: str, table: PlainTable, name: str, out: Path | None) -> Op | None:
        uuid = table.selected_key()
        if uuid is None:
            self.message.setText(self.tr("Select a row first."))
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Print"), name, "PDF (*.pdf)")
            if not chosen:
                return None
            out = Path(chosen)
        target = out
        op = Op(self, self.db.reader, _print_work(kind, uuid, target))
        op.success(lambda warnings: self._printed(target, warnings))
        op.problems(lambda problems: self.message.setText(
            "；".join(p.message for p in problems)))  # fmt: skip
        op.run()
        return op

    def _printed(self, out: Path, warnings: tuple[str, ...]) -> None:
        self.message.setText(self.tr("Printed: %1").replace("%1", str(out))
                             + "".join(f"（{w}）" for w in warnings))  # fmt: skip
        self.printed.emit(out)
