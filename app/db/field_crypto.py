"""Personal fields encrypted at rest in a SQLite file (issue 14).

Every column a model names in `__sensitive__` is stored as `wy1:` + AES-256-GCM ciphertext
under the database's data key (app/db/data_key.py), with `table.column` as associated data,
so a value moved to another column does not open. The column's type is wrapped at import
(`seal_sensitive_columns`) in `Sealed`, a TypeDecorator: every ORM and Core statement on the
model's table (the one write path in app/db/sync.py, the bulk inserts of Excel imports, every
select) seals on the way in and opens on the way out, with no change to the services.

The encryption is deterministic: the nonce is a keyed hash of the column and the value, so
equal values give equal ciphertexts. That is what a blind index would give, without one more
column: duplicate checks by ID number (`id_number IN (… GROUP BY id_number)`), equality and
the package merge's row comparisons keep working in SQL. What it reveals is only that two
rows hold the same value. The empty string stays empty (nothing to hide, and `== ""` tests
keep working). A substring search (LIKE) on the sealed bytes would find nothing: it runs on
the value opened per row by the SQL function `wuye_open` every engine connection has.

Raw SQL over attached files (the package export and merge) seals and opens through the SQL
functions `wuye_seal(label, value)` / `wuye_open(label, value)` (`install_sql_functions`).
PostgreSQL (the city aggregate on a server, not a file on an office PC) keeps plaintext.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import sqlite3
import weakref
from typing import Any

from sqlalchemy import String, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from app.errors import DatabaseError

PREFIX = "wy1:"
NO_KEY = (
    "个人信息已加密，本机无法解开本数据库的数据密钥：请以账户登录，或在加密它的电脑和系统账户下打开"
)
BAD_KEY = "个人信息无法解密（{label}）：数据密钥不对，或数据库文件已被改动"

_keys: weakref.WeakKeyDictionary[Dialect, bytes] = weakref.WeakKeyDictionary()


def set_key(dialect: Dialect, key: bytes | None) -> None:
    """The data key for every connection of this engine (its dialect is shared by all)."""
    if key is None:
        _keys.pop(dialect, None)
    else:
        _keys[dialect] = key


def key_for(dialect: Dialect) -> bytes | None:
    return _keys.get(dialect)


def encrypts(dialect: Dialect) -> bool:
    return dialect.name == "sqlite"


def _subkeys(key: bytes) -> tuple[bytes, bytes]:
    enc = hmac.new(key, b"wuyedesk field encryption", hashlib.sha256).digest()
    nonce = hmac.new(key, b"wuyedesk field nonce", hashlib.sha256).digest()
    return enc, nonce


def seal(key: bytes, label: str, value: str) -> str:
    if not value or value.startswith(PREFIX):
        return value
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    enc, nonce_key = _subkeys(key)
    data = value.encode("utf-8")
    nonce = hmac.new(nonce_key, label.encode() + b"\0" + data, hashlib.sha256).digest()[:12]
    sealed = AESGCM(enc).encrypt(nonce, data, label.encode())
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


@functools.lru_cache(maxsize=8)
def _opener(key: bytes) -> Any:
    """The AES-GCM object of a key, made once: a search opens a value per row."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(_subkeys(key)[0])


def open_value(key: bytes, label: str, value: str) -> str:
    if not value.startswith(PREFIX):
        return value  # empty, or written before migration 0031
    from cryptography.exceptions import InvalidTag

    try:
        raw = base64.b64decode(value[len(PREFIX) :])
        return _opener(key).decrypt(raw[:12], raw[12:], label.encode()).decode("utf-8")
    except (InvalidTag, ValueError) as exc:
        raise DatabaseError(BAD_KEY.format(label=label)) from exc


