"""A committee's periodic accounts and their 公示 (task 4: 公共收益、维修资金使用、经费开支).

Entered per period as lines in fen; printed through the notice engine as a 公告 signed by
the committee, versioned like the disclosure boards: every print is the account's next
version, stored with its content as printed and the hash of the rows it came from.

    with db.sessions.begin() as s:          # plan, draw, record: one transaction
        content = plan_accounts_notice(s, estate="相山花园", period="2026-Q3", today=today)
        draw_accounts_notice(content, out)   # reports.pdf.committee_accounts, by the caller
        record_accounts_print(s, content)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.codes import CommitteeKind
from app.db.sync import context_of
from app.errors import InputError, NotFound, Problem
from app.models import (
    Committee,
    CommitteeAccount,
    CommitteeAccountLine,
    CommitteeAccountPrint,
    Estate,
)
from app.rules.committee_accounts import (
    SECTIONS,
    LineIn,
    line_problems,
    normalize_period,
    period_label,
    section_total,
    yuan,
)
from app.rules.masking import mask_free_text
from app.services.estate_names import find_estate
from app.services.offices import subtree_codes
from app.services.print_versions import check_next_version, last_version

__all__ = ["AccountIn", "LineIn", "get_account", "save_account"]

OBJECTION = "业主对以上内容有异议的，请向本委员会书面反映，也可向所在社区、街道反映。"


@dataclass
class AccountIn:
    committee_uuid: str = ""
    period: str = ""
    notes: str = ""
    lines: list[LineIn] = field(default_factory=list)


def account_problems(
    session: Session, uuid: str | None, data: AccountIn
) -> tuple[list[Problem], str]:
    problems: list[Problem] = []
    committee = session.get(Committee, data.committee_uuid) if data.committee_uuid else None
    if committee is None or committee.deleted or not session.scalar(
        select(Estate.uuid).where(
            Estate.uuid == committee.estate_uuid,
            Estate.community_code.in_(subtree_codes(session)),
        )
    ):
        problems.append(Problem("committee_uuid", "请选择本辖区内的委员会"))
    period = normalize_period(data.period) or ""
    if not period:
        problems.append(
            Problem("period", "期间应写作 2026、2026-H1、2026-Q3 或 2026-07 这样的格式")
        )
    elif committee is not None and session.scalar(
        select(CommitteeAccount.uuid).where(
            CommitteeAccount.committee_uuid == committee.uuid,
            CommitteeAccount.period == period,
            CommitteeAccount.deleted.is_(False),
            CommitteeAccount.uuid != (uuid or ""),
        )
    ):
        problems.append(Problem("period", f"该委员会已录入{period_label(period)}的账目"))
    if not data.lines:
        problems.append(Problem("lines", "至少录入一行收支"))
    for i, line in enumerate(data.lines):
        problems += line_problems(i, line)
    return problems, period


def save_account(session: Session, uuid: str | None, data: AccountIn) -> str:
    """Create or update one period's accounts; the lines are replaced whole."""
    problems, period = account_problems(session, uuid, data)
    if problems:
        raise InputError(problems)
    if uuid is None:
        account = CommitteeAccount(committee_uuid=data.committee_uuid)
        session.add(account)
    else:
        found = session.get(CommitteeAccount, uuid)
        if found is None or found.deleted:
            raise NotFound("账目公示", uuid)
        account = found
    account.committee_uuid, account.period, account.notes = (
        data.committee_uuid, period, data.notes.strip()
    )  # fmt: skip
    session.flush()
    stored = _lines(session, account.uuid)
    for order, line in enumerate(data.lines):
        row = stored.pop(0) if stored else None
        if row is None:
            row = CommitteeAccountLine(account_uuid=account.uuid)
            session.add(row)
        row.section, row.item, row.amount_fen = line.section, line.item.strip(), line.amount_fen
        row.note, row.sort_order = line.note.strip(), order
    for row in stored:
        session.delete(row)
    session.flush()
    return account.uuid


def _lines(session: Session, account_uuid: str) -> list[CommitteeAccountLine]:
    return list(
        session.scalars(
            select(CommitteeAccountLine)
            .where(
                CommitteeAccountLine.account_uuid == account_uuid,
                CommitteeAccountLine.deleted.is_(False),
            )
            .order_by(CommitteeAccountLine.sort_order)
        )
    )


def get_account(session: Session, uuid: str) -> AccountIn:
    account = session.get(CommitteeAccount, uuid)
    if account is None or account.deleted:
        raise NotFound("账目公示", uuid)
    return AccountIn(
        account.committee_uuid,
        account.period,
        account.notes,
        [LineIn(r.section, r.item, r.amount_fen, r.note) for r in _lines(session, uuid)],
    )


@dataclass(frozen=True)
class AccountsContent:
    """The 公示 as planned: what the PDF says, and which version it is."""

    account_uuid: str
    title: str
    signature: str
    version: int
    published_on: date
    paragraphs: tuple[str, ...]
    totals_fen: tuple[tuple[str, int], ...]  # (section, total) in SECTIONS order

    def as_json(self) -> str:
        data = asdict(self)
        data["published_on"] = self.published_on.isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def source_hash(session: Session, account_uuid: str) -> str:
    """Of the account's and its lines' (uuid, rev): any edit after a print shows."""
    account = session.get(CommitteeAccount, account_uuid)
    pairs = [[account_uuid, account.rev if account else 0]] + [
        [r.uuid, r.rev] for r in _lines(session, account_uuid)
    ]
    return hashlib.sha256(json.dumps(pairs).encode()).hexdigest()


