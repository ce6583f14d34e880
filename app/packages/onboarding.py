"""Onboarding: how an upper office and a subordinate learn each other's public keys.

The upper office writes a signed onboarding file for one subordinate (its own code, name,
level and public keys; the subordinate's code and name; code-table and schema versions) and
records it as a known subordinate. The subordinate imports it once, then writes a signed
reply with its own public keys that echoes the onboarding id. The upper office accepts a reply
only for a subordinate it onboarded and only with that id, so a stranger cannot register keys
under a known code by sending the first package (trust-on-first-use would allow that). Both
files travel by hand, like packages; their key ids are printed so they can be compared by
phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.codes import OrgLevel
from app.db.migrations import HEAD
from app.errors import InputError, Problem
from app.ids import new_uuid
from app.models import PeerOffice
from app.packages import envelope, keys
from app.packages.refusal import Refused
from app.packages.tables import code_tables_version
from app.rules.division_code import level_of, parent_code, validate_division_code
from app.services.offices import current_office

ONBOARDING = "onboarding"
REPLY = "onboarding_reply"


@dataclass(frozen=True)
class OnboardingResult:
    kind: str  # onboarding | onboarding_reply
    code: str  # the other office
    name: str
    key_ids: tuple[str, ...]


def _public_keys(session: Session, code: str) -> list[dict[str, str]]:
    rows = [keys.current_key(session, code, kind) for kind in keys.KINDS]
    if any(row is None for row in rows):
        raise InputError(Problem("", "本单位还没有密钥：请先运行 wuye init"))
    return [{"key_id": r.key_id, "kind": r.kind, "public_key": r.public_key} for r in rows if r]


def export_onboarding(
    session: Session, db_path: Path, out: Path, *, code: str, name: str, now: datetime
) -> OnboardingResult:
    office = current_office(session)
    checked = None
    try:
        level = level_of(code)
        checked = validate_division_code(code, level)
    except ValueError:
        pass
    if checked is None or not checked.ok:
        raise InputError(Problem("code", f"不是有效的区划代码：{code}"))
    if parent_code(checked.value) != office.code:
        raise InputError(Problem("code", f"{checked.value} 不是本单位（{office.code}）的直接下级"))
    if not name.strip():
        raise InputError(Problem("name", "请填写下级单位名称"))
    peer = session.get(PeerOffice, checked.value)
    if peer is not None and peer.relation != "subordinate":
        raise InputError(Problem("code", f"{checked.value} 已登记为上级单位"))
    onboarding_id = new_uuid()
    if peer is None:
        peer = PeerOffice(code=checked.value, relation="subordinate")
        session.add(peer)
    peer.name, peer.level = name.strip(), level
    peer.onboarding_id, peer.onboarded_at = onboarding_id, now
    session.flush()
    body = {
        "format": 1,
        "kind": ONBOARDING,
        "onboarding_id": onboarding_id,
        "upper": {
            "code": office.code,
            "name": office.name,
            "level": office.level,
            "keys": _public_keys(session, office.code),
        },
        "subordinate": {"code": checked.value, "name": name.strip(), "level": level},
        "schema_version": HEAD,
        "code_tables_version": code_tables_version(),
        "created_at": now.isoformat(timespec="seconds"),
    }
    key_id, key = keys.own_signing_key(session, db_path, office.code)
    envelope.write_signed(out, body, key_id, key)
    return OnboardingResult(ONBOARDING, checked.value, name.strip(), (key_id,))


def write_reply(session: Session, db_path: Path, out: Path, *, now: datetime) -> OnboardingResult:
    office = current_office(session)
    upper = session.scalars(select(PeerOffice).where(PeerOffice.relation == "upper")).first()
    if upper is None:
        raise InputError(
            Problem("", "还没有导入上级单位的入网文件：请先运行 wuye onboarding import")
        )
    own = _public_keys(session, office.code)
    body = {
        "format": 1,
        "kind": REPLY,
        "onboarding_id": upper.onboarding_id,
        "office": {"code": office.code, "name": office.name, "level": office.level, "keys": own},
        "to": upper.code,
        "created_at": now.isoformat(timespec="seconds"),
    }
    key_id, key = keys.own_signing_key(session, db_path, office.code)
    envelope.write_signed(out, body, key_id, key)
    return OnboardingResult(REPLY, upper.code, upper.name, tuple(k["key_id"] for k in own))


def import_onboarding_file(session: Session, path: Path, *, now: datetime) -> OnboardingResult:
    """An onboarding file (at the subordinate) or a reply (at the upper office)."""
    body, key_id, signature = envelope.read_signed(path, "入网")
    kind = body.get("kind")
    if kind == ONBOARDING:
        return _import_onboarding(session, body, key_id, signature, now)
    if kind == REPLY:
        return _import_reply(session, body, key_id, signature, now)
    raise Refused("corrupt", f"{path.name} 不是入网文件或入网回复")


def _signer_key(sender: dict, key_id: str) -> dict:  # type: ignore[type-arg]
    for item in sender.get("keys", []):
        if item.get("key_id") == key_id and item.get("kind") == "sign":
            return item  # type: ignore[no-any-return]
    raise Refused("unknown_key", "入网文件的签名密钥不在文件所列的密钥中")


def _record_keys(session: Session, code: str, items: list[dict], now: datetime) -> tuple[str, ...]:  # type: ignore[type-arg]
    ids = []
    for item in items:
        if item.get("kind") not in keys.KINDS:
            raise Refused("corrupt", "入网文件中的密钥类型不对")
        row = keys.record_public_key(session, code, item["kind"], item["public_key"], now)
        if row.key_id != item.get("key_id"):
            raise Refused("corrupt", f"入网文件中的密钥编号 {item.get('key_id')} 与密钥不符")
        ids.append(row.key_id)
    return tuple(ids)


def _import_onboarding(session, body, key_id, signature, now) -> OnboardingResult:  # type: ignore[no-untyped-def]
    office = current_office(session)
    upper, sub = body["upper"], body["subordinate"]
    envelope.check_signature(body, _signer_key(upper, key_id)["public_key"], signature, "入网文件")
    if sub["code"] != office.code:
        raise Refused(
            "wrong_receiver",
            f"这份入网文件是发给 {sub['name']}（{sub['code']}）的，本单位是 {office.code}",
        )
    if parent_code(office.code) != upper["code"]:
        raise Refused("wrong_receiver", f"{upper['code']} 不是本单位的上级区划")
    existing = session.scalars(select(PeerOffice).where(PeerOffice.relation == "upper")).first()
    if existing is not None and existing.code != upper["code"]:
        raise Refused("wrong_receiver", f"本单位已登记上级单位 {existing.code}")
    peer = existing or PeerOffice(code=upper["code"], relation="upper")
    peer.name = upper["name"]
    peer.level = OrgLevel(upper["level"]).value
    peer.onboarding_id, peer.onboarded_at, peer.keys_received_at = body["onboarding_id"], now, now
    session.add(peer)
    ids = _record_keys(session, upper["code"], upper["keys"], now)
    session.flush()
    return OnboardingResult(ONBOARDING, upper["code"], upper["name"], ids)


def _import_reply(session, body, key_id, signature, now) -> OnboardingResult:  # type: ignore[no-untyped-def]
    sub = body["office"]
    envelope.check_signature(body, _signer_key(sub, key_id)["public_key"], signature, "入网回复")
    peer = session.get(PeerOffice, sub["code"])
    if peer is None or peer.relation != "subordinate":
        raise Refused("unknown_sender", f"{sub['name']}（{sub['code']}）不是本单位已登记的下级单位")
    if peer.onboarding_id != body.get("onboarding_id"):
        raise Refused(
            "unknown_sender", "入网回复与本单位发出的入网文件不对应（编号不符），请重新办理入网"
        )
    # New keys are added beside the old ones (kept by id), so older packages still verify.
    ids = _record_keys(session, sub["code"], sub["keys"], now)
    peer.keys_received_at = now
    session.flush()
    return OnboardingResult(REPLY, sub["code"], sub["name"], ids)


@dataclass(frozen=True)
class PeerState:
    code: str
    name: str
    onboarded_at: datetime
    keys_received: bool  # an upper office: its file imported; a subordinate: its reply


@dataclass(frozen=True)
class OnboardingState:
    """Where this office stands with its upper office and its subordinates, for the window."""

    office_code: str
    office_level: str
    upper: PeerState | None
    subordinates: tuple[PeerState, ...]

    @property
    def has_upper_level(self) -> bool:
        return self.office_level != OrgLevel.CITY


def onboarding_state(session: Session) -> OnboardingState:
    office = current_office(session)
    peers = session.scalars(select(PeerOffice).order_by(PeerOffice.code)).all()
    states = {
        p.code: PeerState(p.code, p.name, p.onboarded_at, p.keys_received_at is not None)
        for p in peers
    }
    upper = next((states[p.code] for p in peers if p.relation == "upper"), None)
    subs = tuple(states[p.code] for p in peers if p.relation == "subordinate")
    return OnboardingState(office.code, office.level, upper, subs)
