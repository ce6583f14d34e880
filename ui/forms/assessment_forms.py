"""The 考核 forms: a self-score of one item of the sheet received from above (自评计分, with
its evidence) and the review of one office's self-score (复查复核: the final points and the
opinion). Saved through app/services/assessment.py, the service of `wuye assessment`; a score
above the item's maximum is refused at the field."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QLineEdit, QWidget
from sqlalchemy.orm import Session

from app.db import Database
from app.services.assessment import review_score, self_score
from ui.forms.form_dialog import FormDialog
from ui.forms.problem_form import text_box


def _points_box() -> QDoubleSpinBox:
    """Points in half steps; the upper bound is the service's to check (a clear message)."""
    box = QDoubleSpinBox()
    box.setDecimals(1)
    box.setSingleStep(0.5)
    box.setRange(0, 1000)
    return box


class ScoreForm(FormDialog):
    """`item`: the item as listed (year, n, title, max_points, evidence, figure_text)."""

    record_table = "assessment_score"
    keeps_drafts = False

    def __init__(self, db: Database, item: dict[str, Any], parent: QWidget | None = None, *,
                 today: date | None = None):  # fmt: skip
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.item = item
        title = self.tr("Self-score item %1: %2").replace("%1", str(item["n"]))
        self.setWindowTitle(title.replace("%2", str(item["title"])))
        self.setMinimumWidth(560)
        rule = QLabel(f"{item['evidence']}（{item['max_points']:g}）")
        rule.setWordWrap(True)
        self.add_field("rule", self.tr("What counts"), rule)
        self.points = self.add_field("points", self.tr("Points"), _points_box())
        self.evidence = self.add_field("evidence", self.tr("Evidence"), text_box(3))

    def write(self, session: Session) -> str:
        return self_score(session, int(self.item["year"]), int(self.item["n"]),
                          points=self.points.value(), evidence=self.evidence.toPlainText(),
                          on=self.today, today=self.today)  # fmt: skip


class ReviewForm(FormDialog):
    """`score`: one office's self-score of an item as listed (year, n, title, max_points,
    office, office_name, points, figure_text, evidence)."""

    record_table = "assessment_review"
    keeps_drafts = False

    def __init__(self, db: Database, score: dict[str, Any], parent: QWidget | None = None, *,
                 today: date | None = None):  # fmt: skip
        super().__init__(db, None, parent)
        self.today = today or date.today()
        self.score = score
        self.setWindowTitle(self.tr("Review %1, item %2").replace("%1", str(score["office_name"]))
                            .replace("%2", f"{score['n']} {score['title']}"))  # fmt: skip
        self.setMinimumWidth(560)
        said = QLabel(f"{score['points']:g} / {score['max_points']:g}　{score['figure_text']}"
                      f"　{score['evidence']}")  # fmt: skip
        said.setWordWrap(True)
        self.add_field("self", self.tr("Self-score"), said)
        self.points = self.add_field("points", self.tr("Final points"), _points_box())
        self.points.setValue(float(score["points"]))
        self.opinion = self.add_field("opinion", self.tr("Opinion"), QLineEdit())

    def write(self, session: Session) -> str:
        return review_score(session, int(self.score["year"]), int(self.score["n"]),
                            str(self.score["office"]), points=self.points.value(),
                            opinion=self.opinion.text(), on=self.today,
                            today=self.today)  # fmt: skip
