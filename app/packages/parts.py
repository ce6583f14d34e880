"""Parts: each office's own rows signed by that office, relayed unchanged to the top.

A package's manifest is signed by its sender only, so without parts a street relaying a
community's rows could rewrite them and the district would take them as the community's
(issue 13, item 3). Now every export also writes a *part* for the sender's own rows (origin =
sender): a small signed statement listing each row as (uuid, rev, origin, hash of every column
but the local `seq`), signed with the sender's own key. A relaying office keeps the parts it
received from below (table `package_part`) and puts them, byte for byte, into its next upward
packages beside its own part. The receiver, before any merge work, checks each part's
signature against its signer's key and that every row it lists is the signer's, and then that
every relayed row of the payload (origin ≠ sender, in the sender's subtree) is listed, with
that very content, by a part of its owner. A rewritten row no longer matches and the whole
package is refused with nothing written.

Why row hashes and not the rows themselves: the relayed rows already travel once in the
payload (merged by the relaying office, the merge rule unchanged); listing their hashes
costs about 70 bytes a row and one hash per relayed row at the receiver, where carrying each
office's rows again would double the package and the merge.

Keys. A direct subordinate's key is the one its onboarding registered. Offices further down
are not onboarded with the receiver: the part carries its signer's public key, the first
part seen for an office records (pins) that key (trust on first relay, like the TOFU of an
SSH host key), and every later part of that office must be signed with a key already
recorded for it. So a relaying office that later rewrites, drops into or replays rows of an
office below cannot sign for it; only a forgery at the very first relay goes unnoticed, and
the key ids can be compared by phone as with onboarding.

Compatibility. A package without the manifest's `parts` list (an older program) is read as
before, unless its sender has sent parts already and it carries relayed rows: that is a
downgrade that would bypass the owners' signatures, and is refused. Rows an office relays
must have come with their owner's part: after upgrading, offices below send one package of
the new format before their rows are relayed further (rows relayed before carry no part and
are refused above).

Known limits. A relaying office's own tombstones of rows a snapshot left out (merge's
`tombstone_missing`) are not signed by the owner and are refused one level up; a part could
declare itself a snapshot to cover them (to do). Received parts are kept, not yet pruned once
every relayed row they list has been superseded.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.field_labels import TABLE_LABELS
from app.ids import new_uuid
from app.models import OfficeKey, PackagePart
from app.packages import crypto
from app.packages.manifest import canonical
from app.packages.refusal import Refused
from app.packages.tables import column_names, syncable_tables, table_named
from app.rules.ownership import owns
from app.services.offices import office_label

PAYLOAD_TABLE = "wuye_part"  # the parts' table inside a payload file
FORMAT = 1
HASH = "wuye_part_hash"
BATCH = 5000


def create_table(con: sqlite3.Connection) -> None:
    """The payload's table of parts: each part's signed bytes and signature, unchanged."""
    con.execute(
        f'CREATE TABLE "{PAYLOAD_TABLE}" (part_id TEXT PRIMARY KEY, signer TEXT, body BLOB,'
        " signature BLOB)"
    )


def part_hash(*values: object) -> str:
    """A row's content as its owner signed it: every column but the local `seq`, in the
    table's column order, as SQLite stores them (str, int, None). 128 bits of SHA-256."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def _hash_sql(name: str, alias: str) -> str:
    table = table_named(name)
    assert table is not None
    cols = ", ".join(f'{alias}."{c}"' for c in column_names(table) if c != "seq")
    return f"{HASH}({cols})"


def _install(con: sqlite3.Connection) -> None:
    con.create_function(HASH, -1, part_hash, deterministic=True)


# ---------------------------------------------------------------- export


def write_parts(
    session: Session,
    payload: Path,
    office_code: str,
    sign_key_id: str,
    sign_key: crypto.Ed25519PrivateKey,
    since: int,
    now: datetime,
    *,
    relay: bool = True,
) -> list[dict[str, Any]]:
    """This office's own part (its rows in `payload`) and, with `relay`, the parts received
    from below whose rows may be in it (brought by packages with a local seq above `since`),
    into the payload file; the manifest's list of them."""
    entries: list[dict[str, Any]] = []
    with closing(sqlite3.connect(payload)) as con:
        create_table(con)
        own = own_part(con, office_code, sign_key_id, sign_key, now)
        if own is not None:
            entries.append(_add(con, *own))
        stored = (
            select(PackagePart)
            .where(PackagePart.local_seq_to > since)
            .order_by(PackagePart.local_seq_to, PackagePart.part_id)
        )
        for part in session.scalars(stored) if relay else ():
            entries.append(_add(con, part.part_id, part.signer, part.body, part.signature))
        con.commit()
    return entries


