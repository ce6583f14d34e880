"""公示栏: an estate's disclosure boards, what each says, which version is on the wall, and
printing them one by one or in batches.

The page holds no rules: `update_board` checks the texts, `panel_content` decides what a
board shows and masks it, `record_print` makes the version. A preview is drawn in a
transaction that is rolled back, so looking never makes a version; printing and saving plan,
draw and record in one write transaction (a failed or cancelled PDF records nothing).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import Problem
from app.panel_content import PanelContent
from app.rules.roles import may_unmask
from app.services.board_list import (
    BoardRow,
    PrintRow,
    board_values,
    estate_board_rows,
    print_history,
)
from app.services.board_prints import (
    BoardBatch,
    Skipped,
    issuer_of,
    plan_estates,
    record_batch,
)
from app.services.disclosure import (
    ESTATE_ITEMS,
    PERIOD_DAYS,
    BoardStatus,
    boards_out_of_date,
    ensure_board,
    get_estate_row,
    panel_content,
    update_board,
)
from app.services.estates import estate_matches
from app.services.problem_lists import ListStatus, problem_lists_out_of_date
from ui.jobs import Job
from ui.ops import Op
from ui.widgets.field_error import ProblemsDisplay, error_label, with_error
from ui.widgets.fields import more_hint
from ui.widgets.pdf_output import ask_pdf_path, ask_printer, print_file
from ui.widgets.pdf_preview import PdfPreview

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_STYLE = "color: #555;"
STALE = QColor("#c62828")
NEVER = QColor("#8a6d00")


@dataclass(frozen=True)
class Target:
    """The board the page works on: an estate's own (building None) or a building's."""

    estate_uuid: str
    building_uuid: str | None


@dataclass(frozen=True)
class Drawn:
    """A drawn PDF and what is on it; `skipped` are boards a batch could not print."""

    path: Path
    batch: BoardBatch

    @property
    def title(self) -> str:
        return self.batch.contents[0].title if len(self.batch.contents) == 1 else ""


def _board_content(session: Session, target: Target, *, today: date, masked: bool) -> BoardBatch:
    board = ensure_board(session, target.estate_uuid, target.building_uuid)
    estate = get_estate_row(session, target.estate_uuid)
    content = panel_content(
        session, board, today=today, issuer=issuer_of(session, estate), masked=masked
    )
    return BoardBatch((content,))


def _draw(batch: BoardBatch, out: Path, size: str, job: Job) -> Path:
    """ReportLab and the fonts load here, on the worker thread."""
    from reports.pdf.fonts import configured_fonts
    from reports.pdf.panel import draw_panels

    return draw_panels(batch.contents, out, size=size, fonts=configured_fonts(), progress=job)


class DisclosurePage(QWidget):
    printed = Signal(object)  # Drawn, after a print or save that recorded versions

    def __init__(
        self, db: Database, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.estate_uuid: str | None = None
        self.rows: list[BoardRow] = []
        self.target: Target | None = None
        self.preview_content: PanelContent | None = None
        self._folder = tempfile.TemporaryDirectory(
            prefix="wuyedesk-boards-", ignore_cleanup_errors=True
        )
        self.folder = Path(self._folder.name)
        self._serial = 0
        self._job: Job | None = None

        # --- left: estates, and the boards needing a new print ----------------------------
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Type to find an estate"))
        self.estates = QListWidget()
        self.stale = QListWidget()
        self.stale.setToolTip(self.tr("Boards never printed, expired, or changed since printed"))
        finder = QWidget()
        finder_column = QVBoxLayout(finder)
        finder_column.setContentsMargins(0, 4, 0, 0)
        finder_column.addWidget(self.search)
        finder_column.addWidget(self.estates, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(finder, self.tr("Estates"))
        self.tabs.addTab(self.stale, self.tr("To reprint"))

        # --- middle: the estate's boards, the chosen board's texts, history, actions -------
        self.estate_title = QLabel(self.tr("Choose an estate on the left."))
        self.estate_title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.boards = QTableWidget(0, 4)
        self.boards.setHorizontalHeaderLabels(
            [self.tr("Board"), self.tr("On the wall"), self.tr("Valid until"), self.tr("State")]
        )
        self.boards.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.boards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.boards.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.boards.verticalHeader().setVisible(False)
        header = self.boards.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.texts: dict[str, QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        editor = QWidget()
        self.form = QFormLayout(editor)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, label in ESTATE_ITEMS:
            edit = QPlainTextEdit()
            edit.setToolTip(self.tr("Empty: taken from the ledgers, or （待填写） if they lack it"))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(58)
            edit.setPlaceholderText(self.tr("Empty: from the ledgers"))
            self.texts[key] = edit
            self._add_row(key, label, edit)
        self.complaint_phone = QLineEdit()
        self.complaint_phone.setPlaceholderText(self.tr("Empty: the company's contact phone"))
        self._add_row("complaint_phone", "物业服务投诉电话", self.complaint_phone)
        self.consent = QCheckBox(self.tr("The project manager agrees to publish the mobile"))
        self._add_row("consent_public_phone", "", self.consent)
        self.period = QSpinBox()
        self.period.setRange(PERIOD_DAYS.start, PERIOD_DAYS.stop - 1)
        self.period.setSuffix(self.tr(" days"))
        self._add_row("period_days", "公示有效期", self.period)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(editor)
        self.save_texts_button = QPushButton(self.tr("Save texts"))
        self.save_texts_button.setToolTip(self.tr("Keep these texts for this board's next prints"))
        self.general_error = error_label()
        self.problems_display = ProblemsDisplay(self.general_error, self.errors)

        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Printed"), self.tr("Period"), self.tr("Paper"),
             self.tr("Masked")]
        )  # fmt: skip
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(120)

        self.size = QComboBox()
        self.size.addItems(["A4", "A3"])
        self.unmasked = QCheckBox(self.tr("Unmasked (internal use)"))
        self.unmasked.setToolTip(
            self.tr("Print personal phones in clear; the print is recorded in the audit log")
        )
        # 查看 (or signed out) prints masked only: the service refuses the rest anyway.
        self.unmasked.setEnabled(may_unmask(db.context.role))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.setDefault(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.batch_button = QToolButton()
        self.batch_button.setText(self.tr("Batch…"))
        self.batch_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        batch_menu = QMenu(self.batch_button)
        self.batch_estate_action = batch_menu.addAction(self.tr("All boards of this estate…"))
        self.batch_community_action = batch_menu.addAction(
            self.tr("All estates of this community, with their buildings…")
        )
        self.batch_button.setMenu(batch_menu)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Paper")))
        options.addWidget(self.size)
        options.addWidget(self.unmasked)
        options.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.batch_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(NOTE_STYLE)

        texts_box = QGroupBox(self.tr("What the board says"))
        texts_column = QVBoxLayout(texts_box)
        texts_column.addWidget(self.scroll, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.general_error, 1)
        save_row.addWidget(self.save_texts_button)
        texts_column.addLayout(save_row)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.estate_title)
        column.addWidget(self.boards, 2)
        column.addWidget(texts_box, 3)
        column.addWidget(QLabel(self.tr("Prints of this board")))
        column.addWidget(self.history)
        column.addLayout(options)
        column.addLayout(actions)
        column.addWidget(self.status)

        # --- right: the preview -----------------------------------------------------------
        self.preview = PdfPreview()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.tabs, 0), (middle, 1), (self.preview, 1)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        self.tabs.setMinimumWidth(190)
        middle.setMinimumWidth(400)
        self.preview.setMinimumWidth(300)
        splitter.setSizes([220, 480, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.find_estates)
        self.estates.currentItemChanged.connect(self._estate_chosen)
        self.stale.itemActivated.connect(self._stale_chosen)
        self.stale.itemClicked.connect(self._stale_chosen)
        self.boards.itemSelectionChanged.connect(self._board_chosen)
        self.save_texts_button.clicked.connect(lambda: self.save_texts())
        self.preview_button.clicked.connect(lambda: self.build_preview())
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.choose_save_path)
        self.batch_estate_action.triggered.connect(lambda: self.choose_batch_path("estate"))
        self.batch_community_action.triggered.connect(lambda: self.choose_batch_path("community"))

        self.find_estates("")
        self.refresh_stale()
        self._set_board_enabled(False)

    def _add_row(self, key: str, label: str, widget: QWidget) -> None:
        box, error = with_error(widget)
        self.errors[key] = error
        self.form.addRow(label, box)

    # --- choosing ---------------------------------------------------------------------------
    def find_estates(self, text: str) -> None:
        with self.db.reader() as session:
            matches = estate_matches(session, text.strip())
        self.estates.blockSignals(True)
        self.estates.clear()
        for uuid, label in matches.choices:
            item = QListWidgetItem(label)
            item.setData(UUID_ROLE, uuid)
            self.estates.addItem(item)
        if matches.more:
            hint = QListWidgetItem(more_hint(matches.more))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.estates.addItem(hint)
        self.estates.blockSignals(False)

    def _estate_chosen(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.show_estate(item.data(UUID_ROLE))

    def show_estate(self, estate_uuid: str, building_uuid: str | None = None) -> None:
        """List the estate's boards and choose its own board (or the building's)."""
        self.estate_uuid = estate_uuid
        with self.db.reader() as session:
            estate = get_estate_row(session, estate_uuid)
            self.rows = estate_board_rows(session, estate_uuid, today=self.today)
            self.estate_title.setText(f"{estate.name}（{issuer_of(session, estate)}）")
        self.boards.blockSignals(True)
        self.boards.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            version = f"v{row.last_version}" if row.last_version else ""
            until = row.valid_until.isoformat() if row.valid_until else ""
            state = row.state or self.tr("Current")
            for c, text in enumerate((row.name, version, until, state)):
                cell = QTableWidgetItem(text)
                if row.state and c == 3:
                    colour = NEVER if row.last_version is None else STALE
                    cell.setForeground(QBrush(colour))
                self.boards.setItem(r, c, cell)
        self.boards.blockSignals(False)
        chosen = (r for r, row in enumerate(self.rows) if row.building_uuid == building_uuid)
        wanted = next(chosen, 0)
        self.boards.selectRow(wanted)
        self._board_chosen()

    def _board_chosen(self) -> None:
        selected = self.boards.selectionModel().selectedRows()
        if not selected or self.estate_uuid is None:
            self.target = None
            self._set_board_enabled(False)
            return
        row = self.rows[selected[0].row()]
        self.target = Target(row.estate_uuid, row.building_uuid)
        with self.db.reader() as session:
            values = board_values(session, row.board_uuid)
            history = print_history(session, row.board_uuid) if row.board_uuid else []
        self.clear_problems()
        for key, edit in self.texts.items():
            edit.setPlainText(str(values[key]))
            self.form.setRowVisible(edit.parentWidget(), row.building_uuid is None)
        self.complaint_phone.setText(str(values["complaint_phone"]))
        self.consent.setChecked(bool(values["consent_public_phone"]))
        self.period.setValue(int(values["period_days"]))  # type: ignore[call-overload]
        self._show_history(history)
        self._set_board_enabled(True)

    def _show_history(self, history: list[PrintRow]) -> None:
        self.history.setRowCount(len(history))
        for r, p in enumerate(history):
            until = p.valid_until.isoformat() if p.valid_until else ""
            cells = (
                f"v{p.version}",
                p.printed_at.strftime("%Y-%m-%d %H:%M"),
                f"{p.published_on.isoformat()} – {until}",
                p.size,
                self.tr("yes") if p.masked else self.tr("NO (internal)"),
            )
            for c, text in enumerate(cells):
                self.history.setItem(r, c, QTableWidgetItem(text))

    def refresh_stale(self) -> Job:
        """The boards to reprint, read off the GUI thread (every board of the office)."""
        today = self.today

        def work(session: Session, _job: Job) -> tuple[list[BoardStatus], list[ListStatus]]:
            from app.services.survey_prints import survey_results_out_of_date

            lists = problem_lists_out_of_date(session)
            return boards_out_of_date(session, today=today), [
                *lists,
                *survey_results_out_of_date(session, today=today),
            ]

        op = Op(self, self.db.reader, work)
        return op.success(lambda found: self._show_stale(*found)).run()

    def _show_stale(self, stale: list[BoardStatus], lists: list[ListStatus] | None = None) -> None:
        """Boards, then the 问题清单 (printed from the problems page or `wuye print problems`)
        and the survey results (from the 满意度调查 page or `wuye survey print`)."""
        self.stale.clear()
        for status in stale:
            item = QListWidgetItem(_stale_text(status))
            item.setData(UUID_ROLE, status)
            self.stale.addItem(item)
        for listed in lists or []:
            item = QListWidgetItem(f"{listed.title}：{listed.reason}")
            item.setData(UUID_ROLE, listed)
            self.stale.addItem(item)
        count = len(stale) + len(lists or [])
        self.tabs.setTabText(1, self.tr("To reprint (%1)").replace("%1", str(count)))

    def _stale_chosen(self, item: QListWidgetItem) -> None:
        status = item.data(UUID_ROLE)
        if isinstance(status, ListStatus):  # a problem list: its estate, if it has one
            if status.estate_uuid:
                self.show_estate(status.estate_uuid, None)
            return
        building = None
        if status.building:
            with self.db.reader() as session:
                rows = estate_board_rows(session, status.estate_uuid, today=self.today)
            building = next((r.building_uuid for r in rows if r.name == status.building), None)
        self.show_estate(status.estate_uuid, building)

    def _set_board_enabled(self, enabled: bool) -> None:
        busy = self._job is not None
        for widget in (self.save_texts_button, self.preview_button, self.print_button,
                       self.save_button, self.batch_button):  # fmt: skip
            widget.setEnabled(enabled and not busy)

    # --- texts ------------------------------------------------------------------------------
    def texts_entered(self) -> dict[str, object]:
        values: dict[str, object] = {
            "complaint_phone": self.complaint_phone.text(),
            "consent_public_phone": self.consent.isChecked(),
            "period_days": self.period.value(),
        }
        if self.target is not None and self.target.building_uuid is None:
            values |= {key: edit.toPlainText() for key, edit in self.texts.items()}
        return values

    def save_texts(self) -> Job | None:
        """Store the texts (the board is made if new); problems are shown at their fields."""
        if self.target is None or self._job is not None:
            return None
        target, values = self.target, self.texts_entered()

        def work(session: Session, _job: Job) -> tuple[Problem, ...]:
            board = ensure_board(session, target.estate_uuid, target.building_uuid)
            return tuple(update_board(session, board, **values))

        def done(warnings: tuple[Problem, ...]) -> None:
            self.status.setText(self.tr("Texts saved."))
            if warnings:
                self.show_problems(warnings)
            self._reload(target)

        return self._run(Job(self.db.sessions, work, write=True, owner=self), done,
                         self.tr("Saving the texts"))  # fmt: skip

    # --- preview, print, save, batch --------------------------------------------------------
    def masked(self) -> bool:
        return not self.unmasked.isChecked()

    def build_preview(self) -> Job | None:
        """Draw the board as it would print now, as its next version; nothing is recorded."""
        if self.target is None or self._job is not None:
            return None
        target, masked, size = self.target, self.masked(), self.size.currentText()
        today, out = self.today, self._next_file()

        def work(session: Session, job: Job) -> Drawn:
            batch = _board_content(session, target, today=today, masked=masked)
            return Drawn(_draw(batch, out, size, job), batch)  # rolled back: not recorded

        return self._run(Job(self.db.sessions, work, owner=self), self._show_preview,
                         self.tr("Drawing the board"))  # fmt: skip

    def _show_preview(self, drawn: Drawn) -> None:
        previous = self.preview.path
        if self.preview.load(drawn.path) and previous and previous != drawn.path:
            previous.unlink(missing_ok=True)
        self.preview_content = drawn.batch.contents[0]
        self.status.setText(
            self.tr("Preview of version %1; printing or saving records it.").replace(
                "%1", str(self.preview_content.version)
            )
        )

    def record(
        self, out: Path, then: Callable[[Drawn], None], *, scope: str = "board"
    ) -> Job | None:
        """Plan, draw to `out` and record the print(s) in one transaction, then `then`."""
        if self.target is None or self._job is not None:
            return None
        if not self.masked() and not self._unmasked_confirmed():
            return None
        target, masked, today = self.target, self.masked(), self.today
        size = self.size.currentText()

        def work(session: Session, job: Job) -> Drawn:
            if scope == "board":
                batch = _board_content(session, target, today=today, masked=masked)
            elif scope == "estate":
                batch = plan_estates(session, [target.estate_uuid], buildings=True,
                                     today=today, masked=masked)  # fmt: skip
            else:
                estate = get_estate_row(session, target.estate_uuid)
                from app.services.board_prints import plan_community

                batch = plan_community(session, estate.community_code, buildings=True,
                                       today=today, masked=masked, progress=job)  # fmt: skip
            path = _draw(batch, out, size, job)
            record_batch(session, batch, size=size)
            return Drawn(path, batch)

        def done(drawn: Drawn) -> None:
            self._reload(target)
            self.refresh_stale()
            then(drawn)
            self.printed.emit(drawn)

        label = self.tr("Printing the board") if scope == "board" else self.tr("Printing boards")
        return self._run(Job(self.db.sessions, work, write=True, owner=self), done, label)

    def _unmasked_confirmed(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unmasked print"),
            self.tr(
                "This print shows personal phone numbers in clear. It is for internal use only "
                "and will be recorded in the audit log. Print it?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def choose_printer(self) -> None:
        printer = ask_printer(self, paper=self.size.currentText())
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Record the next version and send it to `printer` (set up by the print dialog)."""

        def send(drawn: Drawn) -> None:
            self._show_preview(drawn)
            printer.setDocName(drawn.title)
            pages = print_file(self, drawn.path, printer)
            if not pages:
                return
            self.status.setText(
                self.tr("Version %1 sent to the printer (%2 page(s)).")
                .replace("%1", str(drawn.batch.contents[0].version))
                .replace("%2", str(pages))
            )

        return self.record(self._next_file(), send)

    def choose_save_path(self) -> None:
        if self.target is None:
            return
        name = self.rows[self.boards.currentRow()].name if self.rows else "公示栏"
        path = self._ask_path(f"{self.estate_title.text().split('（')[0]}{name}.pdf")
        if path is not None:
            self.save_to(path)

    def save_to(self, path: Path) -> Job | None:
        """Record the next version and save its PDF at `path` (whole or not at all)."""

        def saved(drawn: Drawn) -> None:
            self._show_preview(drawn)
            self.status.setText(self.tr("Saved %1").replace("%1", str(path)))

        return self.record(path, saved)

    def choose_batch_path(self, scope: str) -> None:
        if self.target is None:
            return
        name = self.estate_title.text().split("（")[0] if scope == "estate" else "社区"
        path = self._ask_path(f"{name}公示栏.pdf")
        if path is not None:
            self.save_batch(scope, path)

    def save_batch(self, scope: str, path: Path) -> Job | None:
        """All boards of the estate ("estate") or of its community ("community") in one PDF,
        with progress and cancel; what could not be printed is said, not dropped."""

        def saved(drawn: Drawn) -> None:
            self.preview.load(drawn.path)
            saved_text = self.tr("Saved %1 board(s) to %2")
            count = str(len(drawn.batch.contents))
            lines = [saved_text.replace("%1", count).replace("%2", str(path))]
            lines += [_skipped_text(s) for s in drawn.batch.skipped]
            self.status.setText("\n".join(lines))

        return self.record(path, saved, scope=scope)

    # --- plumbing ---------------------------------------------------------------------------
    def _ask_path(self, suggested: str) -> Path | None:
        return ask_pdf_path(self, suggested)

    def _run(self, job: Job, done: Callable[[Any], None], label: str) -> Job:
        """Through the operation layer: refused input at the fields, a failure said, and the
        page idle again only once the outcome is shown (a test or a click sees it)."""

        def idle() -> None:
            self._job = None
            self._set_board_enabled(self.target is not None)

        def cancelled() -> None:
            self.status.setText(self.tr("Cancelled; nothing was recorded."))

        self._job = job
        self._set_board_enabled(True)
        self.clear_problems()
        Op.of(self, job).with_progress(label).success(done).problems(self.show_problems).cancelled(
            cancelled
        ).finally_(idle).run()
        return job

    def _reload(self, target: Target) -> None:
        self.show_estate(target.estate_uuid, target.building_uuid)

    def _next_file(self) -> Path:
        self._serial += 1
        return self.folder / f"board-{self._serial}.pdf"

    def busy(self) -> bool:
        return self._job is not None

    def clear_problems(self) -> None:
        self.problems_display.clear()

    def show_problems(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems_display.show(problems)


def _stale_text(status: BoardStatus) -> str:
    name = f"{status.estate} {status.building}" if status.building else status.estate
    return f"{name}：{status.reason}"


def _skipped_text(skipped: Skipped) -> str:
    return (
        QCoreApplication.translate("DisclosurePage", "Not printed: %1 (%2)")
        .replace("%1", skipped.title)
        .replace("%2", skipped.reason)
    )
