"""`wuye crosspost`, `wuye demonstration` and `wuye credit expel` on the demo street: records
go in through the services, bad input exits 1 in Chinese with nothing changed, the decision
is printed on the credit sheet and blocks a new contract, the figures reach `wuye stats`."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from app.cli import cli
from app.errors import InputError
from app.models import Estate, Org, PropertyCompany
from app.services.companies import ContractIn, save_contract
from app.services.credit import CreditItemIn, add_credit_item

DAY = ("--today", "2026-11-25")


def run(demo_db, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(demo_db.path), *args])


def names(demo_db) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with demo_db.reader() as s:
        estate = s.scalars(select(Estate.name).order_by(Estate.name)).first()
        company = s.scalars(
            select(PropertyCompany.name)
            .where(PropertyCompany.market_status != "removed")
            .order_by(PropertyCompany.name)
        ).first()
    assert estate and company
    return estate, company


def test_crosspost_add_and_list(demo_db) -> None:  # type: ignore[no-untyped-def]
    estate, company = names(demo_db)
    before = json.loads(run(demo_db, "stats", *DAY, "--json").output)["cross_post_coverage"]
    added = run(demo_db, "crosspost", "add", estate, "王伟", "--community-role", "社区党委委员",
                "--side", "物业企业", "--company", company, "--post-role", "项目经理",
                "--since", "2026-01-01", "--phone", "13812345678")  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = json.loads(run(demo_db, "crosspost", "list", *DAY, "--json").output)
    (mine,) = [r for r in listed if r["person"] == "王伟"]
    assert mine["phone"] == "138****5678" and mine["company"] == company and mine["serving"]
    after = json.loads(run(demo_db, "stats", *DAY, "--json").output)["cross_post_coverage"]
    assert after["denominator"] == before["denominator"]
    assert after["numerator"] in (before["numerator"], before["numerator"] + 1)
    bad = run(demo_db, "crosspost", "add", estate, "李娜", "--community-role", "委员",
              "--side", "街道办", "--post-role", "主任", "--since", "2026-01-01")  # fmt: skip
    assert bad.exit_code == 1 and "任职单位" in bad.output and "Traceback" not in bad.output


def test_demonstration_add_review_list(demo_db) -> None:  # type: ignore[no-untyped-def]
    estate, company = names(demo_db)
    added = run(demo_db, "demonstration", "add", estate, company, "--level", "市级",
                "--named-on", "2026-03-01", "--named-by", "淮北市委组织部")  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = json.loads(run(demo_db, "demonstration", "list", *DAY, "--json").output)
    (project,) = [p for p in listed if p["named_by"] == "淮北市委组织部"]
    assert project["valid"] and project["review_due"] == "2027-03-01"
    reviewed = run(demo_db, "demonstration", "review", project["id"], "--on", "2026-09-01",
                   "--result", "合格")  # fmt: skip
    assert reviewed.exit_code == 0, reviewed.output
    shown = json.loads(run(demo_db, "credit", "show", company, *DAY, "--json").output)
    assert any(i["kind"] == "示范项目" and i["derived"] and i["counted"] for i in shown["items"])
    bad = run(demo_db, "demonstration", "add", estate, company, "--level", "省级",
              "--named-on", "2026-03-01")  # fmt: skip
    assert bad.exit_code == 1 and "命名级别" in bad.output


def test_expel_prints_on_the_sheet_and_blocks_a_new_contract(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    estate, company = names(demo_db)
    with demo_db.sessions.begin() as s:
        ref = add_credit_item(s, CreditItemIn(company, date(2026, 10, 1), "负面查处", "违规收费"))
    decision = ("--on", "2026-11-20", "--doc", "淮住建〔2026〕9号", "--body", "市住建局")
    missing = run(demo_db, "credit", "expel", company, "--grounds", "无此记录", "--reason", "x",
                  *decision)  # fmt: skip
    assert missing.exit_code == 1 and "无此记录" in missing.output
    done = run(demo_db, "credit", "expel", company, "--grounds", ref, "--reason", "拒不整改",
               *decision)  # fmt: skip
    assert done.exit_code == 0, done.output
    bad = json.loads(run(demo_db, "credit", "list", "--band", "失信", *DAY, "--json").output)
    assert company in {r["company"] for r in bad}
    out = tmp_path / "信用档案.pdf"
    printed = run(demo_db, "print", "credit", company, "--date", "2026-11-25", "-o", str(out))
    assert printed.exit_code == 0, printed.output
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "清出市场决定" in text and "淮住建〔2026〕9号" in text and "拒不整改" in text
    with demo_db.reader() as s:
        firm = s.scalars(select(PropertyCompany.uuid).where(PropertyCompany.name == company)).one()
        place = s.scalars(select(Estate.uuid).where(Estate.name == estate)).first()
    with demo_db.sessions.begin() as s, pytest.raises(InputError) as caught:
        save_contract(s, ContractIn(place, firm, date(2027, 1, 1)), today=date(2026, 11, 25))
    assert "被清出市场" in caught.value.message


def test_cross_posts_import_from_the_template_and_export_again(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook, load_workbook

    from app.ledger_columns import ledger_kind

    with demo_db.reader() as s:
        (estate, community), *_ = s.execute(
            select(Estate.name, Org.name).join(Org, Org.code == Estate.community_code)
            .order_by(Estate.name)
        ).all()  # fmt: skip
    columns = ledger_kind("cross_post").columns
    rows = [
        {"community": community, "estate": estate, "person": "王伟", "phone": "13812345678",
         "direction": "两委成员进入", "community_role": "社区党委委员", "side": "业主委员会",
         "post_role": "副主任", "since": "2026-01-01"},
        {"community": community, "estate": estate, "person": "李娜", "direction": "进入社区两委",
         "community_role": "社区居委会委员", "side": "业主委员会", "post_role": "主任",
         "since": "2025-06-01", "until": "2026-05-31"},
    ]  # fmt: skip

    def sheet(path, data):  # type: ignore[no-untyped-def]
        book = Workbook()
        book.active.append([c.header for c in columns])
        for row in data:
            book.active.append([row.get(c.field, "") for c in columns])
        book.save(path)
        return str(path)

    good = sheet(tmp_path / "交叉任职.xlsx", rows)
    done = run(demo_db, "import-xlsx", "cross_post", good, *DAY)
    assert done.exit_code == 0, done.output
    again = run(demo_db, "import-xlsx", "cross_post", good, *DAY, "--json")
    assert again.exit_code == 0, again.output
    report = json.loads(again.output)
    assert (report["created"], report["unchanged"]) == (0, 2)
    bad = sheet(tmp_path / "坏.xlsx", [{**rows[0], "person": "赵强", "side": "街道办"}])
    refused = run(demo_db, "import-xlsx", "cross_post", bad, *DAY)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    listed = json.loads(run(demo_db, "crosspost", "list", *DAY, "--json").output)
    assert {"王伟", "李娜"} <= {r["person"] for r in listed}
    out = tmp_path / "导出.xlsx"
    exported = run(demo_db, "export-xlsx", "cross_post", str(out))
    assert exported.exit_code == 0, exported.output
    values = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "王伟" in values and "13812345678" not in values  # masked


def test_the_workbooks_carry_the_figures_of_wuye_stats(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from reports.xlsx.subordinates import HEADERS
    from reports.xlsx.summary import SUMMARY_HEADERS

    stats = json.loads(run(demo_db, "stats", *DAY, "--json").output)
    cover, tender = stats["cross_post_coverage"], stats["tender_share"]
    assert cover["numerator"] > 0  # the demo's 交叉任职
    books = {}
    for report in ("summary", "subordinates"):
        out = tmp_path / f"{report}.xlsx"
        done = run(demo_db, "report-xlsx", report, str(out), *DAY)
        assert done.exit_code == 0, done.output
        books[report] = load_workbook(out).active
    rows = {r[0]: r for r in books["summary"].iter_rows(min_row=4, values_only=True) if r[0]}
    total = dict(zip(SUMMARY_HEADERS, rows["合计"], strict=False))
    assert total["交叉任职覆盖小区数"] == cover["numerator"]
    assert total["交叉任职覆盖率"] == pytest.approx(cover["numerator"] / cover["denominator"])
    assert (total["今年签订服务合同数"], total["其中公开招标"]) == (
        tender["denominator"], tender["numerator"])  # fmt: skip
    assert total["红色物业示范项目"] == stats["demonstration_projects"]
    rows = {r[0]: r for r in books["subordinates"].iter_rows(min_row=4, values_only=True) if r[0]}
    total = dict(zip(HEADERS, rows["合计"], strict=False))
    assert total["交叉任职覆盖率"] == pytest.approx(cover["numerator"] / cover["denominator"])
