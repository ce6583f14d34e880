"""Shared data that travels down (issue 16 item 1): a district changes its code tables; they
reach a community through its street by packages alone and the community's due dates and
complaint limits follow them; a crafted table is refused with nothing changed; a dry run
changes nothing; an office below reporting with an older table is told the next 下发 updates
it, and a program of another version is told to upgrade."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app import code_tables
from app.cli import cli
from app.db import open_database
from app.ids import new_uuid
from app.packages import keys
from app.packages.export import seal
from app.packages.importer import Checked, check_package
from app.rules.complaint_sla import complaint_sla
from app.rules.submissions import deadline, parse_period
from app.services.holidays import work_calendar
from tests.app.test_cli_downward import COMMUNITY_1, DISTRICT, STREET, Town, run

pytestmark = pytest.mark.slow


@pytest.fixture
def town(tmp_path: Path) -> Town:
    folder = tmp_path / "城市"
    run("demo-city", "--seed", "3", "--districts", "1", "--streets", "1", "--communities", "2",
        "--estates", "1", "--today", "2026-11-25", "--out", str(folder))  # fmt: skip
    town = Town(folder)
    town.up(COMMUNITY_1, STREET)  # the offices above learn the offices below
    town.up(STREET, DISTRICT)
    return town


def set_table(town: Town, code: str, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    table = json.loads(town.wuye(code, "codes", "show", name).output)
    change(table)
    path = town.folder / f"{code}-{name}.json"
    path.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    town.wuye(code, "codes", "set", name, str(path))


def district_changes_its_tables(town: Town) -> None:
    set_table(town, DISTRICT, "report_due",
              lambda t: t["monthly"].update(workday_of_next_month=8))  # fmt: skip
    set_table(town, DISTRICT, "complaint_sla", lambda t: t.update(closing_days=7))


def sources(town: Town, code: str) -> dict[str, str]:
    listed = json.loads(town.wuye(code, "codes", "list", "--json").output)
    return {t["name"]: t["source"] for t in listed}


def code_table_rows(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT * FROM code_table ORDER BY name").fetchall()


def test_code_tables_reach_a_community_through_its_street(town: Town) -> None:
    district_changes_its_tables(town)
    assert sources(town, DISTRICT)["report_due"] == "本单位修改"
    out = town.down(DISTRICT, STREET)
    assert "已按上级单位下发的代码表更新：投诉办理时限、报表报送期限" in out
    out = town.down(STREET, COMMUNITY_1)  # relayed by the street
    assert "投诉办理时限" in out
    assert sources(town, COMMUNITY_1) == {
        "divisions": "程序自带", "report_due": "上级下发",
        "complaint_sla": "上级下发", "credit_rules": "程序自带",
    }  # fmt: skip

    db = open_database(town.dbs[COMMUNITY_1])
    try:
        with db.reader() as s:  # the 8th working day of December 2026, not the 5th
            assert deadline(parse_period("2026-11"), work_calendar(s)) == date(2026, 12, 10)
        assert complaint_sla().closing_days == 7
    finally:
        db.close()
    assert complaint_sla().closing_days == 15  # closed: the shipped file again
    db = open_database(town.dbs[DISTRICT])  # the district itself follows its own table
    try:
        assert code_tables.content("report_due")["monthly"]["workday_of_next_month"] == 8
    finally:
        db.close()

    # below, the table is the superior's: no local edit
    table = town.folder / "sla.json"
    table.write_text(json.dumps(code_tables.shipped("complaint_sla")), encoding="utf-8")
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[COMMUNITY_1]), "codes", "set",
                                    "complaint_sla", str(table)])  # fmt: skip
    assert done.exit_code == 1 and "上级单位" in done.output and "不能修改" in done.output


def test_a_dry_run_takes_over_no_table_and_no_template(town: Town, tmp_path: Path) -> None:
    district_changes_its_tables(town)
    publish_district_template(town, tmp_path)
    folder = town.folder / "down"
    folder.mkdir()
    town.wuye(DISTRICT, "package", "export", "--down", "all", "-o", str(folder))
    (package,) = folder.glob(f"{STREET}-*.wypkg")
    before = code_table_rows(town.dbs[STREET])
    out = town.wuye(STREET, "package", "import", "--dry-run", str(package)).output
    assert "报表报送期限" in out and "消防通道整治通知" in out
    assert code_table_rows(town.dbs[STREET]) == before == []
    assert template_rows(town.dbs[STREET]) == []


def reseal_down(town: Town, package: Path, sender: str, receiver: str,
                change: Callable[[dict[str, Any]], None]) -> Path:  # fmt: skip
    """The package `sender` wrote for `receiver`, its manifest changed and signed again with
    the sender's real key: only the content check can refuse it."""
    db = open_database(town.dbs[receiver])
    try:
        checked = check_package(db, package)
        assert isinstance(checked, Checked)
        plain = checked.payload_file.read_bytes()
        manifest = {k: v for k, v in checked.manifest.items() if k != "payload"}
        with db.reader() as s:
            public = keys.current_key(s, receiver, "enc")
            assert public is not None
    finally:
        db.close()
    db = open_database(town.dbs[sender])
    try:
        with db.reader() as s:
            _, sign_key = keys.own_signing_key(s, db.path, sender)
    finally:
        db.close()
    change(manifest)
    manifest["package_id"] = new_uuid()
    out = package.with_name("forged.wypkg")
    seal(out, manifest, plain, sign_key, [public.public_key])
    return out