def own_part(
    con: sqlite3.Connection,
    office_code: str,
    sign_key_id: str,
    sign_key: crypto.Ed25519PrivateKey,
    now: datetime,
) -> tuple[str, str, bytes, bytes] | None:
    """(part id, signer, body, signature) listing the rows of `office_code` in the syncable
    tables `con` holds (a payload file), or None when it holds none of them."""
    _install(con)
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    listed: dict[str, list[list[Any]]] = {}
    for table in syncable_tables():
        if table.name not in present:
            continue
        found = con.execute(
            f'SELECT uuid, rev, origin, {_hash_sql(table.name, "t")} FROM "{table.name}" t'
            " WHERE origin = ? ORDER BY uuid",
            (office_code,),
        ).fetchall()
        if found:
            listed[table.name] = [list(r) for r in found]
    if not listed:
        return None
    part_id = new_uuid()
    body = canonical(
        {
            "format": FORMAT,
            "part_id": part_id,
            "signer": office_code,
            "sign_key_id": sign_key_id,
            "public_key": crypto.public_raw(sign_key).hex(),
            "created_at": now.isoformat(timespec="seconds"),
            "rows": listed,
        }
    )
    return part_id, office_code, body, crypto.sign(sign_key, body)


def _add(
    con: sqlite3.Connection, part_id: str, signer: str, body: bytes, signature: bytes
) -> dict[str, Any]:
    con.execute(
        f'INSERT INTO "{PAYLOAD_TABLE}" (part_id, signer, body, signature) VALUES (?, ?, ?, ?)',
        (part_id, signer, body, signature),
    )
    return {
        "part_id": part_id,
        "signer": signer,
        "sha256": crypto.sha256_hex(body),
        "bytes": len(body) + len(signature),
    }


def declared_bytes(manifest: dict[str, Any]) -> int:
    """The parts' bytes the manifest declares: part of a genuine payload's size."""
    entries = manifest.get("parts") or []
    return sum(int(e.get("bytes", 0)) for e in entries if isinstance(e, dict))


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class VerifiedPart:
    """A part whose signature and rows checked out; the merge stores it for the next relay,
    its bytes read again from the payload then (a district's parts never sit in memory)."""

    part_id: str
    signer: str
    sign_key_id: str
    public_key: str
    sha256: str


def verify_parts(
    session: Session, plain: Path, manifest: dict[str, Any]
) -> tuple[VerifiedPart, ...]:
    """Refuse the package unless every part is signed by its signer and lists only that
    signer's rows, and every relayed row is listed, unchanged, by its owner's part."""
    sender = manifest["sender"]["code"]
    entries = manifest.get("parts")
    work = plain.with_name("parts.sqlite")
    with closing(sqlite3.connect(work.resolve().as_uri(), uri=True)) as con:
        _install(con)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("ATTACH DATABASE ? AS payload", (f"{plain.resolve().as_uri()}?mode=ro",))
        if entries is None:
            _refuse_downgrade(session, con, manifest, sender)
            return ()
        con.execute(
            "CREATE TABLE covered (tbl TEXT, uuid TEXT, rev INTEGER, origin TEXT, hash TEXT,"
            " PRIMARY KEY (tbl, uuid, rev, origin, hash)) WITHOUT ROWID"
        )
        parts = _read_parts(session, con, entries, sender)
        _check_relayed(session, con, manifest, sender)
    return parts


def _relayed_origins(con: sqlite3.Connection, manifest: dict[str, Any], sender: str) -> set[str]:
    found: set[str] = set()
    for name, info in manifest["tables"].items():
        if info.get("rows"):
            found |= {
                r[0]
                for r in con.execute(
                    f'SELECT DISTINCT origin FROM payload."{name}" WHERE origin <> ?', (sender,)
                )
            }
    return found


def _refuse_downgrade(
    session: Session, con: sqlite3.Connection, manifest: dict[str, Any], sender: str
) -> None:
    """An old-format package: as before, unless its sender already sends parts and it
    relays rows of offices below, whose signatures it would leave out."""
    sent_parts = session.scalars(
        select(PackagePart.part_id).where(PackagePart.came_from == sender).limit(1)
    ).first()
    if sent_parts is None:
        return
    below = sorted(o for o in _relayed_origins(con, manifest, sender) if owns(sender, o))
    if below:
        raise Refused(
            "parts_missing",
            f"{_label(session, con, sender)} 的这个数据包转交了 {_label(session, con, below[0])}"
            " 的数据，却没有附带该单位的签名部分（发送方以前的数据包都附带）：已拒绝，"
            "未写入任何数据；请让发送单位用新版本程序重新导出",
        )


