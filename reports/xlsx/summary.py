"""Summary workbooks an office reports upward: the ledger by community, and the task table.

The ledger summary takes its committee figures from `app.services.committee_figures` (owners'
committees only in the formation numerator and the party share, seated members only), grouped
by community in SQL, so its 合计 row is the office's own figure on the overview page.
Values are plain numbers computed here, not formulas: the file reads right in any viewer and
on paper without recalculating.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.codes import ManagementType
from app.models import Complaint, Estate
from app.paths import resource
from app.services.committee_figures import (
    FORMATION_TARGET_PERCENT,
    PARTY_ORG_TARGET_PERCENT,
    PARTY_TARGET_PERCENT,
    CommitteeFigures,
    Rate,
    committee_figures,
)
from app.services.complaint_figures import ComplaintTimes, complaint_times
from app.services.complaint_times import moment_of
from app.services.offices import communities, current_office, subtree_codes
from app.services.red_figures import RedFigures, red_figures
from reports.xlsx.style import (
    BELOW_TARGET_FILL,
    BELOW_TARGET_FONT,
    BORDER,
    CENTER,
    LINE_HEIGHT,
    NOTE_FONT,
    PERCENT_FORMAT,
    TITLE_ALIGNMENT,
    TITLE_FONT,
    TITLE_HEIGHT,
    TOTAL_FILL,
    TOTAL_FONT,
    WRAP,
    fit_width,
    line_count,
    print_landscape,
    style_header,
)
from reports.xlsx.writer import save_workbook

TYPE_LABELS = tuple(m.label for m in ManagementType)  # the five kinds, in the plan's order
SUMMARY_HEADERS = (
    "社区",
    "小区数",
    *TYPE_LABELS,
    "应组建业委会小区数",
    "已组建（备案且在任期内）",
    "组建率",
    "业委会委员数",
    "党员数",
    "党员比例",
    # PMC members shown apart from the party share (task 4 counts owners' committees only), and
    # the 履职清单 / 负面清单 items of the last year with how the negatives were handled
    "物管会成员数",
    "物管会成员中党员数",
    "履职记录（近一年）",
    "负面清单（近一年）",
    "负面清单未处理",
    "提醒",
    "约谈",
    "责令整改",
    "罢免建议",
    # 红色物业 (task 10) and the tender share (task 13): app/services/red_figures.py
    "交叉任职覆盖小区数",
    "交叉任职覆盖率",
    "红色物业示范项目",
    "今年签订服务合同数",
    "其中公开招标",
    "公开招标占比",
    "有物业服务企业的小区数",
    "其中企业已建党组织",
    "党组织覆盖率",
    # complaint handling (task 3): app/services/complaint_figures.py
    "投诉件数",
    "响应用时中位数（小时）",
    "计入响应考核件数",
    "其中按时响应",
    "按时响应率",
    "办结用时中位数（天）",
    "计入办结考核件数",
    "其中按时办结",
    "按时办结率",
)
CROSS_POST_RATE_COLUMN = SUMMARY_HEADERS.index("交叉任职覆盖率") + 1
TENDER_RATE_COLUMN = SUMMARY_HEADERS.index("公开招标占比") + 1
FORMATION_RATE_COLUMN = SUMMARY_HEADERS.index("组建率") + 1
PARTY_RATE_COLUMN = SUMMARY_HEADERS.index("党员比例") + 1
PARTY_ORG_RATE_COLUMN = SUMMARY_HEADERS.index("党组织覆盖率") + 1
RESPONSE_RATE_COLUMN = SUMMARY_HEADERS.index("按时响应率") + 1
CLOSING_RATE_COLUMN = SUMMARY_HEADERS.index("按时办结率") + 1
TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class CommunityFigures:
    """One row of the summary: a community's estates and its committees' figures."""

    name: str
    estates: int
    by_type: tuple[int, ...]  # counts in TYPE_LABELS order
    formation: Rate  # owners' committees formed / estates that should have one
    party: Rate  # party members / seated members of committees in term
    red: RedFigures = field(default_factory=RedFigures)
    # estates whose serving company has a party organisation / estates with a company
    party_org: Rate = field(default_factory=lambda: Rate(0, 0, PARTY_ORG_TARGET_PERCENT))
    # the community's committee figures (PMC party members, duty and negative items)
    committees: CommitteeFigures = field(default_factory=CommitteeFigures)
    complaints: ComplaintTimes = field(default_factory=ComplaintTimes)

    @property
    def below_target(self) -> bool:
        return any(r.denominator and not r.met for r in (self.formation, self.party))

    def cells(self) -> list[Any]:
        return [
            self.name,
            self.estates,
            *self.by_type,
            self.formation.denominator,
            self.formation.numerator,
            _fraction(self.formation),
            self.party.denominator,
            self.party.numerator,
            _fraction(self.party),
            self.committees.party_pmc.denominator,
            self.committees.party_pmc.numerator,
            self.committees.duties,
            self.committees.negatives,
            self.committees.negatives_unhandled,
            self.committees.reminders,
            self.committees.talks,
            self.committees.rectify_orders,
            self.committees.recall_proposals,
            self.red.cross_post.numerator,
            _fraction(self.red.cross_post),
            self.red.demonstrations,
            self.red.tender.denominator,
            self.red.tender.numerator,
            _fraction(self.red.tender),
            self.party_org.denominator,
            self.party_org.numerator,
            _fraction(self.party_org),
            self.complaints.complaints,
            _or_dash(self.complaints.median_response_hours),
            self.complaints.response.denominator,
            self.complaints.response.numerator,
            _fraction(self.complaints.response),
            _or_dash(self.complaints.median_closing_days),
            self.complaints.closing.denominator,
            self.complaints.closing.numerator,
            _fraction(self.complaints.closing),
        ]


def community_figures(session: Session, today: date) -> list[CommunityFigures]:
    """The summary's rows, one per community of the office's subtree, in code order."""
    scope = and_(Estate.community_code.in_(subtree_codes(session)), Estate.deleted.is_(False))
    by_type: dict[str, dict[str, int]] = {}
    for code, kind, n in session.execute(
        select(Estate.community_code, Estate.management_type, func.count())
        .where(scope)
        .group_by(Estate.community_code, Estate.management_type)
    ):
        member = ManagementType.from_text(kind)
        counts = by_type.setdefault(code, {})
        counts[member.label if member else kind] = n

    figures = committee_figures(session, today, estates=scope, unit=Estate.community_code)
    red = red_figures(session, today, estates=scope, unit=Estate.community_code)
    times = complaint_times(
        session,
        moment_of(today),
        complaints=Complaint.community_code.in_(subtree_codes(session)),
        unit=Complaint.community_code,
    )

    rows = []
    for code, name in communities(session):
        counts = by_type.get(code, {})
        committees = figures.get(code, CommitteeFigures())
        rows.append(
            CommunityFigures(
                name=name,
                estates=sum(counts.values()),
                by_type=tuple(counts.get(label, 0) for label in TYPE_LABELS),
                formation=committees.formation,
                party=committees.party,
                red=red.get(code, RedFigures()),
                party_org=committees.party_org,
                committees=committees,
                complaints=times.get(code, ComplaintTimes()),
            )
        )
    return rows


def total_of(rows: Sequence[CommunityFigures]) -> CommunityFigures:
    """The 合计 row, summed from the rows (rates recomputed from the sums, never averaged)."""
    return CommunityFigures(
        name=TOTAL_LABEL,
        estates=sum(r.estates for r in rows),
        by_type=tuple(sum(col) for col in zip(*(r.by_type for r in rows), strict=True))
        if rows
        else (0,) * len(TYPE_LABELS),
        formation=Rate(
            sum(r.formation.numerator for r in rows),
            sum(r.formation.denominator for r in rows),
            FORMATION_TARGET_PERCENT,
        ),
        party=Rate(
            sum(r.party.numerator for r in rows),
            sum(r.party.denominator for r in rows),
            PARTY_TARGET_PERCENT,
        ),
        red=sum((r.red for r in rows), start=RedFigures()),
        party_org=sum((r.party_org for r in rows), Rate(0, 0, PARTY_ORG_TARGET_PERCENT)),
        committees=sum((r.committees for r in rows), start=CommitteeFigures()),
        complaints=sum((r.complaints for r in rows), start=ComplaintTimes()),
    )


def write_ledger_summary(session: Session, out: Path, *, today: date) -> Path:
    """Write the by-community summary of the office's ledger on `today` to `out` (.xlsx)."""
    office = current_office(session)
    rows = community_figures(session, today)
    total = total_of(rows)

    wb = Workbook()
    ws = wb.active
    ws.title = "台账汇总"
    last = get_column_letter(len(SUMMARY_HEADERS))
    ws.append([f"{office.name}物业管理台账汇总"])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, TITLE_ALIGNMENT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    ws.append([f"统计日期：{today:%Y-%m-%d}"])
    ws.append(list(SUMMARY_HEADERS))
    for cell in ws[3]:
        style_header(cell)
    for figures in [*rows, total]:
        ws.append(figures.cells())
        _style_row(ws, ws.max_row, figures)
    ws.append([])
    for note in _notes():
        ws.append([note])
        ws.cell(ws.max_row, 1).font = NOTE_FONT

    ws.column_dimensions["A"].width = fit_width([r.name for r in rows] + ["社区"], minimum=10)
    for index, header in enumerate(SUMMARY_HEADERS[1:], 2):
        ws.column_dimensions[get_column_letter(index)].width = min(fit_width([header]), 12)
    ws.row_dimensions[3].height = 2 * LINE_HEIGHT + 4  # the long headers wrap to two lines
    ws.freeze_panes = "B4"
    print_landscape(ws, title_rows="3:3")
    save_workbook(wb, out)
    return Path(out)


