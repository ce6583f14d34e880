"""业主表决: matters with their status, ballot entry at keyboard speed with the live tally
beside it, and the canvassing list by building. Every read and write is an Op over
app/services/voting.py; the tally is a LiveTally kept here (plain values, no ORM) and
changed by each recorded ballot instead of recounting the register."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from ui.ops import Op, changes, touches

CHOICES = ("同意", "反对", "弃权", "无效")
# The documents a matter prints (app/services/voting_documents.py, reports/pdf/vote.py), as
# `wuye vote print` names them; the window's labels are in _document_labels.
DOCUMENTS = ("notice", "ballots", "proxy", "result")


class VotingPage(QWidget):
    watches = frozenset({"vote_matter", "vote_item", "ballot", "housing_unit", "unit_owner"})

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.matter: str | None = None
        self.live: Any = None  # app.rules.voting_tally.LiveTally of the chosen matter
        self.titles: list[str] = []

        self.matters = QTableWidget(0, 4)
        self.matters.setHorizontalHeaderLabels(
            [self.tr("Estate"), self.tr("Matter"), self.tr("Status"), self.tr("Ballots")]
        )
        self.matters.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matters.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matters.horizontalHeader().setStretchLastSection(True)
        self.matters.setColumnWidth(1, 260)
        self.matters.itemSelectionChanged.connect(self._matter_chosen)

        entry = QGroupBox(self.tr("Ballot entry"))
        form = QFormLayout(entry)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("Building-room, e.g. 1号楼-101"))
        self.choice = QComboBox()
        self.choice.addItems(list(CHOICES))
        self.number = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the ballot is void"))
        self.record = QPushButton(self.tr("Record ballot"))
        self.record.clicked.connect(self._record)
        self.unit.returnPressed.connect(self._record)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Choice"), self.choice)
        form.addRow(self.tr("Ballot number"), self.number)
        form.addRow(self.tr("Void reason"), self.reason)
        form.addRow(self.record)
        form.addRow(self.message)

        board = QGroupBox(self.tr("Live tally"))
        self.tally = QLabel(self.tr("Choose a matter."))
        self.tally.setTextFormat(Qt.TextFormat.PlainText)
        self.tally.setWordWrap(True)
        self.tally.setAlignment(Qt.AlignmentFlag.AlignTop)
        QVBoxLayout(board).addWidget(self.tally)

        self.canvass = QTableWidget(0, 3)
        self.canvass.setHorizontalHeaderLabels(
            [self.tr("Building"), self.tr("Voted / units"), self.tr("Not yet voted")]
        )
        self.canvass.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.canvass.horizontalHeader().setStretchLastSection(True)

        middle = QHBoxLayout()
        middle.addWidget(entry, 1)
        middle.addWidget(board, 2)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(middle)
        lower_layout.addWidget(QLabel(self.tr("Canvassing by building")))
        lower_layout.addWidget(self.canvass)
        self.new_button = QPushButton(self.tr("New matter…"))
        self.new_button.clicked.connect(self.new_matter)
        self.import_button = QPushButton(self.tr("Import unit and owner register…"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(self.tr("Export register…"))
        self.export_button.clicked.connect(self.choose_export)
        # 推荐关、审核关 of an election's candidates, recorded before the notice.
        self.vet_button = QPushButton(self.tr("Candidate vetting…"))
        self.vet_button.clicked.connect(self.open_vetting)
        # The lifecycle: the moves the transitions table allows from the chosen matter's status.
        self.target = QComboBox()
        self.move_reason = QLineEdit()
        self.move_reason.setPlaceholderText(self.tr("Reason (withdrawing or reopening)"))
        self.move_button = QPushButton(self.tr("Move"))
        self.move_button.clicked.connect(self.move)
        # The prints: notice, ballots and proxy forms (one building or all), the result.
        self.document = QComboBox()
        for code, label in zip(DOCUMENTS, self._document_labels(), strict=True):
            self.document.addItem(label, code)
        self.print_building = QComboBox()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.choose_print)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.vet_button)
        buttons.addSpacing(16)
        buttons.addWidget(QLabel(self.tr("Move to")))
        buttons.addWidget(self.target)
        buttons.addWidget(self.move_reason, 1)
        buttons.addWidget(self.move_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.document)
        buttons.addWidget(self.print_building)
        buttons.addWidget(self.print_button)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.status_line)
        top_layout.addWidget(self.matters)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(lower)
        split.setSizes([200, 500])
        QVBoxLayout(self).addWidget(split)
        changes().tables_changed.connect(self._changed)
        self.reload()

    # --- reads ----------------------------------------------------------------------------
    def reload(self) -> None:
        from app.services.voting import list_matters

        Op(self, self.db.reader, lambda s, _job: list_matters(s)).success(self._show).run()

    def _show(self, rows: list[Any]) -> None:
        from app.codes import VoteStatus

        self._rows = rows
        self.matters.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.estate, r.title, VoteStatus.label_of(r.status), str(r.ballots))
            for j, text in enumerate(cells):
                self.matters.setItem(i, j, QTableWidgetItem(text))
        if rows and self.matter is None:
            self.matters.selectRow(0)
        elif self.matter is not None:
            at = next((i for i, r in enumerate(rows) if r.uuid == self.matter), -1)
            if at >= 0:
                self.matters.blockSignals(True)
                self.matters.selectRow(at)
                self.matters.blockSignals(False)
                self._show_targets(rows[at].status)

    def _changed(self, tables: frozenset[str]) -> None:
        if touches(tables, self.watches) and not self.property("wuye_ops"):
            self.reload()

    def _matter_chosen(self) -> None:
        row = self.matters.currentRow()
        if row < 0 or row >= len(getattr(self, "_rows", [])):
            return
        self.matter = self._rows[row].uuid
        self._show_targets(self._rows[row].status)
        self._load_matter(self.matter)

    def _show_targets(self, status: str) -> None:
        """The moves allowed from `status` (app/rules/transitions.py), forward first."""
        from app.codes import VoteStatus
        from app.rules.transitions import allowed_targets

        self.target.clear()
        targets = allowed_targets("vote_matter", status)
        order = list(VoteStatus)
        rank = {s.value: i for i, s in enumerate(order)}
        forward = rank.get(status, 0)
        targets.sort(key=lambda t: (rank.get(t, 0) < forward, rank.get(t, 0)))
        for t in targets:
            self.target.addItem(VoteStatus.label_of(t), t)
        self.move_button.setEnabled(bool(targets))

    def _load_matter(self, matter: str) -> None:
        from app.services.voting import canvass_by_building, get_matter, live_tally, unit_labels

        def work(s: Any, _job: Any) -> tuple[Any, list[str], list[Any], list[str]]:
            titles = [i.title for i in get_matter(s, matter).items]
            return (
                live_tally(s, matter),
                unit_labels(s, matter),
                canvass_by_building(s, matter),
                titles,
            )

        Op(self, self.db.reader, work).success(self._matter_loaded).run()

    def _matter_loaded(self, loaded: tuple[Any, list[str], list[Any], list[str]]) -> None:
        self.live, labels, canvass, self.titles = loaded
        completer = QCompleter(labels, self.unit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.setCompleter(completer)
        self._show_tally()
        self._show_canvass(canvass)
        chosen = self.print_building.currentData()
        self.print_building.clear()
        self.print_building.addItem(self.tr("All buildings"), None)
        for r in canvass:
            self.print_building.addItem(r.building, r.building)
        at = self.print_building.findData(chosen)
        self.print_building.setCurrentIndex(max(at, 0))

    def _show_tally(self) -> None:
        from app.rules.voting import RULE_LABELS, missing_text

        lines = []
        item_word, base_word = self.tr("Item"), self.tr("Base")
        for number, (t, title) in enumerate(zip(self.live.items(), self.titles, strict=True), 1):
            outcome = self.tr("passes") if t.passed else self.tr("does not pass yet")
            lines.append(f"{item_word} {number}: {title}  [{RULE_LABELS[t.rule]}]")
            lines.append(f"  {base_word}: {t.total.text()}")
            for label, c in ((self.tr("Taking part"), t.participating), (self.tr("Agree"), t.yes),
                             (self.tr("Oppose"), t.no), (self.tr("Abstain"), t.abstain),
                             (self.tr("Void"), t.void)):  # fmt: skip
                lines.append(f"  {label}: {c.text()}")
            quorum = self.tr("quorum met") if t.quorum else missing_text(t.quorum_missing)
            lines.append(
                f"  {quorum}; {outcome} {'' if t.passed else missing_text(t.pass_missing)}"
            )
        self.tally.setText("\n".join(lines))

    def _show_canvass(self, rows: list[Any]) -> None:
        self._canvass_rows = rows
        self.canvass.setRowCount(len(rows))
        for i, r in enumerate(rows):
            missing = "、".join(r.missing[:30]) + ("…" if len(r.missing) > 30 else "")
            for j, text in enumerate((r.building, f"{r.voted} / {r.units}", missing)):
                self.canvass.setItem(i, j, QTableWidgetItem(text))

    def open_import(self) -> Any:
        """The register (房屋与业主名册) through the ledger import dialog, kind `unit`."""
        from ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.db, "unit", self)
        dialog.imported.connect(lambda _report: self.matter and self._load_matter(self.matter))
        dialog.open()
        self.current_dialog = dialog
        return dialog

    # --- the write ------------------------------------------------------------------------
    def _record(self) -> None:
        from app.rules.voting_tally import choice_from_text
        from app.services.voting import BallotIn, record_ballot

        if self.matter is None or self.live is None:
            return
        typed = self.unit.text().strip()
        building, _, room = typed.rpartition("-")
        if not building:
            self.message.setText(self.tr("Type the unit as building-room, e.g. 1号楼-101."))
            return
        choice = choice_from_text(self.choice.currentText())
        count = len(self.titles)
        data = BallotIn(self.matter, building, room, [choice] * count,
                        number=self.number.text(), void_reason=self.reason.text())  # fmt: skip
        Op(self, self.db.sessions, lambda s, _job: record_ballot(s, data), write=True,
           tables=("ballot",)).success(self._recorded).problems(self._refused).run()  # fmt: skip

    def _recorded(self, out: Any) -> None:
        self.live.set(out.unit_uuid, out.choices)
        self._show_tally()
        self.message.setText(self.tr("Recorded: %s") % self.unit.text())
        self.unit.clear()
        self.number.clear()
        from app.services.voting import canvass_by_building

        matter = self.matter
        Op(self, self.db.reader, lambda s, _job: canvass_by_building(s, matter)).success(
            self._show_canvass
        ).run()
        self.reason.clear()
        self.unit.setFocus()

    def _refused(self, problems: tuple[Any, ...]) -> None:
        self.message.setText("；".join(p.message for p in problems))

    # --- the lifecycle --------------------------------------------------------------------
    def move(self) -> None:
        """One step along the lifecycle; the service's refusal (the 15-day notice, a missing
        reason, a move the table does not allow) is shown in the status line."""
        from app.services.voting import move_matter

        target = self.target.currentData()
        if self.matter is None or target is None:
            return
        matter, reason, today = self.matter, self.move_reason.text().strip(), date.today()
        Op(self, self.db.sessions,
           lambda s, _job: move_matter(s, matter, target, today=today, reason=reason),
           write=True, tables=("vote_matter", "vote_item")).success(
            lambda _none: self._moved(target)).problems(self._move_refused).run()  # fmt: skip

    def _moved(self, target: str) -> None:
        from app.codes import VoteStatus

        self.move_reason.clear()
        self.status_line.setText(self.tr("Moved to %s.") % VoteStatus.label_of(target))
        self.reload()
        if self.matter is not None:
            self._load_matter(self.matter)

    def _move_refused(self, problems: tuple[Any, ...]) -> None:
        self.status_line.setText("；".join(p.message for p in problems))

    # --- a new matter ---------------------------------------------------------------------
    def new_matter(self) -> Any:
        """A draft matter through its form (the same service as `wuye vote new`)."""
        from ui.forms.vote_matter_form import VoteMatterForm

        form = VoteMatterForm(self.db, None, self)
        form.saved.connect(lambda _uuid: self.reload())
        form.open()
        self.current_dialog = form
        return form

    # --- candidate vetting ----------------------------------------------------------------
    def open_vetting(self) -> None:
        """The chosen election matter's candidates and their checks, then the same vetting
        dialog as the committee form; the service refuses the notice until all passed."""
        from app.services.voting import get_matter
        from app.services.voting_election import candidate_checks

        if self.matter is None:
            return
        matter = self.matter
        Op(self, self.db.reader,
           lambda s, _job: candidate_checks(s, get_matter(s, matter))).success(
            self._vet_chosen).run()  # fmt: skip

    def _vet_chosen(self, checks: dict[str, list[Any]]) -> None:
        if not checks:
            self.status_line.setText(
                self.tr("This matter names no candidates: an election item reads 选举…为…委员.")
            )
            return
        names = list(checks)
        name = names[0]
        if len(names) > 1:
            name, ok = QInputDialog.getItem(
                self, self.tr("Candidate vetting"), self.tr("Candidate"), names, 0, False
            )
            if not ok:
                return
        dialog = self.vetting_dialog(name, checks[name])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_vetting(name, dialog.checks())

    def vetting_dialog(self, name: str, checks: list[Any]) -> Any:
        from ui.forms.vetting_dialog import VettingDialog

        return VettingDialog(name, checks, self)

    def save_vetting(self, name: str, checks: list[Any]) -> None:
        from app.services.voting import get_matter
        from app.services.voting_election import record_candidate_checks

        if self.matter is None:
            return
        matter, today = self.matter, date.today()
        Op(self, self.db.sessions,
           lambda s, _job: record_candidate_checks(s, get_matter(s, matter), name, checks,
                                                   today=today),
           write=True, tables=("vote_candidate_check",)).success(
            lambda _none: self.status_line.setText(
                self.tr("Vetting recorded for %s.") % name)).problems(
            self._move_refused).run()  # fmt: skip

    # --- prints and the register export ---------------------------------------------------
    def _document_labels(self) -> list[str]:
        return [self.tr("Voting notice"), self.tr("Ballot forms"), self.tr("Proxy forms"),
                self.tr("Result notice")]  # fmt: skip

    def choose_print(self) -> None:
        if self.matter is None:
            return
        name = f"{self.document.currentText()}.pdf"
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Print"), name, self.tr("PDF files (*.pdf)")
        )
        if target:
            self.print_to(Path(target))

    def print_to(self, out: Path) -> None:
        """Write the chosen document of the chosen matter as a PDF, off the GUI thread."""
        document, building = self.document.currentData(), self.print_building.currentData()
        matter, today = self.matter, date.today()
        assert matter is not None

        def work(s: Any, _job: Any) -> Path:
            from app.services import voting_documents as texts
            from reports.pdf import vote as pdf

            if document == "notice":
                return pdf.build_vote_notice(texts.notice_text(s, matter, today=today), out,
                                             date=today)  # fmt: skip
            if document == "result":
                return pdf.build_vote_notice(texts.result_text(s, matter, today=today), out,
                                             date=today)  # fmt: skip
            sheets = texts.ballot_sheets(s, matter, building)
            if document == "proxy":
                return pdf.build_proxy_forms(sheets, out)
            return pdf.build_ballots(sheets, out)

        Op(self, self.db.reader, work).success(self._written).problems(self._move_refused).failure(
            lambda f: self.status_line.setText(f.message)
        ).run()

    def _written(self, out: Path) -> None:
        self.status_line.setText(self.tr("Written: %s") % str(out))

    def choose_export(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export register"), "房屋与业主名册.xlsx",
            self.tr("Excel workbooks (*.xlsx)"),
        )  # fmt: skip
        if target:
            self.export_to(Path(target))

    def export_to(self, out: Path) -> None:
        """The register in the import template's shape, phones and ID numbers masked (the
        CLI's `wuye export-xlsx unit --unmasked` is the administrator's audited way)."""
        from datetime import datetime

        now = datetime.now()

        def work(s: Any, _job: Any) -> Path:
            from reports.xlsx.ledger_out import export_kind

            export_kind(s, "unit", out, now=now)
            return out

        Op(self, self.db.reader, work).success(self._written).failure(
            lambda f: self.status_line.setText(f.message)
        ).run()
