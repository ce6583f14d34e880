"""The joint-meeting form (联席会议): the meeting, its attendees and resolutions as sub-tables,
the missing-party and one-third checks as warnings while typing (never blocking: a meeting
that happened is recorded as it was), 转为问题 from a resolution, and 打印纪要.

Saved whole through meetings.save_meeting, like a committee's roster. A resolution shows the
problem opened from it; the problem shows the resolution it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.codes import MeetingKind, ProblemStatus, ResolutionStatus
from app.db import Database
from app.errors import Problem
from app.rules.meeting_check import party_rules
from app.rules.transitions import allowed_targets
from app.services.meetings import (
    AttendeeIn,
    MeetingIn,
    ResolutionIn,
    SavedMeeting,
    check_meeting,
    get_meeting,
    move_resolution,
    resolution_problems,
    save_meeting,
)
from app.services.offices import communities
from app.services.problems import draft_from_resolution
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import ProblemForm, text_box
from ui.jobs import Failure
from ui.ops import Op
from ui.widgets.estate_picker import EstatePicker
from ui.widgets.field_error import WARNING_STYLE, error_label
from ui.widgets.fields import CodeCombo, OptionalDateEdit

PARTY, NAME, UNIT, POST = range(4)
CONTENT, OWNER_PARTY, OWNER_UNIT, DEADLINE, STATUS, PROBLEM = range(6)
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2


class MeetingForm(FormDialog):
    record_table = "joint_meeting"

    moved = Signal(str)  # a resolution's new status, once recorded

    def __init__(
        self,
        db: Database,
        uuid: str | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(db, uuid, parent)
        self.today = today or date.today()
        self.setWindowTitle(self.tr("Joint meeting") if uuid else self.tr("New joint meeting"))
        self.setMinimumWidth(900)
        self.saved_meeting: SavedMeeting | None = None
        self.problem_form: ProblemForm | None = None
        with db.reader() as session:
            community_choices = communities(session)
            loaded = get_meeting(session, uuid) if uuid else MeetingIn(held_on=self.today)
        self.parties = list(party_rules().suggested)

        self.kind = self.add_field("kind", self.tr("Kind"), CodeCombo(MeetingKind.choices()))
        self.held_on = self.add_field("held_on", self.tr("Date"), OptionalDateEdit())
        self.venue = self.add_field("venue", self.tr("Venue"), QLineEdit())
        self.host = self.add_field("host", self.tr("Chaired by"), QLineEdit())
        self.community = self.add_field(
            "community_code", self.tr("Community"), CodeCombo(community_choices)
        )
        self.estate = EstatePicker(db.reader)
        self.add_field("estate_uuid", self.tr("Estate"), self.estate)
        self.topics = self.add_field("topics", self.tr("Topics"), text_box(2))
        self.minutes = self.add_field("minutes", self.tr("Minutes"), text_box(2))

        # --- attendees ------------------------------------------------------------------
        self.attendees = self._table(
            [self.tr("Party"), self.tr("Name"), self.tr("Unit"), self.tr("Post")]
        )
        self.add_attendee_button = QPushButton(self.tr("Add attendee"))
        self.remove_attendee_button = QPushButton(self.tr("Remove attendee"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.attendees_error = error_label()
        self._sub_table(
            self.tr("Attendees"),
            self.attendees,
            "attendees",
            self.attendees_error,
            [self.add_attendee_button, self.remove_attendee_button],
            self.warnings,
        )

        # --- resolutions ----------------------------------------------------------------
        self.resolutions = self._table(
            [self.tr("Resolution"), self.tr("Responsible party"), self.tr("Responsible unit"),
             self.tr("Deadline"), self.tr("Status"), self.tr("Problem")]
        )  # fmt: skip
        header = self.resolutions.horizontalHeader()
        header.setSectionResizeMode(CONTENT, QHeaderView.ResizeMode.Stretch)
        for col, width in ((OWNER_PARTY, 120), (OWNER_UNIT, 150), (DEADLINE, 110), (STATUS, 70),
                           (PROBLEM, 110)):  # fmt: skip
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.resolutions.setColumnWidth(col, width)
        self.add_resolution_button = QPushButton(self.tr("Add resolution"))
        self.remove_resolution_button = QPushButton(self.tr("Remove resolution"))
        self.to_problem_button = QPushButton(self.tr("Turn into a problem"))
        self.open_problem_button = QPushButton(self.tr("Open its problem"))
        self.move_resolution_button = QPushButton(self.tr("Progress…"))
        self.move_menu = QMenu(self.move_resolution_button)
        self.move_resolution_button.setMenu(self.move_menu)
        self.resolutions_error = error_label()
        self._sub_table(self.tr("Resolutions"), self.resolutions, "resolutions",
                        self.resolutions_error,
                        [self.add_resolution_button, self.remove_resolution_button,
                         self.move_resolution_button, self.to_problem_button,
                         self.open_problem_button])  # fmt: skip

        self.print_button = QPushButton(self.tr("Print minutes…"))
        self.buttons.addButton(self.print_button, self.buttons.ButtonRole.ActionRole)

        self.add_attendee_button.clicked.connect(lambda: self.add_attendee(AttendeeIn()))
        self.remove_attendee_button.clicked.connect(self.remove_selected_attendee)
        self.add_resolution_button.clicked.connect(lambda: self.add_resolution(ResolutionIn()))
        self.remove_resolution_button.clicked.connect(self.remove_selected_resolution)
        self.to_problem_button.clicked.connect(self.turn_into_problem)
        self.open_problem_button.clicked.connect(self.open_problem)
        self.print_button.clicked.connect(self.print_minutes)
        self.attendees.itemChanged.connect(self.update_warnings)
        self.kind.currentIndexChanged.connect(self.update_warnings)
        self.resolutions.itemSelectionChanged.connect(self._update_buttons)

        self.load(loaded)
        self.venue.setFocus()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(28)
        table.setMinimumHeight(150)
        return table

    def _sub_table(self, title: str, table: QTableWidget, key: str, error: QLabel,
                   buttons: list[QPushButton], note: QLabel | None = None) -> None:  # fmt: skip
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold;")
        column.addWidget(heading)
        column.addWidget(table)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        if note is not None:
            column.addWidget(note)
        column.addWidget(error)
        self.extra.addWidget(box)
        self.fields[key] = table
        self.errors[key] = error

    # --- attendees ----------------------------------------------------------------------
    def add_attendee(self, attendee: AttendeeIn) -> int:
        row = self.attendees.rowCount()
        self.attendees.blockSignals(True)
        self.attendees.insertRow(row)
        party = QComboBox()
        party.setEditable(True)
        party.addItems(self.parties)
        party.setCurrentText(attendee.party)
        party.currentTextChanged.connect(self.update_warnings)
        self.attendees.setCellWidget(row, PARTY, party)
        for col, text in ((NAME, attendee.name), (UNIT, attendee.unit), (POST, attendee.post)):
            self.attendees.setItem(row, col, QTableWidgetItem(text))
        self.attendees.blockSignals(False)
        self.update_warnings()
        return row

    def remove_selected_attendee(self) -> None:
        for row in sorted({i.row() for i in self.attendees.selectedIndexes()}, reverse=True):
            self.attendees.removeRow(row)
        self.update_warnings()

    def attendee_list(self) -> list[AttendeeIn]:
        found = []
        for row in range(self.attendees.rowCount()):
            party = self.attendees.cellWidget(row, PARTY)
            assert isinstance(party, QComboBox)
            name, unit, post = (self._text(self.attendees, row, c) for c in (NAME, UNIT, POST))
            found.append(AttendeeIn(party.currentText(), name, unit, post))
        return found

    def update_warnings(self) -> list[str]:
        """The meeting check (missing party, owner share of an inspection group), live."""
        warnings = check_meeting(MeetingIn(kind=self.kind.value(), attendees=self.attendee_list()))
        self.warnings.setText("\n".join(self.tr("Warning: %1").replace("%1", w) for w in warnings))
        self.warnings.setVisible(bool(warnings))
        return warnings

    # --- resolutions --------------------------------------------------------------------
    def add_resolution(
        self, resolution: ResolutionIn, problem: tuple[str, str] | None = None
    ) -> int:
        row = self.resolutions.rowCount()
        self.resolutions.insertRow(row)
        content = QTableWidgetItem(resolution.content)
        content.setData(UUID_ROLE, resolution.uuid)
        self.resolutions.setItem(row, CONTENT, content)
        self.resolutions.setItem(row, OWNER_PARTY, QTableWidgetItem(resolution.responsible_party))
        self.resolutions.setItem(row, OWNER_UNIT, QTableWidgetItem(resolution.responsible_unit))
        deadline = OptionalDateEdit()
        deadline.set_value(resolution.deadline)
        self.resolutions.setCellWidget(row, DEADLINE, deadline)
        status = QTableWidgetItem(ResolutionStatus.label_of(resolution.status))
        status.setData(UUID_ROLE, resolution.status)
        status.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.resolutions.setItem(row, STATUS, status)
        linked = QTableWidgetItem()
        linked.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.resolutions.setItem(row, PROBLEM, linked)
        self._show_problem(row, problem)
        self._update_buttons()
        return row

    def _show_problem(self, row: int, problem: tuple[str, str] | None) -> None:
        item = self.resolutions.item(row, PROBLEM)
        item.setData(PROBLEM_ROLE, problem[0] if problem else None)
        item.setText(
            self.tr("Problem: %1").replace("%1", ProblemStatus.label_of(problem[1]))
            if problem
            else ""
        )

    def remove_selected_resolution(self) -> None:
        for row in sorted({i.row() for i in self.resolutions.selectedIndexes()}, reverse=True):
            self.resolutions.removeRow(row)
        self._update_buttons()

    def resolution_list(self) -> list[ResolutionIn]:
        found = []
        for row in range(self.resolutions.rowCount()):
            deadline = self.resolutions.cellWidget(row, DEADLINE)
            assert isinstance(deadline, OptionalDateEdit)
            status = self.resolutions.item(row, STATUS).data(UUID_ROLE)
            found.append(
                ResolutionIn(
                    content=self._text(self.resolutions, row, CONTENT),
                    responsible_party=self._text(self.resolutions, row, OWNER_PARTY),
                    responsible_unit=self._text(self.resolutions, row, OWNER_UNIT),
                    deadline=deadline.value(),
                    uuid=self.resolutions.item(row, CONTENT).data(UUID_ROLE),
                    status=status or ResolutionStatus.OPEN.value,
                )
            )
        return found

    def selected_resolution(self) -> int | None:
        rows = {i.row() for i in self.resolutions.selectedIndexes()}
        return min(rows) if rows else None

    def _problem_at(self, row: int) -> str | None:
        return self.resolutions.item(row, PROBLEM).data(PROBLEM_ROLE)

    def _update_buttons(self) -> None:
        row = self.selected_resolution()
        has_problem = row is not None and self._problem_at(row) is not None
        self.to_problem_button.setEnabled(row is not None and not has_problem)
        self.open_problem_button.setEnabled(has_problem)
        self.remove_resolution_button.setEnabled(row is not None and not has_problem)
        self.move_menu.clear()
        status = None if row is None else self.resolutions.item(row, STATUS).data(UUID_ROLE)
        for target in allowed_targets("resolution", status or ResolutionStatus.OPEN.value):
            action = self.move_menu.addAction(ResolutionStatus.label_of(target))
            action.triggered.connect(lambda _=False, to=target: self.ask_and_move(to))
        self.move_resolution_button.setEnabled(row is not None and not self.move_menu.isEmpty())

    def ask_and_move(self, target: str) -> bool:
        """A move back (已落实 → 落实中) needs a reason: asked for here, checked by the rule."""
        row = self.selected_resolution()
        status = None if row is None else self.resolutions.item(row, STATUS).data(UUID_ROLE)
        reason = ""
        if status == ResolutionStatus.DONE:
            reason, ok = QInputDialog.getText(
                self, self.tr("Reason"), self.tr("Why is the resolution not carried out after all?")
            )
            if not ok:
                return False
        return self.move_selected_resolution(target, reason)

    def move_selected_resolution(self, target: str, reason: str = "") -> bool:
        """Record the selected resolution's new status (who and when by the service); the
        meeting is saved first, so a new resolution has its id. False if nothing started;
        `moved` or `refused` says how it ended."""
        row = self.selected_resolution()
        if row is None:
            return False

        def move(_meeting: str) -> None:
            uuid = self.resolutions.item(row, CONTENT).data(UUID_ROLE)
            when = datetime.now()

            def work(session: Session, _job: object) -> None:
                move_resolution(session, uuid, target, when=when, reason=reason)

            def done(_result: None) -> None:
                status = self.resolutions.item(row, STATUS)
                status.setText(ResolutionStatus.label_of(target))
                status.setData(UUID_ROLE, target)
                self._update_buttons()
                self.saved.emit(self.uuid)
                self.moved.emit(target)

            def refused(problems: tuple[Problem, ...]) -> None:
                self.show_problems([Problem("resolutions", p.message) for p in problems])
                self.refused.emit()

            def failed(failure: Failure) -> None:
                self.show_problems([Problem("resolutions", failure.message)])
                self.refused.emit()

            Op(self, self.db.sessions, work, write=True).success(done).problems(refused).failure(
                failed
            ).run()

        return self.store(move) is not None

    def turn_into_problem(self) -> Op | None:
        """转为问题: the meeting is saved first (the resolution needs its id), then a problem
        form opens filled from the resolution; saved, the resolution shows it."""
        row = self.selected_resolution()
        if row is None:
            return None

        def open_form(_meeting: str) -> None:
            resolution = self.resolutions.item(row, CONTENT).data(UUID_ROLE)
            with self.db.reader() as session:
                draft = draft_from_resolution(session, resolution, today=self.today)
            form = ProblemForm(self.db, None, self, draft=draft, today=self.today)
            form.saved.connect(lambda _uuid: self.show_links())
            form.open()
            self.problem_form = form
            self.opened.emit(form)

        return self.store(open_form)

    def open_problem(self) -> ProblemForm | None:
        row = self.selected_resolution()
        problem = None if row is None else self._problem_at(row)
        if problem is None:
            return None
        form = ProblemForm(self.db, problem, self, today=self.today)
        form.saved.connect(lambda _uuid: self.show_links())
        form.open()
        self.problem_form = form
        return form

    def show_links(self) -> None:
        if self.uuid is None:
            return
        with self.db.reader() as session:
            links = resolution_problems(session, self.uuid)
        for row in range(self.resolutions.rowCount()):
            self._show_problem(row, links.get(self.resolutions.item(row, CONTENT).data(UUID_ROLE)))
        self._update_buttons()

    # --- minutes ------------------------------------------------------------------------
    def print_minutes(self):  # type: ignore[no-untyped-def]
        """Save, then show the 联席会议纪要 filled from the stored meeting, to print or save."""
        from ui.dialogs.minutes_dialog import MinutesDialog  # loads ReportLab: on demand

        def open_dialog(uuid: str) -> None:
            dialog = MinutesDialog(self.db, uuid, self)
            dialog.open()
            self.minutes_dialog = dialog
            self.opened.emit(dialog)

        return self.store(open_dialog)

    # --- load and save ------------------------------------------------------------------
    def load(self, data: MeetingIn) -> None:
        self.kind.set_value(data.kind)
        self.held_on.set_value(data.held_on)
        self.venue.setText(data.venue)
        self.host.setText(data.host)
        self.community.set_value(data.community_code or None)
        if not data.community_code and self.community.count():
            self.community.setCurrentIndex(0)
        self.estate.set_value(data.estate_uuid)
        self.topics.setPlainText(data.topics)
        self.minutes.setPlainText(data.minutes)
        for attendee in data.attendees:
            self.add_attendee(attendee)
        for resolution in data.resolutions:
            self.add_resolution(resolution)
        self.show_links()
        self.update_warnings()

    def value(self) -> MeetingIn:
        return MeetingIn(
            kind=self.kind.value(),
            held_on=self.held_on.value(),
            venue=self.venue.text(),
            host=self.host.text(),
            community_code=self.community.value(),
            estate_uuid=self.estate.value(),
            topics=self.topics.toPlainText(),
            minutes=self.minutes.toPlainText(),
            attendees=self.attendee_list(),
            resolutions=self.resolution_list(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value = self.uuid, self.value()

        def write(session: Session) -> str:
            self.saved_meeting = save_meeting(session, uuid, value)  # plain values
            return self.saved_meeting.uuid

        return write

    def write(self, session: Session) -> str:
        return self.collect()(session)

    def written(self, uuid: str) -> None:
        for row, resolution in enumerate(self.saved_meeting.resolution_uuids):
            self.resolutions.item(row, CONTENT).setData(UUID_ROLE, resolution)  # new ids

    @staticmethod
    def _text(table: QTableWidget, row: int, col: int) -> str:
        item = table.item(row, col)
        return item.text() if item else ""
