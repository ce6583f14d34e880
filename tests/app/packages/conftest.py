"""A small demo city (1 district, 2 streets, 2 communities each) copied fresh per test, and
the moves a person makes with packages: export, carry up, import, carry the receipt back."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db import Database, open_database
from app.ids import new_uuid
from app.models import Base
from app.packages import keys
from app.packages.export import ExportResult, export_package, seal, table_digest
from app.packages.importer import Checked, check_package, import_package
from app.packages.receipts import import_receipt, receipt_path, write_receipt
from app.packages.report import ImportReport
from app.packages.tables import syncable_tables
from app.services.demo_city import CityOffice, bottom_up, make_demo_city, read_offices
from tests.conftest import TODAY
from tests.pg import copy_to_server

NOW = datetime(2026, 11, 25, 3, 0)
CITY = "340600000000"
DISTRICT = "340602000000"
STREET_1, STREET_2 = "340602001000", "340602002000"
COMMUNITY_1, COMMUNITY_2 = "340602001001", "340602001002"
COMMUNITY_3 = "340602002001"
BACKENDS = ["sqlite", "postgresql"]


class City:
    """The demo city's databases, opened on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.offices = {o.code: o for o in read_offices(folder)}
        self._open: dict[str, Database] = {}
        self._count = 0
        self.servers: dict[str, str] = {}  # offices moved to PostgreSQL: their URLs

    def db(self, code: str) -> Database:
        if code not in self._open:
            self._open[code] = open_database(self.target(code), actor="tester")
        return self._open[code]

    def path(self, code: str) -> Path:
        return self.folder / self.offices[code].db

    def target(self, code: str) -> Path | str:
        """What `--db` names for this office: its file, or its PostgreSQL URL."""
        return self.servers.get(code) or self.path(code)

    def put_on_server(self, code: str, url: str) -> None:
        """Move the office, rows and keys, into the empty PostgreSQL database `url`."""
        self.close(code)
        copy_to_server(self.path(code), url)
        self.servers[code] = url

    def rows(self, code: str) -> dict[str, set[tuple]]:  # type: ignore[type-arg]
        """`rows()` of any office, on SQLite or PostgreSQL (values as SQLAlchemy reads them)."""
        return table_rows(self.db(code))

    def dump(self, code: str) -> list[str]:
        """`dump()` of any office, on SQLite or PostgreSQL."""
        return database_dump(self.db(code))

    def reopen(self, code: str) -> Database:
        self.close(code)
        return self.db(code)

    def close(self, code: str | None = None) -> None:
        for key in [code] if code else list(self._open):
            db = self._open.pop(key, None)
            if db is not None:
                db.close()

    def export(self, code: str, *, snapshot: bool = False, to: tuple[str, ...] = ()) -> Path:
        self._count += 1
        out = self.folder / f"{code}-{self._count:03d}.wypkg"
        self.export_result(code, out, snapshot=snapshot, to=to)
        return out

    def export_result(
        self, code: str, out: Path, *, snapshot: bool = False, to: tuple[str, ...] = ()
    ) -> ExportResult:
        db = self.db(code)
        with db.sessions.begin() as s:
            return export_package(s, db.path, out, snapshot=snapshot, to=to, now=NOW)

    def receive(self, code: str, package: Path, *, dry_run: bool = False) -> ImportReport:
        return import_package(self.db(code), package, dry_run=dry_run, now=NOW)

    def acknowledge(self, receiver: str, sender: str, package: Path, report: ImportReport) -> None:
        receiver_db, sender_db = self.db(receiver), self.db(sender)
        with receiver_db.reader() as s:
            receipt = write_receipt(s, receiver_db.path, report, receipt_path(package), now=NOW)
        with sender_db.sessions.begin() as s:
            import_receipt(s, receipt, now=NOW)

    def send_up(self, code: str, *, snapshot: bool = False) -> ImportReport:
        parent = self.offices[code].parent_code
        assert parent is not None
        package = self.export(code, snapshot=snapshot)
        report = self.receive(parent, package)
        self.acknowledge(parent, code, package, report)
        return report

    def export_down(self, code: str, to: str) -> Path:
        """A downward package from `code` to its direct subordinate `to`."""
        from app.packages.downward import export_down

        self._count += 1
        out = self.folder / f"{code}-{to}-{self._count:03d}.wypkg"
        db = self.db(code)
        with db.sessions.begin() as s:
            export_down(s, db.path, out, to=to, now=NOW)
        return out

    def send_down(self, code: str, to: str) -> ImportReport:
        """Export down to `to`, import there, carry the receipt back up."""
        package = self.export_down(code, to)
        report = self.receive(to, package)
        self.acknowledge(to, code, package, report)
        return report

    def pass_all_up(self) -> list[ImportReport]:
        return [self.send_up(o.code) for o in bottom_up(list(self.offices.values()))
                if o.parent_code is not None]  # fmt: skip

    def below(self, code: str) -> list[CityOffice]:
        return [o for o in self.offices.values() if o.parent_code == code]


