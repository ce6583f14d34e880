"""Private keys at rest (issue 14): encrypted under a secret that is not beside them.

An office folder `keys/<code>/` is protected by this PC's user account (the default,
`system`: a secret in the OS keyring or in a 0600 file in the user's configuration folder,
app/db/os_secret.py), by a passphrase (asked at start, or `WUYE_KEY_PASSPHRASE`) or by the
OS keyring alone (`keyring`: Windows Credential Manager, macOS Keychain, Secret Service). Its
`protection.json` says which; each `.pem` is then PKCS#8 encrypted. The passphrase is
stretched with scrypt (memory-hard) under a salt kept in `protection.json`, with a check
value so that a wrong passphrase is named as such. No clear PEM is written: a new folder is
protected by the account before its first key, and a folder left clear by an older version
is protected when its database is next opened (`protect_clear`); `wuye keys protect`
re-protects a folder, by an administrator, at any time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from app.db.file_access import create_private, private_folder
from app.errors import InputError, Problem
from app.packages import crypto

PROTECTION = "protection.json"
PASSPHRASE_ENV = "WUYE_KEY_PASSPHRASE"
KEYRING_SERVICE = "WuyeDesk office keys"
PASSPHRASE, KEYRING, SYSTEM = "passphrase", "keyring", "system"
# 2**17 × 8 × 128 bytes = 128 MiB per guess: twice the package backups' cost, fine once a start.
KEY_SCRYPT = {"n": 2**17, "r": 8, "p": 1}
MIN_PASSPHRASE = 12
MIN_DISTINCT = 6  # characters: "111111111111" or "abababababab" is not a passphrase

# How a passphrase is asked when WUYE_KEY_PASSPHRASE is not set: the CLI and the window set
# this (a prompt, a dialog); `app` itself never asks.
_ask: Callable[[Path], str] | None = None
_cache: dict[Path, bytes] = {}


def set_passphrase_asker(ask: Callable[[Path], str] | None) -> None:
    global _ask
    _ask = ask


def forget() -> None:
    """Drop the secrets this process holds (the window's lock after its idle time)."""
    _cache.clear()


def method(folder: Path) -> str | None:
    try:
        data = json.loads((folder / PROTECTION).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("method") if isinstance(data, dict) else None


def seal_pem(folder: Path, pem: bytes) -> bytes:
    """A clear PKCS#8 PEM as this folder stores it (encrypted when protected)."""
    if method(folder) is None:
        return pem
    key = crypto.load_private_pem(pem)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_secret(folder)),
    )


def open_pem(folder: Path, data: bytes) -> crypto.PrivateKey:
    """The key in a stored PEM, asking for the folder's secret only if it is encrypted."""
    if b"ENCRYPTED" not in data:
        return crypto.load_private_pem(data)
    try:
        key = serialization.load_pem_private_key(data, password=_secret(folder))
    except ValueError as exc:
        _cache.pop(folder.resolve(), None)
        raise InputError(Problem("", f"无法解开本单位私钥（{folder}）：口令或密钥环不对")) from exc
    if not isinstance(key, crypto.Ed25519PrivateKey | crypto.X25519PrivateKey):
        raise InputError(Problem("", "密钥类型不对"))
    return key


def check_passphrase(passphrase: str | None) -> None:
    """The one minimum for every passphrase that guards private keys (the key folder, the key
    backup, a database backup's keys): issue 14 found `12345678` accepted."""
    text = passphrase or ""
    if len(text) < MIN_PASSPHRASE or len(set(text)) < MIN_DISTINCT:
        why = f"口令至少 {MIN_PASSPHRASE} 个字符，且至少含 {MIN_DISTINCT} 个不同的字符"
        raise InputError(Problem("passphrase", why))


