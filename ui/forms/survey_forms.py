"""满意度调查 (task 2): a campaign's questionnaire (items, scale, weights, sample, method) and
the answers typed from paper one questionnaire after another. Both save through
app.services.surveys, the service the `survey_answer` import and `wuye survey` use."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.rules.surveys import METHODS, SCALE_MAX, SCALE_MIN, SurveyItem
from app.services.estates import estate_choices
from app.services.surveys import (
    CampaignIn,
    add_response,
    campaign_choices,
    campaign_items,
    delete_response,
    get_campaign,
    get_response,
    save_campaign,
)
from ui.forms.form_dialog import FormDialog
from ui.widgets.field_error import error_label
from ui.widgets.fields import CodeCombo, OptionalDateEdit, OptionalIntEdit, count_box

CODE, TEXT, WEIGHT = range(3)


class SurveyCampaignForm(FormDialog):
    record_table = "survey_campaign"

    def __init__(self, db: Database, uuid: str | None = None, parent: QWidget | None = None):
        super().__init__(db, uuid, parent)
        self.setWindowTitle(self.tr("Satisfaction survey") if uuid else self.tr("New survey"))
        self.setMinimumWidth(640)
        with db.reader() as session:
            loaded = get_campaign(session, uuid) if uuid else CampaignIn(started_on=date.today())
            choices = estate_choices(session)
            if loaded.estate_uuid and loaded.estate_uuid not in {c for c, _ in choices}:
                choices = estate_choices(session, limit=10_000)
        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.estate_search = QLineEdit()
        self.estate_search.setPlaceholderText(self.tr("Type to find an estate"))
        self.estate = CodeCombo(choices)
        row.addWidget(self.estate_search, 1)
        row.addWidget(self.estate, 2)
        self.add_field("estate_uuid", self.tr("Estate"), picker)
        self.fields["estate_uuid"] = self.estate
        self.estate_search.textChanged.connect(self.find_estates)
        self.title = self.add_field("title", self.tr("Survey name"), QLineEdit())
        self.title.setPlaceholderText(self.tr("e.g. 2026 autumn satisfaction survey"))
        self.started_on = self.add_field("started_on", self.tr("Starts on"), OptionalDateEdit())
        self.ended_on = self.add_field("ended_on", self.tr("Ends on"), OptionalDateEdit())
        self.method = self.add_field("method", self.tr("Method"), CodeCombo(list(METHODS)))
        self.sample_size = self.add_field("sample_size", self.tr("Sample size"), count_box(100_000))
        scale = QSpinBox()
        scale.setRange(SCALE_MIN, SCALE_MAX)
        self.scale = self.add_field("scale", self.tr("Score 1 to"), scale)

        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Questionnaire items (code, question, weight)")))
        self.items = QTableWidget(0, 3)
        self.items.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Question"), self.tr("Weight")]
        )
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.items.setColumnWidth(CODE, 110)
        self.items.setColumnWidth(WEIGHT, 70)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.verticalHeader().setVisible(False)
        self.items.setMinimumHeight(180)
        buttons = QHBoxLayout()
        self.add_item_button = QPushButton(self.tr("Add item"))
        self.remove_item_button = QPushButton(self.tr("Remove item"))
        buttons.addWidget(self.add_item_button)
        buttons.addWidget(self.remove_item_button)
        buttons.addStretch(1)
        column.addWidget(self.items)
        column.addLayout(buttons)
        self.items_error = error_label()
        column.addWidget(self.items_error)
        self.extra.addWidget(box)
        self.fields["items"] = self.items
        self.errors["items"] = self.items_error
        self.add_item_button.clicked.connect(
            lambda: self.add_item(SurveyItem(f"q{self.items.rowCount() + 1}", ""))
        )
        self.remove_item_button.clicked.connect(self.remove_selected_items)

        self.estate.set_value(loaded.estate_uuid)
        if self.estate.currentIndex() < 0 and self.estate.count():
            self.estate.setCurrentIndex(0)
        self.title.setText(loaded.title)
        self.started_on.set_value(loaded.started_on)
        self.ended_on.set_value(loaded.ended_on)
        self.method.set_value(loaded.method)
        self.sample_size.setValue(loaded.sample_size)
        self.scale.setValue(loaded.scale)
        for item in loaded.items:
            self.add_item(item)

    def find_estates(self, text: str) -> None:
        with self.db.reader() as session:
            choices = estate_choices(session, text)
        self.estate.set_choices(choices, 0)
        if self.estate.currentIndex() < 0 and self.estate.count():
            self.estate.setCurrentIndex(0)

    def add_item(self, item: SurveyItem) -> int:
        row = self.items.rowCount()
        self.items.insertRow(row)
        self.items.setItem(row, CODE, QTableWidgetItem(item.code))
        self.items.setItem(row, TEXT, QTableWidgetItem(item.text))
        weight = QSpinBox()
        weight.setRange(1, 100)
        weight.setValue(max(item.weight, 1))
        self.items.setCellWidget(row, WEIGHT, weight)
        return row

    def remove_selected_items(self) -> None:
        for row in sorted({i.row() for i in self.items.selectedIndexes()}, reverse=True):
            self.items.removeRow(row)

    def item_values(self) -> list[SurveyItem]:
        out = []
        for row in range(self.items.rowCount()):
            code, text = (self.items.item(row, c) for c in (CODE, TEXT))
            weight = self.items.cellWidget(row, WEIGHT)
            assert isinstance(weight, QSpinBox)
            out.append(SurveyItem(code.text().strip() if code else "",
                                  text.text().strip() if text else "", weight.value()))  # fmt: skip
        return out

    def value(self) -> CampaignIn:
        return CampaignIn(
            self.estate.value(), self.title.text(), self.started_on.value(),
            self.ended_on.value(), self.method.value(), self.sample_size.value(),
            self.scale.value(), self.item_values(),
        )  # fmt: skip

    def collect(self) -> Callable[[Session], str]:
        uuid, value, today = self.uuid, self.value(), date.today()
        return lambda session: save_campaign(session, uuid, value, today=today)

    def write(self, session: Session) -> str:
        return self.collect()(session)

    def show_problems(self, problems) -> None:  # type: ignore[no-untyped-def,override]
        """An item's problem (items.<n>.<field>) is shown under the items table."""
        from app.errors import Problem

        super().show_problems(
            [Problem("items", p.message) if p.field.startswith("items.") else p for p in problems]
        )


