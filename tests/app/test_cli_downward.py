"""Packages downward from the command line on a demo city (issue 16): a district's 督办 and
通报 reach a community through its street by hand-carried files alone, the community's answer
comes back up through the street, and the district sees it answered on time, then done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli import cli

DISTRICT, STREET = "340602000000", "340602001000"
COMMUNITY_1, COMMUNITY_2 = "340602001001", "340602001002"

pytestmark = pytest.mark.slow


def run(*args: str) -> Result:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done


class Town:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.dbs = {o["code"]: folder / o["db"] for o in json.loads(
            (folder / "offices.json").read_text(encoding="utf-8"))}  # fmt: skip
        self.count = 0

    def wuye(self, code: str, *args: str) -> Result:
        return run("--db", str(self.dbs[code]), *args)

    def carry(self, sender: str, receiver: str, package: Path) -> str:
        """Import at the receiver, carry its receipt back to the sender; the import's output."""
        done = self.wuye(receiver, "package", "import", str(package))
        receipt = package.with_name(package.stem + ".receipt.json")
        self.wuye(sender, "package", "import", str(receipt))
        return done.output

    def up(self, sender: str, receiver: str) -> str:
        self.count += 1
        package = self.folder / f"up-{sender}-{self.count}.wypkg"
        self.wuye(sender, "package", "export", "-o", str(package))
        return self.carry(sender, receiver, package)

    def down(self, sender: str, receiver: str) -> str:
        self.count += 1
        folder = self.folder / f"down-{sender}-{self.count}"
        folder.mkdir()
        self.wuye(sender, "package", "export", "--down", "all", "-o", str(folder))
        (package,) = folder.glob(f"{receiver}-*.wypkg")
        return self.carry(sender, receiver, package)


@pytest.fixture
def town(tmp_path: Path) -> Town:
    folder = tmp_path / "城市"
    run("demo-city", "--seed", "3", "--districts", "1", "--streets", "1", "--communities", "2",
        "--estates", "1", "--today", "2026-11-25", "--out", str(folder))  # fmt: skip
    town = Town(folder)
    for community in (COMMUNITY_1, COMMUNITY_2):  # the district learns the offices below
        town.up(community, STREET)
    town.up(STREET, DISTRICT)
    return town


def test_a_district_task_and_circular_go_down_and_the_answer_comes_back(town: Town) -> None:
    task = town.wuye(DISTRICT, "task", "add", "--title", "整改消防通道堵塞", "--to-office",
                     COMMUNITY_1, "--issued", "2026-11-25").output.strip()  # fmt: skip
    town.wuye(DISTRICT, "circular", "add", "--kind", "批评", "--title",
              "关于消防通道堵塞的通报", "--facts", "消防通道长期堵塞", "--office", COMMUNITY_2,
              "--issued", "2026-11-25")  # fmt: skip

    assert "上级下发" in town.down(DISTRICT, STREET)
    assert "上级下发" in town.down(STREET, COMMUNITY_1)
    town.down(STREET, COMMUNITY_2)
    for community in (COMMUNITY_1, COMMUNITY_2):
        circulars = json.loads(town.wuye(community, "circular", "list", "--json").output)
        assert [c["title"] for c in circulars] == ["关于消防通道堵塞的通报"]
    incoming = json.loads(town.wuye(COMMUNITY_1, "task", "list", "--incoming", "--json").output)
    assert [t["id"] for t in incoming] == [task]
    none = json.loads(town.wuye(COMMUNITY_2, "task", "list", "--incoming", "--json").output)
    assert none == []

    town.wuye(COMMUNITY_1, "task", "answer", task, "--on", "2026-11-27", "--result",
              "已清理通道并设置禁停标识")  # fmt: skip
    assert "下级报送" in town.up(COMMUNITY_1, STREET)
    town.up(STREET, DISTRICT)
    issued = json.loads(town.wuye(DISTRICT, "task", "list", "--issued", "--json").output)
    assert issued[0]["answer_state"] == "answered" and issued[0]["answer_on_time"] is True

    town.wuye(DISTRICT, "task", "review", task, "--accept", "--on", "2026-11-28")
    issued = json.loads(town.wuye(DISTRICT, "task", "list", "--issued", "--json").output)
    assert issued[0]["answer_state"] == "accepted" and issued[0]["status"] != "open"
    town.down(DISTRICT, STREET)
    town.down(STREET, COMMUNITY_1)
    incoming = json.loads(town.wuye(COMMUNITY_1, "task", "list", "--incoming", "--json").output)
    assert incoming[0]["answer_state"] == "accepted"
    assert incoming[0]["status"] == issued[0]["status"]


def test_the_community_cannot_change_the_districts_task(town: Town) -> None:
    task = town.wuye(DISTRICT, "task", "add", "--title", "整改消防通道堵塞", "--to-office",
                     COMMUNITY_1, "--issued", "2026-11-25").output.strip()  # fmt: skip
    town.down(DISTRICT, STREET)
    town.down(STREET, COMMUNITY_1)
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[COMMUNITY_1]), "task", "done", task,
                                    "--on", "2026-11-26"])  # fmt: skip
    assert done.exit_code == 1 and "只能由该单位修改" in done.output


def test_export_down_to_an_office_not_below_is_refused(town: Town) -> None:
    out = town.folder / "x.wypkg"
    done = CliRunner().invoke(cli, ["--db", str(town.dbs[STREET]), "package", "export",
                                    "--down", DISTRICT, "-o", str(out)])  # fmt: skip
    assert done.exit_code == 1 and "直接下级" in done.output and not out.exists()
