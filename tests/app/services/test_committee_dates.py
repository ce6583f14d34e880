"""The dates DOMAIN.md §2 names: filing ≤ 30 days and first meeting ≤ 3 days after the
election (warned at entry, listed when missed), a term's last day the eve of its anniversary."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from app.codes import CommitteeKind
from app.models import Committee, Estate
from app.paths import resource
from app.rules.committee import deadline_warnings, term_last_day, term_problems
from app.services.committees import missed_dates
from app.services.notice_fields import fields_of_estate
from tests.app.services.test_ledger_import import ESTATE, member, run
from tests.conftest import TODAY

ELECTED = date(2025, 1, 1)


def test_a_five_year_term_from_new_year_ends_on_new_years_eve() -> None:
    assert term_last_day(date(2025, 1, 1), 5) == date(2029, 12, 31)
    assert term_problems("owners", None, date(2025, 1, 1), date(2029, 12, 31), None) == []


def test_a_term_to_the_anniversary_itself_is_one_day_too_long() -> None:
    [problem] = term_problems("owners", None, date(2025, 1, 1), date(2030, 1, 1), None)
    assert problem.field == "term_end" and "2029-12-31" in problem.message


def test_the_template_example_term_passes_the_check_with_no_day_to_spare() -> None:
    columns = json.loads(resource("codes/ledger_columns.json").read_text("utf-8"))["committee"]
    example = {c["field"]: c["example"] for c in columns["columns"]}
    start, end = date.fromisoformat(example["term_start"]), date.fromisoformat(example["term_end"])
    assert end == term_last_day(start, 5)


def test_filing_on_the_thirtieth_day_is_on_time_and_the_next_day_late() -> None:
    on_time = deadline_warnings("owners", ELECTED, date(2025, 1, 31), None, today=TODAY)
    late = deadline_warnings("owners", ELECTED, date(2025, 2, 1), None, today=TODAY)
    assert on_time == [] and [p.field for p in late] == ["filed_on"]


def test_no_filing_thirty_days_on_is_warned() -> None:
    assert deadline_warnings("owners", ELECTED, None, None, today=date(2025, 1, 31)) == []
    [p] = deadline_warnings("owners", ELECTED, None, None, today=date(2025, 2, 1))
    assert "仍未备案" in p.message


def test_a_first_meeting_on_the_fourth_day_is_late() -> None:
    assert deadline_warnings("owners", ELECTED, None, date(2025, 1, 4), today=ELECTED) == []
    [p] = deadline_warnings("owners", ELECTED, None, date(2025, 1, 5), today=ELECTED)
    assert p.field == "first_meeting_on" and "2025-01-04" in p.message


def test_a_pmc_has_no_filing_rule() -> None:
    assert deadline_warnings(CommitteeKind.PMC, ELECTED, date(2025, 6, 10), None, today=TODAY) == []


def late_roster() -> list[dict]:
    dates = {"elected_on": ELECTED, "term_start": ELECTED, "term_end": date(2029, 12, 31),
             "filed_on": date(2025, 6, 10)}  # fmt: skip
    return [member("张一", "chair", **dates), *(member(f"委员{i}", **dates) for i in range(4))]


def test_a_committee_filed_five_months_late_imports_with_a_warning_on_its_row(db) -> None:
    run(db, "estate", ESTATE)
    outcome = run(db, "committee", *late_roster())
    assert outcome.created == 1 and outcome.problems == []
    # the roster's members carry no vetting checks: each row warns of that too (historical)
    [warning] = [w for w in outcome.warnings if w.field == "filed_on"]
    assert warning.row == 3
    assert "2025-01-31" in warning.reason


def test_a_late_filing_is_listed_until_it_is_fixed(db) -> None:
    run(db, "estate", ESTATE)
    run(db, "committee", *late_roster())
    with db.reader() as s:
        [missed] = missed_dates(s, TODAY)
    assert (missed.estate, missed.elected_on) == ("相山花园", ELECTED)
    run(db, "committee", *(dict(r, filed_on=date(2025, 1, 20)) for r in late_roster()))
    with db.reader() as s:
        assert missed_dates(s, TODAY) == []


def test_a_notice_for_an_estate_served_by_a_pmc_names_the_pmc(demo_db) -> None:
    with demo_db.reader() as s:
        estates = s.execute(
            select(Estate.uuid, Estate.name)
            .join(Committee, Committee.estate_uuid == Estate.uuid)
            .where(Committee.kind == CommitteeKind.PMC, Committee.status == "active")
        ).all()
        assert "翡翠名邸" in {name for _, name in estates}
        uuid = next(u for u, name in estates if name == "翡翠名邸")
        fields = fields_of_estate(s, uuid, today=TODAY)
    assert fields["committee"].endswith("物业管理委员会")
    assert "业主委员会" not in fields["committee"]
