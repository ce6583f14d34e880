"""进展情况 of the action plan's task table (附件2): for the tasks the data can speak to, one
line of figures, e.g. "组建率 87.5%（目标 90%）" or "问题 120 个，已销号 97 个".

Every figure comes from the function that computes it for the 总览 and the ledgers
(`office_stats`, `casework_overview`, `task_tally`); this module only words them, so a rate
changed there changes here. Tasks the data says nothing about stay blank for a person to fill.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.services.casework import casework_overview
from app.services.holidays import work_calendar
from app.services.stats import Rate, office_stats
from app.services.tasks import task_tally


def rate_text(name: str, rate: Rate) -> str:
    """"组建率 87.5%（目标 90%）"; "—" for the percent when nothing is counted yet."""
    percent = "—" if rate.percent is None else f"{rate.percent}%"
    return f"{name} {percent}（目标 {rate.target_percent}%）"


def plan_progress(session: Session, today: date) -> dict[int, str]:
    """Task number of 附件2 -> its 进展情况 as of `today`, for the office's subtree."""
    stats = office_stats(session, today)
    cal = work_calendar(session)
    cases = casework_overview(session, today, cal)
    tallies = task_tally(session, today, cal)
    types = "，".join(f"{label} {n}" for label, n in stats.by_management_type.items() if n)
    progress = {
        1: f"已建台账小区 {stats.estates} 个" + (f"（{types}）" if types else ""),
        2: f"问题 {cases.total} 个，已销号 {cases.closed} 个"
        + (f"，逾期未改 {cases.overdue} 个" if cases.overdue else ""),
        3: f"未办结投诉 {cases.open_complaints} 件",
        4: "；".join(
            (
                rate_text("组建率", stats.formation),
                rate_text("党员比例", stats.party_overall),
                f"任期届满未换届 {len(stats.expired)} 个",
            )
        ),
        10: f"服务中的物业企业 {stats.companies_serving} 家，"
        f"未建党组织 {len(stats.companies_without_party_org)} 家",
    }
    if tallies:
        issued = sum(t.issued for t in tallies)
        on_time = sum(t.on_time for t in tallies)
        late = sum(t.late for t in tallies)
        overdue = sum(t.overdue for t in tallies)
        progress[17] = (
            f"督办 {issued} 件：按时办结 {on_time} 件，逾期办结 {late} 件，逾期未办 {overdue} 件"
        )
    return progress