def _fraction(rate: Rate) -> float | str:
    """A rate as Excel's percent (a fraction); "—" where there is nothing to divide by."""
    return rate.numerator / rate.denominator if rate.denominator else "—"


def _or_dash(value: float | None) -> float | str:
    return "—" if value is None else value


def _style_row(ws: Any, row: int, figures: CommunityFigures) -> None:
    total = figures.name == TOTAL_LABEL
    for cell in ws[row]:
        cell.border = BORDER
        if total:
            cell.font, cell.fill = TOTAL_FONT, TOTAL_FILL
        elif figures.below_target:
            cell.fill = BELOW_TARGET_FILL
    for column, rate in (
        (FORMATION_RATE_COLUMN, figures.formation),
        (PARTY_RATE_COLUMN, figures.party),
    ):
        cell = ws.cell(row, column)
        cell.number_format = PERCENT_FORMAT
        if not rate.denominator:
            cell.alignment = CENTER  # the "—"
        elif not rate.met:
            cell.font = BELOW_TARGET_FONT
            cell.fill = BELOW_TARGET_FILL
    for column, rate in (
        (CROSS_POST_RATE_COLUMN, figures.red.cross_post),
        (TENDER_RATE_COLUMN, figures.red.tender),
    ):  # no target in the plan: shown, never marked
        cell = ws.cell(row, column)
        cell.number_format = PERCENT_FORMAT
        if not rate.denominator:
            cell.alignment = CENTER
    for column, rate in (
        (PARTY_ORG_RATE_COLUMN, figures.party_org),
        (RESPONSE_RATE_COLUMN, figures.complaints.response),
        (CLOSING_RATE_COLUMN, figures.complaints.closing),
    ):  # no target in the plan: never marked
        cell = ws.cell(row, column)
        cell.number_format = PERCENT_FORMAT
        if not rate.denominator:
            cell.alignment = CENTER


