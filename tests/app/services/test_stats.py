"""The office's figures equal plain SQL written independently over the same tables."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import timedelta

from app.services.stats import office_stats
from tests.conftest import TODAY

T = TODAY.isoformat()
SCOPE = """WITH RECURSIVE sub(code) AS (
  SELECT value FROM db_meta WHERE key = 'office_code'
  UNION SELECT org.code FROM org JOIN sub ON org.parent_code = sub.code WHERE org.deleted = 0)"""
ESTATES = "SELECT * FROM estate WHERE deleted = 0 AND community_code IN (SELECT code FROM sub)"
IN_TERM = f"""c.deleted = 0 AND c.status = 'active' AND c.filed_on IS NOT NULL
  AND c.term_start <= '{T}' AND c.term_end >= '{T}'"""


def sql(con: sqlite3.Connection, query: str) -> list[tuple]:  # type: ignore[type-arg]
    return con.execute(f"{SCOPE}, e AS ({ESTATES}) {query}").fetchall()


def test_stats_equal_plain_sql(demo_db) -> None:
    with demo_db.reader() as s:
        got = office_stats(s, TODAY).as_dict()
    with closing(sqlite3.connect(demo_db.path)) as con:
        by_type = dict(sql(con, "SELECT management_type, count(*) FROM e GROUP BY 1"))
        assert sum(got["by_management_type"].values()) == sum(by_type.values()) == got["estates"]
        assert got["by_management_type"]["无物管"] == by_type["none"]

        def formed(kinds: str) -> tuple[int, int]:
            return sql(
                con,
                f"""SELECT count(*), sum(EXISTS (SELECT 1 FROM committee c
                WHERE c.estate_uuid = e.uuid AND c.kind IN ({kinds}) AND {IN_TERM}))
                FROM e WHERE committee_required = 1""",
            )[0]

        den, num = formed("'owners'")
        assert (got["formation"]["numerator"], got["formation"]["denominator"]) == (num, den)
        den, num = formed("'owners','pmc'")
        assert got["formation_with_pmc"]["numerator"] == num

        party, seated = sql(
            con,
            f"""SELECT sum(m.party_member), count(*) FROM committee_member m
            JOIN committee c ON c.uuid = m.committee_uuid JOIN e ON e.uuid = c.estate_uuid
            WHERE m.deleted = 0 AND m.role IN ('chair','vice_chair','member') AND {IN_TERM}
            AND c.kind = 'owners'""",
        )[0]
        assert (got["party_overall"]["numerator"], got["party_overall"]["denominator"]) == (
            party, seated
        )  # fmt: skip

        horizon = (TODAY + timedelta(days=90)).isoformat()
        due = sql(
            con,
            f"""SELECT sum(c.term_end >= '{T}'), sum(c.term_end < '{T}')
            FROM committee c JOIN e ON e.uuid = c.estate_uuid
            WHERE c.deleted = 0 AND c.status = 'active' AND c.term_end <= '{horizon}'""",
        )[0]
        assert (len(got["expiring"]), len(got["expired"])) == due

        without = sql(
            con,
            f"""SELECT count(DISTINCT p.uuid) FROM property_company p
            JOIN service_contract k ON k.company_uuid = p.uuid JOIN e ON e.uuid = k.estate_uuid
            WHERE p.deleted = 0 AND k.deleted = 0 AND p.party_org = 'none'
            AND k.start_date <= '{T}' AND (k.end_date IS NULL OR k.end_date >= '{T}')""",
        )[0][0]
        assert len(got["companies_without_party_org"]) == without
        json.dumps(got, ensure_ascii=False)  # serialisable as `wuye stats --json` prints it


def test_rates_compare_in_integers_at_the_threshold() -> None:
    from app.services.committee_figures import Rate

    assert Rate(9, 10, 90).met and not Rate(89, 100, 90).met
    assert Rate(1, 2, 50).met and not Rate(0, 0, 50).met


def test_an_expired_term_reads_days_overdue_not_a_negative_count(demo_db) -> None:
    from app.services.stats import term_days_label

    with demo_db.reader() as s:
        expired = office_stats(s, TODAY).expired
    assert expired and all(t.days_label.startswith("已逾期 ") for t in expired)
    assert "-" not in expired[0].days_label
    assert [term_days_label(n) for n in (-92, 0, 30)] == ["已逾期 92 天", "今天届满", "剩余 30 天"]


def test_the_party_share_counts_owners_committees_and_shows_pmc_members_apart(demo_db) -> None:
    with demo_db.reader() as s:
        got = office_stats(s, TODAY)
    with closing(sqlite3.connect(demo_db.path)) as con:
        per_kind = {
            kind: (party, seated)
            for kind, party, seated in sql(
                con,
                f"""SELECT c.kind, sum(m.party_member), count(*) FROM committee_member m
                JOIN committee c ON c.uuid = m.committee_uuid JOIN e ON e.uuid = c.estate_uuid
                WHERE m.deleted = 0 AND m.role IN ('chair','vice_chair','member') AND {IN_TERM}
                GROUP BY c.kind""",
            )
        }
    owners = (got.party_overall.numerator, got.party_overall.denominator)
    assert owners == per_kind["owners"] == (146, 259)  # 153/280 with the PMCs, before issue 17
    assert (got.party_pmc.numerator, got.party_pmc.denominator) == per_kind["pmc"] == (7, 21)


def test_committees_below_target_are_counted_in_sql_like_the_per_committee_list(demo_db) -> None:
    from app.services.stats import party_by_committee

    with demo_db.reader() as s:
        got = office_stats(s, TODAY)
        shares = party_by_committee(s, TODAY)
    assert got.committees_below_party_target == sum(1 for c in shares if not c.met) > 0


def test_a_deleted_estate_drops_its_committees_members_from_the_party_share(demo_db) -> None:
    """The one-group party share sets the deleted estates aside instead of joining every
    estate (issue 18): a committee left in term under a tombstoned estate (as a package from
    upward can leave it) must drop out exactly as the join dropped it."""
    with closing(sqlite3.connect(demo_db.path)) as con:
        estate, party, seated = sql(
            con,
            f"""SELECT e.uuid, sum(m.party_member), count(*) FROM committee_member m
            JOIN committee c ON c.uuid = m.committee_uuid JOIN e ON e.uuid = c.estate_uuid
            WHERE m.deleted = 0 AND m.role IN ('chair','vice_chair','member') AND {IN_TERM}
            AND c.kind = 'owners' GROUP BY e.uuid ORDER BY e.uuid LIMIT 1""",
        )[0]
    with demo_db.reader() as s:
        before = office_stats(s, TODAY)
    with closing(sqlite3.connect(demo_db.path)) as con, con:
        con.execute("UPDATE estate SET deleted = 1 WHERE uuid = ?", (estate,))
    with demo_db.reader() as s:
        after = office_stats(s, TODAY)
    assert (after.party_overall.numerator, after.party_overall.denominator) == (
        before.party_overall.numerator - party, before.party_overall.denominator - seated
    )  # fmt: skip
    assert after.estates == before.estates - 1
    test_stats_equal_plain_sql(demo_db)
