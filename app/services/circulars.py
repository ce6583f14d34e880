"""通报 (附件3; task 17 严格纪律监督): a circular of praise or criticism naming offices,
companies or committees with the facts, issued by an office to everything below it and printed
as an official document (red header, document number). An interview not rectified in time is
escalated to one (附件3 三(三)). Each party named is counted on its record
(`circular_counts`: a company's credit record reads it).

The circular and its parties are the issuing office's rows; a party that is an office in the
tree carries its code (`to_office`), so a downward package can select them later."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InputError, NotFound
from app.errors import Problem as Issue
from app.models import Circular, CircularParty
from app.rules.interviews import CIRCULAR_KINDS, SUBJECT_KINDS, kind_of
from app.rules.official import doc_number_problems

# What a circular asks when its issuer wrote no 处理决定 of its own.
DEFAULT_REQUIREMENTS = {
    "praise": "希望受到表扬的单位珍惜荣誉、再接再厉。各单位要以先进为榜样，"
    "对照先进找差距，推动住宅物业管理工作再上新台阶。",
    "criticism": "被通报单位要深刻反思，立即整改，并将整改情况书面报送发文单位。"
    "各单位要引以为戒，举一反三，切实履行职责，确保各项工作落到实处。",
}


@dataclass
class CircularIn:
    kind: str = "criticism"  # praise | criticism (or 表扬/批评)
    title: str = ""
    facts: str = ""
    requirements: str = ""
    issued_on: date | None = None
    doc_number: str = ""
    # (kind, name or division code): ("office", "340603010001"), ("company", "恒信物业")
    parties: list[tuple[str, str]] = field(default_factory=list)
    interview_uuid: str | None = None  # the interview escalated to this circular


@dataclass(frozen=True)
class PartyView:
    kind: str
    name: str
    to_office: str | None


@dataclass(frozen=True)
class CircularView:
    uuid: str
    doc_number: str
    kind: str
    title: str
    facts: str
    requirements: str
    issued_on: date
    issuer: str
    parties: tuple[PartyView, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.uuid,
            "doc_number": self.doc_number,
            "kind": self.kind,
            "kind_label": CIRCULAR_KINDS[self.kind],
            "title": self.title,
            "facts": self.facts,
            "requirements": self.requirements,
            "issued": self.issued_on.isoformat(),
            "issuer": self.issuer,
            "parties": [
                {"kind": p.kind, "name": p.name, "to_office": p.to_office} for p in self.parties
            ],
        }


def add_circular(session: Session, data: CircularIn, *, today: date | None = None) -> str:
    """Issue a circular; with `interview_uuid`, the interview it escalates is linked to it."""
    from app.rules.deadlines import not_in_future
    from app.services.interviews import escalate
    from app.services.known_units import canonical_unit
    from app.services.offices import current_office, office_below

    issues: list[Issue] = []
    kind = kind_of(data.kind, CIRCULAR_KINDS)
    if kind is None:
        issues.append(Issue("kind", "通报类型应为表扬或批评"))
    if not data.title.strip():
        issues.append(Issue("title", "请填写通报标题"))
    if not data.facts.strip():
        issues.append(Issue("facts", "请填写通报的基本情况（事实）"))
    if data.issued_on is None:
        issues.append(Issue("issued_on", "请填写发文日期"))
    else:
        issues += not_in_future("issued_on", "发文日期", data.issued_on, today or date.today())
    if data.doc_number.strip():
        issues += doc_number_problems(data.doc_number.strip())
    if not data.parties:
        issues.append(Issue("parties", "请至少写明一个被通报的单位、物业企业或业主委员会"))
    parties: list[CircularParty] = []
    for order, (party_kind, text) in enumerate(data.parties):
        code = kind_of(party_kind, SUBJECT_KINDS)
        text = text.strip()
        if code is None or not text:
            issues.append(Issue("parties", f"被通报对象写法不对：{party_kind} {text}"))
            continue
        to_office = None
        if code == "office":
            to_office, text = text, office_below(session, text, issues) or text
        elif code == "company":
            text = canonical_unit(session, text).name
        parties.append(CircularParty(party_kind=code, name=text, to_office=to_office,
                                     sort_order=order))  # fmt: skip
    if issues:
        raise InputError(issues)
    assert kind is not None and data.issued_on is not None
    row = Circular(
        doc_number=data.doc_number.strip(),
        kind=kind,
        title=data.title.strip(),
        facts=data.facts.strip(),
        requirements=data.requirements.strip(),
        issued_on=data.issued_on,
        issuer=current_office(session).name,
        parties=parties,
    )
    session.add(row)
    session.flush()
    if data.interview_uuid:
        escalate(session, data.interview_uuid, row.uuid)
    return row.uuid


def get_circular(session: Session, uuid: str) -> CircularView:
    row = session.get(Circular, uuid)
    if row is None or row.deleted:
        raise NotFound("通报", uuid)
    return CircularView(
        uuid=row.uuid,
        doc_number=row.doc_number,
        kind=row.kind,
        title=row.title,
        facts=row.facts,
        requirements=row.requirements,
        issued_on=row.issued_on,
        issuer=row.issuer,
        parties=tuple(
            PartyView(p.party_kind, p.name, p.to_office) for p in row.parties if not p.deleted
        ),
    )


def circular_list(session: Session, *, limit: int = 200) -> list[CircularView]:
    """Circulars this office holds, newest first."""
    uuids = session.scalars(
        select(Circular.uuid)
        .where(Circular.deleted.is_(False))
        .order_by(Circular.issued_on.desc(), Circular.uuid)
        .limit(limit)
    ).all()
    return [get_circular(session, u) for u in uuids]


def circular_counts(session: Session, name: str) -> dict[str, int]:
    """How often `name` (a company, committee or office) was praised and criticised: what its
    record (a company's credit record) reads."""
    rows = session.execute(
        select(Circular.kind, func.count())
        .join(CircularParty, CircularParty.circular_uuid == Circular.uuid)
        .where(CircularParty.name == name.strip(), Circular.deleted.is_(False),
               CircularParty.deleted.is_(False))
        .group_by(Circular.kind)
    ).all()  # fmt: skip
    counts = dict.fromkeys(CIRCULAR_KINDS, 0)
    counts.update({kind: int(n) for kind, n in rows})
    return counts


def circular_notice_fields(session: Session, uuid: str) -> dict[str, str]:
    """The values of the shipped 通报 template (resources/templates/通报.txt)."""
    view = get_circular(session, uuid)
    return {
        "title": view.title,
        "addressee": "各有关单位",
        "parties": "、".join(p.name for p in view.parties),
        "facts": view.facts,
        "requirements": view.requirements or DEFAULT_REQUIREMENTS[view.kind],
        "organizer": view.issuer,
    }
