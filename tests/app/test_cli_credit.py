"""`wuye credit add|list|show`: typed items change the computed grade; bad input exits 1."""

from __future__ import annotations

import json

from click.testing import CliRunner

from app.cli import cli

NAME = "淮北市中联物业服务有限公司"
DAY = ("--today", "2026-11-25")


def run(demo_db, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(demo_db.path), *args])


def test_an_added_item_lowers_the_shown_score(demo_db) -> None:
    before = json.loads(run(demo_db, "credit", "show", NAME, *DAY, "--json").output)
    added = run(demo_db, "credit", "add", NAME, "--kind", "通报", "--evidence", "淮物管〔2026〕5号",
                "--date", "2026-11-20")  # fmt: skip
    assert added.exit_code == 0, added.output
    after = json.loads(run(demo_db, "credit", "show", NAME, *DAY, "--json").output)
    assert after["score"] == before["score"] - 3
    [item] = [i for i in after["items"] if i["evidence"] == "淮物管〔2026〕5号"]
    assert {"kind": "通报", "derived": False, "counted": True}.items() <= item.items()


def test_the_lists_split_by_band(demo_db) -> None:
    every = json.loads(run(demo_db, "credit", "list", *DAY, "--json").output)
    good = json.loads(run(demo_db, "credit", "list", "--band", "守信", *DAY, "--json").output)
    assert good and {r["band"] for r in good} <= {"AAA", "AA"} and len(good) < len(every)
    bad = json.loads(run(demo_db, "credit", "list", "--band", "失信", *DAY, "--json").output)
    assert bad and {r["band"] for r in bad} <= {"C", "黑名单"}


def test_bad_input_exits_1_in_chinese(demo_db) -> None:
    missing = run(demo_db, "credit", "show", "无此企业")
    assert missing.exit_code == 1 and "找不到物业企业" in missing.output
    bad = run(demo_db, "credit", "add", NAME, "--kind", "好评", "--evidence", " ")
    assert bad.exit_code == 1 and "信用记录类别" in bad.output and "依据" in bad.output


def test_the_credit_sheet_prints_the_computed_grade_and_items(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    out = tmp_path / "信用档案.pdf"
    shown = json.loads(run(demo_db, "credit", "show", NAME, *DAY, "--json").output)
    result = run(demo_db, "print", "credit", NAME, "--date", "2026-11-25", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "物业服务企业信用档案" in text and NAME in text and "逾期整改" in text
    assert f"{shown['score']}" in text and shown["band"] in text


def test_printing_an_unknown_company_leaves_no_file(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.pdf"
    result = run(demo_db, "print", "credit", "无此企业", "-o", str(out))
    assert result.exit_code == 1 and "找不到物业企业" in result.output and not out.exists()


def test_stats_and_the_workbook_read_the_computed_credit(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    listed = json.loads(run(demo_db, "credit", "list", *DAY, "--json").output)
    stats = json.loads(run(demo_db, "stats", *DAY, "--json").output)["credit"]
    assert sum(n for band, n in stats.items() if band not in ("守信", "失信")) == len(listed)
    assert stats["守信"] == sum(r["band"] in ("AAA", "AA") for r in listed)
    out = tmp_path / "信用.xlsx"
    assert run(demo_db, "report-xlsx", "credit", str(out), *DAY).exit_code == 0
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    by_name = {r[1]: (r[3], r[4]) for r in rows if isinstance(r[0], int)}
    assert by_name == {r["company"]: (r["score"], r["band"]) for r in listed}


def test_stats_give_the_party_organisation_coverage_of_serving_companies(demo_db) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run(demo_db, "stats", *DAY, "--json").output)
    coverage = data["party_org_coverage"]
    serving, without = data["companies_serving"], len(data["companies_without_party_org"])
    assert (coverage["numerator"], coverage["denominator"]) == (serving - without, serving)
    assert 0 < coverage["percent"] < 100
