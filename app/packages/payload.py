"""The payload: a SQLite file of one table per syncable table, made by the sender.

Its shape is defined here once: the exporter creates its tables with `create_table`, and a
receiver checks a payload's `sqlite_master` against the same definition before it attaches
the file, so a signed payload carrying a trigger, a view, an index or a table of its own is
refused before any statement touches it (a trigger would run inside the merge, holding the
write lock). The check opens the file read-only with `trusted_schema=OFF`.
"""

from __future__ import annotations

import shutil
import sqlite3
import weakref
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.packages.parts import create_table as create_parts_table
from app.packages.parts import declared_bytes
from app.packages.refusal import Refused
from app.packages.tables import table_named, table_schema

CACHE_KIB = 64 * 1024
# A deflate stream is at most a few bytes per 16 KiB block longer than its input: a
# payload.bin much larger than the plain size the manifest declares is refused unread.
DEFLATE_SLACK = 1 / 1000
DEFLATE_FIXED = 4096
# The plain SQLite file: its rows' bytes (as the manifest counts them) with b-tree and
# page overhead. Generous: only an absurd declaration is refused.
PLAIN_PER_BYTE = 4
PLAIN_PER_TABLE = 16 * 1024
PLAIN_FIXED = 1024 * 1024


@dataclass(frozen=True)
class Checked:
    """A package that passed every check before the merge transaction. Its rows wait in
    `payload_file`, a private SQLite file, so a package of millions of rows never sits in
    memory; the file goes with its folder when `discard()` is called or the object is freed."""

    manifest: dict[str, Any]
    manifest_sha256: str
    payload_file: Path
    office_code: str
    # The owners' signed parts that checked out (app/packages/parts.py): the merge keeps them.
    parts: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        weakref.finalize(self, shutil.rmtree, self.payload_file.parent, True)

    def discard(self) -> None:
        shutil.rmtree(self.payload_file.parent, ignore_errors=True)


def create_table(con: sqlite3.Connection, name: str) -> None:
    """The payload table of one syncable table: its columns typed as the sender's SQLite
    stores them (`int` or `str`), keyed by uuid."""
    table = table_named(name)
    assert table is not None
    columns = ", ".join(
        f'"{column}" {"INTEGER" if kind == "int" else "TEXT"}'
        + (" PRIMARY KEY" if column == "uuid" else "")
        for column, kind in table_schema(table)
    )
    con.execute(f'CREATE TABLE "{name}" ({columns})')


@cache
def _expected(
    names: tuple[str, ...], with_parts: bool = False
) -> frozenset[tuple[str, str, str, str | None]]:
    with closing(sqlite3.connect(":memory:")) as con:
        for name in names:
            create_table(con, name)
        if with_parts:  # a package of the parts format (app/packages/parts.py)
            create_parts_table(con)
        return frozenset(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


def check_sizes(manifest: dict[str, Any], deflated: int) -> None:
    """Refuse a payload whose sizes are absurd for its declared rows, before reading it."""
    payload = manifest["payload"]
    plain = int(payload.get("plain_bytes", 0))
    tables = manifest["tables"]
    row_bytes = sum(int(info.get("bytes", 0)) for info in tables.values())
    row_bytes += declared_bytes(manifest)
    most_plain = PLAIN_PER_BYTE * row_bytes + PLAIN_PER_TABLE * len(tables) + PLAIN_FIXED
    if plain > most_plain or deflated > plain * (1 + DEFLATE_SLACK) + DEFLATE_FIXED:
        raise Refused(
            "oversized",
            f"数据包的数据部分大小（{deflated} 字节）与清单声明的行数和大小不符，"
            "未解压即拒绝（可能是压缩炸弹或被改动的文件）",
        )


def check_schema(plain: Path, manifest: dict[str, Any]) -> None:
    """The payload holds exactly the manifest's tables as the exporter makes them, and
    nothing else; read-only, untrusted schema, before the file is attached."""
    names = tuple(manifest["tables"])
    expected = _expected(names, isinstance(manifest.get("parts"), list))
    if any(table_named(n) is None for n in names):
        raise Refused("payload_schema", "数据包清单列出了本程序没有的表，已拒绝")
    try:
        uri = f"{plain.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as con:
            con.execute("PRAGMA trusted_schema=OFF")
            found = set(con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    except sqlite3.DatabaseError as exc:
        raise Refused("corrupt", "数据包的数据部分不是有效的数据库") from exc
    extra = sorted(found - expected)
    changed = [e for e in extra if e[0] == "table" and e[1] in names]
    if changed:
        raise Refused("payload_schema", f"数据包中“{changed[0][1]}”表的实际结构与清单不符，已拒绝")
    if extra:
        kind, name = extra[0][0], extra[0][1]
        raise Refused(
            "payload_schema",
            f"数据包的数据部分含有不应有的对象（{kind} {name}），"
            "未执行其中任何内容即拒绝：请向发送单位核实",
        )
    if found != expected:
        raise Refused("payload_schema", "数据包的数据部分缺少清单所列的表，已拒绝")


def attach(con: sqlite3.Connection, plain: Path, manifest: dict[str, Any]) -> None:
    """Check the payload's schema, then attach it to `con` as `payload` and check each
    table's columns and row count against the signed manifest."""
    check_schema(plain, manifest)
    try:
        con.execute("ATTACH DATABASE ? AS payload", (str(plain),))
        # This import's private scratch copy: no journal, no syncs, a cache of its own.
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{CACHE_KIB}"):
            con.execute(f"PRAGMA payload.{pragma}")
        for name, info in manifest["tables"].items():
            columns = [
                [r[1], "int" if r[2].upper() == "INTEGER" else "str"]
                for r in con.execute(f'PRAGMA payload.table_info("{name}")')
            ]
            if columns != info["columns"]:
                raise Refused("payload_schema", f"数据包中“{name}”表的实际结构与清单不符，已拒绝")
            # Row counts only: AES-GCM already authenticated every byte under the signed
            # manifest's hash; re-hashing each row cost a third of the import.
            rows = con.execute(f'SELECT count(*) FROM payload."{name}"').fetchone()[0]
            if rows != info["rows"]:
                raise Refused("payload_tampered", f"数据包中“{name}”表的内容与清单不符，已拒绝")
    except sqlite3.DatabaseError as exc:
        raise Refused("corrupt", "数据包的数据部分不是有效的数据库") from exc
