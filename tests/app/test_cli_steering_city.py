"""Issue 16 "done when", end to end on a demo city by the command line and hand-carried
package files alone: a district issues 督办 and a 通报, a street a 约谈通知, a daily-report
campaign and the 考核 sheet; each reaches the right communities only; answers, commitments,
reports and self-scores come back up; the issuers see who answered, on time or late, and the
street reviews the scores. Then a community tries to change the street's rows: by CLI (exit
1, one Chinese line, nothing changed) and by forged packages (refused)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.ids import new_uuid
from app.packages import keys
from app.packages.export import seal, table_digest
from app.packages.importer import Checked, check_package
from tests.app.packages.conftest import City, reseal, rows
from tests.app.test_cli_downward import Town, run

DISTRICT = "340602000000"
STREET_1, STREET_2 = "340602001000", "340602002000"
C1, C2 = "340602001001", "340602001002"  # below STREET_1
C3, C4 = "340602002001", "340602002002"  # below STREET_2
COMMUNITIES = (C1, C2, C3, C4)

pytestmark = pytest.mark.slow


def listed(town: Town, code: str, *args: str) -> Any:
    return json.loads(town.wuye(code, *args, "--json").output)


def refused(town: Town, code: str, *args: str) -> str:
    """The command exits 1 with Chinese error lines (an import adds its tally) and the
    office's rows are unchanged (an import first backs the file up, with its audit row)."""
    before = rows(town.dbs[code], with_seq=True)
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[code]), *args])
    assert done.exit_code == 1, done.output
    lines = done.output.strip().splitlines()
    assert "Traceback" not in done.output and all(x.startswith("错误：") for x in lines), lines
    assert rows(town.dbs[code], with_seq=True) == before
    return done.output


def forge_down(town: Town, package: Path, out: Path, change: Any, *, office: str,
               as_itself: bool) -> Path:  # fmt: skip
    """The downward package `office` received, its rows changed by `change` and re-sealed
    with the office's own real key for itself: still claiming to come from the street, or
    (as_itself) honestly from the office but marked downward."""
    from app.db import open_database

    db = open_database(town.dbs[office])
    try:
        checked = check_package(db, package)
        assert isinstance(checked, Checked)
        plain = checked.payload_file.read_bytes()
        manifest = {k: v for k, v in checked.manifest.items() if k != "payload"}
        with db.reader() as s:
            key_id, sign_key = keys.own_signing_key(s, db.path, office)
            public = keys.current_key(s, office, "enc")
            assert public is not None
    finally:
        db.close()
    with closing(sqlite3.connect(":memory:")) as con:
        con.deserialize(plain)
        change(con)
        con.commit()
        for name, info in manifest["tables"].items():
            columns = [c for c, _ in info["columns"]]
            info["sha256"], info["rows"], info["bytes"] = table_digest(con, "main", name, columns)
        plain = con.serialize()
    manifest["package_id"] = new_uuid()
    manifest["receivers"] = [{"code": office, "enc_key_id": public.key_id}]
    if as_itself:
        manifest["sender"] = {**manifest["sender"], "code": office, "sign_key_id": key_id}
    seal(out, manifest, plain, sign_key, [public.public_key])
    return out


@pytest.fixture
def town(tmp_path: Path) -> Town:
    folder = tmp_path / "城市"
    run("demo-city", "--seed", "5", "--districts", "1", "--streets", "2", "--communities", "2",
        "--estates", "1", "--today", "2026-11-25", "--out", str(folder))  # fmt: skip
    town = Town(folder)
    for community in COMMUNITIES:  # the offices above learn the offices below
        town.up(community, community[:9] + "000")
    for street in (STREET_1, STREET_2):
        town.up(street, DISTRICT)
    return town


def everything_down(town: Town) -> None:
    for street in (STREET_1, STREET_2):
        town.down(DISTRICT, street)
    for community in COMMUNITIES:
        town.down(community[:9] + "000", community)


def everything_up(town: Town) -> None:
    for community in (C1, C2, C3):  # C4 has nothing to answer
        town.up(community, community[:9] + "000")
    for street in (STREET_1, STREET_2):
        town.up(street, DISTRICT)