class Sealed(TypeDecorator[str]):
    """A personal column: ciphertext in a SQLite file, the value everywhere else."""

    impl = String
    cache_ok = True

    def __init__(self, label: str, inner: TypeEngine[Any] | None = None) -> None:
        super().__init__()
        self.label = label
        if inner is not None:
            self.impl = inner

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, str) or not value or not encrypts(dialect):
            return value
        key = key_for(dialect)
        if key is None:
            raise DatabaseError(NO_KEY)
        return seal(key, self.label, value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        key = key_for(dialect)
        if key is None:
            raise DatabaseError(NO_KEY)
        return open_value(key, self.label, value)


def sensitive_columns(tables: list[Table] | None = None) -> list[tuple[str, str]]:
    """(table, column) of every personal field the models declare."""
    from app.models import Base

    found = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        for name in getattr(cls, "__sensitive__", ()):
            table = mapper.local_table
            if isinstance(table, Table) and (tables is None or table in tables):
                found.append((table.name, name))
    return sorted(set(found))


def seal_sensitive_columns() -> None:
    """Wrap each personal column's type in `Sealed` (once; the models stay as written)."""
    from app.models import Base

    for table_name, column in sensitive_columns():
        col = Base.metadata.tables[table_name].c[column]
        if not isinstance(col.type, Sealed):
            col.type = Sealed(f"{table_name}.{column}", col.type)


def install_sql_functions(con: sqlite3.Connection, key: bytes | None) -> None:
    """`wuye_seal(label, value)` and `wuye_open(label, value)` on a raw connection."""

    def sealed(label: str, value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value
        if key is None:
            raise DatabaseError(NO_KEY)
        return seal(key, label, value)

    def opened(label: str, value: Any) -> Any:
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        if key is None:
            raise DatabaseError(NO_KEY)
        return open_value(key, label, value)

    con.create_function("wuye_seal", 2, sealed, deterministic=True)
    con.create_function("wuye_open", 2, opened, deterministic=True)


def install_open_function(con: sqlite3.Connection, dialect: Dialect) -> None:
    """`wuye_open(label, value)` on every connection of an engine, with the key its dialect
    holds when called (it is set after the connection opens, at sign-in): a substring search
    on a personal column opens each candidate value (app/services/listing.py `contains`)."""

    def opened(label: str, value: Any) -> Any:
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        key = key_for(dialect)
        if key is None:
            raise DatabaseError(NO_KEY)
        return open_value(key, label, value)

    con.create_function("wuye_open", 2, opened, deterministic=True)


def opened(column: Any) -> Any:
    """A personal column as SQL that reads it opened (for LIKE); any other column as it is."""
    sealed = getattr(column, "type", None)
    if not isinstance(sealed, Sealed):
        return column
    from sqlalchemy import func

    return func.wuye_open(sealed.label, column, type_=String())


def convert_sql(schema: str, table: str, column: str, function: str) -> str:
    """The statement that seals (`wuye_seal`) or opens (`wuye_open`) one column in place."""
    label = f"{table}.{column}"
    return (
        f'UPDATE {schema}."{table}" SET "{column}" = {function}(\'{label}\', "{column}")'
        f' WHERE "{column}" IS NOT NULL AND "{column}" <> \'\''
    )


def open_row(session: Any, table_name: str, data: dict[str, Any]) -> dict[str, Any]:
    """A row kept as JSON by the package merge (a conflict's loser, a row waiting for its
    parent) with its personal fields opened: they are stored sealed like the table's."""
    dialect = session.get_bind().dialect
    if not encrypts(dialect):
        return data
    columns = {c for t, c in sensitive_columns() if t == table_name}
    found = {k: v for k, v in data.items() if k in columns and isinstance(v, str)}
    if not any(v.startswith(PREFIX) for v in found.values()):
        return data
    key = key_for(dialect)
    if key is None:
        raise DatabaseError(NO_KEY)
    return {**data, **{k: open_value(key, f"{table_name}.{k}", v) for k, v in found.items()}}


def convert_schema(con: sqlite3.Connection, schema: str, function: str, tables: set[str]) -> None:
    """Seal (`wuye_seal`) or open (`wuye_open`) every personal column of `tables` in the
    attached `schema`, set-wise: a package's payload carries the values in clear inside its
    encrypted, signed file; the sender opens them, the receiver seals them under its key."""
    for table, column in sensitive_columns():
        if table in tables:
            con.execute(convert_sql(schema, table, column, function))
