"""Parts: each office's own rows signed by that office, relayed unchanged to the top.

A package's manifest is signed by its sender only, so without parts a street relaying a
community's rows could rewrite them and the district would take them as the community's
(issue 13, item 3). Now every export also writes a *part* for the sender's own rows (origin =
sender): a small signed statement listing each row as its uuid, rev and a digest of every
column but the local `seq`, signed with the sender's own key. A relaying office keeps the parts it
received from below (table `package_part`) and puts them, byte for byte, into its next upward
packages beside its own part. The receiver, before any merge work, checks each part's
signature against its signer's key, and then that
every relayed row of the payload (origin ≠ sender, in the sender's subtree) is listed, with
that very content, by a part of its owner. A rewritten row no longer matches and the whole
package is refused with nothing written.

Why row hashes and not the rows themselves: the relayed rows already travel once in the
payload (merged by the relaying office, the merge rule unchanged); listing their digests
costs about 20 bytes a row once deflated (16 of them the digest) and one hash per relayed
row at the receiver, where carrying each office's rows again would double the merge.

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

Format 2 (format 1 parts are still read and checked as before). A part lists per table
the rows' uuids, revs and 16-byte digests, the digests as one base64 string: SHA-256 of a
text SQLite builds from the row itself (`_row_text_sql`: a JSON array of the table's name
and every column), so the owner and the receiver hash in one Python call per row, and the receiver
loads a part's digests with one statement and matches every relayed row with one indexed
query (signer = origin: a digest commits to its row's origin, a part only vouches for its
own signer's rows). bench/packages_city.py prints the cost against the same rows without
parts; what remains is about one SHA-256 call and one index probe per relayed row.

Snapshots. A part exported from seq 0 lists every row of its signer and says so
(`snapshot`: the tables). A relaying office that merges such a snapshot tombstones the rows
it left out (merge's `tombstone_missing`); those tombstones are its own writes, but the
receiver above accepts a relayed tombstone no part lists when the owner's newest snapshot
part in the package leaves that row out. A tombstone of a row the snapshot still lists, or
with no snapshot of its owner, is refused like any rewritten row.

Pruning. After each merge, a signer's stored parts that cover no row this office holds at
the rev they list are deleted (`prune`), except its newest snapshot part.

Known limits. A relaying office could replay an owner's older snapshot part with
tombstones of rows created since (the snapshot's age is not bound to the rows); parts are
not pruned on the superior's receipt: a later upward snapshot relays every row again and
needs their parts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Float, select
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
FORMAT = 2  # 1: a JSON list per row, hex hashes by Python's repr (still read)
HASH = "wuye_part_hash"  # format 1's row hash, a Python function of every column
DIGEST = "wuye_part_digest"  # format 2's: SHA-256 of a text SQLite builds itself
DIGEST_BYTES = 16
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
    """Format 1's row hash (parts of the previous program)."""
    table = table_named(name)
    assert table is not None
    cols = ", ".join(f'{alias}."{c}"' for c in column_names(table) if c != "seq")
    return f"{HASH}({cols})"


