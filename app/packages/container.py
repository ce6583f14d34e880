"""The `.wypkg` ZIP: exactly manifest.json, manifest.sig and payload.bin, read defensively.

A ZIP is checked before a byte is inflated: entry names (no folders, no `..`), no extra or
missing entries, declared sizes under caps; reads are capped too, since a ZIP can lie about
its sizes (a zip bomb). Written to a temporary name first, so a half-written package never
looks finished.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.packages.refusal import Refused

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PAYLOAD = "payload.bin"
NAMES = (MANIFEST, SIGNATURE, PAYLOAD)
MiB = 1024 * 1024
CAPS = {MANIFEST: 8 * MiB, SIGNATURE: 1024, PAYLOAD: 2048 * MiB}
CHUNK = MiB
NOT_A_PACKAGE = "不是本程序的数据包（.wypkg），或文件已损坏、没有拷贝完整：请向发送单位重新索取"
DAMAGED = "数据包文件已损坏或没有拷贝完整：请重新拷贝，或向发送单位重新索取"


@dataclass(frozen=True)
class Container:
    """The small parts read; the payload (up to gigabytes at a city) is streamed from `path`."""

    path: Path
    manifest: bytes
    signature: bytes
    payload_size: int


def write_container(path: Path, manifest: bytes, signature: bytes, payload: bytes | Path) -> None:
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w") as zf:
        zf.writestr(MANIFEST, manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(SIGNATURE, signature, compress_type=zipfile.ZIP_STORED)
        # Encrypted bytes do not compress: the payload is compressed before encryption.
        if isinstance(payload, bytes):
            zf.writestr(PAYLOAD, payload, compress_type=zipfile.ZIP_STORED)
        else:
            zf.write(payload, PAYLOAD, compress_type=zipfile.ZIP_STORED)
    os.replace(tmp, path)


def read_container(path: Path) -> Container:
    if not path.is_file():
        raise Refused("missing", f"找不到数据包文件：{path}")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_names([i.filename for i in infos])
            for info in infos:
                if info.file_size > CAPS[info.filename]:
                    raise _bomb(info.filename)
            parts = {
                info.filename: _read_capped(zf, info) for info in infos if info.filename != PAYLOAD
            }
            size = zf.getinfo(PAYLOAD).file_size
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        if isinstance(exc, Refused):
            raise
        raise Refused("corrupt", NOT_A_PACKAGE) from exc
    except NotImplementedError as exc:  # an unknown compression method
        raise Refused("corrupt", "数据包使用了不支持的压缩方式") from exc
    return Container(path, parts[MANIFEST], parts[SIGNATURE], size)


def payload_chunks(box: Container) -> Iterator[bytes]:
    """The payload's bytes a chunk at a time, capped like every read; a damaged file (bad
    CRC, cut short) is refused when the stream reaches the damage."""
    try:
        with zipfile.ZipFile(box.path) as zf:
            info = zf.getinfo(PAYLOAD)
            cap = min(CAPS[PAYLOAD], info.file_size)
            size = 0
            with zf.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise _bomb(PAYLOAD)
                    yield chunk
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,
    ) as exc:
        raise Refused("corrupt", DAMAGED) from exc
    except NotImplementedError as exc:
        raise Refused("corrupt", "数据包使用了不支持的压缩方式") from exc


def _check_names(names: list[str]) -> None:
    if "[Content_Types].xml" in names:  # Office Open XML: a workbook, a document
        raise Refused("corrupt", "这是 Excel 或其他 Office 文件，不是数据包（.wypkg）")
    if MANIFEST not in names:  # some other zip file: not ours, whatever its entries
        raise Refused("corrupt", NOT_A_PACKAGE)
    for name in names:
        if (
            "/" in name
            or "\\" in name
            or ".." in name
            or name.startswith(("/", "~"))
            or ":" in name
        ):
            raise Refused(
                "path_traversal", f"数据包中含有带路径的文件名“{name}”，已拒绝（可能是恶意文件）"
            )
    extra = sorted(set(names) - set(NAMES))
    if extra or len(names) != len(set(names)):
        raise Refused(
            "extra_entries", f"数据包中含有多余的文件：{'、'.join(extra) or '重复的条目'}"
        )
    missing = [n for n in NAMES if n not in names]
    if missing:
        raise Refused("corrupt", f"数据包不完整，缺少：{'、'.join(missing)}")


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    cap = min(CAPS[info.filename], info.file_size)
    chunks: list[bytes] = []
    size = 0
    with zf.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > cap:
                raise _bomb(info.filename)
            chunks.append(chunk)
    return b"".join(chunks)


def _bomb(name: str) -> Refused:
    return Refused("oversized", f"数据包中的“{name}”解压后超出允许的大小，已拒绝（可能是压缩炸弹）")
