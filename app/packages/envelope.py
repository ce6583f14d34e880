"""Small signed JSON files (onboarding, its reply, receipts): the body, its signer's key id,
and an Ed25519 signature over the body's canonical bytes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from app.packages import crypto
from app.packages.manifest import canonical
from app.packages.refusal import Refused

MAX_BYTES = 1024 * 1024


def write_signed(
    path: Path, body: dict[str, Any], key_id: str, key: crypto.Ed25519PrivateKey
) -> None:
    envelope = {
        "body": body,
        "key_id": key_id,
        "signature": crypto.sign(key, canonical(body)).hex(),
    }
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(envelope, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def read_signed(path: Path, what: str) -> tuple[dict[str, Any], str, bytes]:
    """(body, key id, signature); the caller decides whose key must have signed it."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValueError("too large")
        envelope = json.loads(path.read_text(encoding="utf-8"))
        body, key_id = envelope["body"], envelope["key_id"]
        signature = bytes.fromhex(envelope["signature"])
        if not isinstance(body, dict) or not isinstance(key_id, str):
            raise ValueError("shape")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Refused(
            "corrupt",
            f"{path.name} 不是有效的{what}文件（空文件、没有拷贝完整或已损坏）：请向对方重新索取",
        ) from exc
    return body, key_id, signature


def check_signature(body: dict[str, Any], public_hex: str, signature: bytes, what: str) -> None:
    try:
        crypto.verify(public_hex, signature, canonical(body))
    except crypto.CryptoFailure as exc:
        raise Refused(
            "bad_signature", f"{what}的签名不符：文件被改动过，或不是由所称单位签发"
        ) from exc


def looks_signed(path: Path) -> bool:
    """A file meant as a signed JSON file, even when it is empty or cut short: a `.json`
    name or a first byte of `{` (a `.wypkg` is a ZIP, which starts with `PK`)."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as f:
            return f.read(1) == b"{"
    except OSError:
        return False


def peek_kind(path: Path) -> str | None:
    """The `kind` of a signed JSON file, or None when it is not one (e.g. a ZIP package)."""
    try:
        with path.open("rb") as f:
            if f.read(1) != b"{":
                return None
        body = json.loads(path.read_text(encoding="utf-8"))["body"]
        return str(body.get("kind"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
