"""Packages downward (issue 16): which rows an office sends to one direct subordinate, and the
package that carries them, on the upward machinery (envelope, signature, encryption to the
receiver's key, receipts, exactly-once by a cursor per receiver).

A model says whether and where its rows travel down with `__down__` (app/models/base.py). A
row is *addressed* into subordinate S's subtree when its `to_office` lies there ("to_office"),
always ("all"), or when the row its foreign key references is ("via:COLUMN"). Of those, an
office sends the rows it owns and the rows it received from above (their owner is an office
above it): never a row of an office below, which is that office's own. The subordinate's
cursor (`sync_cursor`, keyed by its code as the upper office's is) moves on its receipt, so
the rows go out again until then, and a row changed later goes out again with its new seq.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db import field_crypto
from app.db.migrations import HEAD
from app.errors import InputError, Problem
from app.field_labels import TABLE_LABELS
from app.ids import new_uuid
from app.models import DbMeta, PackageSent, PeerOffice, SeqCounter, SyncCursor
from app.packages import crypto, keys
from app.packages.export import ExportResult, record_sent, seal, table_digest
from app.packages.manifest import FORMAT
from app.packages.payload import create_table
from app.packages.refusal import Refused
from app.packages.report import ImportReport
from app.packages.shared_down import check_shared, manifest_fields, note_shared_sent, shared_news
from app.packages.tables import (
    OWNS_SQL,
    code_tables_version,
    column_names,
    down_rule,
    down_tables,
    install_owns,
    table_schema,
)
from app.progress import NoProgress, Progress, step
from app.services.offices import current_office, office_label

if TYPE_CHECKING:
    from app.db import Database

UP, DOWN = "up", "down"


def addressed(table: Table, alias: str) -> str:
    """SQL: the row `alias` of `table` (in the attached `source`) is addressed into the
    subtree of `:sub`. A "via" row follows the row it references, recursively."""
    rule = down_rule(table)
    if rule == "all":
        return "1"
    if rule == "to_office":
        return f'{OWNS_SQL}(:sub, {alias}."to_office")'
    assert rule is not None and rule.startswith("via:"), (table.name, rule)
    column = rule.removeprefix("via:")
    parent = next(iter(table.columns[column].foreign_keys)).column.table
    inner = f"{alias}_p"
    # A row that never travels down itself (a submission, an answer) is an office's own row:
    # what references it goes to the subtree that owns it.
    where = addressed(parent, inner) if down_rule(parent) else f"{OWNS_SQL}(:sub, {inner}.origin)"
    return (
        f'{alias}."{column}" IN (SELECT {inner}.uuid FROM source."{parent.name}" {inner}'
        f" WHERE {where})"
    )


def selection(table: Table) -> str:
    """SQL WHERE of the rows of `table` to send to `:sub`: addressed there, changed since
    `:since`, and the sender's own or received from above (their owner owns `:office`)."""
    return f"t.seq > :since AND {OWNS_SQL}(t.origin, :office) AND {addressed(table, 't')}"


def subordinates(session: Session) -> list[PeerOffice]:
    """The direct subordinates this office onboarded and holds the keys of."""
    rows = session.scalars(
        select(PeerOffice).where(PeerOffice.relation == "subordinate").order_by(PeerOffice.code)
    )
    return [p for p in rows if p.keys_received_at is not None]


def _receiver(session: Session, code: str) -> tuple[str, str]:
    """(enc key id, public key) of the direct subordinate `code`."""
    peer = session.get(PeerOffice, code)
    if peer is None or peer.relation != "subordinate":
        raise InputError(
            Problem("down", f"{office_label(session, code)} 不是本单位已登记的直接下级单位")
        )
    key = keys.current_key(session, code, "enc")
    if key is None or key.own:
        raise InputError(
            Problem("down", f"还没有 {peer.name}（{code}）的公钥：请先导入对方的入网回复")
        )
    return key.key_id, key.public_key


