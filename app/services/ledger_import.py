"""Apply ledger rows read from a sheet: every row passes the same validation as the forms.

Rows arrive parsed (plain values per field, and any cell that could not be read); nothing
here knows Excel. Valid rows are written into the caller's transaction and refused rows are
reported with their row number and field; the caller commits only when nothing was refused,
or when the user chose to import the valid rows. A dry run is this same path, rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cache, cached_property
from typing import Any, ClassVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.codes import CommitteeStatus, OrgLevel
from app.db.sync import INCLUDE_DELETED, prepare_bulk
from app.errors import InputError, Problem
from app.ids import new_uuid
from app.models import (
    Building,
    Committee,
    CommitteeMember,
    CompanyStaff,
    DutyRecord,
    Estate,
    NegativeRecord,
    Org,
    PropertyCompany,
    SeqCounter,
    ServiceContract,
    SurveyCampaign,
    SurveyResponse,
)
from app.progress import NoProgress, Progress, step
from app.rules.credit_code import validate_credit_code
from app.rules.vetting import CHECKS, CheckIn, check_label, unmet_checks
from app.services.buildings import BuildingIn, save_building
from app.services.committee_records import DutyIn, NegativeIn, save_duty, save_negative
from app.services.committees import (
    CommitteeIn,
    MemberIn,
    committee_problems,
    committee_warnings,
    get_committee,
    save_committee,
    vetting_problems,
)
from app.services.companies import (
    CompanyIn,
    ContractIn,
    StaffIn,
    create_company,
    current_contract,
    get_company,
    save_contract,
    save_staff,
    update_company,
)
from app.services.estates import EstateIn, clean_estate, estate_field_problems, get_estate
from app.services.offices import communities, current_office, subtree_codes
from app.services.surveys import add_response, campaign_items

FLUSH_EVERY = 1000
_NO_ESTATE = EstateIn()  # the defaults a blank cell clears to


@dataclass(frozen=True)
class RowIn:
    number: int  # the sheet's row number, as a person sees it
    cells: Mapping[str, Any]  # field -> parsed value (None when blank); only columns present
    errors: Sequence[tuple[str, str]] = ()  # (field, reason) for cells that could not be read


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    reason: str
    sheet: str = ""  # set when the outcomes of several sheets are added up


@dataclass(frozen=True)
class CompanyLink:
    """An estate row's 物业服务企业 matched to a company: `new_contract` when the estate had no
    current contract and gets one now, `current` when its current contract already says so."""

    row: int
    estate: str
    company: str
    action: str  # new_contract | current
    start_date: date | None = None  # of a new contract; None: the sheet gave none

    @property
    def label(self) -> str:
        if self.action == "current":
            return "与现有合同一致"
        if self.start_date is None:  # unknown stays unknown, never the import day
            return "新建服务合同（台账未填开始日期，记为“不详”）"
        return f"新建服务合同（开始日期：{self.start_date.isoformat()}）"


@dataclass
class ImportOutcome:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    # Rows imported but with something the office should look at (a company name that
    # matches no company): shown in the report and the error workbook, never dropped.
    warnings: list[RowProblem] = field(default_factory=list)
    links: list[CompanyLink] = field(default_factory=list)

    @property
    def refused_rows(self) -> list[int]:
        """One entry per refused row (rows of different sheets counted apart)."""
        return [row for _, row in sorted({(p.sheet, p.row) for p in self.problems})]

    @classmethod
    def added_up(cls, kind: str, parts: Sequence[tuple[str, ImportOutcome]]) -> ImportOutcome:
        """The outcome of a workbook imported sheet by sheet; problems keep their sheet."""
        total = cls(kind)
        for sheet, part in parts:
            for name in ("rows", "created", "updated", "unchanged"):
                setattr(total, name, getattr(total, name) + getattr(part, name))
            total.problems += [replace(p, sheet=sheet) for p in part.problems]
            total.warnings += [replace(p, sheet=sheet) for p in part.warnings]
            total.links += part.links
        return total

    @property
    def clean(self) -> bool:
        return not self.problems

    def count(self, action: str) -> None:
        setattr(self, action, getattr(self, action) + 1)


def apply_rows(
    session: Session,
    kind: str,
    rows: Iterable[RowIn],
    *,
    today: date,
    progress: Progress | None = None,
    total: int | None = None,
    write_at_end: bool = False,
    community: str | None = None,
) -> ImportOutcome:
    """Check every row, then write. `write_at_end`: buffer the writes until every row is
    checked (no flush before), so that a transaction that takes the write lock at its first
    write (app/db/database.py `write_late`) holds it only while writing; kinds whose service
    saves a row at once (committees, contracts, staff) still write as they go.
    `community` is the code of the community every row belongs to when the sheet has no
    所属社区 column (or leaves a cell blank); `resolve_community` decides it."""
    from app.services.unit_import import UnitRows  # the register's kind imports this module

    appliers = {
        "unit": UnitRows,
        "estate": _EstateRows,
        "building": _BuildingRows,
        "company": _CompanyRows,
        "committee": _CommitteeRows,
        "contract": _ContractRows,
        "staff": _StaffRows,
        "duty": _DutyRows,
        "negative": _NegativeRows,
        "cross_post": _CrossPostRows,
        "survey_answer": _SurveyAnswerRows,
    }
    if kind not in appliers:
        raise InputError(Problem("kind", f"不支持导入的台账类型：{kind}"))
    outcome = ImportOutcome(kind)
    applier = appliers[kind](session, today, outcome)
    applier.default_community = community
    progress = progress or NoProgress()
    with session.no_autoflush if write_at_end else nullcontext():
        for row in rows:
            outcome.rows += 1
            applier.add(row)
            if outcome.rows % FLUSH_EVERY == 0:
                if not write_at_end:
                    applier.flush()
                    session.flush()
                step(progress, outcome.rows, total or 0)
    applier.finish()
    applier.flush()
    session.flush()
    step(progress, outcome.rows, total or outcome.rows)
    return outcome


@dataclass
class CheckedRows:
    """Rows checked in a read transaction, their writes held back: the write lock is then
    taken only to write them (reports/xlsx/ledger_in.py `import_parsed`)."""

    outcome: ImportOutcome
    since: int  # the change counter the check read at
    applier: _EstateRows

    def still_valid(self, session: Session) -> bool:
        return self.applier.still_valid(session, self.since)

    def write(self, session: Session) -> None:
        self.applier.write(session)

    def estates(self) -> set[tuple[str, str]]:
        """(community, name) of every estate row checked: two sheets sharing one are
        applied in order instead (the second updates what the first creates)."""
        return {(code, name) for code, names in self.applier.seen.items() for name in names}


def check_rows(
    session: Session,
    kind: str,
    rows: Iterable[RowIn],
    *,
    today: date,
    progress: Progress | None = None,
    community: str | None = None,
) -> CheckedRows | None:
    """Check every row, writing nothing; None for kinds whose services save a row as they go
    (committees, contracts, staff, buildings, companies): those import with `apply_rows`."""
    if kind != "estate":
        return None
    since = session.scalar(select(SeqCounter.value).where(SeqCounter.id == 1)) or 0
    outcome = ImportOutcome(kind)
    applier = _EstateRows(session, today, outcome)
    applier.deferred = True
    applier.default_community = community
    progress = progress or NoProgress()
    with session.no_autoflush:
        for row in rows:
            outcome.rows += 1
            applier.add(row)
            if outcome.rows % FLUSH_EVERY == 0:
                step(progress, outcome.rows, 0)
    if outcome.clean:  # a refused sheet writes nothing: no need to prepare its rows
        applier.new = prepare_bulk(session, Estate, applier.new)
    return CheckedRows(outcome, since, applier)


@dataclass(frozen=True)
class ImpliedCommunity:
    """The community of every row of a sheet without a 所属社区 column, and how it was known."""

    code: str
    name: str
    source: str  # 本社区 | 指定 | 填报单位 | 标题 | 工作表名

    def describe(self) -> str:
        how = {"本社区": "本社区数据库", "指定": "按指定"}.get(self.source, f"据{self.source}")
        return f"{self.name}（{how}）"


def resolve_community(
    session: Session,
    *,
    given: str | None = None,
    evidence: Sequence[tuple[str, str]] = (),
    where: str = "",
) -> ImpliedCommunity | None:
    """Which community a sheet without a community column belongs to (DOMAIN: a community
    office's rows are its own). At a street or above: `given` (a name or code the user chose),
    else the first `evidence` text (source, text) — the 填报单位 line, the title, the sheet's
    name — that names exactly one community of this office's area. A choice the sheet itself
    contradicts is refused rather than guessed. None: nothing says; the caller asks."""
    office = current_office(session)
    if office.level == OrgLevel.COMMUNITY:
        return ImpliedCommunity(office.code, office.name, "本社区")
    known = communities(session)
    found: ImpliedCommunity | None = None
    for source, text in evidence:
        key = "".join(str(text).split())
        named = [(c, n) for c, n in known if n and n in key]
        named = [(c, n) for c, n in named if not any(n != m and n in m for _, m in named)]
        if len(named) == 1:
            found = ImpliedCommunity(*named[0], source)
            break
    if not given:
        return found
    text = given.strip()
    chosen = next((ImpliedCommunity(c, n, "指定") for c, n in known if text in (c, n)), None)
    if chosen is None:
        raise InputError(Problem("community", f"本辖区没有“{text}”社区"), where=where)
    if found is not None and found.code != chosen.code:
        raise InputError(
            Problem("community", f"{found.source}写的是{found.name}，与指定的{chosen.name}不一致"),
            where=where,
        )
    return chosen


def _with_cells(base: Any, cells: Mapping[str, Any], defaults: Any, **fixed: Any) -> Any:
    """The record as stored, overlaid with the sheet's columns (a blank cell clears to default)
    and then with `fixed` values.

    Columns the sheet does not have keep their stored values: a ledger without 电梯数 must not
    reset every estate's elevators to 0. Built as one dict and one constructor call rather
    than `dataclasses.replace` twice: at 100,000 rows that was a tenth of the import.
    """
    names = _field_names(type(base))
    values = dict(vars(base))
    for key, value in cells.items():
        if key in names:
            values[key] = getattr(defaults, key) if value is None else value
    values.update(fixed)
    return type(base)(**values)


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


class _Rows:
    unrename: ClassVar[Mapping[str, str]] = {}  # service field -> ledger field
    default_community: str | None = None

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        self.session = session
        self.today = today
        self.outcome = outcome
        self.communities = _community_codes(session)

    def refuse(self, row: RowIn, problems: Iterable[Problem]) -> None:
        unreadable = {f for f, _ in row.errors}
        for f, reason in row.errors:
            self.outcome.problems.append(RowProblem(row.number, f, reason))
        for p in problems:
            target = self.unrename.get(p.field, p.field)
            if target not in unreadable:  # a cell that could not be read is reported once
                self.outcome.problems.append(RowProblem(row.number, target, p.message))

    def community(self, row: RowIn, problems: list[Problem]) -> str:
        text = str(row.cells.get("community") or "").strip()
        if not text and self.default_community:
            return self.default_community
        code = self.communities.get(text)
        if code is None and "community" not in {f for f, _ in row.errors}:
            problems.append(Problem("community", f"本辖区没有“{text}”社区" if text else "必填"))
        return code or ""

    @cached_property
    def estates(self) -> _EstateLookup:
        """Read on first use: only the kinds whose rows name an estate need them."""
        return _EstateLookup(self.session, self.communities)

    @cached_property
    def companies(self) -> _CompanyLookup:
        """Read on first use, as the estates."""
        return _CompanyLookup(self.session)

    def estate(self, row: RowIn, problems: list[Problem]) -> str:
        """The estate a row names by its 社区 and 小区 cells; "" with a problem if none is."""
        code = self.community(row, problems)
        return self.estates.find(code, str(row.cells.get("estate") or "").strip(), problems)

    def add(self, row: RowIn) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """All rows are in: appliers that group rows save them now."""

    def flush(self) -> None:
        """Write what was buffered."""


def _community_codes(session: Session) -> dict[str, str]:
    """Community name or code -> code, for the communities of this office."""
    rows = session.execute(
        select(Org.code, Org.name).where(
            Org.code.in_(subtree_codes(session)), Org.level == OrgLevel.COMMUNITY
        )
    ).all()
    return {**{name: code for code, name in rows}, **{code: code for code, _ in rows}}


class _EstateRows(_Rows):
    """Matched by community + name; 100,000 rows checked from maps loaded once, not queries."""

    unrename: ClassVar[Mapping[str, str]] = {"community_code": "community"}

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        scope = set(self.communities.values())
        self.existing = {
            (code, name): uuid
            for uuid, code, name in session.execute(
                select(Estate.uuid, Estate.community_code, Estate.name)
            )
            if code in scope
        }
        # community -> name -> row: no tuple per row (100,000 of them were 6 MB)
        self.seen: dict[str, dict[str, int]] = {}
        self.new: list[dict[str, Any]] = []
        self.deferred = False  # check only: updates wait in `updates` (check_rows)
        self.updates: dict[str, dict[str, Any]] = {}
        self.links: _CompanyLinks | None = None  # loaded at the first row naming a company

    def flush(self) -> None:
        # One INSERT for many rows; app/db/sync.py fills their sync columns and audit rows.
        if self.new:
            self.session.execute(insert(Estate), self.new)
            self.new = []
        if self.links is not None:
            self.links.flush()

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        code = self.community(row, problems)
        name = str(row.cells.get("name") or "").strip()
        key = (code, name)
        uuid = self.existing.get(key) if code and name else None
        base = get_estate(self.session, uuid) if uuid else EstateIn()
        data = _with_cells(base, row.cells, _NO_ESTATE, community_code=code, name=name)
        problems += estate_field_problems(data, today=self.today)
        seen = self.seen.setdefault(code, {})
        if code and name and name in seen:
            problems.append(Problem("name", f"与第{seen[name]}行是同一小区（重复）"))
        if problems or row.errors:
            self.refuse(row, problems)
            return
        seen[name] = row.number
        values = clean_estate(data)
        names_company = row.cells.get("company") or row.cells.get("company_credit_code")
        if uuid is None:
            if names_company:
                values["uuid"] = new_uuid()
            self.new.append(values)
            self.outcome.count("created")
        else:
            estate = self.session.get(Estate, uuid)
            assert estate is not None
            if all(getattr(estate, k) == v for k, v in values.items()):
                self.outcome.count("unchanged")
            else:
                if self.deferred:
                    self.updates[uuid] = values
                else:
                    for k, v in values.items():
                        setattr(estate, k, v)
                self.outcome.count("updated")
        if names_company:
            if self.links is None:
                self.links = _CompanyLinks(self.session, self.today, self.outcome)
            self.links.link(row, uuid or str(values["uuid"]), name, is_new=uuid is None)

    def still_valid(self, session: Session, since: int) -> bool:
        """Nothing this check relied on changed after `since` (the change counter when it
        read): no office row, no estate it updates or whose name it takes, and, when rows
        name their company, no company or contract (the links were matched against them)."""
        every = {INCLUDE_DELETED: True}
        offices = select(func.count()).select_from(Org).where(Org.seq > since)
        if session.scalar(offices.execution_options(**every)):
            return False
        changed = select(Estate.uuid, Estate.community_code, Estate.name).where(Estate.seq > since)
        for uuid, code, name in session.execute(changed.execution_options(**every)):
            if uuid in self.updates or name in self.seen.get(code, ()):
                return False
        if self.links is not None:
            for model in (PropertyCompany, ServiceContract):
                touched = select(func.count()).select_from(model).where(model.seq > since)
                if session.scalar(touched.execution_options(**every)):
                    return False
        return True

    def write(self, session: Session) -> None:
        """The checked rows' writes, in `session` (which holds the write lock)."""
        self.session = session
        if self.links is not None:
            self.links.session = session
        self.flush()
        for uuid, values in self.updates.items():
            estate = session.get(Estate, uuid)
            assert estate is not None  # still_valid: nobody touched it
            for k, v in values.items():
                setattr(estate, k, v)
        session.flush()


class _CompanyLinks:
    """An estate ledger's 物业服务企业 column: the company is matched by credit code or name;
    an estate without a current contract gets one with it; an unknown name or one that
    contradicts the current contract is a warning on the row, which is still imported."""

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        self.session = session
        self.today = today
        self.outcome = outcome
        self.companies = _CompanyLookup(session)
        self.current: dict[str, set[str]] = {}
        for estate, company in session.execute(
            select(ServiceContract.estate_uuid, ServiceContract.company_uuid).where(
                ServiceContract.deleted.is_(False), *current_contract(today)
            )
        ):
            self.current.setdefault(estate, set()).add(company)
        self.new: list[dict[str, Any]] = []

    def link(self, row: RowIn, estate: str, estate_name: str, *, is_new: bool) -> None:
        company, problem = self.companies.match(row)
        if problem is not None:
            self.warn(row, problem)
            return
        shown = self.companies.names[company]
        current = set() if is_new else self.current.get(estate, set())
        if company in current:
            self.outcome.links.append(CompanyLink(row.number, estate_name, shown, "current"))
            return
        if current:
            others = "、".join(f"“{self.companies.names[c]}”" for c in sorted(current))
            self.warn(row, Problem("company", f"现行服务合同的企业是{others}，与台账不一致，"
                                              "未改动合同"))  # fmt: skip
            return
        start = row.cells.get("contract_start")
        start = start if isinstance(start, date) else None
        self.new.append({
            "estate_uuid": estate, "company_uuid": company,
            "start_date": start, "end_date": None,
            "selection_method": ContractIn(estate, company, None).selection_method,
            "fee_fen_per_m2_month": None,
        })  # fmt: skip
        self.current[estate] = {company}
        self.outcome.links.append(CompanyLink(row.number, estate_name, shown, "new_contract",
                                              start))  # fmt: skip

    def warn(self, row: RowIn, problem: Problem) -> None:
        self.outcome.warnings.append(RowProblem(row.number, problem.field, problem.message))

    def flush(self) -> None:
        """After the estates' INSERT: a contract refers to its estate."""
        if self.new:
            self.session.execute(insert(ServiceContract), self.new)
            self.new = []


class _CompanyRows(_Rows):
    """Matched by credit code; the company service checks each row (hundreds, not 100,000)."""

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.seen: dict[str, int] = {}

    def add(self, row: RowIn) -> None:
        code = validate_credit_code(str(row.cells.get("credit_code") or "")).value
        uuid = self.session.scalar(
            select(PropertyCompany.uuid).where(PropertyCompany.credit_code == code)
        ) if code else None  # fmt: skip
        base = get_company(self.session, uuid) if uuid else CompanyIn()
        data = _with_cells(base, row.cells, CompanyIn())
        problems: list[Problem] = []
        if code and code in self.seen:
            problems.append(Problem("credit_code", f"与第{self.seen[code]}行是同一企业（重复）"))
        if problems or row.errors:
            self.refuse(row, problems)
            return
        before = base
        try:
            if uuid is None:
                create_company(self.session, data)
            else:
                update_company(self.session, uuid, data)
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.seen[code] = row.number
        if uuid is None:
            self.outcome.count("created")
        else:
            self.outcome.count(
                "unchanged" if get_company(self.session, uuid) == before else "updated"
            )


class _EstateLookup:
    """Estate by community + name, the way ledgers name it."""

    def __init__(self, session: Session, communities: Mapping[str, str]) -> None:
        scope = set(communities.values())
        self.by_key = {
            (code, name): uuid
            for uuid, code, name in session.execute(
                select(Estate.uuid, Estate.community_code, Estate.name)
            )
            if code in scope
        }

    def find(self, code: str, name: str, problems: list[Problem]) -> str:
        uuid = self.by_key.get((code, name))
        if code and uuid is None:
            problems.append(Problem("estate", f"本社区没有“{name}”小区，请先导入小区台账" if name
                                    else "必填"))  # fmt: skip
        return uuid or ""


class _BuildingRows(_Rows):
    """Matched by community + estate + building name."""

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.seen: dict[tuple[str, str], int] = {}

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        estate = self.estate(row, problems)
        name = str(row.cells.get("name") or "").strip()
        if estate and name and (estate, name) in self.seen:
            problems.append(Problem("name", f"与第{self.seen[(estate, name)]}行是同一楼栋（重复）"))
        if problems or row.errors:
            self.refuse(row, problems)
            return
        stored = self.session.scalar(
            select(Building).where(Building.estate_uuid == estate, Building.name == name)
        )
        base = BuildingIn(estate, name)
        if stored is not None:
            base = BuildingIn(estate, name, stored.floors, stored.households, stored.has_elevator)
        data = _with_cells(base, row.cells, BuildingIn(estate, name))
        try:
            _, created = save_building(self.session, replace(data, estate_uuid=estate, name=name))
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.seen[(estate, name)] = row.number
        self.outcome.count("created" if created else "updated")


class _CompanyLookup:
    """A company by credit code, else by name; a name two companies share is ambiguous."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(PropertyCompany.uuid, PropertyCompany.credit_code, PropertyCompany.name)
            .where(PropertyCompany.deleted.is_(False))
        ).all()  # fmt: skip
        self.by_code = {code: uuid for uuid, code, _ in rows}
        self.names = {uuid: name for uuid, _, name in rows}
        self.by_name: dict[str, list[str]] = {}
        for uuid, _, name in rows:
            self.by_name.setdefault(_company_key(name), []).append(uuid)

    def find(self, row: RowIn, problems: list[Problem]) -> str:
        uuid, problem = self.match(row)
        if problem is not None:
            problems.append(problem)
        return uuid

    def match(self, row: RowIn) -> tuple[str, Problem | None]:
        """By credit code when the row gives one, else by name (full width and spaces aside)."""
        code_text = str(row.cells.get("company_credit_code") or "")
        if code_text:
            code = validate_credit_code(code_text).value
            if code in self.by_code:
                return self.by_code[code], None
            return "", Problem("company_credit_code", f"没有统一社会信用代码为{code}的企业")
        name = str(row.cells.get("company") or "").strip()
        found = self.by_name.get(_company_key(name), [])
        if len(found) == 1:
            return found[0], None
        if found:
            reason = f"有{len(found)}家企业名为“{name}”，请填写统一社会信用代码"
        else:
            reason = f"没有名为“{name}”的物业企业，请先导入企业台账"
        return "", Problem("company", reason)


def _company_key(name: str) -> str:
    """Company names as typed: full-width brackets and stray spaces are the same name."""
    return "".join(name.split()).replace("（", "(").replace("）", ")")


class _ContractRows(_Rows):
    """Matched by estate + company + start date."""

    unrename: ClassVar[Mapping[str, str]] = {"estate_uuid": "estate", "company_uuid": "company"}

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.seen: dict[tuple[Any, ...], int] = {}

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        estate = self.estate(row, problems)
        company = self.companies.find(row, problems)
        key = (estate, company, row.cells.get("start_date"))
        if all(key) and key in self.seen:
            problems.append(Problem("start_date", f"与第{self.seen[key]}行是同一合同（重复）"))
        if problems or row.errors:
            self.refuse(row, problems)
            return
        self.seen[key] = row.number
        empty = ContractIn(estate, company, None)
        stored = self.session.scalar(
            select(ServiceContract).where(
                ServiceContract.estate_uuid == estate,
                ServiceContract.company_uuid == company,
                ServiceContract.start_date == row.cells.get("start_date"),
            )
        )
        base = empty
        if stored is not None:
            base = ContractIn(estate, company, stored.start_date, stored.end_date,
                              stored.selection_method, stored.fee_fen_per_m2_month)  # fmt: skip
        data = _with_cells(base, row.cells, empty)
        try:
            _, action = save_contract(self.session, replace(data, estate_uuid=estate,
                                                            company_uuid=company),
                                      today=self.today)  # fmt: skip
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.outcome.count(action)


class _StaffRows(_Rows):
    """Matched by company + name; the estate a manager serves is optional."""

    unrename: ClassVar[Mapping[str, str]] = {"company_uuid": "company", "estate_uuid": "estate"}

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.seen: dict[tuple[str, str], int] = {}

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        company = self.companies.find(row, problems)
        name = str(row.cells.get("name") or "").strip()
        if company and name and (company, name) in self.seen:
            problems.append(Problem("name", f"与第{self.seen[(company, name)]}行是同一人（重复）"))
        estate: str | None = None
        if row.cells.get("estate"):
            estate = self.estate(row, problems) or None
        if problems or row.errors:
            self.refuse(row, problems)
            return
        self.seen[(company, name)] = row.number
        stored = self.session.scalar(
            select(CompanyStaff).where(
                CompanyStaff.company_uuid == company, CompanyStaff.name == name
            )
        )
        empty = StaffIn(company, name)
        base = empty
        if stored is not None:
            base = StaffIn(company, name, stored.role, stored.phone, stored.id_number,
                           stored.estate_uuid, stored.certificate)  # fmt: skip
        data = replace(_with_cells(base, row.cells, empty), company_uuid=company, name=name)
        if "estate" in row.cells:
            data = replace(data, estate_uuid=estate)
        try:
            _, action = save_staff(self.session, data, today=self.today)
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.outcome.count(action)


COMMITTEE_FIELDS = (
    "kind", "elected_on", "term_start", "term_end", "filed_on", "status", "first_meeting_on",
)  # fmt: skip


class _CommitteeRows(_Rows):
    """One row per member; rows of one estate and term make one committee, saved whole.

    A roster is replaced whole, so a group with any refused row is refused whole: importing
    the other rows alone would drop the refused members from the committee.
    """

    unrename: ClassVar[Mapping[str, str]] = {"estate_uuid": "estate", "members": "role"}
    MEMBER_FIELDS: ClassVar[Mapping[str, str]] = {
        "name": "member_name", "phone": "phone", "id_number": "member_name",
        "checks": "checked_by",
    }  # fmt: skip

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.groups: dict[tuple[str, int], list[RowIn]] = {}
        self.broken: set[tuple[str, int]] = set()

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        estate = self.estate(row, problems)
        term = row.cells.get("term_number")
        if estate and isinstance(term, int):
            self.groups.setdefault((estate, term), []).append(row)
            if problems or row.errors:
                self.broken.add((estate, term))
        if problems or row.errors or not isinstance(term, int):
            self.refuse(row, problems)

    def finish(self) -> None:
        for key, rows in self.groups.items():
            if key in self.broken:
                refused = {p.row for p in self.outcome.problems}
                self._refuse_rest(rows, refused)
            else:
                self._save(*key, rows)

    def _refuse_rest(self, rows: list[RowIn], already: set[int]) -> None:
        note = Problem("estate", "同一委员会（同一小区、届次）有其他行存在问题，本组均未导入")
        for row in rows:
            if row.number not in already:
                self.refuse(row, [note])

    def _save(self, estate: str, term: int, rows: list[RowIn]) -> None:
        uuid = self.session.scalar(
            select(Committee.uuid).where(
                Committee.estate_uuid == estate, Committee.term_number == term
            )
        )
        base = get_committee(self.session, uuid) if uuid else CommitteeIn(estate_uuid=estate)
        known = {m.name: m for m in base.members}
        values = {k: getattr(base, k) for k in COMMITTEE_FIELDS}
        first_seen: dict[str, int] = {}
        conflicts: list[tuple[RowIn, Problem]] = []
        for row in rows:
            for key in COMMITTEE_FIELDS:
                value = row.cells.get(key)
                if value is None:
                    continue
                if key in first_seen and value != values[key]:
                    conflicts.append((row, Problem(key, f"与第{first_seen[key]}行不一致")))
                elif key not in first_seen:
                    first_seen[key] = row.number
                    values[key] = value
        if conflicts:
            for row, problem in conflicts:
                self.refuse(row, [problem])
            self._refuse_rest(rows, {row.number for row, _ in conflicts})
            return
        members = [self._member(r, known) for r in rows]
        data = CommitteeIn(estate_uuid=estate, term_number=term, members=members, **values)
        # A sheet registers rosters of terms already elected, often long ago, whose checks
        # were never written down: a member it seats without the six checks passed is a
        # warning on the row, not a refusal (the committee form refuses it).
        _, seated = committee_problems(self.session, data, today=self.today)  # codes, not labels
        status = CommitteeStatus.from_text(data.status or "")
        unvetted = vetting_problems(
            self.session, replace(data, status=str(status) if status else data.status), seated
        )
        try:
            save_committee(self.session, uuid, data, today=self.today, require_vetting=False)
        except InputError as exc:
            self._refuse_group(rows, exc.problems, first_seen)
            return
        self.outcome.count("created" if uuid is None else "updated")
        for problem in committee_warnings(data, today=self.today):
            self.outcome.warnings.append(RowProblem(rows[0].number, problem.field, problem.message))
        for problem in unvetted:
            index = int(problem.field.split(".")[1])
            missing = "、".join(check_label(code) for code in unmet_checks(seated[index].checks))
            message = (f"{seated[index].name}的资格审查未全部通过（{missing}），已按历史任职导入；"
                       "请在委员会表单中补录审查情况")  # fmt: skip
            self.outcome.warnings.append(RowProblem(rows[index].number, "checked_by", message))

    @staticmethod
    def _member(row: RowIn, known: Mapping[str, MemberIn]) -> MemberIn:
        """The stored member overlaid with the columns the sheet has: a roster without a
        联系电话 column keeps every phone, and ID numbers (never in the roster) stay."""
        name = str(row.cells.get("member_name") or "").strip()
        stored = known.get(name) or MemberIn(name=name)
        return replace(
            stored,
            name=name,
            role=str(row.cells.get("role") or stored.role),
            party_member=bool(row.cells["party_member"])
            if "party_member" in row.cells
            else stored.party_member,
            phone=str(row.cells.get("phone") or "") if "phone" in row.cells else stored.phone,
            checks=_member_checks(row, stored.checks),
        )

    def _refuse_group(
        self, rows: list[RowIn], problems: Sequence[Problem], source: Mapping[str, int]
    ) -> None:
        by_number = {r.number: r for r in rows}
        for problem in problems:
            parts = problem.field.split(".")
            if parts[0] == "members" and len(parts) == 3:  # members.<index>.<field>
                row = rows[int(parts[1])] if int(parts[1]) < len(rows) else rows[0]
                message = problem.message.split("：", 1)[-1]
                self.refuse(row, [Problem(self.MEMBER_FIELDS.get(parts[2], "member_name"),
                                          message)])  # fmt: skip
            elif problem.field == "members":  # composition: every row of the roster
                for row in rows:
                    self.refuse(row, [Problem("role", problem.message)])
            else:
                self.refuse(by_number.get(source.get(problem.field, 0), rows[0]), [problem])
        self._refuse_rest(rows, {p.row for p in self.outcome.problems})


def _member_checks(row: RowIn, stored: Sequence[CheckIn]) -> list[CheckIn]:
    """The member's 资格审查 from the six check columns (是/否), each with the row's 资格审查人
    and 资格审查日期; a blank cell, or one saying what is stored already, keeps the stored
    check as it is (an exported roster imports again unchanged)."""
    out = {c.item: c for c in stored}
    by = str(row.cells.get("checked_by") or "").strip()
    on = row.cells.get("checked_on")
    for item in CHECKS:
        value = row.cells.get(f"check_{item.code}")
        if value is None:
            continue
        kept = out.get(item.code)
        if kept is not None and kept.passed == bool(value) and (not by or kept.checked_by == by):
            continue
        out[item.code] = CheckIn(item.code, bool(value), by, on if isinstance(on, date) else None)
    return [out[c.code] for c in CHECKS if c.code in out]


class _CommitteeItemRows(_Rows):
    """履职清单 / 负面清单 rows: the committee is the estate's term named in 届次, or without
    one the committee in office on the item's date; a row identical to a stored item (same
    committee, date, category, content) is left as it is, so an export imports again unchanged."""

    model: ClassVar[type[DutyRecord] | type[NegativeRecord]]
    unrename: ClassVar[Mapping[str, str]] = {
        "committee_uuid": "estate",
        "member_uuid": "member_name",
    }

    def committee_of(self, row: RowIn, problems: list[Problem]) -> str | None:
        estate = self.estate(row, problems)
        if not estate:
            return None
        term, on = row.cells.get("term_number"), row.cells.get("on")
        stmt = select(Committee.uuid).where(
            Committee.estate_uuid == estate, Committee.deleted.is_(False)
        )
        if isinstance(term, int):
            stmt = stmt.where(Committee.term_number == term)
        elif isinstance(on, date):
            stmt = stmt.where(Committee.term_start <= on).order_by(Committee.term_start.desc())
        found = self.session.scalars(stmt.limit(1)).first()
        if found is None:
            where = f"第{term}届" if isinstance(term, int) else "该日期在任的"
            problems.append(Problem("term_number", f"该小区没有{where}委员会"))
        return found

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        committee = self.committee_of(row, problems)
        if problems or row.errors or committee is None:
            self.refuse(row, problems)
            return
        cells = row.cells
        same = self.session.scalar(
            select(self.model.uuid).where(
                self.model.committee_uuid == committee,
                self.model.deleted.is_(False),
                self.model.on == cells.get("on"),
                self.model.category == str(cells.get("category") or "").strip(),
                self.model.content == str(cells.get("content") or "").strip(),
            )
        )
        try:
            self.save(committee, same, row)
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.outcome.count("created" if same is None else "updated")

    def save(self, committee: str, uuid: str | None, row: RowIn) -> None:
        raise NotImplementedError


class _DutyRows(_CommitteeItemRows):
    model = DutyRecord

    def save(self, committee: str, uuid: str | None, row: RowIn) -> None:
        c = row.cells
        data = DutyIn(committee, c.get("on"), str(c.get("category") or ""),
                      str(c.get("content") or ""))  # fmt: skip
        save_duty(self.session, uuid, data, today=self.today)


class _NegativeRows(_CommitteeItemRows):
    model = NegativeRecord

    def save(self, committee: str, uuid: str | None, row: RowIn) -> None:
        c = row.cells
        member: str | None = None
        if name := str(c.get("member_name") or "").strip():
            member = self.session.scalar(
                select(CommitteeMember.uuid).where(
                    CommitteeMember.committee_uuid == committee,
                    CommitteeMember.name == name,
                    CommitteeMember.deleted.is_(False),
                )
            )
            if member is None:
                raise InputError(Problem("member_name", f"该委员会没有名为“{name}”的成员"))
        data = NegativeIn(
            committee, c.get("on"), str(c.get("category") or ""), str(c.get("content") or ""),
            member, c.get("measure"), c.get("handled_on"), str(c.get("handling") or ""),
        )  # fmt: skip
        save_negative(self.session, uuid, data, today=self.today)


class _CrossPostRows(_Rows):
    """交叉任职 (task 10), matched by estate + person + side + start date (the service's key)."""

    unrename: ClassVar[Mapping[str, str]] = {"estate_uuid": "estate", "company_uuid": "company"}

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.seen: dict[tuple[Any, ...], int] = {}

    def add(self, row: RowIn) -> None:
        from app.services.red import CrossPostIn, save_cross_post

        problems: list[Problem] = []
        estate = self.estate(row, problems)
        company = None
        if row.cells.get("company") or row.cells.get("company_credit_code"):
            company = self.companies.find(row, problems) or None
        cells = {k: ("" if v is None else v) for k, v in row.cells.items()}
        key = (estate, str(cells.get("person", "")).strip(), str(cells.get("side", "")),
               row.cells.get("since"))  # fmt: skip
        if all(key) and key in self.seen:
            problems.append(Problem("person", f"与第{self.seen[key]}行是同一条交叉任职（重复）"))
        if problems or row.errors:
            self.refuse(row, problems)
            return
        self.seen[key] = row.number
        data = CrossPostIn(
            estate, str(cells.get("person", "")), str(cells.get("community_role", "")),
            str(cells.get("side", "")), str(cells.get("post_role", "")), row.cells.get("since"),
            str(cells.get("direction", "")), company, row.cells.get("until"),
            str(cells.get("phone", "")), str(cells.get("id_number", "")),
        )  # fmt: skip
        try:
            _, action = save_cross_post(self.session, data, today=self.today)
        except InputError as exc:
            self.refuse(row, exc.problems)
            return
        self.outcome.count(action)


class _SurveyAnswerRows(_Rows):
    """满意度调查答卷, one row per paper questionnaire: the campaign is the estate's survey
    named in 调查名称; 第1题…第20题 score the questionnaire's items in their order (a blank cell
    is an unanswered item). A row whose 问卷编号 was imported before updates that answer."""

    def __init__(self, session: Session, today: date, outcome: ImportOutcome) -> None:
        super().__init__(session, today, outcome)
        self.campaigns: dict[tuple[str, str], str | None] = {}
        self.numbers: dict[tuple[str, str], int] = {}

    def campaign_of(self, row: RowIn, problems: list[Problem]) -> str | None:
        estate = self.estate(row, problems)
        title = str(row.cells.get("title") or "").strip()
        if not estate or not title:
            return None
        if (estate, title) not in self.campaigns:
            self.campaigns[(estate, title)] = self.session.scalar(
                select(SurveyCampaign.uuid).where(
                    SurveyCampaign.estate_uuid == estate,
                    SurveyCampaign.title == title,
                    SurveyCampaign.deleted.is_(False),
                )
            )
        found = self.campaigns[(estate, title)]
        if found is None:
            problems.append(Problem("title", f"该小区没有名为“{title}”的满意度调查，请先建立调查"))
        return found

    def add(self, row: RowIn) -> None:
        problems: list[Problem] = []
        campaign = self.campaign_of(row, problems)
        number = str(row.cells.get("number") or "").strip()
        if campaign and number:
            if (campaign, number) in self.numbers:
                seen = self.numbers[(campaign, number)]
                problems.append(Problem("number", f"与第{seen}行是同一份问卷（编号重复）"))
            else:
                self.numbers[(campaign, number)] = row.number
        if problems or row.errors or campaign is None:
            self.refuse(row, problems)
            return
        _, items = campaign_items(self.session, campaign)
        column = {item.code: f"q{i}" for i, item in enumerate(items, 1)}
        scores: dict[str, int | None] = {}
        for i in range(1, 21):
            value = row.cells.get(f"q{i}")
            if i <= len(items):
                scores[items[i - 1].code] = value
            elif value is not None:
                problems.append(Problem(f"q{i}", f"问卷只有{len(items)}题，这一列应为空"))
        if problems:
            self.refuse(row, problems)
            return
        before = self.session.scalar(
            select(SurveyResponse.scores_json).where(
                SurveyResponse.campaign_uuid == campaign,
                SurveyResponse.number == number,
                SurveyResponse.deleted.is_(False),
            )
        ) if number else None  # fmt: skip
        try:
            on = row.cells.get("answered_on")
            uuid = add_response(self.session, campaign, scores, answered_on=on, number=number)
        except InputError as exc:
            self.refuse(row, [self._on_column(p, column) for p in exc.problems])
            return
        after = self.session.get(SurveyResponse, uuid)
        if before is None:
            self.outcome.count("created")
        else:
            self.outcome.count("unchanged" if after and after.scores_json == before else "updated")

    @staticmethod
    def _on_column(problem: Problem, column: Mapping[str, str]) -> Problem:
        """A score's problem (scores.<code>) on its sheet column (第N题); one about the whole
        questionnaire on its first item's column."""
        if problem.field.startswith("scores."):
            return Problem(column.get(problem.field[7:], "q1"), problem.message)
        if problem.field == "scores":
            return Problem("q1", problem.message)
        return problem