def _label(session: Session, con: sqlite3.Connection, code: str) -> str:
    """`名称（代码）` as this office knows it, else as the package's own org rows name it."""
    label = office_label(session, code)
    if label != code:
        return label
    try:
        found = con.execute("SELECT name FROM payload.org WHERE code = ? LIMIT 1", (code,))
        row = found.fetchone()
    except sqlite3.Error:
        row = None
    return f"{row[0]}（{code}）" if row else code


def _part_refused(
    session: Session, con: sqlite3.Connection, code: str, signer: str, what: str
) -> Refused:
    return Refused(
        code,
        f"数据包中 {_label(session, con, signer)} 的签名部分{what}：已拒绝整个数据包，"
        "未写入任何数据；请向发送单位核实",
    )


def _read_parts(
    session: Session, con: sqlite3.Connection, entries: Any, sender: str
) -> tuple[VerifiedPart, ...]:
    """Each part, one at a time, against the manifest's list, its signer and its signer's
    key; the rows it lists go into `covered`."""
    try:
        found = [r[0] for r in con.execute(f'SELECT part_id FROM payload."{PAYLOAD_TABLE}"')]
    except sqlite3.DatabaseError as exc:
        raise Refused("parts_invalid", "数据包的签名部分无法读取，已拒绝") from exc
    ids = [e.get("part_id") for e in entries if isinstance(e, dict)]
    if len(ids) != len(entries) or set(ids) != set(found) or len(set(ids)) != len(ids):
        raise Refused("parts_invalid", "数据包的签名部分与清单所列不符，已拒绝")
    verified = []
    for entry in entries:
        part_id, signer, body, signature = con.execute(
            f'SELECT part_id, signer, body, signature FROM payload."{PAYLOAD_TABLE}"'
            " WHERE part_id = ?",
            (entry["part_id"],),
        ).fetchone()
        if not isinstance(body, bytes) or not isinstance(signature, bytes):
            raise Refused("parts_invalid", "数据包的签名部分格式不对，已拒绝")
        if crypto.sha256_hex(body) != entry.get("sha256") or signer != entry.get("signer"):
            raise Refused("parts_invalid", "数据包的签名部分与清单所列不符，已拒绝")
        try:
            data = json.loads(body.decode("utf-8"))
            public = str(data["public_key"])
            key_id = str(data["sign_key_id"])
            rows = data["rows"]
            if (
                data.get("format") != FORMAT
                or data.get("signer") != signer
                or data.get("part_id") != part_id
                or not isinstance(rows, dict)
                or crypto.key_id(bytes.fromhex(public)) != key_id
            ):
                raise ValueError("shape")
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise _part_refused(session, con, "parts_invalid", str(signer), "格式不对") from exc
        if not owns(sender, signer):
            raise _part_refused(
                session,
                con,
                "part_signer",
                signer,
                f"不属于发送单位 {_label(session, con, sender)} 及其下级",
            )
        known = {
            k.key_id: k.public_key
            for k in session.scalars(
                select(OfficeKey).where(OfficeKey.org_code == signer, OfficeKey.kind == "sign")
            )
        }
        owner = session.get(OfficeKey, key_id)
        if (known or signer == sender or owner is not None) and known.get(key_id) != public:
            raise _part_refused(
                session, con, "part_key", signer, f"使用的密钥 {key_id} 不是该单位已登记的密钥"
            )
        try:
            crypto.verify(public, signature, body)
        except crypto.CryptoFailure as exc:
            raise _part_refused(
                session, con, "part_signature", signer, "签名不符：内容被改动过，或不是由该单位签发"
            ) from exc
        part = VerifiedPart(part_id, signer, key_id, public, crypto.sha256_hex(body))
        del body, data
        _cover(session, con, part, rows)
        verified.append(part)
    return tuple(verified)


