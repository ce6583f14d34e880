"""The satisfaction survey result 公告 as printed (task 2), versioned like the disclosure
boards and the problem lists (`app/services/print_versions.py`): every print is the
campaign's next version, stored with its content exactly as printed and a hash of it, so a
result whose answers (or the previous campaign it is compared with) changed since it went on
the wall is listed to be printed again.

    with db.sessions.begin() as s:          # plan, draw, record: one transaction
        content = plan_survey_result(s, campaign_uuid, today=today)
        draw_survey_result(content, out)     # reports.pdf.survey, by the caller
        record_survey_result(s, content)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.sync import context_of
from app.models import Estate, SurveyCampaign, SurveyResponse, SurveyResultPrint
from app.services.offices import in_subtree
from app.services.print_versions import (
    CHANGED,
    NEVER_PRINTED,
    PrintStatus,
    check_next_version,
    last_public_prints,
    last_version,
)
from app.services.surveys import result_paragraphs, result_signature, survey_result


@dataclass(frozen=True)
class SurveyResultContent:
    """One print of a campaign's result: what the 公告 says, and which version it is."""

    campaign_uuid: str
    title: str  # “2026年秋季满意度调查结果”
    signature: str
    paragraphs: tuple[str, ...]
    responses: int
    version: int
    published_on: date

    def printed_text(self) -> str:
        """What the figures say, without the version and the day: equal texts, equal prints."""
        return json.dumps([self.title, self.signature, list(self.paragraphs)], ensure_ascii=False)

    def as_json(self) -> str:
        return json.dumps(
            {"title": self.title, "signature": self.signature, "paragraphs": self.paragraphs,
             "responses": self.responses, "version": self.version,
             "published_on": self.published_on.isoformat()},
            ensure_ascii=False, sort_keys=True,
        )  # fmt: skip


def _scope(campaign_uuid: str) -> list:  # type: ignore[type-arg]
    return [SurveyResultPrint.campaign_uuid == campaign_uuid]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def plan_survey_result(session: Session, campaign_uuid: str, *, today: date) -> SurveyResultContent:
    """The result as it would print today, as the campaign's next version; nothing stored."""
    result = survey_result(session, campaign_uuid)
    return SurveyResultContent(
        campaign_uuid=campaign_uuid,
        title=f"{result.title}结果",
        signature=result_signature(session, campaign_uuid),
        paragraphs=result_paragraphs(result),
        responses=result.responses,
        version=last_version(session, SurveyResultPrint, *_scope(campaign_uuid)) + 1,
        published_on=today,
    )


def record_survey_result(session: Session, content: SurveyResultContent) -> str:
    """Store the print as the campaign's next version (refused if another print took that
    number since it was planned)."""
    check_next_version(session, SurveyResultPrint, _scope(content.campaign_uuid),
                       content.version, content.title)  # fmt: skip
    row = SurveyResultPrint(
        campaign_uuid=content.campaign_uuid,
        version=content.version,
        printed_at=context_of(session).clock(),
        published_on=content.published_on,
        content_json=content.as_json(),
        source_hash=_hash(content.printed_text()),
    )
    session.add(row)
    session.flush()
    return row.uuid


def survey_results_out_of_date(session: Session, *, today: date) -> list[PrintStatus]:
    """Results to print again: each campaign of the office with answers whose last print is
    missing or says other figures than today's (new or corrected answers, or a change in the
    previous campaign it is compared with)."""
    answered = (
        select(func.count(SurveyResponse.uuid))
        .where(SurveyResponse.campaign_uuid == SurveyCampaign.uuid,
               SurveyResponse.deleted.is_(False))
        .correlate(SurveyCampaign)
        .scalar_subquery()
    )  # fmt: skip
    campaigns = session.execute(
        select(SurveyCampaign.uuid, SurveyCampaign.title, Estate.community_code, Estate.uuid)
        .join(Estate, Estate.uuid == SurveyCampaign.estate_uuid)
        .where(SurveyCampaign.deleted.is_(False), in_subtree(session, Estate.community_code),
               answered > 0)
        .order_by(SurveyCampaign.started_on, SurveyCampaign.uuid)
    ).all()  # fmt: skip
    last = last_public_prints(session, SurveyResultPrint, SurveyResultPrint.campaign_uuid)
    out = []
    for uuid, title, code, estate_uuid in campaigns:
        printed = last.get((uuid,))
        if printed is None:
            out.append(PrintStatus(code, estate_uuid, f"{title}结果", None, NEVER_PRINTED, uuid))
            continue
        now = plan_survey_result(session, uuid, today=today)
        if printed.source_hash != _hash(now.printed_text()):
            out.append(PrintStatus(code, estate_uuid, now.title, printed.version, CHANGED, uuid))
    return out


def last_printed_versions(session: Session) -> dict[str, int]:
    """Campaign → the version of its result on the wall (what `wuye survey list` shows)."""
    found = last_public_prints(session, SurveyResultPrint, SurveyResultPrint.campaign_uuid)
    return {uuid: row.version for (uuid,), row in found.items()}
