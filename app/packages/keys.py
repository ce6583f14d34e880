"""The office's own key pairs: private keys as files, public keys and ids in the database.

Private keys live in `keys/<office code>/` beside the database file. With the default
database that is the user data directory (app.paths); with `--db`/`WUYE_DB` elsewhere the keys
follow the file, so a demo city's many offices in one folder never share or mix keys, and a
copy of the folder moves an office whole. Files are 0600 in a 0700 folder; old keys are never
deleted, so packages made for an earlier key still open. Each file is encrypted
(app/packages/key_vault.py): by this PC's user account unless an administrator chose a
passphrase or the keyring.
"""

from __future__ import annotations

import base64
import json
import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import data_key
from app.db.file_access import create_private
from app.db.identity import office_dir
from app.errors import InputError, Problem
from app.models import OfficeKey
from app.packages import crypto, key_vault

KINDS = ("sign", "enc")
BACKUP_FORMAT = "wuyedesk-keys-1"


def keys_dir(db_path: Path, office_code: str) -> Path:
    return office_dir(db_path, office_code)


def _key_file(folder: Path, kid: str, kind: str) -> Path:
    return folder / f"{kid}.{kind}.pem"


def _write_private(path: Path, pem: bytes) -> None:
    """`pem` in clear; stored encrypted, by this PC's account unless the folder is already
    protected otherwise (app/packages/key_vault.py): no clear PEM reaches the disk."""
    key_vault.ensure_protected(path.parent)
    if path.exists():
        stored = crypto.private_pem(key_vault.open_pem(path.parent, path.read_bytes()))
        if stored != pem:
            raise InputError(Problem("", f"密钥文件已存在且内容不同：{path}"))
        return
    fd = create_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    with os.fdopen(fd, "wb") as out:
        out.write(key_vault.seal_pem(path.parent, pem))


def create_office_keys(
    session: Session, db_path: Path, office_code: str, now: datetime
) -> list[OfficeKey]:
    """A signing and an encryption key for this office; called by `wuye init` and rotation."""
    folder = keys_dir(db_path, office_code)
    made = []
    for kind, key in (("sign", crypto.new_signing_key()), ("enc", crypto.new_encryption_key())):
        raw = crypto.public_raw(key)
        kid = crypto.key_id(raw)
        _write_private(_key_file(folder, kid, kind), crypto.private_pem(key))
        row = OfficeKey(
            key_id=kid,
            org_code=office_code,
            kind=kind,
            public_key=raw.hex(),
            own=True,
            created_at=now,
        )
        session.add(row)
        made.append(row)
    session.flush()
    return made


def current_key(session: Session, office_code: str, kind: str) -> OfficeKey | None:
    """The newest key of an office (own or a peer's): new packages use it."""
    return session.scalars(
        select(OfficeKey)
        .where(OfficeKey.org_code == office_code, OfficeKey.kind == kind)
        .order_by(OfficeKey.created_at.desc(), OfficeKey.key_id)
        .limit(1)
    ).first()


