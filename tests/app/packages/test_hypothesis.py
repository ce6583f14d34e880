"""Generated edit sequences: whatever order the street imports the deltas in, it ends up
with exactly the community's rows, as if it had applied the edits in order."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.db import Database, open_database
from app.models import Building, Estate, SyncPending
from app.packages.export import export_package
from app.packages.importer import import_package
from app.packages.receipts import import_receipt, write_receipt
from tests.app.packages.conftest import (
    BACKENDS,
    COMMUNITY_1,
    COMMUNITY_2,
    NOW,
    STREET_1,
    City,
    copier,
    reseal,
    table_rows,
)
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


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_set_and_order_of_packages_with_orphans_gives_one_state_and_loses_no_waiting_row(
    merging_city: City, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    """Packages of two communities, one holding only orphans and one only their parents:
    every order of every subset ends in the state of its canonical order, and a row that
    waits for its parent stays waiting until it is applied, whichever package comes next."""
    city = merging_city
    packages = orphan_packages(city)
    copy = copier(city, request)
    start = copy(city.target(STREET_1))
    chosen = data.draw(st.sets(st.sampled_from(sorted(packages))), label="packages")
    order = data.draw(st.permutations(sorted(chosen)), label="order")
    assert import_all(copy(start), [packages[k] for k in order]) == import_all(
        copy(start), [packages[k] for k in sorted(chosen)]
    )


def orphan_packages(city: City) -> dict[str, Path]:
    """Made once per test: the examples share them (each imports into a fresh copy)."""
    made = getattr(city, "orphan_packages", None)
    if made is not None:
        return made
    whole = city.export(COMMUNITY_1)

    def drop(table: str) -> Callable[[sqlite3.Connection], None]:
        return lambda con: con.execute(f"DELETE FROM {table}") and None

    made = {
        "1-orphans": reseal(city, whole, city.folder / "orphans.wypkg", drop("estate")),
        "2-parents": reseal(city, whole, city.folder / "parents.wypkg", drop("building")),
        "3-whole": whole,
        "4-other": city.export(COMMUNITY_2),
    }
    city.close()
    city.orphan_packages = made  # type: ignore[attr-defined]
    return made


def import_all(target: Path | str, packages: list[Path]) -> tuple[dict, set]:  # type: ignore[type-arg]
    """The street's rows and waiting rows after importing `packages` in order, checking
    after each import that every row that was waiting is still waiting or applied."""
    db = open_database(target)
    try:
        waiting: set[tuple[str, str]] = set()
        for package in packages:
            import_package(db, package, now=NOW)
            rows = table_rows(db)
            present = {(t, r[0]) for t, found in rows.items() for r in found}
            with db.reader() as s:
                now_waiting = {(p.table_name, p.row_uuid) for p in s.scalars(select(SyncPending))}
            assert waiting <= now_waiting | present, "a waiting row was lost"
            waiting = now_waiting
        return table_rows(db), waiting
    finally:
        db.close()