def test_steering_reaches_the_communities_by_packages_and_comes_back(town: Town) -> None:
    # --- issued: the district's 督办 (two communities, one with a tight deadline) and 通报,
    # the street's 约谈通知, daily-report campaign and 考核 sheet.
    on_time = town.wuye(DISTRICT, "task", "add", "--title", "整改消防通道堵塞", "--to-office",
                        C1, "--issued", "2026-11-25").output.strip()  # fmt: skip
    late = town.wuye(DISTRICT, "task", "add", "--title", "清理楼道堆物", "--to-office", C3,
                     "--issued", "2026-11-25", "--deadline",
                     "2026-11-27").output.strip()  # fmt: skip
    town.wuye(DISTRICT, "circular", "add", "--kind", "批评", "--title", "关于消防通道堵塞的通报",
              "--facts", "消防通道长期堵塞", "--office", C4, "--issued", "2026-11-25")  # fmt: skip
    interview = town.wuye(STREET_1, "interview", "add", "--to-office", C2, "--reason",
                          "月报连续迟报", "--at", "2026-11-30 09:30", "--place", "街道三楼会议室",
                          "--notified", "2026-11-25").output.strip()  # fmt: skip
    town.wuye(STREET_1, "campaign", "start", "--kind", "日报", "--from", "2026-11-26", "--to",
              "2026-11-28", "--title", "冬季消防安全每日调度")  # fmt: skip
    town.wuye(STREET_1, "assessment", "sheet", "--year", "2026", "--publish", "--on",
              "2026-11-25")  # fmt: skip
    # the district's own sheet, for its streets, published later: relayed below the streets
    # too, it must not take the place of the street's sheet in a community
    town.wuye(DISTRICT, "assessment", "sheet", "--year", "2026", "--publish", "--on",
              "2026-11-26", "--title", "街道物业管理工作考核")  # fmt: skip

    everything_down(town)

    # --- received: each by the right communities only
    incoming = {c: [t["id"] for t in listed(town, c, "task", "list", "--incoming")]
                for c in COMMUNITIES}  # fmt: skip
    assert incoming == {C1: [on_time], C2: [], C3: [late], C4: []}
    for c in COMMUNITIES:  # a 通报 goes to everything below the district
        titles = [x["title"] for x in listed(town, c, "circular", "list")]
        assert titles == ["关于消防通道堵塞的通报"]
    interviews = {c: [i["id"] for i in listed(town, c, "interview", "list")] for c in COMMUNITIES}
    assert {c: interview in ids for c, ids in interviews.items()} == {
        C1: False, C2: True, C3: False, C4: False}  # fmt: skip
    campaigns = {c: [x["title"] for x in listed(town, c, "campaign", "list")] for c in COMMUNITIES}
    assert campaigns == {C1: ["冬季消防安全每日调度"], C2: ["冬季消防安全每日调度"], C3: [], C4: []}
    issuers = {c: listed(town, c, "assessment", "sheet", "--year", "2026", "--received")
               ["issuer_office"] for c in COMMUNITIES}  # fmt: skip
    assert issuers == {C1: STREET_1, C2: STREET_1, C3: DISTRICT, C4: DISTRICT}
    for street in (STREET_1, STREET_2):
        sheet = listed(town, street, "assessment", "sheet", "--year", "2026", "--received")
        assert (sheet["issuer_office"], sheet["title"]) == (DISTRICT, "街道物业管理工作考核")

    # --- answered below: feedback, a commitment, daily reports, self-scores
    town.wuye(C1, "task", "answer", on_time, "--on", "2026-11-27", "--result", "已清理通道")
    town.wuye(C3, "task", "answer", late, "--on", "2026-11-30", "--result", "已清理楼道")
    town.wuye(C2, "interview", "record", interview, "--commitment", "12月起按时报送月报",
              "--due", "2026-12-31")  # fmt: skip
    for c, at in ((C1, "2026-11-26 17:00"), (C2, "2026-11-27 10:00")):
        town.wuye(c, "submit", "--period", "2026-11-26", "--kind", "日报", "--done",
                  "排查消防通道 3 处", "--problems", "无", "--next", "继续排查",
                  "--at", at)  # fmt: skip
    for c, points in ((C1, "18"), (C2, "15")):
        town.wuye(c, "assessment", "score", "4", "--year", "2026", "--points", points,
                  "--evidence", "问题清单和销号佐证", "--on", "2026-11-30")  # fmt: skip
    town.wuye(STREET_1, "assessment", "score", "4", "--year", "2026", "--points", "19",
              "--on", "2026-11-30")  # fmt: skip

    everything_up(town)

    # --- the issuers see who answered, on time or late
    issued = {t["id"]: t for t in listed(town, DISTRICT, "task", "list", "--issued")}
    answers = {k: (t["answer_state"], t["answer_on_time"]) for k, t in issued.items()}
    assert answers == {on_time: ("answered", True), late: ("answered", False)}
    shown = listed(town, STREET_1, "interview", "show", interview)
    assert [c["text"] for c in shown["commitments"]] == ["12月起按时报送月报"]
    report = listed(town, STREET_1, "completeness", "--period", "2026-11-26", "--kind", "日报",
                    "--today", "2026-11-30")  # fmt: skip
    assert report["received"] == 2, report
    timely = {r["code"]: r["timeliness"] for r in report["communities"]}
    assert (timely[C1], timely[C2]) == ("on_time", "late"), timely
    for c, points in ((C1, "17"), (C2, "15")):
        town.wuye(STREET_1, "assessment", "review", "4", "--year", "2026", "--office", c,
                  "--points", points, "--opinion", "佐证齐全", "--on", "2026-12-01")  # fmt: skip
    ranked = listed(town, STREET_1, "assessment", "rank", "--year", "2026")
    assert [(r["office"], r["self_total"], r["final_total"]) for r in ranked] == [
        (C1, 18.0, 17.0), (C2, 15.0, 15.0)]  # fmt: skip
    town.wuye(DISTRICT, "assessment", "review", "4", "--year", "2026", "--office", STREET_1,
              "--points", "16", "--on", "2026-12-01")  # fmt: skip
    ranked = listed(town, DISTRICT, "assessment", "rank", "--year", "2026")
    assert [(r["office"], r["self_total"], r["final_total"]) for r in ranked] == [
        (STREET_1, 19.0, 16.0)]  # fmt: skip
    town.down(STREET_1, C1)  # the review comes down to the community
    assert "复核 17" in town.wuye(C1, "assessment", "sheet", "--year", "2026", "--received").output

    # --- a community cannot change the street's rows: by CLI ...
    assert "只能由该单位修改" in refused(town, C1, "task", "done", on_time, "--on", "2026-11-28")
    assert "约谈" in refused(town, C2, "interview", "record", interview, "--held", "2026-11-30",
                             "--record", "改写约谈记录")  # fmt: skip

    # ... nor by a forged package: the street's package to C2, rewritten and re-signed by C2
    # as if from the street, fed to C2 itself and to its sibling C1.
    folder = town.folder / "forged"
    folder.mkdir()
    town.wuye(STREET_1, "interview", "record", interview, "--held", "2026-11-30", "--record",
              "说明了原因", "--rectify-by", "2026-12-15")  # fmt: skip
    town.wuye(STREET_1, "package", "export", "--down", C2, "-o", str(folder / "real.wypkg"))

    def soften(con: sqlite3.Connection) -> None:
        con.execute("UPDATE interview SET rectify_by = '2027-06-30', rev = rev + 1")

    claims = {False: "签名不符", True: "本单位自己导出"}
    for as_itself, words in claims.items():
        forged = forge_down(town, folder / "real.wypkg", folder / f"f{as_itself}.wypkg", soften,
                            office=C2, as_itself=as_itself)  # fmt: skip
        assert words in refused(town, C2, "package", "import", str(forged))
    # ... nor by a package up carrying the street's row rewritten, signed by C2 itself
    town.wuye(C2, "interview", "record", interview, "--commitment", "每月5日前报送")
    town.wuye(C2, "package", "export", "-o", str(folder / "up.wypkg"))

    def rewrite(con: sqlite3.Connection) -> None:
        row = con.execute("SELECT * FROM interview_commitment LIMIT 1").fetchone()
        assert row is not None  # the package is C2's commitment; the street's row joins it
        con.execute("ATTACH ? AS c2", (f"file:{town.dbs[C2]}?mode=ro",))
        con.execute("INSERT INTO interview SELECT * FROM c2.interview WHERE uuid = ?",
                    (interview,))  # fmt: skip
        con.execute("UPDATE interview SET reason = '无', rev = rev + 1")

    city = City(town.folder)
    try:
        bad = reseal(city, folder / "up.wypkg", folder / "bad-up.wypkg", rewrite, sender=C2,
                     receiver=STREET_1)  # fmt: skip
    finally:
        city.close()
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[STREET_1]), "package", "import",
                                    str(bad)])  # fmt: skip
    assert done.exit_code == 0 and "interview：拒收 1" in done.output, done.output
    assert "not_owner" in done.output and "interview_commitment：新增 1" in done.output
    assert listed(town, STREET_1, "interview", "show", interview)["reason"] == "月报连续迟报"


def test_demo_city_steering_shows_the_district_answered(tmp_path: Path) -> None:
    folder = tmp_path / "城市"
    done = run("demo-city", "--seed", "4", "--districts", "1", "--streets", "2", "--communities",
               "1", "--estates", "1", "--today", "2026-11-25", "--steering", "--out",
               str(folder))  # fmt: skip
    assert "社区已收到并反馈" in done.output
    town = Town(folder)
    issued = listed(town, DISTRICT, "task", "list", "--issued")
    assert sorted(t["to_office"] for t in issued) == [C1, C3]
    assert {(t["answer_state"], t["answer_on_time"]) for t in issued} == {("answered", True)}
    for c in (C1, C3):
        (task,) = listed(town, c, "task", "list", "--incoming")
        assert task["answer_state"] == "answered"
        titles = [x["title"] for x in listed(town, c, "circular", "list")]
        assert titles == ["关于住宅小区消防通道堵塞问题的通报"]