@pytest.fixture(scope="session")
def city_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city") / "city"
    make_demo_city(
        folder, seed=1, districts=1, streets=2, communities=2, today=TODAY,
        estates_per_community=3,
    )  # fmt: skip
    return folder


@pytest.fixture
def city(city_template: Path, tmp_path: Path) -> Iterator[City]:
    folder = tmp_path / "city"
    shutil.copytree(city_template, folder)
    the_city = City(folder)
    yield the_city
    the_city.close()


@pytest.fixture(scope="session")
def known_template(city_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city after one round upward (communities, then streets): the district holds
    the org rows of every office below, so it can address them (packages downward)."""
    folder = tmp_path_factory.mktemp("known") / "city"
    shutil.copytree(city_template, folder)
    the_city = City(folder)
    try:
        for level in ("community", "street"):
            for office in the_city.offices.values():
                if office.level == level:
                    the_city.send_up(office.code)
    finally:
        the_city.close()
    return folder


@pytest.fixture
def known_city(known_template: Path, tmp_path: Path) -> Iterator[City]:
    folder = tmp_path / "city"
    shutil.copytree(known_template, folder)
    the_city = City(folder)
    yield the_city
    the_city.close()


@pytest.fixture(params=BACKENDS)
def merging_city(request: pytest.FixtureRequest, city: City) -> City:
    """The demo city with its receiving offices on SQLite, then on PostgreSQL: a test module
    runs its merge tests on both by overriding `city` with this fixture. The offices moved
    are the module's `ON_SERVER` (default: the first street and the city); an office on
    PostgreSQL imports, it does not export (the city aggregate is the top)."""
    if request.param == "postgresql":
        new_url = request.getfixturevalue("pg_url")
        for code in getattr(request.module, "ON_SERVER", (STREET_1, CITY)):
            city.put_on_server(code, new_url())
    return city


def table_rows(db: Database, *, with_seq: bool = False) -> dict[str, set[tuple]]:  # type: ignore[type-arg]
    """Every syncable row as (uuid, origin, …) without the local `seq`, read through
    SQLAlchemy so a SQLite file and a PostgreSQL database compare equal."""
    out = {}
    with db.engine.connect() as con:
        for table in syncable_tables():
            rest = [c for c in table.columns if c.name not in ("uuid", "origin", "seq")]
            cols = [table.c.uuid, table.c.origin, *rest, *([table.c.seq] if with_seq else [])]
            out[table.name] = {tuple(r) for r in con.execute(select(*cols))}
    return out


def database_dump(db: Database) -> list[str]:
    """Every row of every table, sorted: "nothing changed" on either backend."""
    lines = []
    with db.engine.connect() as con:
        for table in Base.metadata.sorted_tables:
            lines += sorted(f"{table.name} {tuple(r)!r}" for r in con.execute(select(table)))
    return lines


def rows(path: Path, *, with_seq: bool = False) -> dict[str, set[tuple]]:  # type: ignore[type-arg]
    """Every syncable row of a file as (uuid, origin, …), without the local `seq` (it differs
    by office)."""
    # closing(), not `with connect()`: that only ends the transaction, and a connection left
    # open across a file restore reads a stale WAL index (a "malformed" image in CI).
    with closing(sqlite3.connect(path)) as con:
        out = {}
        for table in syncable_tables():
            rest = [c.name for c in table.columns if c.name not in ("uuid", "origin", "seq")]
            cols = ["uuid", "origin", *rest, *(["seq"] if with_seq else [])]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table.name] = set(con.execute(f'SELECT {quoted} FROM "{table.name}"'))
        return out


def dump(path: Path) -> list[str]:
    """The whole file as SQL text: "nothing changed" means this is equal before and after."""
    with closing(sqlite3.connect(path)) as con:
        return list(con.iterdump())


def reseal(
    city: City,
    package: Path,
    out: Path,
    change: Callable[[sqlite3.Connection], None],
    *,
    sender: str = COMMUNITY_1,
    receiver: str = STREET_1,
) -> Path:
    """The same package with its rows changed by `change`, sealed again with the sender's
    real key and honest table hashes: what a buggy or hostile sender could send."""
    checked = check_package(city.db(receiver), package)
    assert isinstance(checked, Checked)
    with closing(sqlite3.connect(":memory:")) as con:
        con.deserialize(checked.payload_file.read_bytes())
        change(con)
        con.commit()
        manifest = {k: v for k, v in checked.manifest.items() if k != "payload"}
        manifest["package_id"] = new_uuid()
        manifest["receivers"] = [
            {"code": r["code"], "enc_key_id": r["enc_key_id"]} for r in manifest["receivers"]
        ]
        for name, info in manifest["tables"].items():
            columns = [c for c, _ in info["columns"]]
            info["sha256"], info["rows"], info["bytes"] = table_digest(con, "main", name, columns)
        plain = con.serialize()
    sending = city.db(sender)
    with sending.reader() as s:
        _, sign_key = keys.own_signing_key(s, sending.path, sender)
        public = keys.current_key(s, receiver, "enc").public_key  # type: ignore[union-attr]
    seal(out, manifest, plain, sign_key, [public])
    return out


def forge(
    city: City,
    package: Path,
    out: Path,
    *,
    manifest: Callable[[dict[str, Any]], None] = lambda m: None,
    plain: Callable[[bytes], bytes] = lambda b: b,
) -> Path:
    """Re-seal a package with the real sender's key: only what the test changes is wrong."""
    checked = check_package(city.db(STREET_1), package)
    assert isinstance(checked, Checked)
    body = {k: v for k, v in checked.manifest.items() if k != "payload"}
    body["receivers"] = [
        {"code": r["code"], "enc_key_id": r["enc_key_id"]} for r in body["receivers"]
    ]
    manifest(body)
    sender = city.db(COMMUNITY_1)
    with sender.reader() as s:
        _, sign_key = keys.own_signing_key(s, sender.path, COMMUNITY_1)
        public = keys.current_key(s, STREET_1, "enc").public_key
    seal(out, body, plain(checked.payload_file.read_bytes()), sign_key, [public])
    return out


def copier(city: City, request: pytest.FixtureRequest) -> Callable[[Path | str], Path | str]:
    """Copies of the street's database: files in its folder (so its keys are found), or
    PostgreSQL databases made from it as a template (keys copied to the new anchor)."""
    count = itertools.count()

    def copy(source: Path | str) -> Path | str:
        if isinstance(source, str):
            return request.getfixturevalue("pg_cluster").clone(source)
        trial = city.path(STREET_1).with_name(f"order-{next(count)}.sqlite")
        shutil.copy(source, trial)
        return trial

    return copy
