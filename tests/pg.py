"""A throwaway PostgreSQL server from Debian's `postgresql` binaries, for tests and bench/.

The cluster lives in a fresh folder under /tmp, listens on a free loopback port (and a socket
in that folder), trusts local connections and is removed when stopped. `initdb` refuses to
run as root, so as root the binaries run as the `postgres` OS user, which owns the folder.
Missing binaries are a failure with the command that installs them, never a silent skip:
CI installs them (scripts/dev.sh).
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SUPERUSER = "wuye"


class MissingServer(RuntimeError):
    pass


def find_binary(name: str) -> Path:
    for folder in BIN_DIRS:
        if (folder / name).is_file():
            return folder / name
    found = shutil.which(name)
    if found:
        return Path(found)
    raise MissingServer(
        f"PostgreSQL server binary {name!r} not found: run `apt-get install postgresql` "
        "(scripts/dev.sh setup does it)"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """Start with `start()`, hand out fresh databases with `new_url()`, end with `stop()`."""

    def __init__(self) -> None:
        self.initdb = find_binary("initdb")
        self.pg_ctl = find_binary("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix="wuye-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0
        self._template: str | None = None

    def _run(self, *args: str) -> None:
        command = [*args]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self, *, durable: bool = False, settings: dict[str, str] | None = None) -> PgCluster:
        """`durable`: the server's default fsync and commit settings (benchmarks); tests run
        without them, since a throwaway cluster never needs to survive a power cut.
        `settings`: more server settings (name: value)."""
        if self._as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.initdb), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
            " -c max_connections=50 -c shared_buffers=128MB"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options += "".join(f" -c {name}={value}" for name, value in (settings or {}).items())
        self._run(
            str(self.pg_ctl), "-D", str(self.data), "-o", options, "-l",
            str(self.folder / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def new_url(self, prefix: str = "t", *, template: str | None = None) -> str:
        """A fresh empty database on the server (a copy of `template` if given)."""
        name = f"{prefix}{next(self._names)}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def migrated_url(self) -> str:
        """A fresh database already at the program's schema, without an identity (db_id):
        CREATE DATABASE … TEMPLATE takes 0.1 s where the migrations take 0.6 s."""
        if self._template is None:
            url = self.new_url("wuye_template_")
            from app.db import open_database

            open_database(url).close()
            with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
                con.execute("DELETE FROM db_meta")
                con.execute("DELETE FROM seq_counter")
            self._template = url.rsplit("/", 1)[1]
        return self.new_url(template=self._template)

    def clone(self, url: str) -> str:
        """A copy of the database `url` (no one may be connected to it), keys included."""
        from app.db.server import anchor

        copy = self.new_url(template=url.rsplit("/", 1)[1])
        if anchor(url).parent.exists():
            shutil.copytree(anchor(url).parent, anchor(copy).parent, dirs_exist_ok=True)
        return copy

    def stop(self) -> None:
        try:
            if self.data.exists():
                self._run(str(self.pg_ctl), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def copy_to_server(path: Path, url: str) -> None:
    """Move an office's SQLite file (rows and keys) into an empty PostgreSQL database: how a
    test puts the city (or a street) of a demo city on PostgreSQL."""
    from sqlalchemy import delete, func, select, text

    from app.db import open_database
    from app.db.identity import office_dir
    from app.models import Base

    source = open_database(path)
    target = open_database(url)
    try:
        office = source.context.office_code
        tables = [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]
        with source.engine.connect() as src, target.engine.begin() as dst:
            for table in reversed(tables):
                dst.execute(delete(table))
            for table in tables:
                batch = [dict(r._mapping) for r in src.execute(select(table))]
                if batch:
                    dst.execute(table.insert(), batch)
                key = list(table.primary_key.columns)
                if len(key) == 1 and key[0].type.python_type is int:  # a SERIAL: move it on
                    top = dst.execute(select(func.max(key[0]))).scalar()
                    if top is not None:
                        dst.execute(
                            text("SELECT setval(pg_get_serial_sequence(:t, :c), :v)"),
                            {"t": table.name, "c": key[0].name, "v": top},
                        )
        if office:
            mine, theirs = office_dir(source.path, office), office_dir(target.path, office)
            shutil.copytree(mine, theirs, dirs_exist_ok=True)
    finally:
        source.close()
        target.close()
