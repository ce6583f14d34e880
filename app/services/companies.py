"""Property service companies, their staff and contracts, with GB 32100 credit-code checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, or_, select
from sqlalchemy.orm import Session, aliased

from app.codes import MarketStatus, PartyOrg, SelectionMethod, StaffRole
from app.db.sync import as_seen
from app.errors import InputError, NotFound, Problem
from app.models import CompanyStaff, Estate, PropertyCompany, ServiceContract
from app.rules.contracts import RENEWAL_NOTICE_DAYS, TermState, term_state
from app.rules.credit_code import validate_credit_code
from app.rules.masking import mask_phone
from app.rules.phone import validate_phone
from app.rules.resident_id import validate_resident_id
from app.services.listing import Column, Listing, ListQuery, contains
from app.services.market import expelled_problem
from app.services.offices import in_subtree
from app.services.tombstones import tombstone


@dataclass
class CompanyIn:
    credit_code: str = ""
    name: str = ""
    legal_rep: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    address: str = ""
    party_org: str = PartyOrg.NONE.value
    party_org_since: date | None = None  # 党组织建立日期 (task 10)
    market_status: str = MarketStatus.NORMAL.value


COMPANY_FIELDS = tuple(f.name for f in fields(CompanyIn))


def company_problems(
    session: Session, data: CompanyIn, editing: str | None = None
) -> tuple[list[Problem], CompanyIn]:
    """Problems, and the input with normalised codes (full-width, spaces, case)."""
    problems: list[Problem] = []
    clean = CompanyIn(**asdict(data))
    clean.name = data.name.strip()
    if not clean.name:
        problems.append(Problem("name", "企业名称不能为空"))
    code = validate_credit_code(data.credit_code)
    problems += [Problem("credit_code", m) for m in code.errors]
    clean.credit_code = code.value
    if code.ok:
        clash = select(PropertyCompany.name).where(PropertyCompany.credit_code == code.value)
        if editing:
            clash = clash.where(PropertyCompany.uuid != editing)
        if other := session.scalar(clash):
            problems.append(Problem("credit_code", f"该统一社会信用代码已登记为“{other}”"))
    if data.contact_phone.strip():
        phone = validate_phone(data.contact_phone)
        problems += [Problem("contact_phone", m) for m in phone.errors]
        clean.contact_phone = phone.value
    if PartyOrg.from_text(data.party_org) is None:
        problems.append(Problem("party_org", "请选择党组织建立情况"))
    else:
        clean.party_org = str(PartyOrg.from_text(data.party_org))
        if clean.party_org == PartyOrg.NONE and data.party_org_since is not None:
            problems.append(Problem("party_org_since", "未建立党组织的企业不填党组织建立日期"))
    if MarketStatus.from_text(data.market_status) is None:
        problems.append(Problem("market_status", "请选择市场状态"))
    else:
        clean.market_status = str(MarketStatus.from_text(data.market_status))
    for key in ("legal_rep", "contact_person", "address"):
        setattr(clean, key, getattr(data, key).strip())
    return problems, clean


def create_company(session: Session, data: CompanyIn) -> str:
    problems, clean = company_problems(session, data)
    if problems:
        raise InputError(problems)
    company = PropertyCompany(**asdict(clean))
    session.add(company)
    session.flush()
    return company.uuid


def get_company(session: Session, uuid: str) -> CompanyIn:
    company = session.get(PropertyCompany, uuid)
    if company is None:
        raise NotFound("物业企业", uuid)
    return CompanyIn(
        **{
            key: as_seen(session, PropertyCompany, key, getattr(company, key))
            for key in COMPANY_FIELDS
        }
    )


def update_company(session: Session, uuid: str, data: CompanyIn) -> None:
    company = session.get(PropertyCompany, uuid)
    if company is None:
        raise NotFound("物业企业", uuid)
    problems, clean = company_problems(session, data, editing=uuid)
    if problems:
        raise InputError(problems)
    for key, value in asdict(clean).items():
        setattr(company, key, value)
    session.flush()


def delete_company(session: Session, uuid: str, *, today: date) -> None:
    """A company still serving an estate cannot go: its contracts must end first."""
    company = session.get(PropertyCompany, uuid)
    if company is None:
        raise NotFound("物业企业", uuid)
    serving = session.scalar(
        select(Estate.name)
        .join(ServiceContract, ServiceContract.estate_uuid == Estate.uuid)
        .where(ServiceContract.company_uuid == uuid, *current_contract(today))
    )
    if serving:
        raise InputError(Problem("", f"该企业仍在服务“{serving}”等小区，请先终止合同"))
    for staff in company.staff:
        session.delete(staff)
    for contract in session.scalars(
        select(ServiceContract).where(ServiceContract.company_uuid == uuid)
    ):
        session.delete(contract)
    session.delete(company)
    session.flush()


def current_contract(today: date | ColumnElement[Any]) -> tuple[ColumnElement[bool], ...]:
    """The conditions for a contract in force on `today` (a date, or SQL's current date).

    Started (or of unknown start), and either not ended or ended with no later contract of the
    estate: after its end with no decision the service continues as an indefinite contract
    (民法典 art 948, `app.rules.contracts`), so the company stays the estate's company.
    """
    later = aliased(ServiceContract)
    superseded = exists().where(
        later.estate_uuid == ServiceContract.estate_uuid,
        later.deleted.is_(False),
        later.start_date > ServiceContract.start_date,
        later.start_date <= today,
    )
    return (
        or_(ServiceContract.start_date.is_(None), ServiceContract.start_date <= today),
        or_(
            ServiceContract.end_date.is_(None),
            ServiceContract.end_date >= today,
            ~superseded,
        ),
    )


def company_on_board(name: str, contract: ServiceContract, today: date) -> str:
    """The company as a board names it: flagged 不定期 when its contract runs without a term
    (signed without an end, or continued past it with no decision, 民法典 art 948)."""
    state = term_state(contract.start_date, contract.end_date, today)
    return f"{name}（不定期）" if state.indefinite else name


def superseded_uuids(session: Session, uuids: list[str], today: date) -> set[str]:
    """Which of these contracts a later contract of the same estate has replaced by `today`."""
    later = aliased(ServiceContract)
    return set(
        session.scalars(
            select(ServiceContract.uuid).where(
                ServiceContract.uuid.in_(uuids),
                exists().where(
                    later.estate_uuid == ServiceContract.estate_uuid,
                    later.deleted.is_(False),
                    later.start_date > ServiceContract.start_date,
                    later.start_date <= today,
                ),
            )
        )
    )


@dataclass(frozen=True)
class ContractAlert:
    """A contract to act on: ending within 90 days (art 947) or continued 不定期 (art 948)."""

    uuid: str
    estate_uuid: str
    estate_name: str
    company_name: str
    start_date: date | None
    end_date: date
    state: TermState


def contract_alerts(session: Session, today: date) -> list[ContractAlert]:
    """The office's contracts that end within 90 days or have ended without a decision,
    soonest end first: the owners must decide to renew, re-select, or let it run 不定期."""
    rows = session.execute(
        select(ServiceContract, Estate.name, PropertyCompany.name)
        .join(Estate, Estate.uuid == ServiceContract.estate_uuid)
        .join(PropertyCompany, PropertyCompany.uuid == ServiceContract.company_uuid)
        .where(
            in_subtree(session, Estate.community_code),
            ServiceContract.deleted.is_(False),
            ServiceContract.end_date.is_not(None),
            ServiceContract.end_date <= date.fromordinal(today.toordinal() + RENEWAL_NOTICE_DAYS),
            *current_contract(today),
        )
        .order_by(ServiceContract.end_date, Estate.name, ServiceContract.uuid)
    ).all()
    return [
        ContractAlert(
            c.uuid, c.estate_uuid, estate, company, c.start_date, c.end_date,
            term_state(c.start_date, c.end_date, today),
        )
        for c, estate, company in rows
    ]  # fmt: skip


@dataclass
class ContractIn:
    estate_uuid: str
    company_uuid: str
    start_date: date | None
    end_date: date | None = None
    selection_method: str = SelectionMethod.OPEN_TENDER.value
    fee_fen_per_m2_month: int | None = None


def contract_problems(session: Session, data: ContractIn) -> list[Problem]:
    problems: list[Problem] = []
    if session.get(Estate, data.estate_uuid) is None:
        problems.append(Problem("estate_uuid", "请选择小区"))
    if session.get(PropertyCompany, data.company_uuid) is None:
        problems.append(Problem("company_uuid", "请选择物业企业"))
    # An unknown start date stays unknown (a ledger that gave none): never the day of entry.
    start, end = data.start_date, data.end_date
    if start is not None and end is not None and end <= start:
        problems.append(Problem("end_date", "合同结束日期应晚于开始日期"))
    if SelectionMethod.from_text(data.selection_method) is None:
        problems.append(Problem("selection_method", "请选择选聘方式"))
    if data.fee_fen_per_m2_month is not None and data.fee_fen_per_m2_month < 0:
        problems.append(Problem("fee_fen_per_m2_month", "收费标准不能为负数"))
    return problems


def create_contract(session: Session, data: ContractIn) -> str:
    return save_contract(session, data)[0]


def save_contract(
    session: Session, data: ContractIn, *, today: date | None = None
) -> tuple[str, str]:
    """Create, or update the contract of the same estate, company and start date.

    Returns (uuid, "created" | "updated" | "unchanged"), so a re-imported ledger never
    duplicates a contract. A new contract with a company 清出市场 on `today` is refused.
    """
    problems = contract_problems(session, data)
    values = {
        **asdict(data),
        "selection_method": str(SelectionMethod.from_text(data.selection_method)),
    }
    contract = session.scalar(
        select(ServiceContract).where(
            ServiceContract.estate_uuid == data.estate_uuid,
            ServiceContract.company_uuid == data.company_uuid,
            ServiceContract.start_date == data.start_date,
        )
    )
    if contract is None and (refused := expelled_problem(session, data.company_uuid,
                                                         today or date.today())):  # fmt: skip
        problems.append(refused)
    if problems:
        raise InputError(problems)
    return upsert_row(session, contract, ServiceContract, values)


def upsert_row(session: Session, row, model, values: dict) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Create `model(**values)` or bring `row` to `values`: the action an import counts."""
    if row is None:
        row = model(**values)
        session.add(row)
        session.flush()
        return row.uuid, "created"
    if all(getattr(row, k) == v for k, v in values.items()):
        return row.uuid, "unchanged"
    for k, v in values.items():
        setattr(row, k, v)
    session.flush()
    return row.uuid, "updated"


@dataclass
class StaffIn:
    company_uuid: str
    name: str
    role: str = StaffRole.PROJECT_MANAGER.value
    phone: str = ""
    id_number: str = ""
    estate_uuid: str | None = None
    certificate: str = ""


def staff_problems(
    session: Session, data: StaffIn, *, today: date
) -> tuple[list[Problem], dict[str, object]]:
    """Problems, and the values to store (phone and ID number normalised)."""
    problems: list[Problem] = []
    if session.get(PropertyCompany, data.company_uuid) is None:
        problems.append(Problem("company_uuid", "请选择物业企业"))
    if not data.name.strip():
        problems.append(Problem("name", "姓名不能为空"))
    role = StaffRole.from_text(data.role)
    if role is None:
        problems.append(Problem("role", "请选择岗位"))
    phone = validate_phone(data.phone) if data.phone.strip() else None
    if phone:
        problems += [Problem("phone", m) for m in phone.errors]
    ident = validate_resident_id(data.id_number, today) if data.id_number.strip() else None
    if ident:
        problems += [Problem("id_number", m) for m in ident.errors]
    if len(data.certificate.strip()) > 200:
        problems.append(Problem("certificate", "证书信息不能超过200个字"))
    values: dict[str, object] = {
        "company_uuid": data.company_uuid,
        "estate_uuid": data.estate_uuid,
        "name": data.name.strip(),
        "role": str(role),
        "phone": phone.value if phone else "",
        "id_number": ident.value if ident else "",
        "certificate": data.certificate.strip(),
    }
    return problems, values


def create_staff(session: Session, data: StaffIn, *, today: date) -> str:
    return save_staff(session, data, today=today)[0]


def save_staff(session: Session, data: StaffIn, *, today: date) -> tuple[str, str]:
    """Create, or update the company's staff member of the same name."""
    problems, values = staff_problems(session, data, today=today)
    if problems:
        raise InputError(problems)
    staff = session.scalar(
        select(CompanyStaff).where(
            CompanyStaff.company_uuid == data.company_uuid, CompanyStaff.name == values["name"]
        )
    )
    return upsert_row(session, staff, CompanyStaff, values)


def company_choices(session: Session, limit: int = 500) -> list[tuple[str, str]]:
    """(uuid, name) of the companies, for pickers and filters."""
    rows = COMPANIES.page(session, ListQuery(), limit=limit)
    return [(row.uuid, str(row.values[0])) for row in rows]


def _company_base(session: Session) -> Select[tuple[str]]:
    return select(PropertyCompany.uuid)


COMPANIES = Listing(
    base=_company_base,
    uuid=PropertyCompany.uuid,
    columns=[
        Column("name", PropertyCompany.name, nullable=False, sort=PropertyCompany.name_key),
        Column("credit_code", PropertyCompany.credit_code),
        Column("legal_rep", PropertyCompany.legal_rep),
        Column("contact_person", PropertyCompany.contact_person),
        Column("contact_phone", PropertyCompany.contact_phone, display=mask_phone, personal=True),
        Column("party_org", PropertyCompany.party_org, display=PartyOrg.label_of),
        Column("market_status", PropertyCompany.market_status, display=MarketStatus.label_of),
    ],
    search=contains(PropertyCompany.name, PropertyCompany.credit_code, PropertyCompany.legal_rep),
    default_sort="name",
    filters={
        "party_org": PropertyCompany.party_org,
        "market_status": PropertyCompany.market_status,
    },
)


# -- contracts and staff as forms show them -----------------------------------------------


@dataclass(frozen=True)
class ContractRow:
    """A contract as the estate and company forms list it: plain values, any thread."""

    uuid: str
    estate_uuid: str
    estate_name: str
    company_uuid: str
    company_name: str
    start_date: date | None  # None: unknown (a ledger that gave none)
    end_date: date | None
    selection_method: str  # its Chinese label
    fee_fen_per_m2_month: int | None
    manager: str  # the company's 项目负责人 at the estate, or ""
    state: TermState  # on the day the rows were read

    def in_force(self, today: date) -> bool:
        return self.state.in_force


def contracts_of(
    session: Session,
    *,
    estate_uuid: str | None = None,
    company_uuid: str | None = None,
    today: date | None = None,
) -> list[ContractRow]:
    """An estate's or a company's contracts, newest first, each with its term on `today`."""
    today = today or date.today()
    stmt = (
        select(ServiceContract, Estate.name, PropertyCompany.name)
        .join(Estate, Estate.uuid == ServiceContract.estate_uuid)
        .join(PropertyCompany, PropertyCompany.uuid == ServiceContract.company_uuid)
        .order_by(ServiceContract.start_date.desc(), ServiceContract.uuid)
    )
    if estate_uuid is not None:
        stmt = stmt.where(ServiceContract.estate_uuid == estate_uuid)
    if company_uuid is not None:
        stmt = stmt.where(ServiceContract.company_uuid == company_uuid)
    rows = []
    found = session.execute(stmt).all()
    replaced = superseded_uuids(session, [c.uuid for c, _e, _n in found], today)
    for contract, estate_name, company_name in found:
        manager = project_manager(session, contract.estate_uuid, contract.company_uuid)
        rows.append(
            ContractRow(
                contract.uuid, contract.estate_uuid, estate_name, contract.company_uuid,
                company_name, contract.start_date, contract.end_date,
                SelectionMethod.label_of(contract.selection_method),
                contract.fee_fen_per_m2_month, manager.name if manager else "",
                term_state(contract.start_date, contract.end_date, today,
                           superseded=contract.uuid in replaced),
            )
        )  # fmt: skip
    return rows


def get_contract(session: Session, uuid: str) -> ContractIn:
    contract = session.get(ServiceContract, uuid)
    if contract is None:
        raise NotFound("服务合同", uuid)
    return ContractIn(
        contract.estate_uuid, contract.company_uuid, contract.start_date, contract.end_date,
        contract.selection_method, contract.fee_fen_per_m2_month,
    )  # fmt: skip


def update_contract(
    session: Session, uuid: str, data: ContractIn, *, today: date | None = None
) -> None:
    """Edit a contract in place (its dates included), with the checks of `save_contract`;
    moving it to a company 清出市场 is refused like a new contract."""
    contract = session.get(ServiceContract, uuid)
    if contract is None:
        raise NotFound("服务合同", uuid)
    problems = contract_problems(session, data)
    if contract.company_uuid != data.company_uuid and (
        refused := expelled_problem(session, data.company_uuid, today or date.today())
    ):
        problems.append(refused)
    if problems:
        raise InputError(problems)
    values = {
        **asdict(data),
        "selection_method": str(SelectionMethod.from_text(data.selection_method)),
    }
    for key, value in values.items():
        setattr(contract, key, value)
    session.flush()


def delete_contract(session: Session, uuid: str) -> None:
    tombstone(session, ServiceContract, uuid, "服务合同")


def project_manager(session: Session, estate_uuid: str, company_uuid: str) -> CompanyStaff | None:
    """The company's 项目负责人 for this estate; the latest recorded if there are several."""
    return session.scalar(
        select(CompanyStaff)
        .where(
            CompanyStaff.company_uuid == company_uuid,
            CompanyStaff.estate_uuid == estate_uuid,
            CompanyStaff.role == StaffRole.PROJECT_MANAGER,
        )
        .order_by(CompanyStaff.seq.desc())
        .limit(1)
    )


def manager_contact(session: Session, estate_uuid: str, company_uuid: str) -> tuple[str, str]:
    """The 项目负责人's name and phone as the signed-in role may read them in a form."""
    manager = project_manager(session, estate_uuid, company_uuid)
    if manager is None:
        return "", ""
    return manager.name, as_seen(session, CompanyStaff, "phone", manager.phone)


@dataclass(frozen=True)
class StaffRow:
    uuid: str
    name: str
    role: str  # its Chinese label
    phone: str
    certificate: str
    estate_name: str


def staff_of(session: Session, company_uuid: str) -> list[StaffRow]:
    rows = session.execute(
        select(CompanyStaff, Estate.name)
        .outerjoin(Estate, Estate.uuid == CompanyStaff.estate_uuid)
        .where(CompanyStaff.company_uuid == company_uuid)
        .order_by(CompanyStaff.role, CompanyStaff.name)
    )
    return [
        StaffRow(
            s.uuid,
            s.name,
            StaffRole.label_of(s.role),
            mask_phone(s.phone),
            s.certificate,
            estate or "",
        )  # a list: masked for every role (issue 14)
        for s, estate in rows
    ]


def get_staff(session: Session, uuid: str) -> StaffIn:
    staff = session.get(CompanyStaff, uuid)
    if staff is None:
        raise NotFound("从业人员", uuid)
    return StaffIn(
        staff.company_uuid, staff.name, staff.role,
        as_seen(session, CompanyStaff, "phone", staff.phone),
        as_seen(session, CompanyStaff, "id_number", staff.id_number),
        staff.estate_uuid, staff.certificate,
    )  # fmt: skip


def update_staff(session: Session, uuid: str, data: StaffIn, *, today: date) -> None:
    """Edit one person, a renamed one too; another person of the company keeps the name."""
    staff = session.get(CompanyStaff, uuid)
    if staff is None:
        raise NotFound("从业人员", uuid)
    problems, values = staff_problems(session, data, today=today)
    clash = session.scalar(
        select(CompanyStaff.uuid).where(
            CompanyStaff.company_uuid == data.company_uuid,
            CompanyStaff.name == values["name"],
            CompanyStaff.uuid != uuid,
        )
    )
    if clash:
        problems.append(Problem("name", f"本企业已登记名为“{values['name']}”的人员"))
    if problems:
        raise InputError(problems)
    for key, value in values.items():
        setattr(staff, key, value)
    session.flush()


def delete_staff(session: Session, uuid: str) -> None:
    tombstone(session, CompanyStaff, uuid, "从业人员")
