"""Export: the rows a receiver has not acknowledged, as a signed and encrypted `.wypkg`.

A delta holds every syncable row whose local `seq` is above the receiver's acknowledged
cursor, tombstones and relayed rows included (they got a fresh local seq when imported, and
keep their `origin`, `rev` and `db_id`). Until a receipt moves the cursor the same rows go out
again, so a lost package loses nothing. After the database's `db_id` changed (a restore or a
copy), the next export is a snapshot of everything, which also declares its scope.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import field_crypto
from app.db.migrations import HEAD
from app.errors import InputError
from app.ids import new_uuid
from app.models import DbMeta, PackageReceived, PackageSent, PeerOffice, SeqCounter, SyncCursor
from app.packages import container, crypto, keys, parts
from app.packages.manifest import FORMAT, bound_hash, canonical
from app.packages.payload import create_table
from app.packages.tables import (
    OWNS_SQL,
    code_table_versions,
    code_tables_version,
    column_names,
    down_tables,
    install_owns,
    syncable_tables,
    table_schema,
)
from app.progress import NoProgress, Progress, step
from app.services.offices import current_office

BATCH = 2000


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    kind: str
    receivers: tuple[str, ...]
    seq_from: int
    seq_to: int
    rows: dict[str, int] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    payload_bytes: int = 0
    package_bytes: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def table_digest(
    con: sqlite3.Connection, schema: str, table: str, columns: list[str]
) -> tuple[str, int, int]:
    """(SHA-256, rows, bytes) of a table's rows in uuid order, as both ends compute it: each
    row's Python repr (values are only str, int and None) and a newline."""
    digest = hashlib.sha256()
    count = size = 0
    cols = ", ".join(f'"{c}"' for c in columns)
    cursor = con.execute(f'SELECT {cols} FROM {schema}."{table}" ORDER BY uuid')
    while batch := cursor.fetchmany(BATCH):
        data = "".join([f"{row!r}\n" for row in batch]).encode()
        digest.update(data)
        count += len(batch)
        size += len(data)
    return digest.hexdigest(), count, size