def row_digest(text: str) -> bytes:
    """Format 2: 128 bits of SHA-256 of a row's text as `_row_text_sql` builds it."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:DIGEST_BYTES]


def _row_text_sql(name: str, alias: str) -> str:
    """A row's content as its owner signed it, format 2: a JSON array SQLite builds itself
    of the table's name and every column but the local `seq`, in the table's column order
    (strings quoted, so types and separators cannot be confused). A real column adds its
    value's type and 17 digits, which JSON's 15 would round. A blob, which no syncable
    column holds, makes SQLite refuse the array (caught as a malformed package)."""
    table = table_named(name)
    assert table is not None
    values = [f"'{name}'"]
    for column in table.columns:
        if column.name == "seq":
            continue
        ref = f'{alias}."{column.name}"'
        if isinstance(column.type, Float):
            values += [
                f"typeof({ref})",
                f"CASE typeof({ref}) WHEN 'real' THEN printf('%.17g', {ref}) ELSE {ref} END",
            ]
        else:
            values.append(ref)
    return f"json_array({', '.join(values)})"


def _digest_sql(name: str, alias: str) -> str:
    """The row's digest (`row_digest` of `_row_text_sql`): it commits to the row's uuid,
    rev and origin, which are columns."""
    return f"{DIGEST}({_row_text_sql(name, alias)})"


def _install(con: sqlite3.Connection) -> None:
    con.create_function(HASH, -1, part_hash, deterministic=True)
    con.create_function(DIGEST, 1, row_digest, deterministic=True)


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
        # From seq 0 the payload holds every row of this office: its part says so, and
        # then covers the tombstones an office above derives from what it leaves out.
        own = own_part(con, office_code, sign_key_id, sign_key, now, snapshot=since == 0)
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
    *,
    snapshot: bool = False,
) -> tuple[str, str, bytes, bytes] | None:
    """(part id, signer, body, signature) listing the rows of `office_code` in the syncable
    tables `con` holds (a payload file), or None when it holds none of them. Per table the
    rows' uuids, revs and digests (16 bytes each, base64 in one string: JSON parses it in
    one step). A `snapshot` part declares that it lists every row of its signer in those
    tables (`snapshot`: their names)."""
    _install(con)
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    tables = [t.name for t in syncable_tables() if t.name in present]
    listed: dict[str, dict[str, Any]] = {}
    for name in tables:
        found = con.execute(
            f'SELECT uuid, rev, {_digest_sql(name, "t")} FROM "{name}" t'
            " WHERE origin = ? ORDER BY uuid",
            (office_code,),
        ).fetchall()
        if found:
            uuids, revs, digests = zip(*found, strict=True)
            listed[name] = {
                "uuid": list(uuids),
                "rev": list(revs),
                "digest": base64.b64encode(b"".join(digests)).decode("ascii"),
            }
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
            "snapshot": tables if snapshot else None,
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
        con.execute("PRAGMA cache_size=-32768")
        con.execute("ATTACH DATABASE ? AS payload", (f"{plain.resolve().as_uri()}?mode=ro",))
        if entries is None:
            _refuse_downgrade(session, con, manifest, sender)
            return ()
        # Format 2's digests, indexed once all are in (a sort beats random inserts).
        con.execute("CREATE TABLE covered (signer TEXT, digest BLOB)")
        con.execute(
            "CREATE TABLE covered_v1 (tbl TEXT, uuid TEXT, rev INTEGER, origin TEXT, hash TEXT,"
            " PRIMARY KEY (tbl, uuid, rev, origin, hash)) WITHOUT ROWID"
        )
        parts, snapshots, old = _read_parts(session, con, entries, sender)
        con.execute("CREATE INDEX covered_digest ON covered (digest, signer)")
        try:
            _check_relayed(session, con, manifest, sender, snapshots, old=old)
        except sqlite3.OperationalError as exc:  # a blob where no syncable column has one
            raise Refused(
                "parts_invalid", "数据包中有本程序不会写出的数据值（二进制），已拒绝整个数据包"
            ) from exc
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


@dataclass(frozen=True)
class Snapshot:
    """An owner's newest part in the package that declares itself a snapshot: it lists every
    row of its signer in `tables`, so a tombstone of a row it leaves out is the owner's."""

    created_at: str
    part_id: str
    tables: frozenset[str]


