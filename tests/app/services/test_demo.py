"""The demo office: deterministic, realistic, and valid by the same rules as real data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from app.db import data_key, field_crypto, open_database
from app.models import CommitteeMember, CompanyStaff, PropertyCompany
from app.rules.credit_code import validate_credit_code
from app.rules.phone import validate_phone
from app.rules.resident_id import validate_resident_id
from app.services.demo import fill_demo
from app.services.health import syncable_tables
from app.services.stats import office_stats
from tests.conftest import TODAY


def dump(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row but `db_id`, which names the file that wrote it and so differs per file;
    personal fields opened (each file seals them under its own data key)."""
    key = data_key.file_key(path)
    assert key is not None
    with sqlite3.connect(path) as con:
        con.row_factory = sqlite3.Row
        field_crypto.install_sql_functions(con, key)
        field_crypto.convert_schema(con, "main", "wuye_open", set(syncable_tables()))
        try:
            return {t: [tuple(v for k, v in zip(r.keys(), r, strict=True) if k != "db_id")
                        for r in con.execute(f"SELECT * FROM {t} ORDER BY uuid")]
                    for t in syncable_tables()}  # fmt: skip
        finally:
            con.rollback()


def make(path: Path, seed: int) -> Path:
    database = open_database(path)
    with database.sessions.begin() as s:
        fill_demo(s, seed=seed, today=TODAY)
    database.close()
    return path


def test_the_same_seed_gives_identical_rows(tmp_path: Path, demo_template: Path) -> None:
    assert dump(make(tmp_path / "again.sqlite", 1)) == dump(demo_template)


def test_another_seed_gives_other_rows(tmp_path: Path, demo_template: Path) -> None:
    assert dump(make(tmp_path / "two.sqlite", 2)) != dump(demo_template)


def test_the_demo_covers_what_trainers_need(demo_db) -> None:
    with demo_db.reader() as s:
        stats = office_stats(s, TODAY)
    assert stats.estates == 60 and all(n > 0 for n in stats.by_management_type.values())
    assert stats.expiring and stats.expired
    assert stats.formation.numerator < stats.formation.denominator  # some estates lack one
    assert stats.companies_without_party_org
    counts = {t: len(rows) for t, rows in dump(demo_db.path).items()}
    assert counts["property_company"] == 25 and counts["org"] >= 9
    assert counts["service_contract"] > 0 and counts["committee_member"] > 0
    # 约谈 (the task form's ones are interviews too), 通报, 督查, the year's 考核 sheet
    assert counts["interview"] >= 3 and counts["task_interview"] == 0
    assert counts["circular"] == 2 and counts["inspection"] == 1
    assert counts["inspection_finding"] == 2 and counts["assessment_item"] == 8


def test_every_code_and_phone_in_the_demo_is_valid(demo_db) -> None:
    with demo_db.reader() as s:
        codes = s.scalars(select(PropertyCompany.credit_code)).all()
        ids = s.scalars(select(CompanyStaff.id_number)).all()
        phones = [*s.scalars(select(CommitteeMember.phone)), *s.scalars(select(CompanyStaff.phone))]
    assert all(validate_credit_code(c).ok and not validate_credit_code(c).warnings for c in codes)
    assert ids and all(validate_resident_id(i, TODAY).ok for i in ids)
    assert all(validate_phone(p).ok for p in phones)
