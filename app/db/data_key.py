"""The database's data key (issue 14): 32 random bytes that encrypt its personal fields
(app/db/field_crypto.py), never stored in clear.

It is kept in `db_meta`, wrapped (AES-256-GCM) twice over:
- `data_key.system`: under a secret of this PC's user account (app/db/os_secret.py: the OS
  keyring or a 0600 file in the user's configuration folder), so a single-user database
  without accounts opens without a prompt, on this PC and account only;
- `data_key.user.<name>`: under scrypt of each account's password, written at sign-in, at
  `wuye user add` and at a password change, so that on another PC (a restored backup, a moved
  file) signing in opens the data, and then wraps it for that PC's account too.
A stolen file alone holds neither secret. A database file without any wrap (new, or made
before migration 0031) gets a fresh key before it is migrated.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import field_crypto
from app.errors import DatabaseError
from app.models import DbMeta

SYSTEM_KEY = "data_key.system"
USER_PREFIX = "data_key.user."
AAD = b"wuyedesk data key"
USER_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def _wrap(secret: bytes, key: bytes, extra: dict | None = None) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    data = AESGCM(secret).encrypt(nonce, key, AAD)
    return json.dumps({**(extra or {}), "nonce": nonce.hex(), "data": data.hex()})


def _unwrap(secret: bytes, text: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        spec = json.loads(text)
        nonce, data = bytes.fromhex(spec["nonce"]), bytes.fromhex(spec["data"])
        return AESGCM(secret).decrypt(nonce, data, AAD)
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None


def _system_secret(salt: bytes) -> bytes:
    from app.db.os_secret import derived

    return derived(b"wuyedesk data key " + salt)


def system_wrap(key: bytes) -> str:
    salt = os.urandom(16)
    return _wrap(_system_secret(salt), key, {"salt": salt.hex()})


def open_system_wrap(text: str) -> bytes | None:
    try:
        salt = bytes.fromhex(json.loads(text)["salt"])
    except (ValueError, KeyError, TypeError):
        return None
    return _unwrap(_system_secret(salt), text)


def _password_secret(password: str, spec: dict) -> bytes:
    from app.packages.crypto import passphrase_key

    cost = {k: int(spec[k]) for k in ("n", "r", "p")}
    return passphrase_key(password, bytes.fromhex(spec["salt"]), **cost)


def user_wrap(key: bytes, password: str) -> str:
    spec = {"salt": os.urandom(16).hex(), **USER_SCRYPT}
    return _wrap(_password_secret(password, spec), key, spec)


def open_user_wrap(text: str, password: str) -> bytes | None:
    try:
        spec = json.loads(text)
        secret = _password_secret(password, spec)
    except (ValueError, KeyError, TypeError):
        return None
    return _unwrap(secret, text)


def user_meta_key(name: str) -> str:
    return USER_PREFIX + name.strip()


def unlock(path: Path, engine: Engine, *, readonly: bool = False) -> None:
    """Before the schema is touched: give `engine` the file's data key when this PC's
    account holds it; make one for a file that has none (storing it at once when the file
    already has `db_meta`, so that migration 0031 never seals rows under a key not kept).
    A file whose key is wrapped for another PC only stays locked until an account signs in."""
    if not field_crypto.encrypts(engine.dialect):
        return
    wraps = _stored_wraps(path)
    if wraps is None or not wraps:
        if readonly:
            return
        key = secrets.token_bytes(32)
        if wraps is not None:  # an existing file from before 0031: keep the key first
            try:
                with closing(sqlite3.connect(path, timeout=30)) as con, con:
                    con.execute(
                        "INSERT INTO db_meta (key, value) VALUES (?, ?)",
                        (SYSTEM_KEY, system_wrap(key)),
                    )
            except sqlite3.Error as exc:
                raise DatabaseError(f"无法在数据库 {path} 中保存个人信息的数据密钥：{exc}") from exc
        field_crypto.set_key(engine.dialect, key)
        return
    if SYSTEM_KEY in wraps:
        key = open_system_wrap(wraps[SYSTEM_KEY])
        if key is not None:
            field_crypto.set_key(engine.dialect, key)


def _stored_wraps(path: Path) -> dict[str, str] | None:
    """The wraps in `db_meta`; None when the file has no `db_meta` table yet."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        try:
            rows = con.execute(
                "SELECT key, value FROM db_meta WHERE key LIKE 'data\\_key.%' ESCAPE '\\'"
            ).fetchall()
        except sqlite3.DatabaseError:  # no db_meta yet, or not a database (refused later)
            return None
    return dict(rows)


def store_missing(session: Session) -> None:
    """On open: keep a new file's key, wrapped for this PC's account."""
    dialect = session.get_bind().dialect
    key = field_crypto.key_for(dialect)
    if key is not None and session.get(DbMeta, SYSTEM_KEY) is None:
        session.add(DbMeta(key=SYSTEM_KEY, value=system_wrap(key)))


def on_password(session: Session, name: str, password: str) -> None:
    """A password proved (sign-in) or set (new account, new password): wrap the data key
    for it; if this PC could not open the key, open it with the account's wrap and wrap it
    for this PC's account as well."""
    dialect = session.get_bind().dialect
    if not field_crypto.encrypts(dialect):
        return
    key = field_crypto.key_for(dialect)
    mine = session.get(DbMeta, user_meta_key(name))
    if key is None:
        key = open_user_wrap(mine.value, password) if mine is not None else None
        if key is None:
            return
        field_crypto.set_key(dialect, key)
        system = session.get(DbMeta, SYSTEM_KEY)
        if system is None:
            session.add(DbMeta(key=SYSTEM_KEY, value=system_wrap(key)))
        else:
            system.value = system_wrap(key)
    if mine is None:
        session.add(DbMeta(key=user_meta_key(name), value=user_wrap(key, password)))
    elif open_user_wrap(mine.value, password) != key:
        mine.value = user_wrap(key, password)


def raw_key(engine: Engine) -> bytes | None:
    return field_crypto.key_for(engine.dialect)


def ready(engine: Engine) -> bool:
    """Whether personal fields can be read and written now."""
    return not field_crypto.encrypts(engine.dialect) or raw_key(engine) is not None


def adopt(session: Session, key: bytes) -> bool:
    """A data key from a key backup (`wuye keys restore`, a restore on a new PC): used and
    wrapped for this PC's account when this PC could not open the file's own wrap. Returns
    whether it was taken."""
    dialect = session.get_bind().dialect
    if not field_crypto.encrypts(dialect) or field_crypto.key_for(dialect) is not None:
        return False
    field_crypto.set_key(dialect, key)
    system = session.get(DbMeta, SYSTEM_KEY)
    if system is None:
        session.add(DbMeta(key=SYSTEM_KEY, value=system_wrap(key)))
    else:
        system.value = system_wrap(key)
    return True


def current(session: Session) -> bytes | None:
    """The open file's data key, for the key backup (sealed there under its passphrase)."""
    return field_crypto.key_for(session.get_bind().dialect)


def file_key(path: Path) -> bytes | None:
    """The data key of a file this PC's account can open (for tools and tests that read a
    file with plain sqlite3); None when it cannot."""
    wraps = _stored_wraps(path)
    return open_system_wrap(wraps[SYSTEM_KEY]) if wraps and SYSTEM_KEY in wraps else None