def test_a_crafted_table_is_refused_and_nothing_changes(town: Town) -> None:
    district_changes_its_tables(town)
    folder = town.folder / "down"
    folder.mkdir()
    town.wuye(DISTRICT, "package", "export", "--down", "all", "-o", str(folder))
    (package,) = folder.glob(f"{STREET}-*.wypkg")

    def crafted(manifest: dict[str, Any]) -> None:
        entry = manifest["code_tables"]["complaint_sla"]
        entry["content"]["closing_days"] = "立即"
        entry["version"] = code_tables.version_of(entry["content"])

    forged = reseal_down(town, package, DISTRICT, STREET, crafted)
    before = code_table_rows(town.dbs[STREET])
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[STREET]), "package", "import",
                                    str(forged)])  # fmt: skip
    assert done.exit_code == 1, done.output
    assert "“投诉办理时限”代码表格式不对" in done.output and "Traceback" not in done.output
    assert code_table_rows(town.dbs[STREET]) == before

    def mismatched(manifest: dict[str, Any]) -> None:  # content changed, version left
        manifest["code_tables"]["report_due"]["content"]["monthly"]["workday_of_next_month"] = 1

    forged = reseal_down(town, package, DISTRICT, STREET, mismatched)
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[STREET]), "package", "import",
                                    str(forged)])  # fmt: skip
    assert done.exit_code == 1 and "“报表报送期限”代码表格式不对" in done.output
    assert code_table_rows(town.dbs[STREET]) == before


def test_an_older_table_below_is_named_in_the_upward_report(town: Town) -> None:
    district_changes_its_tables(town)
    town.wuye(STREET, "task", "add", "--title", "上报材料", "--to", "某单位",
              "--issued", "2026-11-25")  # fmt: skip
    out = town.up(STREET, DISTRICT)
    assert "发送方的“报表报送期限”代码表比本单位现行的旧：下一次下发的数据包会更新它" in out
    assert "升级" not in out
    town.down(DISTRICT, STREET)
    town.wuye(STREET, "task", "add", "--title", "再次上报", "--to", "某单位",
              "--issued", "2026-11-26")  # fmt: skip
    assert "代码表" not in town.up(STREET, DISTRICT)


def test_a_program_of_another_version_is_told_to_upgrade() -> None:
    from app.packages.shared_down import version_warnings
    from app.packages.tables import code_table_versions, code_tables_version

    ours = code_table_versions()
    manifest = {"code_tables_version": code_tables_version(),
                "code_table_versions": {**ours, "enums": "0" * 16}}  # fmt: skip
    assert version_warnings(manifest, "up") == [
        "发送方的程序版本与本程序不同（代码表不一致），请双方升级到同一版本"
    ]
    assert version_warnings({"code_tables_version": "old"}, "up") == [
        "发送方的代码表版本与本程序不同，请双方升级到同一版本"
    ]