def protect(folder: Path, how: str, passphrase: str | None = None) -> int:
    """(Re-)encrypt every private key of `folder` under a passphrase or the OS keyring;
    returns how many. Each file is replaced atomically; the keys themselves do not change."""
    keys = {p: open_pem(folder, p.read_bytes()) for p in sorted(folder.glob("*.pem"))}
    if how == PASSPHRASE:
        check_passphrase(passphrase)
        salt = os.urandom(16)
        secret = _stretch(passphrase, salt)
        spec = {"method": PASSPHRASE, "salt": salt.hex(), **KEY_SCRYPT, "check": _check(secret)}
    elif how == KEYRING:
        secret = secrets.token_hex(32).encode("ascii")
        _keyring_set(folder, secret.decode("ascii"))
        spec = {"method": KEYRING}
    elif how == SYSTEM:
        spec = {"method": SYSTEM, "id": secrets.token_hex(16)}
        secret = _system_secret(spec)
    else:
        raise InputError(Problem("", f"未知的保护方式：{how}"))
    tmp = folder / f"{PROTECTION}.part"
    _write_private(tmp, json.dumps(spec).encode("utf-8"))
    os.replace(tmp, folder / PROTECTION)
    _cache[folder.resolve()] = secret
    for path, key in keys.items():
        _write_private(path.with_suffix(".part"), seal_pem(folder, crypto.private_pem(key)))
        os.replace(path.with_suffix(".part"), path)
    return len(keys)


def _secret(folder: Path) -> bytes:
    folder = folder.resolve()
    if folder in _cache:
        return _cache[folder]
    spec = json.loads((folder / PROTECTION).read_text(encoding="utf-8"))
    if spec["method"] == SYSTEM:
        secret = _system_secret(spec)
        if not hmac.compare_digest(_check(secret), spec.get("check", _check(secret))):
            raise InputError(Problem("", f"本单位私钥由另一台电脑或另一个系统账户加密（{folder}）"))
    elif spec["method"] == KEYRING:
        found = _keyring_get(folder)
        if not found:
            raise InputError(Problem("", f"系统密钥环中找不到本单位私钥的密码（{folder}）"))
        secret = found.encode("ascii")
    else:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if passphrase is None and _ask is not None:
            passphrase = _ask(folder)
        if passphrase is None:
            raise InputError(
                Problem("", f"本单位私钥已加密：请输入口令（或设置环境变量 {PASSPHRASE_ENV}）")
            )
        secret = _stretch(passphrase, bytes.fromhex(spec["salt"]), spec)
        if not hmac.compare_digest(_check(secret), spec["check"]):
            raise InputError(Problem("", "私钥口令不对"))
    _cache[folder] = secret
    return secret


def _system_secret(spec: dict) -> bytes:
    from app.db.os_secret import derived

    secret = derived(b"wuyedesk office keys " + spec["id"].encode("ascii")).hex().encode("ascii")
    spec.setdefault("check", _check(secret))
    return secret


def has_clear_keys(folder: Path) -> bool:
    """A folder an older version left with clear PEMs (a cheap look: no cryptography)."""
    return any(b"BEGIN PRIVATE KEY" in p.read_bytes() for p in folder.glob("*.pem"))


def ensure_protected(folder: Path) -> None:
    """Before a key is written into `folder`: protected by this account unless it already is."""
    if method(folder) is None:
        private_folder(folder)
        protect(folder, SYSTEM)


def protect_clear(folder: Path) -> int:
    """Encrypt the clear PEMs an older version left in `folder`: by this account when the
    folder has no protection yet, else under the folder's own; returns how many (0: none)."""
    if not folder.is_dir() or not has_clear_keys(folder):
        return 0
    if method(folder) is None:
        return protect(folder, SYSTEM)
    clear = [p for p in sorted(folder.glob("*.pem")) if b"BEGIN PRIVATE KEY" in p.read_bytes()]
    for path in clear:
        _write_private(path.with_suffix(".part"), seal_pem(folder, path.read_bytes()))
        os.replace(path.with_suffix(".part"), path)
    return len(clear)


def _stretch(passphrase: str, salt: bytes, spec: dict | None = None) -> bytes:
    cost = {k: int((spec or KEY_SCRYPT)[k]) for k in ("n", "r", "p")}
    return crypto.passphrase_key(passphrase, salt, **cost).hex().encode("ascii")


def _check(secret: bytes) -> str:
    return hashlib.sha256(b"wuyedesk key check" + secret).hexdigest()[:16]


def _keyring_set(folder: Path, value: str) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, str(folder.resolve()), value)
    except (ImportError, KeyringError, RuntimeError) as exc:
        raise InputError(
            Problem("", f"本机没有可用的系统密钥环，请改用口令保护（--passphrase-file）：{exc}")
        ) from exc


def _keyring_get(folder: Path) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, str(folder.resolve()))
    except (ImportError, KeyringError, RuntimeError):
        return None


def _write_private(path: Path, data: bytes) -> None:
    path.unlink(missing_ok=True)
    fd = create_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
