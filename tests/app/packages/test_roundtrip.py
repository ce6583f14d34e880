"""Four levels: communities → streets → district → city, with edits and deletes at each."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Building, Estate, PropertyCompany
from app.services.stats import office_stats
from tests.app.packages.conftest import (
    CITY,
    COMMUNITY_1,
    COMMUNITY_2,
    DISTRICT,
    STREET_1,
    City,
)
from tests.conftest import TODAY

ON_SERVER = (CITY,)  # the city aggregate on PostgreSQL; every office below exports


@pytest.fixture
def city(merging_city: City) -> City:
    """Every test here runs with the city on SQLite and on PostgreSQL."""
    return merging_city


def community_rows(city: City) -> dict[str, set[tuple]]:  # type: ignore[type-arg]
    """What the city must hold: the union of every office's own rows."""
    union: dict[str, set[tuple]] = {}  # type: ignore[type-arg]
    for code in city.offices:
        if code == CITY:
            continue
        for table, found in city.rows(code).items():
            own = {r for r in found if r[1] == code}  # (uuid, origin, ...)
            union.setdefault(table, set()).update(own)
    return union


def own_rows(city: City, code: str) -> dict[str, set[tuple]]:  # type: ignore[type-arg]
    return {t: {r for r in found if r[1] != code} for t, found in city.rows(code).items()}


def test_every_row_of_every_office_reaches_the_city(city: City) -> None:
    city.pass_all_up()
    city.close()
    top = own_rows(city, CITY)
    assert top == community_rows(city)
    assert sum(len(v) for v in top.values()) > 100


def test_the_citys_figures_equal_those_of_all_communities_together(city: City) -> None:
    city.pass_all_up()
    with city.db(CITY).reader() as s:
        figures = office_stats(s, TODAY)
    estates = 0
    for code, office in city.offices.items():
        if office.level == "community":
            with city.db(code).reader() as s:
                estates += office_stats(s, TODAY).estates
    assert figures.estates == estates > 0


def test_edits_and_deletes_at_each_level_travel_up(city: City) -> None:
    city.pass_all_up()
    community = city.db(COMMUNITY_1)
    with community.sessions.begin() as s:
        estate = s.scalars(select(Estate).order_by(Estate.name)).first()
        estate.households += 7
        edited = estate.uuid
        s.add(Building(estate_uuid=estate.uuid, name="9号楼", households=30))
    with city.db(COMMUNITY_2).sessions.begin() as s:
        gone = s.scalars(select(Estate).order_by(Estate.name)).first()
        for building in gone.buildings:
            s.delete(building)
        s.delete(gone)
        gone_uuid = gone.uuid
    with city.db(STREET_1).sessions.begin() as s:
        s.add(PropertyCompany(credit_code="91340603MA2W000184", name="街道托管物业公司"))
    with city.db(DISTRICT).sessions.begin() as s:
        s.add(PropertyCompany(credit_code="91340602MA2W00026G", name="区属物业公司"))

    reports = city.pass_all_up()
    assert reports[0].tables["estate"].updated == 1  # the community's edit, nothing else

    city.close()
    assert own_rows(city, CITY) == community_rows(city)
    with city.db(CITY).reader() as s:
        assert s.get(Estate, edited).households == estate.households
        assert s.get(Estate, gone_uuid) is None  # a tombstone: hidden from lists
        names = set(s.scalars(select(PropertyCompany.name)))
        assert {"街道托管物业公司", "区属物业公司"} <= names


def test_a_street_relays_its_communities_rows_unchanged_and_names_their_packages(
    city: City,
) -> None:
    first = city.send_up(COMMUNITY_1)
    package = city.export(STREET_1)
    report = city.receive(DISTRICT, package)
    assert report.tables["estate"].inserted == first.tables["estate"].inserted
    import json
    import zipfile

    with zipfile.ZipFile(package) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert first.package_id in manifest["sources"]
    city.close()
    community = city.rows(COMMUNITY_1)["estate"]
    assert community <= city.rows(DISTRICT)["estate"]


def test_after_a_receipt_the_next_delta_holds_only_new_changes(city: City) -> None:
    city.send_up(COMMUNITY_1)
    again = city.export_result(COMMUNITY_1, city.folder / "again.wypkg")
    assert again.total == 0


def test_without_a_receipt_the_rows_go_out_again(city: City) -> None:
    first = city.export_result(COMMUNITY_1, city.folder / "one.wypkg")
    second = city.export_result(COMMUNITY_1, city.folder / "two.wypkg")
    assert second.total == first.total > 0