def _cover(
    session: Session, con: sqlite3.Connection, part: VerifiedPart, rows: dict[str, Any]
) -> None:
    """Every row a part lists is its signer's; the lists go into a keyed table to match."""
    insert = "INSERT OR IGNORE INTO covered VALUES (?, ?, ?, ?, ?)"
    for name, listed in rows.items():
        if table_named(name) is None or not isinstance(listed, list):
            raise _part_refused(
                session, con, "parts_invalid", part.signer, f"列出了未知的表“{name}”"
            )
        batch = []
        for item in listed:
            if not (isinstance(item, list) and len(item) == 4):
                raise _part_refused(session, con, "parts_invalid", part.signer, "格式不对")
            if item[2] != part.signer:
                label = TABLE_LABELS.get(name, name)
                raise _part_refused(
                    session,
                    con,
                    "part_origin",
                    part.signer,
                    f"列出了不属于该单位的{label}记录（{item[0]}，归属"
                    f" {_label(session, con, str(item[2]))}）",
                )
            batch.append((name, *item))
            if len(batch) >= BATCH:
                con.executemany(insert, batch)
                batch = []
        con.executemany(insert, batch)


def _check_relayed(
    session: Session, con: sqlite3.Connection, manifest: dict[str, Any], sender: str
) -> None:
    """Every relayed row of the sender's subtree, as the payload holds it, is listed by its
    owner's part; rows outside the subtree are left to the merge's ownership rule."""
    for name, info in manifest["tables"].items():
        if not info.get("rows"):
            continue
        unmatched = con.execute(
            f'SELECT s.origin, s.uuid FROM payload."{name}" s WHERE s.origin <> ?'
            " AND NOT EXISTS (SELECT 1 FROM covered c WHERE c.tbl = ? AND c.uuid = s.uuid"
            f" AND c.rev = s.rev AND c.origin = s.origin AND c.hash = {_hash_sql(name, 's')})",
            (sender, name),
        )
        for origin, uuid in unmatched:
            if isinstance(origin, str) and owns(sender, origin):
                label = TABLE_LABELS.get(name, name)
                raise Refused(
                    "relayed_unsigned",
                    f"{_label(session, con, sender)} 转交的{label}记录（{uuid}）与"
                    f" {_label(session, con, origin)} 签名的内容不符（转交途中被改动，"
                    "或没有该单位的签名）：已拒绝整个数据包，未写入任何数据",
                )


def record_parts(
    execute: Callable[[str, dict[str, Any]], object],
    parts: tuple[VerifiedPart, ...],
    payload: sqlite3.Connection,
    *,
    package_id: str,
    sender: str,
    seq_from: int,
    seq_to: int,
    now: object,
) -> None:
    """Inside the merge's transaction (SQLite or PostgreSQL): pin each signer's key at its
    first part, keep each part for the next upward export, its bytes read again one at a
    time from the payload attached to `payload` (as `payload`, as both backends attach it).
    `now` as the backend stores it."""
    for part in parts:
        body, signature = payload.execute(
            f'SELECT body, signature FROM payload."{PAYLOAD_TABLE}" WHERE part_id = ?',
            (part.part_id,),
        ).fetchone()
        _record(execute, part, body, signature, package_id, sender, seq_from, seq_to, now)


def _record(
    execute: Callable[[str, dict[str, Any]], object],
    part: VerifiedPart,
    body: bytes,
    signature: bytes,
    package_id: str,
    sender: str,
    seq_from: int,
    seq_to: int,
    now: object,
) -> None:
    """One part: its signer's key pinned at first sight, the part kept."""
    execute(
        "INSERT INTO office_key (key_id, org_code, kind, public_key, own, created_at)"
        " VALUES (:key_id, :signer, 'sign', :public_key, :own, :now)"
        " ON CONFLICT (key_id) DO NOTHING",
        {
            "key_id": part.sign_key_id,
            "signer": part.signer,
            "public_key": part.public_key,
            "own": False,
            "now": now,
        },
    )
    execute(
        "INSERT INTO package_part (part_id, signer, sign_key_id, sha256, body, signature,"
        " package_id, came_from, local_seq_from, local_seq_to, received_at)"
        " VALUES (:part_id, :signer, :key_id, :sha256, :body, :signature, :package_id,"
        " :sender, :seq_from, :seq_to, :now) ON CONFLICT (part_id) DO NOTHING",
        {
            "part_id": part.part_id,
            "signer": part.signer,
            "key_id": part.sign_key_id,
            "sha256": part.sha256,
            "body": body,
            "signature": signature,
            "package_id": package_id,
            "sender": sender,
            "seq_from": seq_from,
            "seq_to": seq_to,
            "now": now,
        },
    )
