"""`wuye package status|conflicts|resolve|pending|pending-drop` over the small demo city."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result

from app.cli import cli
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City, dump
from tests.app.services.sync_fixtures import clash_at_the_street, orphans_at_the_street


def run(city: City, code: str, *args: str) -> Result:
    city.close()  # the command opens the file itself, as a separate process would
    return CliRunner().invoke(cli, ["--db", str(city.path(code)), "package", *args])


def test_status_names_each_subordinates_last_package(city: City) -> None:
    report = city.send_up(COMMUNITY_1)
    done = run(city, STREET_1, "status", "--json")
    assert done.exit_code == 0, done.output
    subordinates = {s["code"]: s for s in json.loads(done.output)["subordinates"]}
    assert subordinates[COMMUNITY_1]["last"]["package_id"] == report.package_id
    text = run(city, COMMUNITY_1, "status")
    assert "已接收" in text.output and report.package_id in text.output


def test_a_conflict_is_listed_and_kept_as_it_stands(city: City) -> None:
    clash_at_the_street(city)
    listed = json.loads(run(city, STREET_1, "conflicts", "--json").output)
    assert [c["table"] for c in listed] == ["estate"]
    conflict_id = str(listed[0]["id"])
    before = dump(city.path(STREET_1))
    refused = run(city, STREET_1, "resolve", conflict_id, "--keep", "incoming")
    assert refused.exit_code == 1 and "只有该单位能修改它" in refused.output
    assert dump(city.path(STREET_1)) == before
    kept = run(city, STREET_1, "resolve", conflict_id, "--keep", "current")
    assert kept.exit_code == 0 and "保留当前" in kept.output
    assert "没有待处理的冲突" in run(city, STREET_1, "conflicts").output
    assert "已处理" in run(city, STREET_1, "conflicts", "--all").output


def test_a_pending_row_is_dropped_only_with_a_reason(city: City) -> None:
    orphans_at_the_street(city)
    listed = json.loads(run(city, STREET_1, "pending", "--json").output)
    pending_id = str(listed[0]["id"])
    assert run(city, STREET_1, "pending-drop", pending_id).exit_code == 2
    assert run(city, STREET_1, "pending-drop", pending_id, "--reason", " ").exit_code == 1
    dropped = run(city, STREET_1, "pending-drop", pending_id, "--reason", "小区已撤销")
    assert dropped.exit_code == 0, dropped.output
    assert len(json.loads(run(city, STREET_1, "pending", "--json").output)) == len(listed) - 1