def _notes() -> list[str]:
    return [
        "说明：",
        "1. 已组建：业主委员会状态为在任、已备案，且统计日期在其任期内；"
        "物业管理委员会不计入组建率。",
        "2. 业委会委员数、党员数：在任期内业主委员会和物业管理委员会的主任、副主任、委员，"
        "不含候补委员（与概览页党员比例口径相同）。",
        f"3. 标色：组建率低于{FORMATION_TARGET_PERCENT}%或党员比例低于{PARTY_TARGET_PERCENT}%"
        "（攻坚行动方案任务4）；“—”表示无可计算的对象。",
        "4. 交叉任职覆盖率：有在任交叉任职（社区“两委”成员与业委会、物业企业管理层双向进入）的"
        "小区占小区数；红色物业示范项目：统计日期有效（未撤销、复核未不合格）的项目数；"
        "公开招标占比：今年1月1日至统计日期开始的服务合同中以公开招标选聘的比例（任务10、13）。",
        "5. 党组织覆盖率：有在服务物业企业（合同在履行或期满后不定期延续）的小区中，"
        "其物业企业已单独建立或联合建立党组织的小区所占比例（任务10，不设目标，不标色）。",
        "6. 投诉（任务3）：按时限（complaint_sla_days，自受理日起的自然日）计入考核的是已响应"
        "或已办结的，以及未完成但已超时的；用时中位数按已完成的投诉计，合计行由全部投诉重新"
        "计算，不是各社区中位数的平均。",
    ]


