"""Import a `.wypkg` in DESIGN.md's order: container and manifest → signature → payload hash →
decrypt → schema and code-table versions → row validation → ownership → merge, the last three
in ONE SQLite transaction per package. Every refusal comes before that transaction, so a
refused package changes nothing; a process killed inside it leaves the file as before.

`package_id` is UNIQUE in `package_received` and is checked again after BEGIN IMMEDIATE, so two
processes importing one package apply it once: the second waits for the lock, then finds it.
A dry run is the same path, rolled back at the end, so its counts are the real ones.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import AEADDecryptionContext
from sqlalchemy import select

from app.db import field_crypto
from app.db.engine import BUSY_TIMEOUT_MS, MMAP_BYTES
from app.db.migrations import HEAD
from app.db.sync import check_write
from app.errors import InputError, Problem
from app.models import OfficeKey, PackageReceived, PeerOffice
from app.os_errors import os_reason
from app.packages import container, crypto, keys, scratch
from app.packages.downward import (
    DOWN,
    apply_holidays,
    apply_received_reviews,
    check_down_sender,
    direction_of,
)
from app.packages.manifest import bound_hash, parse
from app.packages.merge import MergeContext, install_functions, merge_table, tombstone_missing
from app.packages.merge_tables import chain_warnings, merge_tables
from app.packages.parts import record_parts, verify_parts
from app.packages.payload import Checked, check_schema, check_sizes
from app.packages.payload import attach as attach_payload
from app.packages.refusal import Refused
from app.packages.report import ImportReport
from app.packages.shared_down import apply_shared
from app.packages.tables import db_time, syncable_tables, table_schema
from app.progress import NoProgress, Progress
from app.rules.ownership import owns
from app.services.code_tables import activate
from app.services.offices import current_office, office_label

MAX_PLAIN = 4096 * container.MiB
SCRATCH_PREFIX = "wuye-import-"
IMPORT_BUSY_MS = 600_000  # a second import of the same package waits for the first, then no-ops

if TYPE_CHECKING:
    from app.db import Database


def import_package(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    now: datetime,
    progress: Progress | None = None,
) -> ImportReport:
    """Check, then merge in one transaction; `progress` is told table by table and may
    cancel (app.progress.Cancelled), which rolls the whole package back."""
    if not dry_run:  # the merge writes on a raw connection, past the ORM's role check
        check_write(db.context)
    checked = check_package(db, path)
    if isinstance(checked, ImportReport):
        return checked
    try:
        if db.on_server:  # the city aggregate on PostgreSQL: COPY into staging tables
            from app.packages.merge_pg import merge_package

            return merge_package(
                db,
                checked,
                _new_report(checked, dry_run),
                dry_run=dry_run,
                now=now,
                progress=progress or NoProgress(),
                owns=owns,
                already=_already,
            )
        report = _merge(db, checked, dry_run=dry_run, now=now, progress=progress or NoProgress())
        if report.direction == DOWN and not (dry_run or report.already_imported):
            apply_received_reviews(db, report)
            with db.reader() as s:  # the tables it brought take effect at once
                activate(s, db)
        return report
    except sqlite3.OperationalError as exc:
        if "full" not in str(exc):
            raise
        raise Refused(
            "no_space", "磁盘空间不足，数据包没有导入（未写入任何数据）：请腾出磁盘空间后重试"
        ) from exc
    finally:
        checked.discard()


def check_package(db: Database, path: Path) -> Checked | ImportReport:
    """Everything up to the merge; an ImportReport when the package was imported before."""
    box = container.read_container(path)
    manifest = parse(box.manifest)
    manifest_sha = hashlib.sha256(box.manifest).hexdigest()
    sender = manifest["sender"]
    with db.reader() as s:
        office = current_office(s)
        # Where the package should go is checked first: it is the advice a person needs
        # when a file reaches the wrong office (the signature is checked before any row).
        if sender.get("code") == office.code:
            raise Refused(
                "own_package", "这是本单位自己导出的数据包：请交给接收单位（上级单位）导入"
            )
        mine = [
            r for r in manifest["receivers"] if isinstance(r, dict) and r.get("code") == office.code
        ]
        if not mine:
            names = "、".join(
                office_label(s, str(r.get("code")))
                for r in manifest["receivers"]
                if isinstance(r, dict)
            )
            raise Refused(
                "wrong_receiver",
                f"这个数据包是发给 {names} 的，不是发给本单位（{office.name}）的："
                "请交给接收单位导入",
            )
        peer = s.get(PeerOffice, sender.get("code"))
        if direction_of(manifest) == DOWN:
            check_down_sender(manifest, peer)
        elif peer is None or peer.relation != "subordinate":
            raise Refused(
                "unknown_sender",
                f"发送单位 {sender.get('name')}（{sender.get('code')}）不是本单位已登记的下级单位："
                "请先办理入网（wuye onboarding export）",
            )
        key = s.get(OfficeKey, sender.get("sign_key_id"))
        if key is None or key.org_code != peer.code or key.kind != "sign":
            raise Refused(
                "unknown_key",
                f"数据包的签名密钥 {sender.get('sign_key_id')} 不是 {peer.name} 登记的密钥："
                "请让对方重新发送入网回复",
            )
        signing_public = key.public_key
        enc_key = s.get(OfficeKey, mine[0].get("enc_key_id"))
        if enc_key is None or not enc_key.own or enc_key.kind != "enc":
            raise Refused(
                "unknown_key", f"数据包用本单位不认识的公钥 {mine[0].get('enc_key_id')} 加密"
            )
        previous = s.scalars(
            select(PackageReceived).where(PackageReceived.package_id == manifest["package_id"])
        ).first()
    try:
        crypto.verify(signing_public, box.signature, box.manifest)
    except crypto.CryptoFailure as exc:
        raise Refused(
            "bad_signature", "数据包清单的签名不符：清单被改动过，或不是由所称单位签发"
        ) from exc
    payload = manifest["payload"]
    # Sizes first: a payload.bin of the wrong or an absurd size is refused unread.
    if box.payload_size != payload.get("bytes"):
        raise Refused("payload_tampered", "数据包的数据部分与清单不符：文件被改动或损坏")
    check_sizes(manifest, box.payload_size)
    digest, tag = hashlib.sha256(), b""
    for chunk in container.payload_chunks(box):
        digest.update(chunk)
        tag = (tag + chunk)[-crypto.TAG_BYTES :]
    if digest.hexdigest() != payload.get("sha256"):
        raise Refused("payload_tampered", "数据包的数据部分与清单不符：文件被改动或损坏")
    if previous is not None:
        return _already(previous, manifest_sha)
    _check_versions(manifest)
    private = keys.load_private(db.path, office.code, enc_key.key_id, "enc")
    assert isinstance(private, crypto.X25519PrivateKey)
    aad = bound_hash(manifest)
    try:
        content_key = crypto.unwrap_key(
            crypto.WrappedKey(mine[0]["ephemeral_public"], mine[0]["nonce"], mine[0]["wrapped"]),
            private,
            aad,
        )
        opener = crypto.decryptor(content_key, bytes.fromhex(payload["nonce"]), tag, aad)
    except (crypto.CryptoFailure, KeyError, TypeError, ValueError) as exc:
        raise Refused("payload_tampered", "数据包无法解密：清单或数据被改动过") from exc
    scratch.sweep(SCRATCH_PREFIX)
    folder = scratch.new_folder(SCRATCH_PREFIX)
    try:
        plain = folder / "payload.sqlite"
        _decrypt_to(plain, box, opener, int(payload.get("plain_bytes", 0)), payload["sha256"])
        # The owners' signatures of relayed rows, before any merge work (parts.py).
        check_schema(plain, manifest)
        with db.reader() as s:
            verified = verify_parts(s, plain, manifest)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Checked(manifest, manifest_sha, plain, office.code, verified)


def _already(previous: PackageReceived, manifest_sha: str) -> ImportReport:
    if previous.manifest_sha256 != manifest_sha:
        raise Refused(
            "package_id_reused",
            f"数据包编号 {previous.package_id} 已被另一个数据包使用过："
            "两个不同的包不能同号，已拒绝",
        )
    report = ImportReport.from_dict(json.loads(previous.report_json))
    report.already_imported = True
    return report


def _check_versions(manifest: dict[str, Any]) -> None:
    theirs = manifest["schema_version"]
    if not theirs.isdigit() or int(theirs) > int(HEAD):
        raise Refused(
            "schema_newer",
            f"数据包来自更新版本的程序（数据结构版本 {theirs}，本程序 {HEAD}）："
            "请升级本程序后再导入",
        )
    local = {t.name: table_schema(t) for t in syncable_tables()}
    for name, info in manifest["tables"].items():
        if name not in local or info.get("columns") != local[name]:
            raise Refused("schema_mismatch", f"数据包中“{name}”表的结构与本程序不一致，无法合并")


def _no_space(target: Path, exc: OSError) -> Refused:
    return Refused(
        "no_space",
        f"无法在临时文件夹 {target.parent.parent} 写入数据包的数据（{os_reason(exc)}）："
        "请腾出磁盘空间后重试",
    )


def _decrypt_to(
    target: Path,
    box: container.Container,
    opener: AEADDecryptionContext,
    declared: int,
    sha256: str,
) -> None:
    """Decrypt and inflate the payload into `target` a chunk at a time, refusing a zip bomb
    as soon as it outgrows its declared size; the tag is checked before the file is used."""
    if not 0 < declared <= MAX_PLAIN:
        raise Refused("oversized", "数据包声明的数据大小不合理，已拒绝")
    inflater = zlib.decompressobj()
    left = box.payload_size - crypto.TAG_BYTES
    written = 0
    digest = hashlib.sha256()  # again: the file could change between the two reads
    try:
        out = target.open("wb")
    except OSError as exc:
        raise _no_space(target, exc) from exc
    with out:

        def inflate(data: bytes) -> None:
            nonlocal written
            while data:
                try:
                    plain = inflater.decompress(data, container.CHUNK)
                except zlib.error as exc:
                    raise Refused("corrupt", "数据包的数据部分无法解压：文件已损坏") from exc
                written += len(plain)
                if written > declared:
                    raise Refused(
                        "oversized",
                        "数据包的数据解压后超出声明的大小，已拒绝（可能是压缩炸弹）",
                    )
                try:
                    out.write(plain)
                except OSError as exc:
                    raise _no_space(target, exc) from exc
                data = inflater.unconsumed_tail

        for chunk in container.payload_chunks(box):
            digest.update(chunk)
            chunk = chunk[: max(left, 0)]
            left -= len(chunk)
            if chunk:
                inflate(opener.update(chunk))
        if digest.hexdigest() != sha256:
            raise Refused("payload_tampered", "数据包在读取过程中被改动，已拒绝")
        try:
            inflate(opener.finalize())
        except InvalidTag as exc:
            raise Refused("payload_tampered", "数据包无法解密：清单或数据被改动过") from exc
        rest = inflater.flush()
        written += len(rest)
        try:
            out.write(rest)
        except OSError as exc:
            raise _no_space(target, exc) from exc
    if inflater.unused_data:
        raise Refused("corrupt", "数据包的数据部分在结尾处多出了内容：文件已损坏或被改动")
    if written > declared:
        raise Refused("oversized", "数据包的数据解压后超出声明的大小，已拒绝（可能是压缩炸弹）")
    if written != declared or not inflater.eof:
        raise Refused("corrupt", "数据包的数据部分不完整")


def _seal_payload(db: Database, con: sqlite3.Connection, checked: Checked) -> None:
    """The payload's personal fields sealed under this file's data key before the merge
    compares and copies them (app/db/field_crypto.py): stored rows hold them sealed."""
    key = field_crypto.key_for(db.engine.dialect)
    if key is None:
        raise InputError(Problem("", field_crypto.NO_KEY))
    field_crypto.install_sql_functions(con, key)
    field_crypto.convert_schema(con, "payload", "wuye_seal", set(checked.manifest["tables"]))


def _merge(
    db: Database, checked: Checked, *, dry_run: bool, now: datetime, progress: Progress
) -> ImportReport:
    report = _new_report(checked, dry_run)
    fairy = db.engine.raw_connection()
    con = fairy.driver_connection
    assert isinstance(con, sqlite3.Connection)
    install_functions(con)
    attached = False
    try:
        attach_payload(con, checked.payload_file, checked.manifest)
        attached = True
        con.execute(f"PRAGMA busy_timeout={IMPORT_BUSY_MS}")
        # Memory that does not grow with the package: no memory map of the (city-sized)
        # file, and the merge's temporary b-trees (DISTINCT, NOT IN) spill to disk.
        con.execute("PRAGMA mmap_size=0")
        con.execute("PRAGMA temp_store=FILE")
        con.execute("BEGIN IMMEDIATE")
        try:
            again = con.execute(
                "SELECT package_id, manifest_sha256, report_json FROM package_received"
                " WHERE package_id = ?",
                (report.package_id,),
            ).fetchone()
            if again is not None:
                con.execute("ROLLBACK")
                return _already(_received_row(again), checked.manifest_sha256)
            _seal_payload(db, con, checked)
            report = _merge_rows(con, checked, report, now, progress, dry_run)
            if dry_run:
                con.execute("ROLLBACK")
            else:
                con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    finally:
        try:
            con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA temp_store=DEFAULT")
            con.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            if attached or "payload" in [r[1] for r in con.execute("PRAGMA database_list")]:
                con.execute("DETACH DATABASE payload")
        finally:
            fairy.close()
    return report


def _new_report(checked: Checked, dry_run: bool) -> ImportReport:
    manifest = checked.manifest
    sender = manifest["sender"]
    return ImportReport(
        package_id=manifest["package_id"],
        sender_code=sender["code"],
        sender_name=str(sender.get("name", "")),
        kind=manifest["kind"],
        seq_from=manifest["seq"]["from"],
        seq_to=manifest["seq"]["to"],
        dry_run=dry_run,
        direction=direction_of(manifest),
    )


def _received_row(row: tuple[str, str, str]) -> PackageReceived:
    return PackageReceived(package_id=row[0], manifest_sha256=row[1], report_json=row[2])


def _merge_rows(
    con: sqlite3.Connection,
    checked: Checked,
    report: ImportReport,
    now: datetime,
    progress: Progress,
    dry_run: bool = False,
) -> ImportReport:
    manifest = checked.manifest
    sender = manifest["sender"]
    first_seq = con.execute("SELECT value FROM seq_counter WHERE id = 1").fetchone()[0]
    ctx = MergeContext(
        package_id=report.package_id,
        sender_db_id=sender["db_id"],
        now=db_time(now),
        # Up: rows of the sender's subtree; down: its own, or relayed from above it.
        owns=(lambda o: owns(o, sender["code"]))
        if direction_of(manifest) == DOWN
        else (lambda o: owns(sender["code"], o)),
        seq=first_seq,
        dry_run=dry_run,
        sender_code=sender["code"],
    )
    merge_tables(
        manifest,
        report,
        progress,
        owns,
        lambda table: merge_table(con, table, ctx),
        lambda table, in_scope: tombstone_missing(con, table, ctx, in_scope),
    )
    if direction_of(manifest) == DOWN and (days := apply_holidays(con, manifest)):
        report.warnings.append(f"已按上级单位的节假日调休表更新 {days} 天")
    if direction_of(manifest) == DOWN:
        report.warnings += apply_shared(con, manifest, sender["code"])
    con.execute("UPDATE seq_counter SET value = ? WHERE id = 1", (ctx.seq,))
    record_parts(
        con.execute,
        checked.parts,
        con,
        package_id=report.package_id,
        sender=sender["code"],
        seq_from=first_seq + 1,
        seq_to=ctx.seq,
        now=db_time(now),
    )
    previous = manifest.get("previous_package_id")
    gap = (
        bool(previous)
        and con.execute(
            "SELECT 1 FROM package_received WHERE package_id = ?", (previous,)
        ).fetchone()
        is None
    )
    report.warnings += chain_warnings(manifest, gap)
    con.execute(
        "INSERT INTO package_received (package_id, manifest_sha256, sender_code, sender_db_id,"
        " kind, seq_from, seq_to, previous_id, gap, local_seq_from, local_seq_to, received_at,"
        " report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            report.package_id,
            checked.manifest_sha256,
            sender["code"],
            sender["db_id"],
            manifest["kind"],
            report.seq_from,
            report.seq_to,
            previous,
            gap,
            first_seq + 1,
            ctx.seq,
            db_time(now),
            json.dumps(report.as_dict(), ensure_ascii=False),
        ),
    )
    return report
