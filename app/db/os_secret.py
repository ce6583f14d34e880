"""The secret this PC's user account holds (issue 14): what protects the office's private keys
and the database's data key when no passphrase or password is asked.

It lives in the OS keyring when one works (Windows Credential Manager, macOS Keychain, Secret
Service), else in a 0600 file in the user's own configuration folder (on Windows the profile
folder, which the Windows account protects). Either way it is never beside the database or the
keys: a copied office folder or a stolen database file is useless without this account.
`WUYE_CONFIG_DIR` moves the file (tests); `WUYE_SECRET_STORE=file` skips the keyring.

On Windows the keyring stands in for DPAPI (the issue's "DPAPI for the user"): the `keyring`
package's Windows backend keeps the secret in the Credential Manager as a generic credential
of this user, and the Credential Manager stores its credentials DPAPI-protected under the
user's logon secret. Calling `CryptProtectData` ourselves would need pywin32 or ctypes
plumbing for the same protection (this user, on this PC); the keyring gives it with the
dependency the other platforms already use. When no keyring works, the fallback file sits
in the profile with an owner-only ACL (app/db/file_access.py).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from app.errors import DatabaseError
from app.paths import APP_NAME

CONFIG_ENV = "WUYE_CONFIG_DIR"
STORE_ENV = "WUYE_SECRET_STORE"
KEYRING_SERVICE = "WuyeDesk"
KEYRING_USER = "os-secret"
FILE_NAME = "os-secret.key"

_cache: list[bytes] = []


def config_dir() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def os_secret() -> bytes:
    """32 random bytes made once per user account, kept by the OS keyring or the 0600 file."""
    if _cache:
        return _cache[0]
    path = config_dir() / FILE_NAME
    found = _read_file(path) if path.exists() else _keyring_get()
    if found is None:
        made = secrets.token_bytes(32)
        if not _keyring_put(made):
            _write_file(path, made)
        found = made
    _cache.append(found)
    return found


def derived(purpose: bytes) -> bytes:
    """A secret for one purpose (one key folder, one database), from the account's secret."""
    return hmac.new(os_secret(), purpose, hashlib.sha256).digest()


def _read_file(path: Path) -> bytes:
    try:
        value = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        raise DatabaseError(f"无法读取本机账户的密钥文件：{path}") from exc
    if len(value) != 32:
        raise DatabaseError(f"本机账户的密钥文件已损坏：{path}")
    return value


def _write_file(path: Path, value: bytes) -> None:
    try:
        from app.db.file_access import create_private, private_folder

        private_folder(path.parent)
        tmp = path.with_name(path.name + ".part")
        tmp.unlink(missing_ok=True)
        fd = create_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(value.hex())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise DatabaseError(f"无法在本机账户的配置目录中保存密钥：{path}（{exc}）") from exc


def _keyring_usable() -> bool:
    return os.environ.get(STORE_ENV, "") != "file"


def _keyring_get() -> bytes | None:
    if not _keyring_usable():
        return None
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
        return bytes.fromhex(value) if value else None
    except Exception:  # no keyring, a locked one, a broken backend: the file is the fallback
        return None


def _keyring_put(value: bytes) -> bool:
    """Store and read back: a keyring that takes a value but cannot return it is no keyring."""
    if not _keyring_usable():
        return False
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, value.hex())
        return keyring.get_password(KEYRING_SERVICE, KEYRING_USER) == value.hex()
    except Exception:  # as in _keyring_get
        return False
