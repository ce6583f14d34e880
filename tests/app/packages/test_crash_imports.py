"""SIGKILLs during package imports (issue 14, done when 4): a street imports its community's
packages in a process killed at random moments; after every kill the file is sound, every
package whose import was reported done is there whole, and no package is half applied."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from app.services.estates import EstateIn, create_estate
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City
from tests.conftest import TODAY

KILLS = int(os.environ.get("WUYE_CRASH_KILLS", "12"))
PACKAGES = max(12, KILLS)  # packages to import: enough that most kills land mid-import
ESTATES = 20  # estates made in the community before each package
IMPORTER = Path(__file__).with_name("crash_importer.py")


def packages_of_the_community(city: City) -> tuple[list[Path], dict[str, str]]:
    """Each package carries a new group of estates (and any earlier unacknowledged ones)."""
    made, groups = [], {}
    db = city.db(COMMUNITY_1)
    for k in range(PACKAGES):
        with db.sessions.begin() as s:
            for j in range(ESTATES):
                create_estate(s, EstateIn(community_code=COMMUNITY_1, name=f"包{k}-{j}",
                                          households=10), today=TODAY)  # fmt: skip
        package = city.export(COMMUNITY_1)
        made.append(package)
        groups[package.name] = f"包{k}"
    city.close()
    return made, groups


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kills_during_package_imports_lose_nothing_committed_and_half_apply_nothing(
    city: City,
) -> None:
    packages, groups = packages_of_the_community(city)
    street = city.path(STREET_1)
    chance = random.Random(14)
    root = Path(__file__).resolve().parents[3]
    committed: set[str] = set()
    kills = 0
    for _ in range(KILLS):
        importer = subprocess.Popen(
            [sys.executable, str(IMPORTER), str(street), *map(str, packages)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )  # fmt: skip
        assert importer.stdout is not None
        assert importer.stdout.readline().strip() == "started"
        time.sleep(chance.uniform(0.0, 2.0))
        if importer.poll() is None:
            importer.send_signal(signal.SIGKILL)
            kills += 1
        out, _ = importer.communicate()
        committed |= {line.split(" ", 1)[1] for line in out.splitlines()}
        with closing(sqlite3.connect(street)) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            names = {r[0] for r in con.execute("SELECT name FROM estate WHERE name LIKE '包%'")}
        for name in committed:  # every reported import is there, its estates whole
            assert {f"{groups[name]}-{j}" for j in range(ESTATES)} <= names
        for group in {n.rsplit("-", 1)[0] for n in names}:  # no group half applied
            assert sum(n.startswith(group + "-") for n in names) == ESTATES
    print(f"\n{kills} SIGKILLs during package imports; {len(committed)} imports reported done")
    assert kills > 0
