"""A satisfaction survey's result as a 公告 through the notice engine; the figures and the
version come from `app.services.survey_prints`, this module only lays them out."""

from __future__ import annotations

from pathlib import Path

from app.services.survey_prints import SurveyResultContent
from reports.pdf.fonts import FontSet
from reports.pdf.notice import build_notice
from reports.pdf.templates import FilledNotice


def draw_survey_result(
    content: SurveyResultContent, out: Path, *, fonts: FontSet | None = None
) -> Path:
    filled = FilledNotice(
        name="满意度调查结果",
        kind="公告",
        title=content.title,
        # the version last, so the one on the wall can be checked against the ledger
        paragraphs=(*content.paragraphs, f"本公告为第{content.version}版。"),
        signature=content.signature,
    )
    return build_notice(filled, out, date=content.published_on, fonts=fonts)
