"""Contracts past their end with no decision go on 不定期 (民法典 art 948): the company stays the
estate's company on its boards and notices; one within 90 days of its end is listed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models import Building, Estate, ServiceContract
from app.services.board_prints import plan_estate
from app.services.companies import (
    ContractIn,
    contract_alerts,
    contracts_of,
    create_contract,
    current_contract,
)
from app.services.disclosure import ensure_board, panel_content
from app.services.notice_fields import fields_of_estate
from tests.conftest import TODAY


def _lapsed_estate(s) -> tuple[Estate, ServiceContract]:  # type: ignore[no-untyped-def]
    """桂苑公馆 of the seed-1 demo: its only contract ended before TODAY, nothing decided."""
    estate = s.scalar(select(Estate).where(Estate.name == "桂苑公馆"))
    (contract,) = s.scalars(
        select(ServiceContract).where(ServiceContract.estate_uuid == estate.uuid)
    ).all()
    assert contract.end_date < TODAY
    return estate, contract


def test_a_lapsed_contract_keeps_the_company_on_the_estate_board(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate, _ = _lapsed_estate(s)
        content = panel_content(s, ensure_board(s, estate.uuid), today=TODAY, issuer="")
        assert content.company.endswith("（不定期）")


def test_a_lapsed_contract_still_allows_the_building_board(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate, _ = _lapsed_estate(s)
        building = s.scalar(select(Building).where(Building.estate_uuid == estate.uuid))
        content = panel_content(
            s, ensure_board(s, estate.uuid, building.uuid), today=TODAY, issuer=""
        )
        assert content.company


def test_a_notice_names_the_company_of_a_lapsed_contract(demo_db) -> None:
    with demo_db.reader() as s:
        estate, _ = _lapsed_estate(s)
        fields = fields_of_estate(s, estate.uuid, today=TODAY)
    assert fields["company"] and fields["contract_term"] == "不定期（期满未续签）"


def test_a_later_contract_ends_the_lapsed_one(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate, old = _lapsed_estate(s)
        create_contract(s, ContractIn(estate.uuid, old.company_uuid, TODAY - timedelta(days=3),
                                      TODAY + timedelta(days=3 * 365)))  # fmt: skip
        current = s.scalars(
            select(ServiceContract.uuid).where(
                ServiceContract.estate_uuid == estate.uuid, *current_contract(TODAY)
            )
        ).all()
        assert old.uuid not in current and len(current) == 1
        states = {r.uuid: r.state.label for r in contracts_of(s, estate_uuid=estate.uuid,
                                                                today=TODAY)}  # fmt: skip
        assert states[old.uuid] == "已终止"


def test_contracts_near_their_end_are_listed_with_the_lapsed(demo_db) -> None:
    with demo_db.reader() as s:
        alerts = contract_alerts(s, TODAY)
        estate, _ = _lapsed_estate(s)
    assert estate.uuid in {a.estate_uuid for a in alerts}
    assert all(a.end_date <= TODAY + timedelta(days=90) for a in alerts)
    assert {a.state.term for a in alerts} == {"expiring", "continued"}


def test_an_unknown_start_is_stored_as_unknown_and_in_force(demo_db) -> None:
    with demo_db.sessions.begin() as s:
        estate, old = _lapsed_estate(s)
        uuid = create_contract(s, ContractIn(estate.uuid, old.company_uuid, None, None))
    with demo_db.reader() as s:
        assert s.get(ServiceContract, uuid).start_date is None
        rows = contracts_of(s, estate_uuid=estate.uuid, today=TODAY)
        (row,) = [r for r in rows if r.uuid == uuid]
        assert row.state.in_force and row.state.label == "不定期"
        assert plan_estate(s, estate.name, today=TODAY).contents
