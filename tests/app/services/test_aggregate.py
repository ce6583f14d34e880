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