# The action plan's attachment 2 ---------------------------------------------------------------

TASK_HEADERS = ("序号", "攻坚任务", "重点工作", "责任部门", "完成时限", "进展情况")
TASK_WIDTHS = (6.0, 14.0, 58.0, 24.0, 14.0, 30.0)


@dataclass(frozen=True)
class TaskItem:
    work: str
    departments: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    number: int
    task: str
    deadline: str
    items: tuple[TaskItem, ...]


@dataclass(frozen=True)
class TaskTable:
    title: str
    source: str
    tasks: tuple[Task, ...]


@cache
def task_table() -> TaskTable:
    """The 18 tasks of the action plan (淮物管办〔2022〕1号 附件2), from resources/codes."""
    raw = json.loads(resource("codes", "task_table.json").read_text(encoding="utf-8"))
    return TaskTable(
        title=raw["title"],
        source=raw["source"],
        tasks=tuple(
            Task(
                number=t["number"],
                task=t["task"],
                deadline=t["deadline"],
                items=tuple(TaskItem(i["work"], tuple(i["departments"])) for i in t["items"]),
            )
            for t in raw["tasks"]
        ),
    )


def write_task_table(out: Path, *, progress: dict[int, str] | None = None) -> Path:
    """Write the task table with a 进展情况 column (task number -> text; blank if not given).

    A task with several 重点工作 spans several rows, as in the plan: its 序号, 攻坚任务,
    完成时限 and 进展情况 cells are merged over them.
    """
    table = task_table()
    progress = progress or {}
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append([table.title])
    ws.merge_cells(f"A1:{get_column_letter(len(TASK_HEADERS))}1")
    ws["A1"].font, ws["A1"].alignment = TITLE_FONT, TITLE_ALIGNMENT
    ws.row_dimensions[1].height = TITLE_HEIGHT
    ws.append(list(TASK_HEADERS))
    for cell in ws[2]:
        style_header(cell)
    for letter_index, width in enumerate(TASK_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(letter_index)].width = width

    for task in table.tasks:
        first = ws.max_row + 1
        heights = []
        for item in task.items:
            departments = "\n".join(item.departments)
            ws.append([task.number, task.task, item.work, departments, task.deadline])
            heights.append(
                max(line_count(item.work, TASK_WIDTHS[2]), line_count(departments, TASK_WIDTHS[3]))
            )
        note = progress.get(task.number, "")
        ws.cell(first, 6, note)
        last = ws.max_row
        spanning = max(
            line_count(task.task, TASK_WIDTHS[1]),
            line_count(task.deadline, TASK_WIDTHS[4]),
            line_count(note, TASK_WIDTHS[5]),
        )
        heights[-1] += max(0, spanning - sum(heights))  # merged text needs the rows' sum
        for row, lines in zip(range(first, last + 1), heights, strict=True):
            ws.row_dimensions[row].height = lines * LINE_HEIGHT + 6
        for column in range(1, len(TASK_HEADERS) + 1):
            for row in range(first, last + 1):
                cell = ws.cell(row, column)
                cell.border = BORDER
                cell.alignment = WRAP if column in (3, 4, 6) else CENTER
            if last > first and column in (1, 2, 5, 6):
                ws.merge_cells(
                    start_row=first, start_column=column, end_row=last, end_column=column
                )
    ws.append([])
    ws.append([f"来源：{table.source}"])
    ws.cell(ws.max_row, 1).font = NOTE_FONT
    ws.freeze_panes = "A3"
    print_landscape(ws, title_rows="2:2")
    save_workbook(wb, out)
    return Path(out)