class SurveyAnswerForm(FormDialog):
    """One paper questionnaire: a score box per item (blank: not answered). 保存并录入下一份
    keeps the form open for the next sheet of the pile, its number counted on. Opened on an
    entered answer (`response`), it corrects or deletes that one. A score box takes any
    number, so a typo off the scale is refused by the service with its message at the box
    rather than silently cut to the scale."""

    record_table = "survey_response"
    keeps_drafts = False  # not reopened as (db, uuid): a new answer, or one opened from a list
    deleted = Signal(str)  # the answer's uuid

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, campaign: str = "",
        response: str | None = None,
    ) -> None:  # fmt: skip
        loaded = None
        if response is not None:
            with db.reader() as session:
                campaign, loaded = get_response(session, response)
        super().__init__(db, response, parent)
        self.response = response
        self.setWindowTitle(
            self.tr("Correct an answer") if response else self.tr("Enter answers from paper")
        )
        self.setMinimumWidth(560)
        with db.reader() as session:
            choices = campaign_choices(session, limit=10_000)
        self.campaign = self.add_field("campaign", self.tr("Survey"), CodeCombo(choices))
        self.number = self.add_field("number", self.tr("Questionnaire no."), QLineEdit())
        self.number.setPlaceholderText(self.tr("As written on the paper (may be left blank)"))
        self.answered_on = self.add_field("answered_on", self.tr("Answered on"), OptionalDateEdit())
        self.answered_on.set_value(date.today())
        self.scores_box = QWidget()
        self.scores_form = QFormLayout(self.scores_box)
        self.scores_form.setContentsMargins(0, 0, 0, 0)
        self.extra.addWidget(self.scores_box)
        self.scores_error = error_label()
        self.extra.addWidget(self.scores_error)
        self.errors["scores"] = self.scores_error
        self.entered = QLabel()
        self.extra.addWidget(self.entered)
        self.extra.addStretch(1)  # the scores stay under the header fields, not spread out
        self.history_button.setVisible(False)  # each save is a new answer
        self.boxes: dict[str, OptionalIntEdit] = {}
        self.next_button = QPushButton(self.tr("Save and enter next"))
        self.buttons.addButton(self.next_button, self.buttons.ButtonRole.ActionRole)
        self.next_button.clicked.connect(self.save_and_next)
        self.count = 0
        self.campaign.currentIndexChanged.connect(self.load_items)
        self.campaign.set_value(campaign)
        if self.campaign.currentIndex() < 0 and self.campaign.count():
            self.campaign.setCurrentIndex(0)
        self.load_items()
        self.delete_button = self.buttons.addButton(
            self.tr("Delete this answer"), self.buttons.ButtonRole.DestructiveRole
        )
        self.delete_button.clicked.connect(self.delete_answer)
        self.delete_button.setVisible(loaded is not None)
        self.delete_button.setEnabled(self.save_button.isEnabled())  # 查看: reads only
        if loaded is not None:  # correcting one answer: not the start of a pile
            self.campaign.setEnabled(False)
            self.next_button.setVisible(False)
            self.number.setText(loaded.number)
            self.answered_on.set_value(loaded.answered_on)
            for code, box in self.boxes.items():
                box.set_value(loaded.scores.get(code))

    def delete_answer(self) -> None:
        """After asking: the answer no longer counts (a sheet entered by mistake)."""
        if self.response is None:
            return
        asked = QMessageBox.question(
            self, self.tr("Delete this answer"),
            self.tr("Delete questionnaire %1? It will no longer count in the scores.")
            .replace("%1", self.number.text() or self.tr("(no number)")),
        )  # fmt: skip
        if asked == QMessageBox.StandardButton.Yes:
            self.remove()

    def remove(self) -> None:
        uuid = str(self.response)

        def gone() -> None:
            self.deleted.emit(uuid)
            self.accept()

        self.write_now(lambda session: delete_response(session, uuid), gone)
    def load_items(self) -> None:
        while self.scores_form.rowCount():
            self.scores_form.removeRow(0)
        self.boxes = {}
        if not self.campaign.value():
            return
        with self.db.reader() as session:
            scale, items = campaign_items(session, self.campaign.value())
        for n, item in enumerate(items, 1):
            box = OptionalIntEdit(1, 99)  # off the scale: refused at the box, never cut
            box.setMaximumWidth(90)
            box.setToolTip(self.tr("1 to %1; blank: not answered").replace("%1", str(scale)))
            self.boxes[item.code] = box
            error = error_label()
            self.errors[f"scores.{item.code}"] = error
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(box)
            column.addWidget(error)
            self.scores_form.addRow(f"{n}. {item.text}", cell)

    def scores(self) -> dict[str, int | None]:
        return {code: box.value_or_none() for code, box in self.boxes.items()}

    def collect(self) -> Callable[[Session], str]:
        campaign, scores = self.campaign.value(), self.scores()
        number, on, uuid = self.number.text(), self.answered_on.value(), self.response
        return lambda session: add_response(
            session, campaign, scores, answered_on=on, number=number, uuid=uuid
        )

    def write(self, session: Session) -> str:
        return self.collect()(session)

    def save(self) -> None:
        self.store(lambda _uuid: self.accept())

    def save_and_next(self) -> None:
        self.store(lambda _uuid: self.next_sheet())

    def next_sheet(self) -> None:
        """Ready for the next questionnaire of the pile: scores cleared, number counted on."""
        self.count += 1
        self.uuid = None
        self.entered.setText(self.tr("Questionnaires entered: %1").replace("%1", str(self.count)))
        for box in self.boxes.values():
            box.set_value(None)
        number = self.number.text().strip()
        if number.isdigit():
            self.number.setText(str(int(number) + 1).zfill(len(number)))
        if self.boxes:
            next(iter(self.boxes.values())).setFocus()
