"""考核: the year's scoring sheet received from above, each item with this office's self-score
and the final points once reviewed (Self-score…); the sheet this office published, each
item with every office's self-score (Review…), the ranking of the offices below, the result
printed (PDF) or exported (Excel) like `wuye assessment print`. Reads, writes and prints run
as Ops off the GUI thread; the lists follow `tables_changed`."""

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
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from ui.ops import Op, changes, touches
from ui.widgets.plain_table import PlainTable


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


class AssessmentPage(QWidget):
    watches = frozenset({"assessment_sheet", "assessment_item", "assessment_score",
                         "assessment_review"})  # fmt: skip
    loaded = Signal()
    printed = Signal(object)  # the file's Path

    def __init__(self, db: Database, today: date | None = None, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.received_title = QLabel()
        self.received = PlainTable(
            [self.tr("No."), self.tr("Item"), self.tr("Max"), self.tr("What counts"),
             self.tr("Self-score"), self.tr("Figure from our data"), self.tr("Final"),
             self.tr("Opinion")],
            stretch=3, chars={1: 9, 3: 12, 5: 12, 7: 10},
        )  # fmt: skip
        self.published_title = QLabel()
        self.published = PlainTable(
            [self.tr("No."), self.tr("Item"), self.tr("Max"), self.tr("Office"),
             self.tr("Self-score"), self.tr("Figure"), self.tr("Evidence"), self.tr("Final"),
             self.tr("Opinion")],
            stretch=6, chars={1: 9, 3: 8, 5: 12, 6: 12, 8: 10},
        )  # fmt: skip
        self.ranking = PlainTable(
            [self.tr("Rank"), self.tr("Office"), self.tr("Self total"), self.tr("Final total"),
             self.tr("Reviewed")],
            stretch=1, chars={1: 10},
        )  # fmt: skip
        self.message = QLabel()
        self.message.setWordWrap(True)

        mine = QWidget()
        mine_layout = QVBoxLayout(mine)
        mine_layout.addLayout(self._buttons(
            (self.tr("Self-score…"), self.score_item)))  # fmt: skip
        mine_layout.addWidget(self.received_title)
        mine_layout.addWidget(self.received, 1)
        issued = QWidget()
        issued_layout = QVBoxLayout(issued)
        issued_layout.addLayout(self._buttons(
            (self.tr("Publish the default sheet"), self.publish),
            (self.tr("Review…"), self.review),
            (self.tr("Print the result…"), self.print_result),
            (self.tr("Export to Excel…"), self.export_result)))  # fmt: skip
        issued_layout.addWidget(self.published_title)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.published)
        split.addWidget(self.ranking)
        split.setSizes([420, 160])
        issued_layout.addWidget(split, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(mine, self.tr("Our self-score (sheet from above)"))
        self.tabs.addTab(issued, self.tr("Review and ranking (our sheet)"))

        top = QHBoxLayout()
        title = QLabel(self.tr("Assessment (考核)"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.form: QWidget | None = None
        self._received: dict[str, Any] | None = None
        self._published: dict[str, Any] | None = None
        changes().tables_changed.connect(self._changed)
        self.reload()

    def _buttons(self, *pairs: tuple[str, Any]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in pairs:
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- reads ----------------------------------------------------------------------------
    def reload(self) -> None:
        year = self.year.value()

        def work(session: Any, _job: Any) -> tuple[Any, Any, list[dict[str, Any]]]:
            from app.errors import NotFound
            from app.services.assessment import get_sheet, ranking

            found = []
            for mine in (False, True):
                try:
                    found.append(get_sheet(session, year, mine=mine).as_dict())
                except NotFound:
                    found.append(None)
            ranked = [r.as_dict() for r in ranking(session, year)] if found[1] else []
            return found[0], found[1], ranked

        Op(self, self.db.reader, work).success(self._show).run()

    def _show(self, shown: tuple[Any, Any, list[dict[str, Any]]]) -> None:
        received, published, ranked = shown
        self._received, self._published = received, published
        year = self.year.value()
        none = self.tr("No sheet for %1 yet.").replace("%1", str(year))
        self.received_title.setText(
            self.tr("%1 — issued by %2, %3 points in all").replace("%1", received["title"])
            .replace("%2", received["issuer"]).replace("%3", _points(received["total"]))
            if received else none)  # fmt: skip
        rows, keys = [], []
        for item in (received or {}).get("items", []):
            own = item["scores"][0] if item["scores"] else None
            rows.append((str(item["n"]), item["title"], _points(item["max_points"]),
                         item["evidence"], _points(own["points"]) if own else "",
                         own["figure_text"] if own else "",
                         _points(own["final"]) if own and own["final"] is not None else "",
                         own["opinion"] if own else ""))  # fmt: skip
            keys.append(item["n"])
        self.received.set_rows(rows, keys=keys)
        self.published_title.setText(
            self.tr("%1 — %2 points in all").replace("%1", published["title"])
            .replace("%2", _points(published["total"])) if published else none)  # fmt: skip
        rows, keys = [], []
        for item in (published or {}).get("items", []):
            for s in item["scores"] or [None]:
                rows.append((str(item["n"]), item["title"], _points(item["max_points"]),
                             s["office_name"] if s else "", _points(s["points"]) if s else "",
                             s["figure_text"] if s else "", s["evidence"] if s else "",
                             _points(s["final"]) if s and s["final"] is not None else "",
                             s["opinion"] if s else ""))  # fmt: skip
                keys.append((item["n"], s["office"] if s else None))
        self.published.set_rows(rows, keys=keys)
        self.ranking.set_rows(
            [(str(r["rank"]), r["name"], _points(r["self_total"]), _points(r["final_total"]),
              f"{r['reviewed']}/{r['items']}") for r in ranked])  # fmt: skip
        self.loaded.emit()

    def _changed(self, tables: frozenset[str]) -> None:
        if touches(tables, self.watches):
            self.reload()

    # --- writes ---------------------------------------------------------------------------
    def score_item(self) -> QWidget | None:
        from ui.forms.assessment_forms import ScoreForm

        n = self.received.selected_key()
        if self._received is None or n is None:
            self.message.setText(self.tr("Select an item first."))
            return None
        item = {**self._received["items"][n - 1], "year": self._received["year"]}
        return self._open(ScoreForm(self.db, item, self, today=self.today))

    def review(self) -> QWidget | None:
        from ui.forms.assessment_forms import ReviewForm

        key = self.published.selected_key()
        if self._published is None or key is None or key[1] is None:
            self.message.setText(self.tr("Select an office's self-score first."))
            return None
        item = self._published["items"][key[0] - 1]
        score = next(s for s in item["scores"] if s["office"] == key[1])
        shown = {**score, "year": self._published["year"], "n": item["n"],
                 "title": item["title"], "max_points": item["max_points"]}  # fmt: skip
        return self._open(ReviewForm(self.db, shown, self, today=self.today))

    def publish(self) -> Op:
        year, today = self.year.value(), self.today

        def work(session: Any, _job: Any) -> str:
            from app.services.assessment import publish_sheet

            return publish_sheet(session, year, on=today, today=today)

        op = Op(self, self.db.sessions, work, write=True,
                tables=("assessment_sheet", "assessment_item"))  # fmt: skip
        op.success(lambda _uuid: self.message.setText(self.tr("Published.")))
        op.problems(lambda problems: self.message.setText(
            "；".join(p.message for p in problems)))  # fmt: skip
        op.run()
        return op

    def _open(self, form: QWidget) -> QWidget:
        self.form = form
        form.open()  # type: ignore[attr-defined]
        return form

    # --- print and export -----------------------------------------------------------------
    def print_result(self, out: Path | None = None) -> Op | None:
        return self._write(out, "考核结果.pdf", "PDF (*.pdf)")

    def export_result(self, out: Path | None = None) -> Op | None:
        return self._write(out, "考核结果.xlsx", "Excel (*.xlsx)")

    def _write(self, out: Path | None, name: str, kinds: str) -> Op | None:
        if self._published is None:
            self.message.setText(self.tr("This office has published no sheet for the year."))
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), name, kinds)
            if not chosen:
                return None
            out = Path(chosen)
        target, year, today = out, self.year.value(), self.today

        def work(session: Any, _job: Any) -> None:
            from app.services.assessment import get_sheet, ranking

            sheet, ranked = get_sheet(session, year, mine=True), ranking(session, year)
            if target.suffix.lower() == ".xlsx":
                from reports.xlsx.assessment import write_assessment

                write_assessment(sheet, ranked, target)
            else:
                from reports.pdf.assessment import draw_assessment
                from reports.pdf.fonts import configured_fonts

                draw_assessment(sheet, ranked, target, on=today, fonts=configured_fonts())

        op = Op(self, self.db.reader, work)
        op.success(lambda _none: self._written(target))
        op.problems(lambda problems: self.message.setText(
            "；".join(p.message for p in problems)))  # fmt: skip
        op.run()
        return op

    def _written(self, out: Path) -> None:
        self.message.setText(self.tr("Saved: %1").replace("%1", str(out)))
        self.printed.emit(out)
