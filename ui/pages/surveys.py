"""满意度调查 (task 2): the estates' survey campaigns, answers entered from paper (or the
`survey_answer` import), and the result printed as a 公告."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy.orm import Session

from app.db import Database
from app.services.surveys import SURVEYS, delete_campaign
from ui.forms.survey_forms import SurveyAnswerForm, SurveyCampaignForm
from ui.jobs import Job
from ui.ops import Op
from ui.pages.ledger_page import LedgerPage
from ui.widgets.pdf_output import ask_pdf_path


class SurveysPage(LedgerPage):
    import_kind = "survey_answer"
    watches = frozenset({"survey_campaign", "survey_response", "survey_result_print", "estate"})
    title = "满意度调查"
    result_printed = Signal(str)  # what was printed, said under the list

    def __init__(self, db: Database, parent=None) -> None:
        headers = [self.tr("Community"), self.tr("Estate"), self.tr("Survey"),
                   self.tr("Starts on"), self.tr("Method"), self.tr("Sample size"),
                   self.tr("Answers"), self.tr("Result printed")]  # fmt: skip
        super().__init__(db, SURVEYS, headers, parent)
        self.answers_button = QPushButton(self.tr("Enter answers…"))
        self.answers_button.setToolTip(
            self.tr("Type the selected survey's paper questionnaires, one after another")
        )
        self.list_button = QPushButton(self.tr("Answers…"))
        self.list_button.setToolTip(
            self.tr("List the selected survey's answers to correct or delete one")
        )
        self.print_button = QPushButton(self.tr("Print result…"))
        at = self.bar.indexOf(self.delete_button) + 1
        self.bar.insertWidget(at, self.answers_button)
        self.bar.insertWidget(at + 1, self.list_button)
        self.bar.insertWidget(at + 2, self.print_button)
        self.answers_button.clicked.connect(self.enter_answers)
        self.list_button.clicked.connect(self.list_answers)
        self.print_button.clicked.connect(self.choose_print)
        self.table.selectionModel().selectionChanged.connect(self._update_survey_buttons)
        self.model.modelReset.connect(self._update_survey_buttons)
        self.table.setColumnWidth(1, 140)
        self.table.setColumnWidth(2, 220)
        self._update_survey_buttons()
        self.result_printed.connect(self.count_label.setText)

    def _update_survey_buttons(self) -> None:
        chosen = self.selected_row() is not None
        self.answers_button.setEnabled(chosen)
        self.list_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def enter_answers(self) -> SurveyAnswerForm | None:
        row = self.selected_row()
        if row is None:
            return None
        form = SurveyAnswerForm(self.db, self, campaign=self.model.uuid_at(row))
        form.saved.connect(lambda _uuid: self.changed.emit())
        form.open()
        self.current_form = form
        return form

    def list_answers(self) -> QDialog | None:
        """The selected survey's answers, each to open in the answer form."""
        from ui.dialogs.survey_answers import SurveyAnswersDialog

        row = self.selected_row()
        if row is None:
            return None
        dialog = SurveyAnswersDialog(
            self.db, self.model.uuid_at(row), str(self.model.index(row, 2).data()), self
        )
        dialog.open()
        self.answers_dialog = dialog
        return dialog

    def choose_print(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        target = ask_pdf_path(self, f"{self.model.index(row, 2).data()}结果.pdf")
        if target is not None:
            self.print_result(target)

    def print_result(self, out: Path, today: date | None = None) -> Job | None:
        """The result as a 公告, the campaign's next version: planned, drawn and recorded in
        one write off the GUI thread (no print record without the PDF)."""
        row = self.selected_row()
        if row is None:
            return None
        uuid, day = self.model.uuid_at(row), today or date.today()

        def draw(session: Session, _job: object) -> str:
            from app.services.survey_prints import plan_survey_result, record_survey_result
            from reports.pdf.fonts import configured_fonts
            from reports.pdf.survey import draw_survey_result

            content = plan_survey_result(session, uuid, today=day)
            draw_survey_result(content, out, fonts=configured_fonts())
            record_survey_result(session, content)
            return f"{content.title}（第{content.version}版）：{out}"

        op = Op(self, self.db.sessions, draw, write=True, tables=("survey_result_print",),
                title=self.tr("Print result"))  # fmt: skip
        return op.success(self.result_printed.emit).run()

    def search_hint(self) -> str:
        return self.tr("Search estate or survey (Ctrl+F)")

    def make_form(self, uuid: str | None) -> SurveyCampaignForm:
        return SurveyCampaignForm(self.db, uuid, self)

    def delete_record(self, session: Session, uuid: str) -> None:
        delete_campaign(session, uuid)