def record_public_key(
    session: Session, office_code: str, kind: str, public_hex: str, now: datetime
) -> OfficeKey:
    """A peer's public key, by id; a key id already known for another office is refused."""
    kid = crypto.key_id(bytes.fromhex(public_hex))
    known = session.get(OfficeKey, kid)
    if known is not None:
        if known.org_code != office_code or known.kind != kind:
            raise InputError(Problem("", f"密钥 {kid} 已登记为单位 {known.org_code} 的密钥"))
        return known
    row = OfficeKey(
        key_id=kid,
        org_code=office_code,
        kind=kind,
        public_key=public_hex,
        own=False,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def load_private(db_path: Path, office_code: str, kid: str, kind: str) -> crypto.PrivateKey:
    path = _key_file(keys_dir(db_path, office_code), kid, kind)
    if not path.exists():
        raise InputError(
            Problem("", f"找不到本单位的私钥 {kid}（{path}）：请用 wuye keys restore 恢复密钥备份")
        )
    return key_vault.open_pem(path.parent, path.read_bytes())


def own_signing_key(
    session: Session, db_path: Path, office_code: str
) -> tuple[str, crypto.Ed25519PrivateKey]:
    row = current_key(session, office_code, "sign")
    if row is None:
        raise InputError(Problem("", "本单位还没有签名密钥：请先运行 wuye init"))
    key = load_private(db_path, office_code, row.key_id, "sign")
    assert isinstance(key, crypto.Ed25519PrivateKey)
    return row.key_id, key


def own_keys(session: Session, office_code: str) -> list[OfficeKey]:
    return list(
        session.scalars(
            select(OfficeKey)
            .where(OfficeKey.org_code == office_code, OfficeKey.own.is_(True))
            .order_by(OfficeKey.created_at, OfficeKey.key_id)
        )
    )


def backup_keys(
    session: Session, db_path: Path, office_code: str, passphrase: str, out: Path
) -> int:
    """Every own private key, sealed under the passphrase (scrypt, then AES-256-GCM)."""
    key_vault.check_passphrase(passphrase)
    keys = [
        {
            "key_id": row.key_id,
            "kind": row.kind,
            "created_at": row.created_at.isoformat(),
            "pem": load_private_pem_text(db_path, office_code, row),
        }
        for row in own_keys(session, office_code)
    ]
    if not keys:
        raise InputError(Problem("", "本单位还没有密钥：请先运行 wuye init"))
    content: dict[str, object] = {"office_code": office_code, "keys": keys}
    if (data := data_key.current(session)) is not None:  # the personal fields' key (issue 14)
        content["data_key"] = data.hex()
    plain = json.dumps(content).encode("utf-8")
    salt = os.urandom(16)
    header = {
        "format": BACKUP_FORMAT,
        "kdf": {"name": "scrypt", "salt": salt.hex(), **key_vault.KEY_SCRYPT},
    }
    aad = json.dumps(header, sort_keys=True).encode("utf-8")
    nonce, sealed = crypto.encrypt(
        crypto.passphrase_key(passphrase, salt, **key_vault.KEY_SCRYPT), plain, aad
    )
    body = {**header, "nonce": nonce.hex(), "data": base64.b64encode(sealed).decode("ascii")}
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = create_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    with os.fdopen(fd, "w", encoding="utf-8") as part:
        part.write(json.dumps(body, indent=1))
    tmp.replace(out)
    return len(keys)


def load_private_pem_text(db_path: Path, office_code: str, row: OfficeKey) -> str:
    key = load_private(db_path, office_code, row.key_id, row.kind)
    return crypto.private_pem(key).decode("ascii")


def restore_keys(
    session: Session, db_path: Path, office_code: str, passphrase: str, backup: Path
) -> int:
    """Put the backed-up private keys back; their public halves are recorded if missing."""
    try:
        body = json.loads(backup.read_text(encoding="utf-8"))
        header = {"format": body["format"], "kdf": body["kdf"]}
        kdf = body["kdf"]
        if body["format"] != BACKUP_FORMAT or kdf.get("name") != "scrypt":
            raise ValueError(body["format"])
        aad = json.dumps(header, sort_keys=True).encode("utf-8")
        key = crypto.passphrase_key(
            passphrase, bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        )
        sealed = base64.b64decode(body["data"])
        nonce = bytes.fromhex(body["nonce"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(Problem("", f"不是有效的密钥备份文件：{backup}")) from exc
    try:
        content = json.loads(crypto.decrypt(key, nonce, sealed, aad))
    except crypto.CryptoFailure as exc:
        raise InputError(Problem("passphrase", "口令不对，或备份文件已损坏")) from exc
    if content["office_code"] != office_code:
        raise InputError(
            Problem("", f"这是单位 {content['office_code']} 的密钥备份，本数据库属于 {office_code}")
        )
    if content.get("data_key"):  # a restore on a new PC: the personal fields open again
        data_key.adopt(session, bytes.fromhex(content["data_key"]))
    folder = keys_dir(db_path, office_code)
    for item in content["keys"]:
        private = crypto.load_private_pem(item["pem"].encode("ascii"))
        raw = crypto.public_raw(private)
        if crypto.key_id(raw) != item["key_id"]:
            raise InputError(Problem("", f"备份中的密钥 {item['key_id']} 与其编号不符"))
        _write_private(_key_file(folder, item["key_id"], item["kind"]), item["pem"].encode())
        if session.get(OfficeKey, item["key_id"]) is None:
            session.add(
                OfficeKey(
                    key_id=item["key_id"],
                    org_code=office_code,
                    kind=item["kind"],
                    public_key=raw.hex(),
                    own=True,
                    created_at=datetime.fromisoformat(item["created_at"]),
                )
            )
    session.flush()
    return len(content["keys"])
