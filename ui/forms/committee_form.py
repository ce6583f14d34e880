"""The committee form: term, filing, and the roster edited as a sub-table with live party share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.codes import CommitteeKind, CommitteeStatus, MemberRole
from app.db import Database
from app.rules.masking import mask_field
from app.rules.vetting import CheckIn, vetting_summary
from app.services.committees import (
    CommitteeIn,
    MemberIn,
    committee_warnings,
    get_committee,
    party_share,
    save_committee,
)
from app.services.estates import estate_label, estate_matches
from ui.forms.form_dialog import FormDialog
from ui.forms.vetting_dialog import VettingDialog
from ui.widgets.field_error import ERROR_STYLE, WARNING_STYLE, error_label
from ui.widgets.fields import CodeCombo, OptionalDateEdit

NAME, ROLE, PARTY, PHONE, VETTING = range(5)
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
ID_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2  # not shown here, but must survive a save
CLEAR_PHONE_ROLE = Qt.ItemDataRole.UserRole + 3  # a masked phone's value, until revealed
CHECKS_ROLE = Qt.ItemDataRole.UserRole + 4  # the member's eligibility checks (list[CheckIn])


class CommitteeForm(FormDialog):
    record_table = "committee"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Committee") if uuid else self.tr("New committee"))
        self.setMinimumWidth(680)
        with db.reader() as session:
            loaded = get_committee(session, uuid) if uuid else CommitteeIn()
            current = estate_label(session, loaded.estate_uuid) if uuid else ""

        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.estate_search = QLineEdit()
        self.estate_search.setPlaceholderText(self.tr("Type to find an estate"))
        self.estate = CodeCombo([(loaded.estate_uuid, current)] if uuid else [])
        row.addWidget(self.estate_search, 1)
        row.addWidget(self.estate, 2)
        self.add_field("estate_uuid", self.tr("Estate"), picker)
        self.fields["estate_uuid"] = self.estate
        self.estate_search.textChanged.connect(self.find_estates)

        self.kind = self.add_field("kind", self.tr("Kind"), CodeCombo(CommitteeKind.choices()))
        self.term_number = self.add_field("term_number", self.tr("Term number"), QSpinBox())
        self.term_number.setRange(1, 99)
        self.elected_on = self.add_field("elected_on", self.tr("Elected on"), OptionalDateEdit())
        self.term_start = self.add_field("term_start", self.tr("Term starts"), OptionalDateEdit())
        self.term_end = self.add_field("term_end", self.tr("Term ends"), OptionalDateEdit())
        self.filed_on = self.add_field("filed_on", self.tr("Filed on"), OptionalDateEdit())
        self.first_meeting_on = self.add_field(
            "first_meeting_on", self.tr("First meeting on"), OptionalDateEdit()
        )
        # DOMAIN.md §2 dates missed (filing ≤ 30 days, first meeting ≤ 3 days): shown while
        # typing, never blocking, the same lines the Excel import reports.
        self.date_warnings = QLabel()
        self.date_warnings.setWordWrap(True)
        self.date_warnings.setStyleSheet(WARNING_STYLE)
        self.date_warnings.setVisible(False)
        self.extra.addWidget(self.date_warnings)
        self.status = self.add_field(
            "status", self.tr("Status"), CodeCombo(CommitteeStatus.choices())
        )

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.members = QTableWidget(0, 5)
        self.members.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Party member"),
                self.tr("Phone"),
                self.tr("Eligibility checks"),
            ]
        )
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.verticalHeader().setVisible(False)
        self.members.setMinimumHeight(220)
        buttons = QHBoxLayout()
        self.add_member_button = QPushButton(self.tr("Add member"))
        self.remove_member_button = QPushButton(self.tr("Remove member"))
        self.vetting_button = QPushButton(self.tr("Eligibility checks…"))
        self.vetting_button.setToolTip(
            self.tr("Recommendation and review stages: record who checked each condition, and when")
        )
        self.party_label = QLabel()
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addWidget(self.vetting_button)
        buttons.addStretch(1)
        buttons.addWidget(self.party_label)
        column.addWidget(self.members)
        column.addLayout(buttons)
        self.members_error = error_label()
        column.addWidget(self.members_error)
        self.extra.addWidget(box)
        self.fields["members"] = self.members
        self.errors["members"] = self.members_error

        self.add_member_button.clicked.connect(lambda: self.add_member(MemberIn(name="")))
        self.remove_member_button.clicked.connect(self.remove_selected_member)
        self.vetting_button.clicked.connect(self.edit_selected_checks)
        self.members.itemChanged.connect(self.update_party_share)
        for edit in (self.elected_on, self.filed_on, self.first_meeting_on):
            edit.dateChanged.connect(self.update_date_warnings)
        self.kind.currentIndexChanged.connect(self.update_date_warnings)
        self.load(loaded)
        if not uuid:
            self.find_estates("")
        self.estate_search.setFocus()

    # --- estate picker ------------------------------------------------------------------
    def find_estates(self, text: str) -> None:
        with self.db.reader() as session:
            matches = estate_matches(session, text)
        self.estate.set_choices(matches.choices, matches.more)
        if self.estate.currentIndex() < 0 and self.estate.count():
            self.estate.setCurrentIndex(0)

    # --- roster -------------------------------------------------------------------------
    def add_member(self, member: MemberIn) -> int:
        row = self.members.rowCount()
        self.members.blockSignals(True)
        self.members.insertRow(row)
        name = QTableWidgetItem(member.name)
        name.setData(UUID_ROLE, member.uuid)
        name.setData(ID_NUMBER_ROLE, member.id_number)
        name.setData(CHECKS_ROLE, list(member.checks))
        self.members.setItem(row, NAME, name)
        role = CodeCombo(MemberRole.choices())
        role.set_value(member.role)
        role.currentIndexChanged.connect(self.update_party_share)
        self.members.setCellWidget(row, ROLE, role)
        party = QTableWidgetItem()
        party.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        party.setCheckState(
            Qt.CheckState.Checked if member.party_member else Qt.CheckState.Unchecked
        )
        self.members.setItem(row, PARTY, party)
        self.members.setItem(row, PHONE, self._phone_item(member.phone))
        vetting = QTableWidgetItem(vetting_summary(member.checks))
        vetting.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.members.setItem(row, VETTING, vetting)
        self.members.blockSignals(False)
        self.update_party_share()
        return row

    def _phone_item(self, phone: str) -> QTableWidgetItem:
        """A member's phone masked like any personal field, read only until revealed."""
        shown = str(mask_field("phone", phone) or "")
        item = QTableWidgetItem(shown)
        if phone and shown != phone:
            item.setData(CLEAR_PHONE_ROLE, phone)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        return item

    def masked_fields(self) -> list[str]:
        masked = any(
            (item := self.members.item(row, PHONE)) is not None
            and item.data(CLEAR_PHONE_ROLE) is not None
            for row in range(self.members.rowCount())
        )
        return super().masked_fields() + (["phone"] if masked else [])

    def unmask(self) -> None:
        super().unmask()
        self.members.blockSignals(True)
        for row in range(self.members.rowCount()):
            item = self.members.item(row, PHONE)
            if item is not None and (clear := item.data(CLEAR_PHONE_ROLE)) is not None:
                item.setData(CLEAR_PHONE_ROLE, None)
                item.setText(clear)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.members.blockSignals(False)

    def remove_selected_member(self) -> None:
        rows = sorted({i.row() for i in self.members.selectedIndexes()}, reverse=True)
        for row in rows:
            self.members.removeRow(row)
        self.update_party_share()

    def member_checks(self, row: int) -> list[CheckIn]:
        name = self.members.item(row, NAME)
        return list(name.data(CHECKS_ROLE) or []) if name else []

    def set_member_checks(self, row: int, checks: list[CheckIn]) -> None:
        name, shown = self.members.item(row, NAME), self.members.item(row, VETTING)
        if name is not None and shown is not None:
            self.members.blockSignals(True)
            name.setData(CHECKS_ROLE, list(checks))
            shown.setText(vetting_summary(checks))
            self.members.blockSignals(False)

    def vetting_dialog(self, row: int) -> VettingDialog:
        name = self.members.item(row, NAME)
        return VettingDialog(name.text() if name else "", self.member_checks(row), self)

    def edit_selected_checks(self) -> None:
        row = self.members.currentRow()
        if row < 0:
            return
        dialog = self.vetting_dialog(row)
        if dialog.exec() == VettingDialog.DialogCode.Accepted:
            self.set_member_checks(row, dialog.checks())

    def roster(self) -> list[MemberIn]:
        members = []
        for row in range(self.members.rowCount()):
            name = self.members.item(row, NAME)
            role = self.members.cellWidget(row, ROLE)
            party = self.members.item(row, PARTY)
            phone = self.members.item(row, PHONE)
            assert isinstance(role, CodeCombo)
            members.append(
                MemberIn(
                    name=name.text() if name else "",
                    role=role.value(),
                    party_member=bool(party and party.checkState() == Qt.CheckState.Checked),
                    phone=(phone.data(CLEAR_PHONE_ROLE) or phone.text()) if phone else "",
                    id_number=(name.data(ID_NUMBER_ROLE) or "") if name else "",
                    uuid=name.data(UUID_ROLE) if name else None,
                    checks=self.member_checks(row),
                )
            )
        return members

    def update_party_share(self) -> None:
        share = party_share(self.roster())
        text = self.tr("Party members %1 of %2 seated (%3)")
        self.party_label.setText(
            text.replace("%1", str(share.party))
            .replace("%2", str(share.seated))
            .replace("%3", share.percent_text)
        )
        ok = share.met
        self.party_label.setStyleSheet("" if ok else ERROR_STYLE)
        self.party_label.setToolTip("" if ok else self.tr("Task 4 asks for at least 50%"))

    def update_date_warnings(self) -> list[str]:
        lines = [p.message for p in committee_warnings(self.value(), today=date.today())]
        self.date_warnings.setText(
            "\n".join(self.tr("Warning: %1").replace("%1", line) for line in lines)
        )
        self.date_warnings.setVisible(bool(lines))
        return lines

    # --- load and save ------------------------------------------------------------------
    def load(self, data: CommitteeIn) -> None:
        self.kind.set_value(data.kind)
        self.term_number.setValue(data.term_number)
        self.elected_on.set_value(data.elected_on)
        self.term_start.set_value(data.term_start)
        self.term_end.set_value(data.term_end)
        self.filed_on.set_value(data.filed_on)
        self.first_meeting_on.set_value(data.first_meeting_on)
        self.status.set_value(data.status)
        for member in data.members:
            self.add_member(member)
        self.update_party_share()
        self.update_reveal()
        self.update_date_warnings()

    def value(self) -> CommitteeIn:
        return CommitteeIn(
            estate_uuid=self.estate.value(),
            kind=self.kind.value(),
            term_number=self.term_number.value(),
            elected_on=self.elected_on.value(),
            term_start=self.term_start.value(),
            term_end=self.term_end.value(),
            filed_on=self.filed_on.value(),
            status=self.status.value(),
            first_meeting_on=self.first_meeting_on.value(),
            members=self.roster(),
        )

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        return lambda session: save_committee(session, uuid, value, today=today)

    def write(self, session: Session) -> str:
        return self.collect()(session)
