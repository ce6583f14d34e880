"""`wuye complaints list|overdue`: lateness per complaint, figures per company and estate."""

from __future__ import annotations

import json

from click.testing import CliRunner

from app.cli import cli


def run(demo_db, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(demo_db.path), *args])


def test_overdue_lists_only_open_complaints_past_a_limit(demo_db) -> None:
    result = run(demo_db, "complaints", "overdue", "--today", "2026-11-25", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["complaint_sla_days"] == {"response": 1, "closing": 15}
    assert data["overdue"] and all(r["closed_at"] is None and r["lateness"]
                                   for r in data["overdue"])  # fmt: skip
    assert sum(g["complaints"] for g in data["by_company"]) == data["total"]["complaints"]
    assert sum(g["complaints"] for g in data["by_estate"]) == data["total"]["complaints"]


def test_list_shares_the_case_lists_options(demo_db) -> None:
    every = json.loads(run(demo_db, "complaints", "list", "--today", "2026-11-25", "--json").output)
    late = json.loads(run(demo_db, "complaints", "list", "--overdue", "--today", "2026-11-25",
                          "--json").output)  # fmt: skip
    assert {r["id"] for r in late} < {r["id"] for r in every}
    text = run(demo_db, "complaints", "list", "--limit", "2", "--today", "2026-11-25")
    assert text.exit_code == 0 and text.output.strip().endswith("共 2 件")


def test_contracts_due_lists_the_lapsed_and_the_expiring(demo_db) -> None:
    result = run(demo_db, "contracts", "due", "--today", "2026-11-25", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["estate"]: r for r in json.loads(result.output)}
    assert rows["桂苑公馆"]["label"] == "不定期（期满未续签）"
    assert {r["state"] for r in rows.values()} == {"continued", "expiring"}
