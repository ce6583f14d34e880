"""A PostgreSQL database named by URL: the city aggregate, too large for one SQLite file.

The same models and migrations run there (DESIGN.md). What a SQLite file finds beside itself
(the office's keys, its high-water mark) a server database finds under an *anchor*: a folder
in the user data directory named after host, port and database, so two servers or two
databases on one server never share keys.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from app.errors import DatabaseError

CONNECT_TIMEOUT_S = 10
FORM = "应为 postgresql://用户名@主机:端口/库名"


def parse(url: str) -> URL:
    """The URL with psycopg 3 as its driver; a malformed one is a Chinese error."""
    try:
        parsed = make_url(re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url))
    except ArgumentError as exc:
        raise DatabaseError(f"数据库地址 {shown(url)} 格式不对：{FORM}") from exc
    if not parsed.database:
        raise DatabaseError(f"数据库地址 {shown(url)} 没有写库名：{FORM}")
    return parsed


def shown(url: str | URL) -> str:
    """The URL as messages show it: never the password."""
    parsed = url if isinstance(url, URL) else _loose(url)
    if parsed is None:
        return re.sub(r":[^:@/]*@", ":***@", str(url))
    return parsed.render_as_string(hide_password=True)


def _loose(url: str) -> URL | None:
    try:
        return make_url(url)
    except ArgumentError:
        return None


def anchor(url: str, data_dir: Path | None = None) -> Path:
    """Where this database's keys live: `<user data>/postgresql/<host>-<port>-<db>/`, as a
    file path inside that folder (app.db.identity puts `keys/` beside it)."""
    parsed = parse(url)
    if data_dir is None:
        from app.paths import user_data_dir

        data_dir = user_data_dir()
    slug = f"{parsed.host or 'localhost'}-{parsed.port or 5432}-{parsed.database}"
    slug = re.sub(r"[^\w.-]", "_", slug)
    return data_dir / "postgresql" / slug / "database"


def make_server_engine(url: str) -> Engine:
    parsed = parse(url)
    engine = create_engine(
        parsed,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        pool_pre_ping=True,
    )
    try:
        with engine.connect() as con:
            con.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(
            f"无法连接数据库 {shown(url)}：{reason}（请检查服务器是否已启动、地址、用户名和库名）"
        ) from exc
    return engine