def _last_version(session: Session, account_uuid: str) -> int:
    return last_version(session, CommitteeAccountPrint, *_scope(account_uuid))


def _scope(account_uuid: str) -> list[ColumnElement[bool]]:
    return [CommitteeAccountPrint.account_uuid == account_uuid]


def find_account(
    session: Session, *, estate: str, period: str, community: str | None = None
) -> CommitteeAccount:
    """The estate's committee's accounts for `period` (the newest term's, if two have one)."""
    found = find_estate(session, estate, community)
    wanted = normalize_period(period)
    if wanted is None:
        raise InputError(
            Problem("period", f"期间“{period}”无法识别：应写作 2026、2026-H1、2026-Q3 或 2026-07")
        )
    account = session.scalars(
        select(CommitteeAccount)
        .join(Committee, Committee.uuid == CommitteeAccount.committee_uuid)
        .where(
            Committee.estate_uuid == found.uuid,
            Committee.deleted.is_(False),
            CommitteeAccount.period == wanted,
            CommitteeAccount.deleted.is_(False),
        )
        .order_by(Committee.term_number.desc())
    ).first()
    if account is None:
        raise InputError(
            Problem("period", f"“{found.name}”没有{period_label(wanted)}的账目：请先录入")
        )
    return account


def plan_accounts_notice(
    session: Session,
    *,
    estate: str | None = None,
    period: str | None = None,
    community: str | None = None,
    account_uuid: str | None = None,
    today: date,
) -> AccountsContent:
    """The 公示 of an estate's accounts for a period (or of `account_uuid`, as the window
    chose it), as the next version; nothing stored."""
    if account_uuid is not None:
        account = session.get(CommitteeAccount, account_uuid)
        if account is None or account.deleted:
            raise NotFound("账目公示", account_uuid)
    elif estate is not None and period is not None:
        account = find_account(session, estate=estate, period=period, community=community)
    else:
        raise InputError(Problem("estate", "请给出小区和期间"))
    committee = session.get(Committee, account.committee_uuid)
    assert committee is not None
    estate_row = session.get(Estate, committee.estate_uuid)
    assert estate_row is not None
    body = CommitteeKind.label_of(committee.kind)
    when = period_label(account.period)
    lines = [LineIn(r.section, r.item, r.amount_fen, r.note) for r in _lines(session, account.uuid)]
    paragraphs = [
        f"根据有关规定，现将{estate_row.name}{body}{when}公共收益、维修资金使用和经费开支情况"
        "公示如下："
    ]
    numbers = "一二三"
    totals = []
    for n, (section, label) in enumerate(SECTIONS):
        total = section_total(lines, section)
        totals.append((section, total))
        paragraphs.append(f"{numbers[n]}、{label}：合计{yuan(total)}元。")
        shown = [line for line in lines if line.section == section]
        if not shown:
            paragraphs.append("本期无。")
        for i, line in enumerate(shown, 1):
            note = f"（{mask_free_text(line.note)}）" if line.note else ""
            item = mask_free_text(line.item)
            paragraphs.append(f"（{i}）{item}：{yuan(line.amount_fen)}元{note}。")
    if account.notes:
        paragraphs.append(f"说明：{mask_free_text(account.notes)}")
    paragraphs.append(OBJECTION)
    return AccountsContent(
        account_uuid=account.uuid,
        title=f"{estate_row.name}{body}{when}账目公示",
        signature=f"{estate_row.name}{body}",
        version=_last_version(session, account.uuid) + 1,
        published_on=today,
        paragraphs=tuple(paragraphs),
        totals_fen=tuple(totals),
    )


def account_choices(session: Session, committee_uuid: str) -> list[tuple[str, str]]:
    """(uuid, "2026年第三季度（已印第2版）") of a committee's accounts, newest period first:
    what the window offers to print."""
    rows = session.scalars(
        select(CommitteeAccount)
        .where(
            CommitteeAccount.committee_uuid == committee_uuid,
            CommitteeAccount.deleted.is_(False),
        )
        .order_by(CommitteeAccount.period.desc())
    ).all()
    out = []
    for account in rows:
        version = _last_version(session, account.uuid)
        if version == 0:
            state = "未印"
        elif printed_out_of_date(session, account.uuid):
            state = f"已印第{version}版，之后有修改"
        else:
            state = f"已印第{version}版"
        out.append((account.uuid, f"{period_label(account.period)}（{state}）"))
    return out


def record_accounts_print(session: Session, content: AccountsContent) -> str:
    """Store the print as the account's next version (refused if another print came first)."""
    check_next_version(session, CommitteeAccountPrint, _scope(content.account_uuid),
                       content.version, content.title)  # fmt: skip
    row = CommitteeAccountPrint(
        account_uuid=content.account_uuid,
        version=content.version,
        printed_at=context_of(session).clock(),
        published_on=content.published_on,
        content_json=content.as_json(),
        source_hash=source_hash(session, content.account_uuid),
    )
    session.add(row)
    session.flush()
    return row.uuid


def printed_out_of_date(session: Session, account_uuid: str) -> bool | None:
    """None: never printed; True: the accounts changed since the last print."""
    last = session.scalars(
        select(CommitteeAccountPrint)
        .where(
            CommitteeAccountPrint.account_uuid == account_uuid,
            CommitteeAccountPrint.deleted.is_(False),
        )
        .order_by(CommitteeAccountPrint.version.desc())
    ).first()
    return None if last is None else last.source_hash != source_hash(session, account_uuid)
