"""Figures per subordinate office, recomputed from raw rows: the rows add up to the office's
own figures, and a unit's rate is its own counts, never an average of rates."""

from __future__ import annotations

from app.rules.workdays import WorkCalendar
from app.services.aggregate import subordinate_figures, subordinates, total_of
from app.services.casework import casework_overview
from app.services.stats import office_stats
from tests.conftest import TODAY


def test_a_streets_rows_are_its_communities_and_add_up_to_its_figures(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        rows = subordinate_figures(s, TODAY)
        own = office_stats(s, TODAY)
        cases = casework_overview(s, TODAY, WorkCalendar())
    assert len(rows) == 10 and all(r.level == "community" for r in rows)
    total = total_of(rows)
    assert total.estates == own.estates
    assert total.formation == own.formation and total.formation_with_pmc == own.formation_with_pmc
    assert total.party == own.party_overall
    assert (total.expiring, total.expired) == (len(own.expiring), len(own.expired))
    assert (total.problems, total.problems_closed) == (cases.total, cases.closed)
    assert total.problems_overdue == cases.overdue


def test_rates_are_recomputed_from_counts_not_averaged(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        rows = subordinate_figures(s, TODAY)
    total = total_of(rows)
    average = sum(r.party.percent for r in rows if r.party.percent is not None) / len(rows)
    exact = round(
        100 * sum(r.party.numerator for r in rows) / sum(r.party.denominator for r in rows), 1
    )
    assert total.party.percent == exact and exact != round(average, 1)


def test_units_without_rows_still_have_their_row_and_a_community_is_its_own(db) -> None:  # type: ignore[no-untyped-def]
    with db.reader() as s:
        assert [u.code for u in subordinates(s)] == ["340603010001", "340603010002"]
        assert [r.estates for r in subordinate_figures(s, TODAY)] == [0, 0]
        assert [u.code for u in subordinates(s, "340603010001")] == ["340603010001"]
        rows = subordinate_figures(s, TODAY, root="340603010001")
    assert [r.name for r in rows] == ["桓谭社区"] and rows[0].formation.percent is None


DISTRICT = "340603000000"
STREETS = {"340603001000": ["340603001001", "340603001002"], "340603002000": ["340603002001"]}


def test_a_districts_street_rows_equal_the_sum_of_their_communities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from app.db import open_database
    from app.services.committees import CommitteeIn, MemberIn, save_committee
    from app.services.companies import CompanyIn, ContractIn, create_company, save_contract
    from app.services.estates import EstateIn, create_estate
    from app.services.offices import add_org, init_office

    database = open_database(tmp_path / "district.sqlite", actor="tester")
    try:
        with database.sessions.begin() as s:
            init_office(s, code=DISTRICT, name="相山区", level="district")
            # One company with its own party organisation serves every community (counted in
            # each), one with none; the fourth estate of each community has no company.
            red = create_company(s, CompanyIn("91340603MA2W000184", "红心物业", party_org="own"))
            plain = create_company(s, CompanyIn("91340602MA2W00026G", "平常物业"))
            serving = [red, plain, red, None]
            for n, (street, communities) in enumerate(STREETS.items()):
                add_org(s, code=street, name=f"街道{n}", level="street", parent_code=DISTRICT)
                for k, code in enumerate(communities):
                    add_org(s, code=code, name=f"社区{n}{k}", level="community", parent_code=street)
                    for i, kind in enumerate(["owners", "owners", "pmc", None]):
                        uuid = create_estate(
                            s, EstateIn(code, f"小区{code[-4:]}{i}", households=100), today=TODAY
                        )
                        if serving[i] is not None:
                            save_contract(s, ContractIn(uuid, serving[i], date(2024, 1, 1)))
                        if kind is None:
                            continue
                        seats = 7 if kind == "pmc" else 5
                        members = [
                            MemberIn(f"委员{j}", "chair" if j == 0 else "member", j < i + 2)
                            for j in range(seats)
                        ]
                        term = {
                            "elected_on": date(2025, 1, 1),
                            "term_start": date(2025, 1, 1),
                            "term_end": date(2027, 12, 31),
                            "filed_on": date(2025, 1, 20),
                        }
                        save_committee(s, None, CommitteeIn(uuid, kind, members=members, **term),
                                       today=TODAY, require_vetting=False)  # fmt: skip
        with database.reader() as s:
            streets = subordinate_figures(s, TODAY)
            per_street = {
                street: total_of(subordinate_figures(s, TODAY, root=street)) for street in STREETS
            }
            own = office_stats(s, TODAY)
    finally:
        database.close()
    assert [r.code for r in streets] == list(STREETS)
    for row in streets:
        sum_of_communities = per_street[row.code]
        assert row.formation == sum_of_communities.formation
        assert row.formation_with_pmc == sum_of_communities.formation_with_pmc
        assert row.party == sum_of_communities.party
        assert row.party_pmc == sum_of_communities.party_pmc
        assert row.party_org == sum_of_communities.party_org
        assert row.party_org.denominator == 3 * len(STREETS[row.code])
    total = total_of(streets)
    assert (total.formation.numerator, total.formation.denominator) == (6, 12)
    assert (total.party.numerator, total.party.denominator) == (3 * (2 + 3), 3 * 10)
    assert (total.party_pmc.numerator, total.party_pmc.denominator) == (3 * 4, 3 * 7)
    assert (total.party, total.party_pmc) == (own.party_overall, own.party_pmc)
    # party-organisation coverage: 2 of the 3 estates with a company, in each community
    assert (total.party_org.numerator, total.party_org.denominator) == (2 * 3, 3 * 3)
    assert total.party_org == own.party_org_estates
