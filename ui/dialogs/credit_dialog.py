"""信用档案: one company's credit sheet in the window, as `wuye credit show` gives it: score,
band, 守信/失信, the 清出市场 decision in force, and every item (typed or derived from the data,
lapsed ones greyed) with its evidence and the last day it counts, all as of the day chosen at
the top (today unless changed: a worker asks what the grade was, or will be, on another day).
打印… writes that day's sheet through the same drawing as `wuye print credit --date`;
登记信用记录… saves through the service behind `wuye credit add`. The sheet is read, and
printed, as Ops off the GUI thread; the dialog holds no rule: what counts, the band and the
lists come from app/services/credit.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.rules.roles import may_write, write_refusal
from ui.forms.form_dialog import FormDialog
from ui.ops import Op, changes, touches
from ui.widgets.fields import CodeCombo, OptionalDateEdit, OptionalIntEdit
from ui.widgets.plain_table import PlainTable

LAPSED = QColor(140, 140, 140)
# Tables whose rows change a company's credit (typed items, decisions, and what items derive from).
WATCHES = frozenset({
    "credit_item", "market_decision", "property_company", "problem", "complaint", "interview",
    "circular", "circular_party", "demonstration_project", "demonstration_review",
})  # fmt: skip


def _sheet_work(company_uuid: str, today: date) -> Callable[[Session, Any], dict[str, Any]]:
    """The sheet as plain values (read on the database thread), with the list it is on."""

    def work(session: Session, _job: Any) -> dict[str, Any]:
        from app.rules.credit import credit_scheme, in_list
        from app.services.credit import credit_sheet

        sheet = credit_sheet(session, company_uuid, today)
        data = sheet.as_dict()
        scheme = credit_scheme()
        band = sheet.standing.band
        data["list"] = next((w for w in ("守信", "失信") if in_list(band, w, scheme)), "")
        return data

    return work


def _print_work(company_uuid: str, today: date, out: Path) -> Callable[[Session, Any], Path]:
    """What `wuye print credit` does: the service's sheet drawn by reports/pdf/credit_sheet.py
    (free text masked there, for every role)."""

    def work(session: Session, _job: Any) -> Path:
        from app.services.credit import credit_sheet
        from reports.pdf.credit_sheet import draw_credit_sheet
        from reports.pdf.fonts import configured_fonts

        sheet = credit_sheet(session, company_uuid, today)
        return draw_credit_sheet(sheet, out, fonts=configured_fonts())

    return work


class CreditDialog(QDialog):
    loaded = Signal()  # the sheet is shown
    printed = Signal(object)  # the PDF's Path

    def __init__(
        self, db: Database, company_uuid: str, today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.db = db
        self.company_uuid = company_uuid
        self.today = today or date.today()  # what new items and decisions default to
        self.day = self.today  # the day the sheet is computed and printed as of
        self.data: dict[str, Any] = {}
        self.form: QDialog | None = None
        self.setWindowTitle(self.tr("Credit record"))
        self.resize(1000, 560)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.as_of = QDateEdit(QDate(self.day.year, self.day.month, self.day.day))
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setCalendarPopup(True)
        self.as_of.setToolTip(self.tr("Score, band, lists and items as they stand on this day"))
        self.as_of.dateChanged.connect(self._day_chosen)
        self.standing = QLabel()
        self.standing.setWordWrap(True)
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        self.decision.setStyleSheet("color: #a00;")
        self.decision.setVisible(False)
        self.table = PlainTable(
            [self.tr("Date"), self.tr("Kind"), self.tr("Points"), self.tr("Evidence"),
             self.tr("Counted until"), self.tr("Source")],
            stretch=3,
        )  # fmt: skip
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.add_button = QPushButton(self.tr("Add credit item…"))
        self.expel_button = QPushButton(self.tr("Remove from the market…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.may_write = may_write(db.context.role)
        if not self.may_write:  # 查看 or signed out: reads and prints only
            refusal = write_refusal(db.context.role, db.context.actor)
            for button in (self.add_button, self.expel_button):
                button.setEnabled(False)
                button.setToolTip(refusal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.expel_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("As of")))
        top.addWidget(self.as_of)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.standing)
        layout.addWidget(self.decision)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.add_button.clicked.connect(self.add_item)
        self.expel_button.clicked.connect(self.expel)
        self.close_button.clicked.connect(self.accept)
        changes().tables_changed.connect(self._tables_changed)
        self.load()

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if touches(tables, WATCHES):
            self.load()

    def _day_chosen(self, picked: QDate) -> None:
        self.day = date(picked.year(), picked.month(), picked.day())
        self.load()

    def set_day(self, day: date) -> None:
        """Compute the sheet as of `day` (what choosing it in the date field does)."""
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    def load(self) -> Op:
        op = Op(self, self.db.reader, _sheet_work(self.company_uuid, self.day))
        op.success(self.show_sheet)
        op.run()
        return op

    def show_sheet(self, data: dict[str, Any]) -> None:
        if data["date"] != self.day.isoformat():
            return  # the sheet of a day chosen before: a newer one is on its way
        self.data = data
        self.setWindowTitle(self.tr("Credit record: %1").replace("%1", str(data["company"])))
        self.heading.setText(f"{data['company']}（{data['credit_code']}）")
        listed = {"守信": self.tr("trustworthy list"), "失信": self.tr("untrustworthy list")}
        on_list = listed.get(data["list"], self.tr("on neither list"))
        self.standing.setText(
            self.tr("Score %1, band %2, %3; good points %4, bad points %5 (as of %6)")
            .replace("%1", str(data["score"])).replace("%2", str(data["band"]))
            .replace("%3", on_list).replace("%4", str(data["good"]))
            .replace("%5", str(data["bad"])).replace("%6", str(data["date"]))
        )  # fmt: skip
        self.decision.setText(
            self.tr("Removed from the market: %1").replace("%1", data["decision"] or "")
            if data["decision"] else ""
        )  # fmt: skip
        self.decision.setVisible(bool(data["decision"]))
        # One decision per company (app/services/market.py): none to add once one exists.
        self.expel_button.setEnabled(self.may_write and not data["decision"])
        lapsed, derived, typed = self.tr(" (lapsed)"), self.tr("derived"), self.tr("typed")
        items = data["items"]
        rows = [
            (i["date"], i["kind"], f"{i['points']:+d}", i["evidence"],
             i["last_day"] + ("" if i["counted"] else lapsed),
             derived if i["derived"] else typed)
            for i in items
        ]  # fmt: skip
        self.table.set_rows(rows, keys=[i["ref"] for i in items],
                            colours=[None if i["counted"] else LAPSED for i in items])  # fmt: skip
        self.loaded.emit()

    def print_sheet(self, out: Path | None = None) -> Op | None:
        if out is None:
            name = f"{self.data.get('company', '')}信用档案{self.day.isoformat()}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Print"), name, "PDF (*.pdf)")
            if not chosen:
                return None
            out = Path(chosen)
        target = out
        op = Op(self, self.db.reader, _print_work(self.company_uuid, self.day, target),
                title=self.tr("Not printed"))  # fmt: skip
        op.success(lambda _path: self._printed(target))
        op.run()
        return op

    def _printed(self, out: Path) -> None:
        self.message.setText(self.tr("Printed: %1").replace("%1", str(out)))
        self.printed.emit(out)

    def add_item(self) -> CreditItemForm:
        form = CreditItemForm(self.db, self.company_uuid, self, today=self.today)
        form.saved.connect(lambda _uuid: self.load())
        form.open()
        self.form = form
        return form

    def expel(self) -> ExpelForm:
        bad = [i for i in self.data.get("items", []) if i["counted"] and i["points"] < 0]
        form = ExpelForm(self.db, self.company_uuid, bad, self, today=self.today)
        form.saved.connect(lambda _uuid: self.load())
        form.open()
        self.form = form
        return form


class CreditItemForm(FormDialog):
    """登记信用记录: the kind, date, evidence, points (blank: the kind's default) and the last
    day it counts (blank: a year), saved by the service behind `wuye credit add`."""

    record_table = "credit_item"
    keeps_drafts = False  # a new item of a company: not reopened as (db, uuid)

    def __init__(
        self, db: Database, company_uuid: str, parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(db, None, parent)
        from app.rules.credit import credit_scheme

        self.company_uuid = company_uuid
        self.today = today or date.today()
        self.setWindowTitle(self.tr("New credit item"))
        self.history_button.setVisible(False)  # a new item has no history yet
        kinds = [(k.code, k.label) for k in credit_scheme().kinds.values()]
        self.kind = self.add_field("credit_kind", self.tr("Kind"), CodeCombo(kinds))
        self.on = self.add_field("on", self.tr("Date"), OptionalDateEdit())
        self.on.set_value(self.today)
        self.evidence = self.add_field("basis", self.tr("Evidence"), QLineEdit())
        self.evidence.setPlaceholderText(self.tr("Document number, finding or evaluation"))
        self.points = self.add_field("points", self.tr("Points (blank: the kind's default)"),
                                     OptionalIntEdit(-100, 100))  # fmt: skip
        self.last_day = self.add_field(
            "last_day", self.tr("Counted until (blank: one year)"), OptionalDateEdit()
        )

    def collect(self) -> Callable[[Session], str]:
        from app.services.credit import CreditItemIn, add_credit_item

        data = CreditItemIn(
            self.company_uuid, self.on.value() or self.today, self.kind.value(),
            self.evidence.text(), self.points.value_or_none(), self.last_day.value(),
        )  # fmt: skip
        return lambda session: add_credit_item(session, data)

    def write(self, session: Session) -> str:
        return self.collect()(session)


class ExpelForm(FormDialog):
    """清出市场: the decision's day, body, document number, facts and reasons, and the bad
    items it rests on (ticked from the company's counted 扣分 items), saved by the service
    behind `wuye credit expel`, which checks each ground on the decision's day."""

    record_table = "market_decision"
    keeps_drafts = False

    def __init__(
        self, db: Database, company_uuid: str, bad_items: list[dict[str, Any]],
        parent: QWidget | None = None, today: date | None = None,
    ) -> None:  # fmt: skip
        super().__init__(db, None, parent)
        self.company_uuid = company_uuid
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Remove from the market"))
        self.history_button.setVisible(False)
        self.setMinimumWidth(640)
        self.on = self.add_field("on", self.tr("Decided on"), OptionalDateEdit())
        self.on.set_value(self.today)
        self.body = self.add_field("body", self.tr("Deciding body"), QLineEdit())
        self.doc_no = self.add_field("doc_no", self.tr("Document number"), QLineEdit())
        self.grounds = self.add_field("grounds", self.tr("Facts and reasons"), QPlainTextEdit())
        self.grounds.setFixedHeight(70)
        self.refs = self.add_field("refs", self.tr("Grounds (bad items)"), QListWidget())
        for i in bad_items:
            item = QListWidgetItem(f"{i['date']}  {i['kind']}  {i['points']:+d}  {i['evidence']}")
            item.setData(Qt.ItemDataRole.UserRole, i["ref"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.refs.addItem(item)

    def checked_refs(self) -> list[str]:
        return [
            str(self.refs.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.refs.count())
            if self.refs.item(r).checkState() == Qt.CheckState.Checked
        ]

    def collect(self) -> Callable[[Session], str]:
        from app.services.market import MarketDecisionIn, expel_company

        data = MarketDecisionIn(
            self.company_uuid, self.on.value(), self.body.text(), self.doc_no.text(),
            self.grounds.toPlainText(), self.checked_refs(),
        )  # fmt: skip
        today = self.today
        return lambda session: expel_company(session, data, today=today)

    def write(self, session: Session) -> str:
        return self.collect()(session)