def _read_parts(
    session: Session, con: sqlite3.Connection, entries: Any, sender: str
) -> tuple[tuple[VerifiedPart, ...], dict[str, Snapshot], bool]:
    """Each part, one at a time, against the manifest's list, its signer and its signer's
    key; the rows it lists go into `covered` (format 1: `covered_v1`). Also each signer's
    newest snapshot part, and whether any part was of format 1."""
    try:
        found = [r[0] for r in con.execute(f'SELECT part_id FROM payload."{PAYLOAD_TABLE}"')]
    except sqlite3.DatabaseError as exc:
        raise Refused("parts_invalid", "数据包的签名部分无法读取，已拒绝") from exc
    ids = [e.get("part_id") for e in entries if isinstance(e, dict)]
    if len(ids) != len(entries) or set(ids) != set(found) or len(set(ids)) != len(ids):
        raise Refused("parts_invalid", "数据包的签名部分与清单所列不符，已拒绝")
    verified = []
    snapshots: dict[str, Snapshot] = {}
    old = False
    # Every key this office knows, read once: a district's package has thousands of parts.
    signing_keys: dict[str, dict[str, str]] = {}
    key_ids = set()
    for key in session.execute(select(OfficeKey.key_id, OfficeKey.org_code, OfficeKey.kind,
                                      OfficeKey.public_key)):  # fmt: skip
        key_ids.add(key.key_id)
        if key.kind == "sign":
            signing_keys.setdefault(key.org_code, {})[key.key_id] = key.public_key
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
            snapshot = data.get("snapshot")
            if (
                data.get("format") not in (1, FORMAT)
                or data.get("signer") != signer
                or data.get("part_id") != part_id
                or not isinstance(rows, dict)
                or crypto.key_id(bytes.fromhex(public)) != key_id
                or not (
                    snapshot is None
                    or (isinstance(snapshot, list) and all(isinstance(t, str) for t in snapshot))
                )
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
        known = signing_keys.get(signer, {})
        owner = key_id in key_ids
        if (known or signer == sender or owner) and known.get(key_id) != public:
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
        created = str(data.get("created_at", ""))
        del body
        if data["format"] == 1:
            old = True
            _cover_v1(session, con, part, rows)
        else:
            _cover(session, con, part, rows)
        if (
            snapshot is not None
            and data["format"] == FORMAT
            and (signer not in snapshots or created >= snapshots[signer].created_at)
        ):
            snapshots[signer] = Snapshot(created, part_id, frozenset(snapshot))
        del data, rows
        verified.append(part)
    return tuple(verified), snapshots, old


def _listing(rows: Any) -> dict[str, tuple[list[str], list[int], bytes]]:
    """Format 2's rows per table: (uuids, revs, digests), checked for shape; ValueError
    when a list is malformed."""
    if not isinstance(rows, dict):
        raise ValueError("rows")
    found = {}
    for name, listed in rows.items():
        if not isinstance(listed, dict):
            raise ValueError(name)
        uuids, revs, text = listed.get("uuid"), listed.get("rev"), listed.get("digest")
        if not (isinstance(uuids, list) and isinstance(revs, list) and isinstance(text, str)):
            raise ValueError(name)
        digests = base64.b64decode(text, validate=True)
        if not (len(uuids) == len(revs) and len(digests) == DIGEST_BYTES * len(uuids)):
            raise ValueError(name)
        found[name] = (uuids, revs, digests)
    return found


def _cover(
    session: Session, con: sqlite3.Connection, part: VerifiedPart, rows: dict[str, Any]
) -> None:
    """A format-2 part's digests into `covered`, split by SQLite itself (no Python per row).
    A digest commits to its row's origin, and a match also needs signer = origin, so a part
    cannot vouch for another office's row."""
    try:
        listing = _listing(rows)
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise _part_refused(session, con, "parts_invalid", part.signer, "格式不对") from exc
    for name, (_, _, digests) in listing.items():
        if table_named(name) is None:
            raise _part_refused(
                session, con, "parts_invalid", part.signer, f"列出了未知的表“{name}”"
            )
        if digests:
            con.execute(
                f"WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + {DIGEST_BYTES} FROM i"
                " WHERE n + ? < ?) INSERT INTO covered (signer, digest)"
                f" SELECT ?, substr(?, n + 1, {DIGEST_BYTES}) FROM i",
                (DIGEST_BYTES, len(digests), part.signer, digests),
            )


def _cover_v1(
    session: Session, con: sqlite3.Connection, part: VerifiedPart, rows: dict[str, Any]
) -> None:
    """A format-1 part: every row it lists is its signer's; the lists go into a keyed table."""
    insert = "INSERT OR IGNORE INTO covered_v1 VALUES (?, ?, ?, ?, ?)"
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
    session: Session,
    con: sqlite3.Connection,
    manifest: dict[str, Any],
    sender: str,
    snapshots: dict[str, Snapshot],
    *,
    old: bool,
) -> None:
    """Every relayed row of the sender's subtree, as the payload holds it, is listed by its
    owner's part; rows outside the subtree are left to the merge's ownership rule. A
    tombstone no part lists passes when its owner's snapshot in the package leaves the row
    out: the relaying office derived it from that snapshot (merge's `tombstone_missing`)."""
    tombstones: dict[str, list[tuple[str, str]]] = {}
    for name, info in manifest["tables"].items():
        if not info.get("rows"):
            continue
        unmatched = (
            f'SELECT s.origin, s.uuid, s.deleted FROM payload."{name}" s WHERE s.origin <> ?'
            " AND NOT EXISTS (SELECT 1 FROM covered c"
            f" WHERE c.digest = {_digest_sql(name, 's')} AND c.signer = s.origin)"
        )
        params: tuple[str, ...] = (sender,)
        if old:
            unmatched += (
                " AND NOT EXISTS (SELECT 1 FROM covered_v1 c WHERE c.tbl = ? AND c.uuid = s.uuid"
                f" AND c.rev = s.rev AND c.origin = s.origin AND c.hash = {_hash_sql(name, 's')})"
            )
            params = (sender, name)
        for origin, uuid, deleted in con.execute(unmatched, params):
            if not (isinstance(origin, str) and owns(sender, origin)):
                continue
            snapshot = snapshots.get(origin)
            if deleted == 1 and snapshot is not None and name in snapshot.tables:
                tombstones.setdefault(origin, []).append((name, uuid))
                continue
            raise _unsigned(session, con, sender, name, origin, uuid)
    for origin, dropped in tombstones.items():
        body = con.execute(
            f'SELECT body FROM payload."{PAYLOAD_TABLE}" WHERE part_id = ?',
            (snapshots[origin].part_id,),
        ).fetchone()[0]
        listed = _listing(json.loads(body)["rows"])
        held = {name: set(uuids) for name, (uuids, _, _) in listed.items()}
        for name, uuid in dropped:
            if uuid in held.get(name, ()):
                raise _unsigned(session, con, sender, name, origin, uuid)