def export_down(
    session: Session,
    db_path: Path,
    out: Path,
    *,
    to: str,
    now: datetime,
    snapshot: bool = False,
    progress: Progress | None = None,
    allow_empty: bool = True,
) -> ExportResult | None:
    """Write the package for the direct subordinate `to` and log it as sent; the caller
    commits. None (nothing written) when there is nothing new and `allow_empty` is False."""
    if not out.parent.is_dir():
        raise InputError(f"保存数据包的文件夹不存在：{out.parent}")
    office = current_office(session)
    db_id = session.get(DbMeta, "db_id").value  # type: ignore[union-attr]
    key_id, public = _receiver(session, to)
    cursor = session.get(SyncCursor, to)
    if cursor is None:
        cursor = SyncCursor(receiver_code=to, acked_seq=0, last_db_id=None)
        session.add(cursor)
    if cursor.last_db_id not in (None, db_id):  # a restored or copied file: send it all
        snapshot = True
    since = 0 if snapshot else cursor.acked_seq
    seq_to = session.get(SeqCounter, 1).value  # type: ignore[union-attr]
    previous = session.scalars(
        select(PackageSent.package_id)
        .where(PackageSent.receivers == to)
        .order_by(PackageSent.id.desc())
        .limit(1)
    ).first()
    package_id = new_uuid()
    with tempfile.TemporaryDirectory(prefix="wuye-down-") as tmp:
        payload_path = Path(tmp) / "payload.sqlite"
        key = field_crypto.key_for(session.get_bind().dialect)
        if key is None and field_crypto.encrypts(session.get_bind().dialect):
            raise InputError(field_crypto.NO_KEY)
        tables_meta, rows = write_down_payload(
            db_path, payload_path, since, office.code, to, progress or NoProgress(), key
        )
        shared = manifest_fields(session)
        if not (allow_empty or any(rows.values()) or shared_news(session, to, shared)):
            return None
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "package_id": package_id,
            "kind": "snapshot" if snapshot else "delta",
            "direction": DOWN,
            "sender": {"code": office.code, "name": office.name, "db_id": db_id, "sign_key_id": ""},
            "receivers": [{"code": to, "enc_key_id": key_id}],
            "schema_version": HEAD,
            "code_tables_version": code_tables_version(),
            "seq": {"from": since + 1, "to": seq_to},
            "previous_package_id": previous,
            "created_at": now.isoformat(timespec="seconds"),
            "alg": crypto.ALG,
            "tables": tables_meta,
            "scope": None,  # a downward snapshot replaces nothing: the receiver's rows stay
            "sources": [],
            "holidays": holiday_table(session),
            **shared,
            "payload": {},
        }
        sign_key_id, sign_key = keys.own_signing_key(session, db_path, office.code)
        manifest["sender"]["sign_key_id"] = sign_key_id
        seal(out, manifest, payload_path, sign_key, [public])
    cursor.last_db_id = db_id
    note_shared_sent(session, to, shared)
    return record_sent(session, out, manifest, (to,), rows, previous, now)


@dataclass(frozen=True)
class DownAll:
    written: list[ExportResult]
    nothing_new: list[str]  # subordinates with nothing to send: no file written


def export_down_all(
    session: Session,
    db_path: Path,
    folder: Path,
    *,
    now: datetime,
    snapshot: bool = False,
    progress: Progress | None = None,
    only: str | None = None,
) -> DownAll:
    """One package per direct subordinate (or for `only`) into `folder`, named by its code and
    name; a subordinate with nothing new gets none, rather than a package waiting for its
    receipt."""
    if not folder.is_dir():
        raise InputError(f"保存数据包的文件夹不存在：{folder}")
    peers = subordinates(session)
    if only is not None:
        _receiver(session, only)  # says why it cannot be sent to
        peers = [p for p in peers if p.code == only]
    if not peers:
        raise InputError("本单位还没有已完成入网的下级单位：请先办理入网（wuye onboarding export）")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    written, empty = [], []
    for done, peer in enumerate(peers):
        step(progress or NoProgress(), done, len(peers))
        out = folder / f"{peer.code}-{peer.name}-下发-{stamp}.wypkg"
        result = export_down(
            session, db_path, out, to=peer.code, now=now, snapshot=snapshot, allow_empty=False
        )
        if result is None:
            empty.append(peer.code)
        else:
            written.append(result)
    return DownAll(written, empty)


