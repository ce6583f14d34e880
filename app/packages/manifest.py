"""The manifest: what a package says about itself, signed byte for byte by the sender.

The payload's AES-GCM AAD (and each wrapped key's) is the SHA-256 of the manifest without the
fields that depend on the encryption itself (the payload's nonce and hash, the wrapped keys):
they cannot contain themselves. The signature covers every byte of manifest.json.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from app.packages.refusal import Refused

FORMAT = 1
KINDS = ("delta", "snapshot")
# Up to the upper office (the default: a manifest from before packages went down has none),
# or down to a direct subordinate (app/packages/downward.py).
DIRECTIONS = ("up", "down")
REQUIRED = {
    "format": int,
    "package_id": str,
    "kind": str,
    "sender": dict,
    "receivers": list,
    "schema_version": str,
    "code_tables_version": str,
    "seq": dict,
    "created_at": str,
    "alg": dict,
    "tables": dict,
    "sources": list,
    "payload": dict,
}


def canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def bound_hash(manifest: dict[str, Any]) -> bytes:
    """The AAD: the manifest minus the fields the encryption itself produces."""
    header = {k: v for k, v in manifest.items() if k != "payload"}
    header["receivers"] = [
        {"code": r.get("code"), "enc_key_id": r.get("enc_key_id")} for r in manifest["receivers"]
    ]
    return hashlib.sha256(canonical(header)).digest()


def parse(data: bytes) -> dict[str, Any]:
    """Shape and version checks only: nothing in it is trusted before the signature."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(
            "manifest_invalid", "数据包的清单（manifest.json）无法读取，文件已损坏"
        ) from exc
    if not isinstance(manifest, dict):
        raise Refused("manifest_invalid", "数据包的清单（manifest.json）格式不对")
    fmt = manifest.get("format")
    if isinstance(fmt, int) and fmt > FORMAT:
        raise Refused(
            "format_newer",
            f"数据包格式版本为 {fmt}，本程序只支持到 {FORMAT}：请升级本程序后再导入",
        )
    missing = [k for k, t in REQUIRED.items() if not isinstance(manifest.get(k), t)]
    if not missing:
        missing = _bad_parts(manifest)
    if missing or manifest["kind"] not in KINDS or fmt != FORMAT:
        raise Refused(
            "manifest_invalid", f"数据包的清单缺少或写错了这些项：{'、'.join(missing) or 'kind'}"
        )
    return manifest


def _bad_parts(manifest: dict[str, Any]) -> list[str]:
    """Nested shapes, so a crafted manifest fails here and not as a crash further on."""

    def strings(block: Any, *keys: str) -> bool:
        return isinstance(block, dict) and all(isinstance(block.get(k), str) for k in keys)

    def ints(block: Any, *keys: str) -> bool:
        return isinstance(block, dict) and all(type(block.get(k)) is int for k in keys)

    bad = []
    if not strings(manifest["sender"], "code", "db_id", "sign_key_id"):
        bad.append("sender")
    if not manifest["receivers"] or not all(
        strings(r, "code", "enc_key_id", "ephemeral_public", "nonce", "wrapped")
        for r in manifest["receivers"]
    ):
        bad.append("receivers")
    if not ints(manifest["seq"], "from", "to"):
        bad.append("seq")
    tables = manifest["tables"].values()
    if not all(ints(t, "rows") and isinstance(t.get("columns"), list) for t in tables):
        bad.append("tables")
    if not (
        strings(manifest["payload"], "nonce", "sha256")
        and ints(manifest["payload"], "bytes", "plain_bytes")
    ):
        bad.append("payload")
    listed = manifest.get("parts")
    if listed is not None and not (
        isinstance(listed, list)
        and all(strings(p, "part_id", "signer", "sha256") and ints(p, "bytes") for p in listed)
    ):
        bad.append("parts")
    if not isinstance(manifest.get("previous_package_id"), str | None):
        bad.append("previous_package_id")
    if manifest.get("direction", "up") not in DIRECTIONS:
        bad.append("direction")
    return bad