def _unsigned(
    session: Session, con: sqlite3.Connection, sender: str, name: str, origin: str, uuid: str
) -> Refused:
    label = TABLE_LABELS.get(name, name)
    return Refused(
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
    for signer in sorted({part.signer for part in parts}):
        prune(execute, signer)


def prune(execute: Callable[[str, dict[str, Any]], Any], signer: str) -> int:
    """Delete `signer`'s stored parts that no longer cover any row this office holds: every
    row such a part lists is held at another rev now (a newer part of its owner brought a
    newer one), so no upward package, delta or snapshot, can need it. The owner's newest
    snapshot part is kept whatever it lists: it still answers for the tombstones derived
    from it. Runs in the merge's transaction after the package's parts are recorded, for
    the signers it brought; the number deleted."""
    stored = execute(
        "SELECT part_id, body FROM package_part WHERE signer = :signer", {"signer": signer}
    ).fetchall()
    if len(stored) < 2:
        return 0
    listings: dict[str, dict[str, list[tuple[str, int]]]] = {}
    newest: tuple[str, str] | None = None
    for part_id, body in stored:
        data = json.loads(bytes(body))
        if data.get("format") == 1:
            listings[part_id] = {
                t: [(i[0], i[1]) for i in rows] for t, rows in data["rows"].items()
            }
            continue
        listings[part_id] = {
            t: list(zip(rows["uuid"], rows["rev"], strict=True)) for t, rows in data["rows"].items()
        }
        created = (str(data.get("created_at", "")), part_id)
        if data.get("snapshot") is not None and (newest is None or created > newest):
            newest = created
    held: dict[str, dict[str, int]] = {}
    for name in sorted({t for rows in listings.values() for t in rows}):
        found = execute(
            f'SELECT uuid, rev FROM "{name}" WHERE origin = :signer', {"signer": signer}
        )
        held[name] = dict(found.fetchall())
    gone = [
        part_id
        for part_id, rows in listings.items()
        if (newest is None or part_id != newest[1])
        and not any(held[t].get(uuid) == rev for t, listed in rows.items() for uuid, rev in listed)
    ]
    for part_id in gone:
        execute("DELETE FROM package_part WHERE part_id = :part_id", {"part_id": part_id})
    return len(gone)


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
