"""答卷: the questionnaires entered for one satisfaction survey, listed (问卷编号, date, the
score given to each item) so a worker can open one in the answer form to correct it or
delete it. The list is read off the GUI thread; the form saves through the same service
(`add_response`) as `wuye survey answer --number` and the `survey_answer` import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from ui.forms.survey_forms import SurveyAnswerForm
from ui.ops import Op, changes, touches
from ui.widgets.plain_table import PlainTable

WATCHES = frozenset({"survey_response", "survey_campaign"})


def _answers_work(campaign_uuid: str) -> Callable[[Session, Any], dict[str, Any]]:
    def work(session: Session, _job: Any) -> dict[str, Any]:
        from app.services.surveys import campaign_items, response_lines

        scale, items = campaign_items(session, campaign_uuid)
        return {"scale": scale, "items": items, "lines": response_lines(session, campaign_uuid)}

    return work


class SurveyAnswersDialog(QDialog):
    loaded = Signal()  # the list is shown

    def __init__(
        self, db: Database, campaign_uuid: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.campaign_uuid = campaign_uuid
        self.form: SurveyAnswerForm | None = None
        self.setWindowTitle(self.tr("Answers: %1").replace("%1", title))
        self.resize(900, 520)
        self.table = PlainTable([self.tr("Questionnaire no."), self.tr("Answered on")])
        self.count_label = QLabel()
        self.open_button = QPushButton(self.tr("Correct or delete…"))
        self.open_button.setToolTip(self.tr("Open the selected answer in the answer form"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: self.open_answer())
        self.close_button.clicked.connect(self.accept)
        self.table.doubleClicked.connect(lambda _index: self.open_answer())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        changes().tables_changed.connect(self._tables_changed)
        self._update_buttons()
        self.load()

    def _tables_changed(self, tables: frozenset[str]) -> None:
        if touches(tables, WATCHES):
            self.load()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.table.selected_key() is not None)

    def load(self) -> Op:
        op = Op(self, self.db.reader, _answers_work(self.campaign_uuid))
        op.success(self.show_answers)
        op.run()
        return op

    def show_answers(self, data: dict[str, Any]) -> None:
        items, lines = data["items"], data["lines"]
        headers = [self.tr("Questionnaire no."), self.tr("Answered on"),
                   *(f"{n}. {item.text}" for n, item in enumerate(items, 1))]  # fmt: skip
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        blank = "—"  # not answered
        rows = [
            [line.number, line.answered_on.isoformat() if line.answered_on else "",
             *(blank if line.scores.get(i.code) is None else str(line.scores[i.code])
               for i in items)]
            for line in lines
        ]  # fmt: skip
        self.table.set_rows(rows, keys=[line.uuid for line in lines])
        self.count_label.setText(
            self.tr("%1 answers; score 1 to %2, — not answered")
            .replace("%1", str(len(lines))).replace("%2", str(data["scale"]))
        )  # fmt: skip
        self._update_buttons()
        self.loaded.emit()

    def open_answer(self, uuid: str | None = None) -> SurveyAnswerForm | None:
        """The answer in the form it was typed in: correct it, or delete it."""
        uuid = uuid or self.table.selected_key()
        if uuid is None:
            return None
        form = SurveyAnswerForm(self.db, self, response=uuid)
        form.saved.connect(lambda _uuid: self.load())
        form.deleted.connect(lambda _uuid: self.load())
        form.open()
        self.form = form
        return form
