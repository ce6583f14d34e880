"""Generated edit sequences: whatever order the street imports the deltas in, it ends up
with exactly the community's rows, as if it had applied the edits in order."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db import Database, open_database
from app.models import Building, Estate
from app.packages.export import export_package
from app.packages.importer import import_package
from app.packages.receipts import import_receipt, write_receipt
from tests.app.packages.conftest import BACKENDS, COMMUNITY_1, NOW, STREET_1, table_rows
from tests.pg import copy_to_server

EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(1, 900)),
        st.tuples(st.just("edit"), st.integers(0, 9), st.integers(1, 900)),
        st.tuples(st.just("delete"), st.integers(0, 9)),
        st.tuples(st.just("building"), st.integers(0, 9)),
    ),
    min_size=1,
    max_size=6,
)


def copy_pair(template: Path, into: Path) -> None:
    for code in (COMMUNITY_1, STREET_1):
        shutil.copy(template / f"{code}.sqlite", into / f"{code}.sqlite")
        shutil.copytree(template / "keys" / code, into / "keys" / code)


def apply(db: Database, edit: tuple, made: list[str]) -> None:  # type: ignore[type-arg]
    with db.sessions.begin() as s:
        if edit[0] == "add":
            estate = Estate(community_code=COMMUNITY_1, name=f"小区{len(made)}",
                            management_type="professional", households=edit[1])  # fmt: skip
            s.add(estate)
            s.flush()
            made.append(estate.uuid)
        elif made and (estate := s.get(Estate, made[edit[1] % len(made)])) is not None:
            if edit[0] == "edit":
                estate.households = edit[2]
            elif edit[0] == "delete":
                s.delete(estate)
            else:
                s.add(Building(estate_uuid=estate.uuid, name="新楼", households=3))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("backend", BACKENDS)
@given(edits=EDITS, data=st.data())
def test_any_import_order_gives_the_community_state(
    city_template: Path,
    backend: str,
    request: pytest.FixtureRequest,
    edits: list[tuple],
    data: st.DataObject,  # type: ignore[type-arg]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copy_pair(city_template, folder)
        scratch = folder / "scratch"  # acknowledges each delta, so each holds only its edits
        scratch.mkdir()
        shutil.copy(folder / f"{STREET_1}.sqlite", scratch / f"{STREET_1}.sqlite")
        shutil.copytree(folder / "keys", scratch / "keys")
        community = open_database(folder / f"{COMMUNITY_1}.sqlite")
        acker = open_database(scratch / f"{STREET_1}.sqlite")
        made: list[str] = []
        packages = []
        try:
            for i, edit in enumerate(edits):
                apply(community, edit, made)
                package = folder / f"{i}.wypkg"
                with community.sessions.begin() as s:
                    export_package(s, community.path, package, now=NOW)
                packages.append(package)
                report = import_package(acker, package, now=NOW)
                with acker.reader() as s:
                    receipt = write_receipt(s, acker.path, report, folder / f"{i}.json", now=NOW)
                with community.sessions.begin() as s:
                    import_receipt(s, receipt, now=NOW)
        finally:
            community.close()
            acker.close()
        target: Path | str = folder / f"{STREET_1}.sqlite"
        if backend == "postgresql":  # the street's file moved into a fresh server database
            url = request.getfixturevalue("pg_url")()
            copy_to_server(Path(target), url)
            target = url
        street = open_database(target)
        try:
            for package in data.draw(st.permutations(packages)):
                import_package(street, package, now=NOW)
            mine = table_rows(street)
        finally:
            street.close()
        community = open_database(folder / f"{COMMUNITY_1}.sqlite")
        try:
            theirs = table_rows(community)
        finally:
            community.close()
        for table, found in theirs.items():
            assert {r for r in mine[table] if r[1] == COMMUNITY_1} == found, table
