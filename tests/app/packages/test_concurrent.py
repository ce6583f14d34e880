"""Two processes importing one package at once apply it once; a process killed in the
middle of an import leaves the file as before, and the next run succeeds."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from app.models import Building, Estate, PackageReceived
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City, rows

ROOT = Path(__file__).resolve().parents[3]


def wuye(db: Path | str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def received(db: Path) -> int:
    with closing(sqlite3.connect(db)) as con:
        return con.execute("SELECT count(*) FROM package_received").fetchone()[0]


def packages_received(city: City, code: str) -> int:
    """`received()` of any office, on SQLite or PostgreSQL."""
    try:
        with city.db(code).reader() as s:
            return s.scalar(select(func.count()).select_from(PackageReceived)) or 0
    finally:
        city.close(code)


def test_two_processes_importing_one_package_apply_it_once(merging_city: City) -> None:
    city = merging_city
    package = city.export(COMMUNITY_1)
    city.close()
    street = city.target(STREET_1)
    runs = [
        wuye(street, "package", "import", str(package), "--json", "--receipt-out",
             str(city.folder / f"receipt-{i}.json"))
        for i in range(2)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    reports = [json.loads(out)[0] for out, _ in outputs]
    assert sorted(r["already_imported"] for r in reports) == [False, True]
    assert packages_received(city, STREET_1) == 1
    applied = next(r for r in reports if not r["already_imported"])
    assert applied["totals"]["inserted"] > 0


def big_package(city: City, buildings: int) -> Path:
    community = city.db(COMMUNITY_1)
    with community.sessions.begin() as s:
        estate = s.query(Estate).first()
        s.execute(
            insert(Building),
            [{"estate_uuid": estate.uuid, "name": f"{i}号楼", "households": i % 90}
             for i in range(buildings)],
        )  # fmt: skip
    package = city.export(COMMUNITY_1)
    city.close()
    return package


# Kills per run: a few in CI; WUYE_KILL_RUNS=200 loops it to show the test itself is sound.
KILL_RUNS = int(os.environ.get("WUYE_KILL_RUNS", "4"))


def restore(pristine: Path, street: Path) -> None:
    """Put the street back as it was; every connection to it is closed by now (closing()),
    so no process holds a WAL index that would outlive the files it indexed."""
    for suffix in ("-wal", "-shm"):
        Path(f"{street}{suffix}").unlink(missing_ok=True)
    shutil.copy(pristine, street)


@pytest.mark.slow
def test_an_import_killed_at_random_moments_changes_nothing_and_reruns(city: City) -> None:
    package = big_package(city, 30_000)
    street = city.path(STREET_1)
    pristine = street.with_name("pristine.sqlite")
    shutil.copy(street, pristine)
    # Business rows, not the whole dump: a restored copy gets a new db_id by design.
    before = rows(street)
    start = time.monotonic()
    run = wuye(street, "package", "import", str(package))
    run.communicate(timeout=300)
    full = time.monotonic() - start
    assert run.returncode == 0
    expected = rows(street)
    restore(pristine, street)
    assert rows(street) == before

    rng = random.Random(9)
    killed = finished = 0
    for _ in range(KILL_RUNS):
        run = wuye(street, "package", "import", str(package))
        time.sleep(rng.uniform(0.3, full))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        killed += run.returncode == -signal.SIGKILL
        if received(street):  # it finished before the kill: everything is there
            finished += 1
            assert rows(street) == expected
            restore(pristine, street)
            continue
        assert rows(street) == before
    print(f"{KILL_RUNS} runs: {killed} ended by SIGKILL, {finished} had committed first")
    assert killed
    again = wuye(street, "package", "import", str(package))
    again.communicate(timeout=300)
    assert again.returncode == 0 and received(street) == 1
    assert rows(street) == expected


@pytest.mark.slow
def test_an_import_into_postgresql_killed_at_random_moments_changes_nothing(
    city: City, pg_url: Callable[[], str]
) -> None:
    """The server rolls back a transaction whose client died; the rerun applies it whole."""
    city.put_on_server(STREET_1, pg_url())
    package = big_package(city, 30_000)
    street = city.target(STREET_1)
    before = city.dump(STREET_1)
    city.close()
    start = time.monotonic()
    trial = wuye(street, "package", "import", str(package), "--dry-run")  # the same path
    trial.communicate(timeout=300)
    full = time.monotonic() - start
    assert trial.returncode == 0

    rng = random.Random(9)
    killed = 0
    for _ in range(4):
        run = wuye(street, "package", "import", str(package))
        time.sleep(rng.uniform(0.3, full))
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        killed += run.returncode == -signal.SIGKILL
        if packages_received(city, STREET_1):  # it finished before the kill
            break
        assert city.dump(STREET_1) == before
        city.close()
    assert killed
    again = wuye(street, "package", "import", str(package))
    again.communicate(timeout=300)
    assert again.returncode == 0 and packages_received(city, STREET_1) == 1
    with city.db(STREET_1).reader() as s:
        assert s.scalar(select(func.count()).select_from(Building)) >= 30_000


def test_an_import_that_waits_too_long_for_another_changes_nothing(
    city: City, pg_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    from app.errors import DatabaseError
    from app.packages import merge_pg

    city.put_on_server(STREET_1, pg_url())
    package = city.export(COMMUNITY_1)
    before = city.dump(STREET_1)
    monkeypatch.setattr(merge_pg, "IMPORT_WAIT_S", 1)
    url = city.servers[STREET_1].replace("+psycopg", "")
    with psycopg.connect(url) as other:  # another import holds the lock
        other.execute("SELECT pg_advisory_xact_lock(%s)", (merge_pg.IMPORT_LOCK,))
        with pytest.raises(DatabaseError, match="仍未结束，本次未导入"):
            city.receive(STREET_1, package)
    assert city.dump(STREET_1) == before
    assert city.receive(STREET_1, package).totals.inserted > 0