def _receivers(session: Session, to: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(code, enc key id, public key) of each receiver; the upper office by default."""
    codes = list(to)
    if not codes:
        upper = session.scalars(select(PeerOffice).where(PeerOffice.relation == "upper")).first()
        if upper is None:
            if current_office(session).level == "city":
                raise InputError("本单位是市级单位，没有上级单位，不需要向上导出数据包")
            raise InputError(
                "还不知道上级单位：请先导入上级单位的入网文件（wuye onboarding import）"
            )
        codes = [upper.code]
    found = []
    for code in codes:
        key = keys.current_key(session, code, "enc")
        if key is None or key.own:
            raise InputError(f"没有单位 {code} 的公钥：请先办理入网")
        found.append((code, key.key_id, key.public_key))
    return found


def export_package(
    session: Session,
    db_path: Path,
    out: Path,
    *,
    snapshot: bool = False,
    to: tuple[str, ...] = (),
    now: datetime,
    progress: Progress | None = None,
    allow_empty: bool = True,
) -> ExportResult:
    """Write the package and log it as sent; the caller commits (one transaction).
    `progress` is told table by table and may cancel (app.progress.Cancelled). A person
    exporting (allow_empty=False) is told when a delta would be empty, rather than given a
    package of nothing that then waits for its receipt."""
    if not out.parent.is_dir():
        raise InputError(f"保存数据包的文件夹不存在：{out.parent}")
    office = current_office(session)
    db_id = session.get(DbMeta, "db_id").value  # type: ignore[union-attr]
    receivers = _receivers(session, to)
    cursors = []
    for code, _, _ in receivers:
        cursor = session.get(SyncCursor, code)
        if cursor is None:
            cursor = SyncCursor(receiver_code=code, acked_seq=0, last_db_id=None)
            session.add(cursor)
        cursors.append(cursor)
    # A restored or copied file re-issues revs its receivers may have seen: send it all.
    if any(c.last_db_id not in (None, db_id) for c in cursors):
        snapshot = True
    since = 0 if snapshot else min(c.acked_seq for c in cursors)
    seq_to = session.get(SeqCounter, 1).value  # type: ignore[union-attr]
    receiver_codes = tuple(code for code, _, _ in receivers)
    previous = session.scalars(
        select(PackageSent.package_id)
        .where(PackageSent.receivers == ",".join(receiver_codes))
        .order_by(PackageSent.id.desc())
        .limit(1)
    ).first()
    sources = tuple(
        session.scalars(
            select(PackageReceived.package_id)
            .where(PackageReceived.local_seq_to > since, PackageReceived.local_seq_from <= seq_to)
            .order_by(PackageReceived.id)
        )
    )
    package_id = new_uuid()
    # The rows are read from the file's committed state by a second connection; this
    # session's BEGIN IMMEDIATE keeps every other writer out until the export is logged.
    with tempfile.TemporaryDirectory(prefix="wuye-export-") as tmp:
        payload_path = Path(tmp) / "payload.sqlite"
        dialect = session.get_bind().dialect
        key = field_crypto.key_for(dialect)
        if key is None and field_crypto.encrypts(dialect):
            raise InputError(field_crypto.NO_KEY)
        tables_meta, rows = _write_payload(
            db_path, payload_path, since, progress or NoProgress(), office.code, key
        )
        if not (snapshot or allow_empty or any(rows.values())):
            raise InputError(
                "自上次回执以来没有新的改动，不需要导出增量包；如需重新发送全部数据，请导出全量包"
            )
        sign_key_id, sign_key = keys.own_signing_key(session, db_path, office.code)
        # Own rows signed as this office's part, beside the parts relayed from below (those
        # only upward: an office below has no use for its siblings' parts).
        upward = all(
            (peer := session.get(PeerOffice, code)) is not None and peer.relation == "upper"
            for code in receiver_codes
        )
        part_list = parts.write_parts(
            session, payload_path, office.code, sign_key_id, sign_key, since, now, relay=upward
        )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "package_id": package_id,
            "kind": "snapshot" if snapshot else "delta",
            "direction": "up",
            "sender": {"code": office.code, "name": office.name, "db_id": db_id, "sign_key_id": ""},
            "receivers": [{"code": code, "enc_key_id": kid} for code, kid, _ in receivers],
            "schema_version": HEAD,
            "code_tables_version": code_tables_version(),
            "code_table_versions": code_table_versions(),
            "seq": {"from": since + 1, "to": seq_to},
            "previous_package_id": previous,
            "created_at": now.isoformat(timespec="seconds"),
            "alg": crypto.ALG,
            "tables": tables_meta,
            "scope": {"orgs": [office.code], "tables": list(tables_meta)} if snapshot else None,
            "sources": list(sources),
            "parts": part_list,
            "payload": {},
        }
        manifest["sender"]["sign_key_id"] = sign_key_id
        seal(out, manifest, payload_path, sign_key, [public for _, _, public in receivers])

    for cursor in cursors:
        cursor.last_db_id = db_id
    return record_sent(session, out, manifest, tuple(receiver_codes), rows, previous, now)


def record_sent(
    session: Session,
    out: Path,
    manifest: dict[str, Any],
    receivers: tuple[str, ...],
    rows: dict[str, int],
    previous: str | None,
    now: datetime,
) -> ExportResult:
    """The sealed package `out` noted as sent (its receipt then moves the receivers' cursors),
    for packages up and down alike."""
    seq = manifest["seq"]
    session.add(
        PackageSent(
            package_id=manifest["package_id"],
            kind=manifest["kind"],
            receivers=",".join(receivers),
            db_id=manifest["sender"]["db_id"],
            seq_from=seq["from"],
            seq_to=seq["to"],
            rows=sum(rows.values()),
            previous_id=previous,
            created_at=now,
            file_name=str(out),
        )
    )
    session.flush()
    return ExportResult(
        out,
        manifest["package_id"],
        manifest["kind"],
        receivers,
        seq["from"],
        seq["to"],
        rows,
        tuple(manifest.get("sources") or ()),
        manifest["payload"]["plain_bytes"],
        out.stat().st_size,
    )


def seal(
    out: Path,
    manifest: dict[str, Any],
    plain: bytes | Path,
    sign_key: crypto.Ed25519PrivateKey,
    receiver_publics: list[str],
) -> None:
    """Compress, encrypt under a fresh key wrapped for each receiver, sign, write the ZIP.
    `manifest` has everything but the encryption's own fields, which are filled in here.
    A payload file is read a chunk at a time: a district's relay never sits in memory."""
    aad = bound_hash(manifest)
    content_key = crypto.new_content_key()
    wrapped = [crypto.wrap_key(content_key, public, aad) for public in receiver_publics]
    for entry, w in zip(manifest["receivers"], wrapped, strict=True):
        entry.update(ephemeral_public=w.ephemeral_public, nonce=w.nonce, wrapped=w.wrapped)
    with tempfile.TemporaryDirectory(prefix="wuye-seal-") as tmp:
        cipher = Path(tmp) / container.PAYLOAD
        nonce, plain_bytes, digest, size = _encrypt_to(cipher, plain, content_key, aad)
        manifest["payload"] = {
            "name": container.PAYLOAD,
            "nonce": nonce.hex(),
            "sha256": digest,
            "bytes": size,
            "plain_bytes": plain_bytes,
        }
        manifest_bytes = canonical(manifest)
        signature = crypto.sign(sign_key, manifest_bytes)
        container.write_container(out, manifest_bytes, signature, cipher)


def _encrypt_to(
    target: Path, plain: bytes | Path, key: bytes, aad: bytes
) -> tuple[bytes, int, str, int]:
    """(nonce, plain size, SHA-256 and size of the ciphertext with its tag) of `plain`
    compressed and encrypted into `target` in one pass."""
    nonce, encryptor = crypto.encryptor(key, aad)
    deflater = zlib.compressobj(6)
    digest = hashlib.sha256()
    sizes = [0, 0]  # plain, cipher

    with target.open("wb") as sink:

        def emit(data: bytes) -> None:
            if data:
                digest.update(data)
                sink.write(data)
                sizes[1] += len(data)

        chunks = [plain] if isinstance(plain, bytes) else _chunks(plain)
        for chunk in chunks:
            sizes[0] += len(chunk)
            emit(encryptor.update(deflater.compress(chunk)))
        emit(encryptor.update(deflater.flush()))
        emit(encryptor.finalize())
        emit(encryptor.tag)
    return nonce, sizes[0], digest.hexdigest(), sizes[1]


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while chunk := source.read(container.CHUNK):
            yield chunk


def _write_payload(
    source: Path, path: Path, since: int, progress: Progress, office: str,
    key: bytes | None = None,
) -> tuple[dict[str, Any], dict[str, int]]:
    """Rows with seq > since of every syncable table into a fresh SQLite file: its tables
    as `payload.create_table` defines them (the receiver checks that shape), each column
    typed as the local file stores it (dates as text, flags as 0/1); the rows are copied
    set-wise from the office's file, attached, and its personal fields opened (`key`: the
    file's data key, app/db/field_crypto.py): the package carries them in clear inside its
    own encryption, for the receiver to seal under its key. Rows that came down from above
    (their owner is above `office`) are the upper office's own: they do not go back up."""
    out = sqlite_utils.Database(path)
    try:
        field_crypto.install_sql_functions(out.conn, key)
        install_owns(out.conn)
        downward = set(down_tables())
        out.conn.execute("ATTACH DATABASE ? AS source", (str(source),))
        tables_meta: dict[str, Any] = {}
        rows: dict[str, int] = {}
        tables = syncable_tables()
        for done, table in enumerate(tables):
            step(progress, done, len(tables))
            names = column_names(table)
            schema = table_schema(table)
            create_table(out.conn, table.name)
            cols = ", ".join(f'"{c}"' for c in names)
            out.conn.execute(
                f'INSERT INTO main."{table.name}" ({cols})'
                f' SELECT {cols} FROM source."{table.name}" WHERE seq > ?'
                + (f" AND {OWNS_SQL}(?, origin)" if table in downward else "")
                + " ORDER BY uuid",
                (since, office) if table in downward else (since,),
            )
            field_crypto.convert_schema(out.conn, "main", "wuye_open", {table.name})
            out.conn.commit()
            digest, count, size = table_digest(out.conn, "main", table.name, names)
            tables_meta[table.name] = {
                "columns": schema,
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