def write_down_payload(
    source: Path,
    path: Path,
    since: int,
    office: str,
    sub: str,
    progress: Progress,
    key: bytes | None = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    """The rows for `sub` of every downward table into a fresh payload file, shaped as an
    upward one (payload.create_table), so the receiver checks it the same way; personal
    fields opened with the file's data key `key`, as upward (app/packages/export.py)."""
    out = sqlite_utils.Database(path)
    try:
        field_crypto.install_sql_functions(out.conn, key)
        install_owns(out.conn)
        out.conn.execute("ATTACH DATABASE ? AS source", (str(source),))
        tables_meta: dict[str, Any] = {}
        rows: dict[str, int] = {}
        tables = down_tables()
        params = {"since": since, "office": office, "sub": sub}
        for done, table in enumerate(tables):
            step(progress, done, len(tables))
            names = column_names(table)
            create_table(out.conn, table.name)
            cols = ", ".join(f'"{c}"' for c in names)
            picked = ", ".join(f't."{c}"' for c in names)
            out.conn.execute(
                f'INSERT INTO main."{table.name}" ({cols}) SELECT {picked}'
                f' FROM source."{table.name}" t WHERE {selection(table)} ORDER BY t.uuid',
                params,
            )
            field_crypto.convert_schema(out.conn, "main", "wuye_open", {table.name})
            out.conn.commit()
            digest, count, size = table_digest(out.conn, "main", table.name, names)
            tables_meta[table.name] = {
                "columns": table_schema(table),
                "rows": count,
                "bytes": size,
                "sha256": digest,
            }
            rows[table.name] = count
        out.conn.execute("DETACH DATABASE source")
        out.conn.execute("VACUUM")
    finally:
        out.close()
    return tables_meta, rows


def holiday_table(session: Session) -> dict[str, list[Any]]:
    """This office's holiday/调休 entries and the years declared complete: the State Council's
    calendar is the same for every office, so the superior's table travels down with every
    package (signed in its manifest; a few dozen days a year) and each office below takes it
    over, relaying it on. Removing an entry above does not remove it below."""
    from app.services.holidays import complete_years, list_overrides

    days = [[d.isoformat(), working, note] for d, working, note in list_overrides(session)]
    return {"days": days, "complete_years": sorted(complete_years(session))}


def _holiday_rows(manifest: dict[str, Any]) -> tuple[list[tuple[str, int, str]], list[int]]:
    """The manifest's holiday table checked for shape (a crafted manifest is refused, not a
    crash); a manifest without one (an upward package) gives nothing."""
    table = manifest.get("holidays") or {"days": [], "complete_years": []}
    try:
        days = [
            (date.fromisoformat(d).isoformat(), int(bool(w)), str(n)[:40])
            for d, w, n in table["days"]
            if isinstance(d, str) and isinstance(w, bool) and isinstance(n, str)
        ]
        years = [int(y) for y in table["complete_years"] if type(y) is int]
        if len(days) != len(table["days"]) or len(years) != len(table["complete_years"]):
            raise ValueError("shape")
    except (KeyError, TypeError, ValueError) as exc:
        raise Refused("manifest_invalid", "数据包清单中的节假日调休表格式不对，已拒绝") from exc
    return days, years


def apply_holidays(con: sqlite3.Connection, manifest: dict[str, Any]) -> int:
    """Take over the superior's holiday/调休 entries (inside the import's transaction, so a dry
    run or a failure leaves them as they were); the number of days entered or changed."""
    days, years = _holiday_rows(manifest)
    before = con.total_changes
    con.executemany(
        "INSERT INTO holiday_override (day, is_workday, note) VALUES (?, ?, ?)"
        " ON CONFLICT (day) DO UPDATE SET is_workday = excluded.is_workday, note = excluded.note"
        " WHERE is_workday IS NOT excluded.is_workday OR note IS NOT excluded.note",
        days,
    )
    changed = con.total_changes - before
    con.executemany(
        "INSERT INTO holiday_year (year, complete) VALUES (?, 1)"
        " ON CONFLICT (year) DO UPDATE SET complete = 1 WHERE complete = 0",
        [(y,) for y in years],
    )
    return changed


def check_down_sender(manifest: dict[str, Any], peer: PeerOffice | None) -> None:
    """A downward package comes only from this office's direct superior and carries only
    rows of the tables that travel down (its rows' owners are checked in the merge)."""
    sender = manifest["sender"]
    if peer is None or peer.relation != "upper":
        raise Refused(
            "unknown_sender",
            f"下发的数据包来自 {sender.get('name')}（{sender.get('code')}），"
            "不是本单位的直接上级单位：只接受直接上级单位下发的数据包",
        )
    _holiday_rows(manifest)
    check_shared(manifest)
    allowed = {t.name for t in down_tables()}
    wrong = [
        name
        for name, info in manifest["tables"].items()
        if name not in allowed and info.get("rows") != 0
    ]
    if wrong:
        label = TABLE_LABELS.get(wrong[0], wrong[0])
        raise Refused(
            "not_down", f"下发的数据包含有不应下发的“{label}”记录，已拒绝：请向上级单位核实"
        )


def apply_received_reviews(db: Database, report: ImportReport) -> None:
    """After a downward package: the superior's reviews of this office's submissions that it
    brought move this office's own rows (the rule an old receipt's reviews follow; a review
    already applied changes nothing)."""
    from app.services.submissions import apply_reviews, reviews_received

    if (
        report.tables.get("submission_review") is None
        or not report.tables["submission_review"].changed
    ):
        return
    with db.sessions.begin() as s:
        applied = apply_reviews(s, reviews_received(s, report.sender_code), report.sender_code)
    if applied:
        report.warnings.append(f"上级审核意见 {applied} 条已应用到本单位的报表")


def direction_of(manifest: dict[str, Any]) -> str:
    """A manifest written before packages went down has no direction: it is upward."""
    return str(manifest.get("direction") or UP)
