"""The city aggregate on PostgreSQL from the command line: `wuye --db postgresql://… init`,
onboarding of a district, `package import` and `stats`, whose figures equal the sum of the
communities' own figures; an unreachable server is one Chinese line, not a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from app.cli import cli
from app.db.server import anchor
from app.services.demo_city import bottom_up
from tests.app.packages.conftest import CITY, DISTRICT, City
from tests.conftest import TODAY


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ok(*args: str) -> Result:
    done = run(*args)
    assert done.exit_code == 0, done.output
    return done


def stats(target: Path | str) -> dict:  # type: ignore[type-arg]
    return json.loads(ok("--db", str(target), "stats", "--json", "--today", str(TODAY)).output)


def test_init_on_postgresql_keeps_the_keys_under_the_databases_anchor(
    pg_url: Callable[[], str],
) -> None:
    url = pg_url()
    done = ok("--db", url, "init", "--code", CITY, "--name", "淮北市", "--level", "city")
    assert "已初始化：淮北市" in done.output
    keys = anchor(url).parent / "keys" / CITY
    assert len(list(keys.glob("*.pem"))) == 2
    assert stats(url)["office"]["code"] == CITY


def test_an_unreachable_server_is_one_chinese_line(pg_url: Callable[[], str]) -> None:
    url = pg_url().rsplit("/", 1)[0]
    port = url.rsplit(":", 1)[1]
    gone = url.replace(f":{port}", ":1") + "/wuye"
    done = run("--db", gone.replace("wuye@", "wuye:secret@"), "stats")
    assert done.exit_code == 1
    assert "无法连接数据库 postgresql+psycopg://wuye:***@127.0.0.1:1/wuye" in done.output
    assert "secret" not in done.output and "Traceback" not in done.output


def test_a_url_without_a_database_name_is_refused(pg_url: Callable[[], str]) -> None:
    done = run("--db", "postgresql://wuye@127.0.0.1:5432", "stats")
    assert done.exit_code == 1 and "没有写库名" in done.output


def test_a_database_of_another_program_is_not_touched(pg_url: Callable[[], str]) -> None:
    import psycopg

    url = pg_url()
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        con.execute("DROP TABLE alembic_version")
    done = run("--db", url, "stats")
    assert done.exit_code == 1 and "不是本程序的数据库" in done.output


def test_a_database_of_a_newer_program_is_refused_unchanged(pg_url: Callable[[], str]) -> None:
    import psycopg

    url = pg_url()
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    done = run("--db", url, "stats")
    assert done.exit_code == 1 and "由更新版本的程序创建（版本 9999）" in done.output
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)


def test_a_postgresql_city_holds_the_sum_of_its_communities(
    city: City, pg_url: Callable[[], str], tmp_path: Path
) -> None:
    url = pg_url()
    ok("--db", url, "init", "--code", CITY, "--name", "淮北市", "--level", "city")
    district = city.offices[DISTRICT]
    city.close()
    first, reply = tmp_path / "入网.json", tmp_path / "入网回复.json"
    ok("--db", url, "onboarding", "export", "--code", DISTRICT, "--name", district.name,
       "-o", str(first))  # fmt: skip
    ok("--db", str(city.path(DISTRICT)), "onboarding", "import", str(first))
    ok("--db", str(city.path(DISTRICT)), "onboarding", "reply", "-o", str(reply))
    ok("--db", url, "onboarding", "import", str(reply))

    for office in bottom_up(list(city.offices.values())):  # communities, then streets
        if office.level in ("community", "street"):
            city.send_up(office.code)
    city.close()
    package = tmp_path / "district.wypkg"
    ok("--db", str(city.path(DISTRICT)), "package", "export", "-o", str(package))
    [report] = json.loads(ok("--db", url, "package", "import", str(package), "--json").output)
    assert report["totals"]["inserted"] > 100 and report["totals"]["rejected"] == 0
    [again] = json.loads(ok("--db", url, "package", "import", str(package), "--json").output)
    assert again["already_imported"]

    top = stats(url)
    below = [stats(city.path(o.code)) for o in city.offices.values() if o.level == "community"]
    assert top["estates"] == sum(s["estates"] for s in below) > 0
    for key in ("formation", "formation_with_pmc", "party_overall"):
        for part in ("numerator", "denominator"):
            assert top[key][part] == sum(s[key][part] for s in below), (key, part)
    for kind in top["by_management_type"]:
        assert top["by_management_type"][kind] == sum(s["by_management_type"][kind] for s in below)
    for key in ("expiring", "expired"):
        assert len(top[key]) == sum(len(s[key]) for s in below)


def test_commands_for_a_file_refuse_a_server_database_in_one_line(
    pg_url: Callable[[], str], tmp_path: Path
) -> None:
    url = pg_url()
    ok("--db", url, "init", "--code", CITY, "--name", "淮北市", "--level", "city")
    for args in (["check"], ["package", "export", "-o", str(tmp_path / "x.wypkg")], ["gui"]):
        done = run("--db", url, *args)
        assert done.exit_code == 1 and "只用于 SQLite 数据库文件" in done.output, args
    assert not (tmp_path / "x.wypkg").exists()
