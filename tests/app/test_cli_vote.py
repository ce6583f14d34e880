"""`wuye vote` and the `unit` import as scripts use them: exact JSON keys, exit codes, and
nothing changed on bad input (issue 15)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from app.cli import cli
from tests.app.services.voting_fixtures import worked_register

HEADERS = [
    "小区名称",
    "楼栋",
    "房号",
    "专有部分面积（㎡）",
    "面积来源",
    "业主",
    "证件号码",
    "联系电话",
    "开发建设单位未售",
]


def wuye(path: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", str(path), *args])


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as con:
        return con.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


@pytest.fixture
def voting_db(db) -> Path:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        worked_register(s)
    db.close()
    return db.path


def test_a_whole_vote_from_the_cli(voting_db: Path) -> None:
    made = wuye(
        voting_db,
        "vote",
        "new",
        "--estate",
        "表决花园",
        "--title",
        "续聘物业",
        "--kind",
        "ordinary",
        "--building",
        "1号楼",
    )
    assert made.exit_code == 0, made.output
    matter = made.output.strip()
    votes = dict.fromkeys(["101", "102", "201", "202", "301", "302", "303"], "同意")
    votes |= {"203": "反对", "401": "反对", "402": "弃权"}
    for room, choice in votes.items():
        result = wuye(
            voting_db,
            "vote",
            "ballot",
            matter,
            "--building",
            "1号楼",
            "--room",
            room,
            "--choice",
            choice,
        )
        assert result.exit_code == 0, result.output
    result = wuye(voting_db, "vote", "tally", matter, "--json")
    counted = json.loads(result.output)
    assert counted.pop("rules_notes")  # how the heads were counted, in Chinese sentences
    assert counted == {
        "total": {"persons": 9, "area": "1200.00"},
        "participating": {"persons": 7, "area": "1000.00"},
        "yes": {"persons": 4, "area": "695.00"},
        "no": {"persons": 2, "area": "205.00"},
        "abstain": {"persons": 1, "area": "100.00"},
        "void": {"persons": 0, "area": "0.00"},
        "quorum": True,
        "passed": True,
        "rule": "ordinary",
    }
    listed = json.loads(wuye(voting_db, "vote", "list", "--json").output)
    assert listed[0]["id"] == matter and listed[0]["ballots"] == 10
    assert "议题1" in wuye(voting_db, "vote", "tally", matter).output


@pytest.mark.parametrize(
    ("room", "building", "message"),
    [
        ("999", "1号楼", "房屋名册中没有 1号楼-999"),
        ("101", "2号楼", "不在本次表决范围内"),
        ("101", "1号楼", "已投票"),
    ],
)
def test_bad_ballots_exit_1_with_one_line_and_change_nothing(
    voting_db: Path, room: str, building: str, message: str
) -> None:
    matter = wuye(
        voting_db, "vote", "new", "--estate", "表决花园", "--title", "T", "--building", "1号楼"
    ).output.strip()
    wuye(
        voting_db,
        "vote",
        "ballot",
        matter,
        "--building",
        "1号楼",
        "--room",
        "101",
        "--choice",
        "同意",
    )
    before = count(voting_db, "ballot")
    result = wuye(
        voting_db,
        "vote",
        "ballot",
        matter,
        "--building",
        building,
        "--room",
        room,
        "--choice",
        "反对",
    )
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert count(voting_db, "ballot") == before


def test_a_ballot_after_closing_is_refused(voting_db: Path) -> None:
    matter = wuye(
        voting_db, "vote", "new", "--estate", "表决花园", "--title", "T", "--opens", "2026-12-20"
    ).output.strip()
    for status in ("已公告", "表决中", "初步结果公示"):
        assert (
            wuye(voting_db, "vote", "move", matter, status, "--today", "2026-12-01").exit_code == 0
        )
    result = wuye(
        voting_db,
        "vote",
        "ballot",
        matter,
        "--building",
        "1号楼",
        "--room",
        "101",
        "--choice",
        "同意",
    )
    assert result.exit_code == 1 and "不再接收选票" in result.output
    assert count(voting_db, "ballot") == 0


def register(path: Path, *rows: list) -> Path:  # type: ignore[type-arg]
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_unit_register_imports_co_owners_and_creates_a_missing_building(
    voting_db: Path, tmp_path: Path
) -> None:
    sheet = register(
        tmp_path / "u.xlsx",
        [
            "表决花园",
            "9号楼",
            "101",
            "88.50",
            "测绘",
            "王五",
            "340603198001010013",
            "13800000000",
            "否",
        ],
        ["表决花园", "9号楼", "101", "88.50", "测绘", "赵六", "", "", "否"],
        ["表决花园", "9号楼", "102", "90", "", "", "", "", "是"],
    )
    before = count(voting_db, "unit_owner")
    result = wuye(voting_db, "import-xlsx", "unit", str(sheet))
    assert result.exit_code == 0, result.output
    assert "9号楼" in result.output
    assert count(voting_db, "unit_owner") == before + 2


def test_a_register_sheet_with_one_bad_id_is_refused_whole(voting_db: Path, tmp_path: Path) -> None:
    sheet = register(
        tmp_path / "u.xlsx",
        ["表决花园", "9号楼", "101", "88.50", "测绘", "王五", "340603198001010013", "", "否"],
        ["表决花园", "9号楼", "102", "88.50", "测绘", "赵六", "340603198001010010", "", "否"],
    )
    units = count(voting_db, "housing_unit")
    result = wuye(voting_db, "import-xlsx", "unit", str(sheet))
    assert result.exit_code == 1 and "第3行" in result.output and "校验码" in result.output
    assert count(voting_db, "housing_unit") == units
    assert count(voting_db, "building") == 2


def test_the_unit_template_has_the_issues_headers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    assert CliRunner().invoke(cli, ["xlsx-template", "unit", str(out)]).exit_code == 0
    assert [c.value for c in load_workbook(out).worksheets[0][1]] == HEADERS


def test_the_three_documents_print_with_both_dimensions_and_the_base(
    voting_db: Path, tmp_path: Path
) -> None:
    import subprocess

    made = wuye(voting_db, "vote", "new", "--estate", "表决花园", "--title", "续聘物业",
                "--building", "1号楼", "--opens", "2026-12-20",
                "--closes", "2027-01-10")  # fmt: skip
    matter = made.output.strip()
    wuye(
        voting_db,
        "vote",
        "ballot",
        matter,
        "--building",
        "1号楼",
        "--room",
        "101",
        "--choice",
        "同意",
    )
    texts = {}
    for document in ("notice", "ballots", "result", "proxy"):
        out = tmp_path / f"{document}.pdf"
        result = wuye(voting_db, "vote", "print", document, matter, "-o", str(out))
        assert result.exit_code == 0, result.output
        texts[document] = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True
        ).stdout
    assert "1200.00" in texts["notice"] and "三分之二" in texts["notice"]
    assert texts["proxy"].count("授权委托书") == 12
    assert texts["ballots"].count("表决票编号") == 12  # one a unit of 1号楼, no parking space
    result_text = "".join(texts["result"].split())
    assert "同意1人/100.00" in result_text and "基数" in result_text
    assert "人数上按弃权计算" in result_text and "车位不计入表决基数" in result_text
    assert "340603" not in "".join(texts.values())  # no ID number on paper


def test_online_ballots_join_the_paper_ones_and_a_unit_cannot_vote_twice(
    voting_db: Path, tmp_path: Path
) -> None:
    made = wuye(
        voting_db, "vote", "new", "--estate", "表决花园", "--title", "T", "--building", "1号楼"
    )
    matter = made.output.strip()
    wuye(
        voting_db,
        "vote",
        "ballot",
        matter,
        "--building",
        "1号楼",
        "--room",
        "101",
        "--choice",
        "同意",
    )
    book = Workbook()
    book.active.append(["线上表决平台导出"])
    book.active.append(["楼栋", "房号", "表决意见", "投票编号"])
    book.active.append(["1号楼", "202", "同意", "W001"])
    book.save(tmp_path / "online.xlsx")
    result = wuye(voting_db, "vote", "import", matter, str(tmp_path / "online.xlsx"))
    assert result.exit_code == 0 and "1 张" in result.output
    tally = json.loads(wuye(voting_db, "vote", "tally", matter, "--json").output)
    assert tally["participating"] == {"persons": 2, "area": "195.00"}
    book.active.append(["1号楼", "101", "反对", "W002"])
    book.save(tmp_path / "again.xlsx")
    result = wuye(voting_db, "vote", "import", matter, str(tmp_path / "again.xlsx"))
    assert result.exit_code == 1 and "已投票" in result.output
    assert count(voting_db, "ballot") == 2


def test_double_entry_lists_the_differences_and_writes_nothing(
    voting_db: Path, tmp_path: Path
) -> None:
    made = wuye(
        voting_db, "vote", "new", "--estate", "表决花园", "--title", "T", "--building", "1号楼"
    )
    matter = made.output.strip()
    for room in ("101", "202"):
        wuye(
            voting_db,
            "vote",
            "ballot",
            matter,
            "--building",
            "1号楼",
            "--room",
            room,
            "--choice",
            "同意",
        )
    book = Workbook()
    book.active.append(["楼栋", "房号", "表决意见"])
    book.active.append(["1号楼", "101", "同意"])
    book.save(tmp_path / "same.xlsx")
    assert wuye(voting_db, "vote", "compare", matter, str(tmp_path / "same.xlsx")).exit_code == 0
    book.active.append(["1号楼", "202", "反对"])
    book.save(tmp_path / "differs.xlsx")
    result = wuye(voting_db, "vote", "compare", matter, str(tmp_path / "differs.xlsx"))
    assert result.exit_code == 1
    assert "第3行 1号楼-202 议题1：首次录入“同意”，复核录入“反对”" in result.output
    assert count(voting_db, "ballot") == 2


def test_canvassing_is_recorded(voting_db: Path) -> None:
    made = wuye(voting_db, "vote", "new", "--estate", "表决花园", "--title", "T")
    matter = made.output.strip()
    result = wuye(voting_db, "vote", "canvass", matter, "--building", "1号楼", "--room", "203",
                  "--status", "已送达")  # fmt: skip
    assert result.exit_code == 0 and count(voting_db, "vote_canvass") == 1


def test_the_tally_is_exact_where_a_float_ratio_misjudges_two_thirds(db) -> None:  # type: ignore[no-untyped-def]
    from app.services.buildings import BuildingIn, save_building
    from app.services.estates import EstateIn, create_estate
    from app.services.voting_register import OwnerIn, UnitIn, save_unit
    from tests.conftest import COMMUNITY_A, TODAY

    # Summed as float m² the participating share is 0.6666666666666665; exactly ⅔ in 0.01 m².
    with db.sessions.begin() as s:
        estate = create_estate(s, EstateIn(community_code=COMMUNITY_A, name="边界花园",
                                           households=5), today=TODAY)  # fmt: skip
        b, _ = save_building(s, BuildingIn(estate, "1号楼"))
        for room, area, owner in (("101", 19094, "甲"), ("102", 16635, "乙"), ("103", 1571, "丙"),
                                  ("104", 9325, "丁"), ("105", 9325, "丁")):  # fmt: skip
            save_unit(s, UnitIn(b, room, area, owners=[OwnerIn(owner)]), today=TODAY)
    db.close()
    matter = wuye(db.path, "vote", "new", "--estate", "边界花园", "--title", "T").output.strip()
    for room in ("101", "102", "103"):
        wuye(
            db.path,
            "vote",
            "ballot",
            matter,
            "--building",
            "1号楼",
            "--room",
            room,
            "--choice",
            "同意",
        )
    tally = json.loads(wuye(db.path, "vote", "tally", matter, "--json").output)
    assert tally["total"] == {"persons": 4, "area": "559.50"}
    assert tally["participating"] == {"persons": 3, "area": "373.00"}
    assert tally["quorum"] is True and tally["passed"] is True


def _sheet_rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    return list(load_workbook(path).active.iter_rows(min_row=4, values_only=True))


def test_the_register_exports_masked_and_an_unmasked_export_imports_back(
    voting_db: Path, tmp_path: Path
) -> None:
    masked, clear = tmp_path / "名册.xlsx", tmp_path / "名册明文.xlsx"
    result = wuye(voting_db, "export-xlsx", "unit", str(masked))
    assert result.exit_code == 0, result.output
    rows = _sheet_rows(masked)
    assert len(rows) == 15  # 14 units, 201 has two co-owners, the unsold ones a row each
    ids = [r[6] for r in rows if r[6]]
    assert ids and all("*" in str(i) for i in ids)
    assert {r[8] for r in rows if r[2] == "301"} == {"是"}
    assert wuye(voting_db, "export-xlsx", "unit", str(clear), "--unmasked").exit_code == 0
    assert "340603198001010013" in {r[6] for r in _sheet_rows(clear)}
    before = count(voting_db, "unit_owner"), count(voting_db, "housing_unit")
    again = wuye(voting_db, "import-xlsx", "unit", str(clear))
    assert again.exit_code == 0, again.output
    assert (count(voting_db, "unit_owner"), count(voting_db, "housing_unit")) == before
    second = tmp_path / "再导出.xlsx"
    assert wuye(voting_db, "export-xlsx", "unit", str(second), "--unmasked").exit_code == 0
    assert sorted(map(str, _sheet_rows(second))) == sorted(map(str, _sheet_rows(clear)))
    with closing(sqlite3.connect(voting_db)) as con:
        audit = con.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()
    assert audit[0] == 2


def test_candidates_are_vetted_before_an_elections_notice(voting_db: Path) -> None:
    item = "选举甲为业主委员会主任"
    made = wuye(voting_db, "vote", "new", "--estate", "表决花园", "--title", "选举业主委员会",
                "--category", "3", "--item", item, "--opens", "2099-01-01")  # fmt: skip
    assert made.exit_code == 0, made.output
    matter = made.output.strip()
    refused = wuye(voting_db, "vote", "move", matter, "已公告")
    assert refused.exit_code == 1
    assert "候选人“甲”资格审查未全部通过" in refused.output
    assert refused.output.count("\n") == 1
    bad = wuye(
        voting_db, "vote", "vet", matter, "--candidate", "甲", "--check", "nope", "--by", "街道"
    )
    assert bad.exit_code == 1 and "未知的审查项" in bad.output
    stranger = wuye(voting_db, "vote", "vet", matter, "--candidate", "乙", "--all", "--by", "街道")
    assert stranger.exit_code == 1 and "不是本事项议题所列的候选人" in stranger.output
    assert count(voting_db, "vote_candidate_check") == 0
    partly = wuye(voting_db, "vote", "vet", matter, "--candidate", "甲", "--check", "owner",
                  "--fail", "integrity", "--by", "桓谭社区党委")  # fmt: skip
    assert partly.exit_code == 0, partly.output
    assert wuye(voting_db, "vote", "move", matter, "已公告").exit_code == 1
    done = wuye(voting_db, "vote", "vet", matter, "--candidate", "甲", "--all", "--by", "街道")
    assert done.exit_code == 0, done.output
    assert count(voting_db, "vote_candidate_check") == 6
    moved = wuye(voting_db, "vote", "move", matter, "已公告")
    assert moved.exit_code == 0, moved.output


def test_an_owner_whose_units_voted_differently_takes_part_as_abstaining_in_heads(
    voting_db: Path,
) -> None:
    """DOMAIN.md §1 makes A (101 and 102) one person but does not say where the head goes
    when the units disagree: it takes part, counts as abstaining in heads, and each unit's
    area follows its own ballot; the JSON says so under "rules_notes"."""
    made = wuye(voting_db, "vote", "new", "--estate", "表决花园", "--title", "续聘物业",
                "--building", "1号楼")  # fmt: skip
    matter = made.output.strip()
    for room, choice in (("101", "同意"), ("102", "反对")):
        done = wuye(voting_db, "vote", "ballot", matter, "--building", "1号楼", "--room", room,
                    "--choice", choice)  # fmt: skip
        assert done.exit_code == 0, done.output
    result = wuye(voting_db, "vote", "tally", matter, "--json")
    assert result.exit_code == 0, result.output
    counted = json.loads(result.output)
    assert counted["participating"] == {"persons": 1, "area": "200.00"}
    assert counted["yes"] == {"persons": 0, "area": "100.00"}
    assert counted["no"] == {"persons": 0, "area": "100.00"}
    assert counted["abstain"] == {"persons": 1, "area": "0.00"}
    notes = counted["rules_notes"]
    assert isinstance(notes, list) and all(isinstance(n, str) for n in notes)
    assert any("表决意见不一致" in n and "按弃权计算" in n for n in notes)
    assert "车位不计入表决基数。" in notes


def test_a_register_sheet_with_one_bad_area_is_refused_whole(
    voting_db: Path, tmp_path: Path
) -> None:
    sheet = register(
        tmp_path / "u.xlsx",
        ["表决花园", "9号楼", "101", "88.50", "测绘", "王五", "", "", "否"],
        ["表决花园", "9号楼", "102", "0", "测绘", "赵六", "", "", "否"],
        ["表决花园", "9号楼", "103", "90", "测绘", "孙七", "", "", "否"],
    )
    units, owners = count(voting_db, "housing_unit"), count(voting_db, "unit_owner")
    result = wuye(voting_db, "import-xlsx", "unit", str(sheet))
    assert result.exit_code == 1 and "第3行" in result.output and "面积" in result.output
    assert "Traceback" not in result.output
    assert (count(voting_db, "housing_unit"), count(voting_db, "unit_owner")) == (units, owners)
    assert count(voting_db, "building") == 2  # 9号楼 not created either
