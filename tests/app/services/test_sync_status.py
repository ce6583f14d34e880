"""Where packages stand: sent and acknowledged, received, and per subordinate its last
package and the packages missing from its chain."""

from __future__ import annotations

from app.services.sync_status import package_receivers, sync_status
from tests.app.packages.conftest import (
    COMMUNITY_1,
    COMMUNITY_2,
    DISTRICT,
    STREET_1,
    City,
)


def status_of(city: City, code: str):  # type: ignore[no-untyped-def]
    with city.db(code).reader() as s:
        return sync_status(s)


def test_a_package_is_unacknowledged_until_its_receipt_comes_back(city: City) -> None:
    package = city.export(COMMUNITY_1)
    [sent] = status_of(city, COMMUNITY_1).sent
    assert sent.state_label == "未回执" and sent.receivers == (STREET_1,) and sent.rows > 0
    report = city.receive(STREET_1, package)
    city.acknowledge(STREET_1, COMMUNITY_1, package, report)
    [sent] = status_of(city, COMMUNITY_1).sent
    assert sent.state_label == "已接收" and sent.acknowledged_at is not None


def test_each_subordinate_shows_its_last_package_or_none(city: City) -> None:
    city.send_up(COMMUNITY_1)
    last = city.send_up(COMMUNITY_1)
    status = status_of(city, STREET_1)
    by_code = {s.code: s for s in status.subordinates}
    assert set(by_code) == {COMMUNITY_1, COMMUNITY_2}
    assert by_code[COMMUNITY_1].received == 2
    assert by_code[COMMUNITY_1].last.package_id == last.package_id  # type: ignore[union-attr]
    assert by_code[COMMUNITY_2].last is None and by_code[COMMUNITY_2].received == 0
    name = city.offices[COMMUNITY_1].name
    assert [r.sender_name for r in status.received] == [name, name]


def test_a_lost_package_is_missing_until_a_snapshot_makes_it_irrelevant(city: City) -> None:
    lost = city.export_result(COMMUNITY_1, city.folder / "lost.wypkg")
    city.receive(STREET_1, city.export(COMMUNITY_1))
    [community] = [s for s in status_of(city, STREET_1).subordinates if s.code == COMMUNITY_1]
    assert community.missing == (lost.package_id,)
    assert status_of(city, STREET_1).received[0].gap

    city.receive(STREET_1, city.export(COMMUNITY_1, snapshot=True))
    [community] = [s for s in status_of(city, STREET_1).subordinates if s.code == COMMUNITY_1]
    assert community.missing == ()


def test_packages_are_sealed_for_the_upper_office_not_for_subordinates(city: City) -> None:
    with city.db(STREET_1).reader() as s:
        receivers = package_receivers(s)
    assert [(r.code, r.upper) for r in receivers] == [(DISTRICT, True)]