# --- notice templates the district publishes -----------------------------------------------

DISTRICT_TEMPLATE = """标题: 关于${estate}开展消防通道专项整治的通知
类型: 通知
说明: 区住建局下发：消防通道专项整治
主送: ${estate}物业服务企业
字段: estate=小区名称, deadline=整改期限
---
请于${deadline}前完成${estate}消防通道的清理整治，并报送整改情况。
"""


def publish_district_template(town: Town, tmp_path: Path) -> Path:
    """The district writes its own template and publishes it; the file is then removed, as
    the offices below work on other PCs (the tests share one user folder)."""
    from app.paths import user_data_dir

    folder = user_data_dir() / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    own = folder / "消防通道整治通知.txt"
    own.write_text(DISTRICT_TEMPLATE, encoding="utf-8")
    assert "已下发模板" in town.wuye(DISTRICT, "template", "publish", "消防通道整治通知").output
    own.unlink()
    return own


def test_a_published_template_reaches_a_community_and_prints(town: Town, tmp_path: Path) -> None:
    publish_district_template(town, tmp_path)
    assert "通知模板更新：消防通道整治通知" in town.down(DISTRICT, STREET)
    assert "通知模板更新：消防通道整治通知" in town.down(STREET, COMMUNITY_1)  # relayed

    listed = json.loads(town.wuye(COMMUNITY_1, "templates", "--json").output)
    (sent,) = [t for t in listed if t["name"] == "消防通道整治通知"]
    assert sent["published_by"] == "杜集区" and not sent["user"] and sent["published_at"]
    text = town.wuye(COMMUNITY_1, "templates").output
    assert "消防通道整治通知（上级下发：杜集区" in text
    mine = json.loads(town.wuye(COMMUNITY_1, "template", "list", "--json").output)
    assert [(t["name"], t["source"]) for t in mine] == [("消防通道整治通知", "上级下发")]

    pdf = tmp_path / "整治通知.pdf"
    town.wuye(COMMUNITY_1, "print", "notice", "消防通道整治通知", "--field", "estate=相山花园",
              "--field", "deadline=2026-12-20", "-o", str(pdf))  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF")

    # read-only below: it cannot be withdrawn or republished under its name there
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[COMMUNITY_1]), "template",
                                    "unpublish", "消防通道整治通知"])  # fmt: skip
    assert done.exit_code == 1 and "不能撤回" in done.output

    # withdrawn at the district: gone below with the next packages
    town.wuye(DISTRICT, "template", "unpublish", "消防通道整治通知")
    town.down(DISTRICT, STREET)
    town.down(STREET, COMMUNITY_1)
    names = [t["name"] for t in json.loads(town.wuye(COMMUNITY_1, "templates", "--json").output)]
    assert "消防通道整治通知" not in names


def template_rows(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as con:
        return con.execute("SELECT * FROM published_template").fetchall()


def test_a_bad_template_in_a_down_package_is_refused(town: Town, tmp_path: Path) -> None:
    publish_district_template(town, tmp_path)
    folder = town.folder / "down"
    folder.mkdir()
    town.wuye(DISTRICT, "package", "export", "--down", "all", "-o", str(folder))
    (package,) = folder.glob(f"{STREET}-*.wypkg")

    def broken(manifest: dict[str, Any]) -> None:  # a field used but never declared
        manifest["templates"][0]["text"] += "联系人：${contact}\n"

    forged = reseal_down(town, package, DISTRICT, STREET, broken)
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[STREET]), "package", "import",
                                    str(forged)])  # fmt: skip
    assert done.exit_code == 1, done.output
    assert "通知模板“消防通道整治通知”有错误" in done.output and "Traceback" not in done.output
    assert template_rows(town.dbs[STREET]) == []
    assert code_table_rows(town.dbs[STREET]) == []
