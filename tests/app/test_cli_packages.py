"""`wuye keys`, `wuye onboarding`, `wuye package` and `wuye demo-city` from the command line:
the whole hand-carried exchange between a community and its street."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli import cli

STREET = ("340603010000", "曲阳街道", "street")
COMMUNITY = ("340603010001", "桓谭社区", "community")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Path, Path]:
    street, community = tmp_path / "street.sqlite", tmp_path / "community" / "c.sqlite"
    for path, (code, name, level) in ((street, STREET), (community, COMMUNITY)):
        done = run("--db", str(path), "init", "--code", code, "--name", name, "--level", level)
        assert done.exit_code == 0, done.output
    return street, community


def onboard(tmp_path: Path, street: Path, community: Path) -> None:
    first, reply = tmp_path / "入网.json", tmp_path / "入网回复.json"
    steps = [
        ("--db", str(street), "onboarding", "export", "--code", COMMUNITY[0], "--name",
         COMMUNITY[1], "-o", str(first)),
        ("--db", str(community), "onboarding", "import", str(first)),
        ("--db", str(community), "onboarding", "reply", "-o", str(reply)),
        ("--db", str(street), "onboarding", "import", str(reply)),
    ]  # fmt: skip
    for step in steps:
        done = run(*step)
        assert done.exit_code == 0, done.output


def test_init_makes_private_keys_only_the_user_can_read(offices: tuple[Path, Path]) -> None:
    street, _ = offices
    files = sorted((street.parent / "keys" / STREET[0]).glob("*.pem"))
    assert sorted(f.name.split(".")[1] for f in files) == ["enc", "sign"]
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    listed = run("--db", str(street), "keys", "list")
    assert listed.output.count("本单位") == 2


def _keys_in(folder: Path) -> dict[str, bytes]:
    """The private keys of a folder in clear (each file is stored encrypted)."""
    from app.packages import crypto, key_vault

    return {
        f.name: crypto.private_pem(key_vault.open_pem(folder, f.read_bytes()))
        for f in folder.glob("*.pem")
    }


def test_keys_backup_and_restore_need_the_passphrase(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, _ = offices
    secret, wrong = tmp_path / "口令.txt", tmp_path / "错.txt"
    secret.write_text("长长的口令 2026 淮北相山\n", encoding="utf-8")
    wrong.write_text("不是这个口令", encoding="utf-8")
    backup = tmp_path / "keys.json"
    db = ("--db", str(street))
    assert (
        run(*db, "keys", "backup", "-o", str(backup), "--passphrase-file", str(secret)).exit_code
        == 0
    )
    folder = street.parent / "keys" / STREET[0]
    kept = _keys_in(folder)
    assert kept
    for f in folder.iterdir():
        f.unlink()
    refused = run(*db, "keys", "restore", str(backup), "--passphrase-file", str(wrong))
    assert refused.exit_code == 1 and "口令不对" in refused.output
    restored = run(*db, "keys", "restore", str(backup), "--passphrase-file", str(secret))
    assert restored.exit_code == 0, restored.output
    assert _keys_in(folder) == kept  # the same keys, encrypted afresh by this PC's account


def test_a_package_goes_up_and_its_receipt_comes_back(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, community = offices
    onboard(tmp_path, street, community)
    package = tmp_path / "桓谭.wypkg"
    made = run("--db", str(community), "package", "export", "-o", str(package))
    assert made.exit_code == 0 and "增量包" in made.output, made.output

    trial = run("--db", str(street), "package", "import", str(package), "--dry-run", "--json")
    assert json.loads(trial.output)[0]["dry_run"] is True
    done = run("--db", str(street), "package", "import", str(package))
    assert done.exit_code == 0 and "已导入" in done.output and "新增 1" in done.output
    receipt = tmp_path / "桓谭.receipt.json"
    assert receipt.exists()

    trial_back = run("--db", str(community), "package", "import", str(receipt), "--dry-run")
    assert trial_back.exit_code == 0 and "试导入（未写入）" in trial_back.output
    assert "未回执" in run("--db", str(community), "package", "status").output

    back = run("--db", str(community), "package", "import", str(receipt))
    assert back.exit_code == 0 and "已被 曲阳街道（340603010000）接收" in back.output
    again = CliRunner().invoke(
        cli, ["--db", str(community), "package", "export", "-o", str(tmp_path / "2.wypkg")]
    )
    assert again.exit_code == 1 and "没有新的改动" in again.output
    assert not (tmp_path / "2.wypkg").exists()


def test_a_package_at_the_wrong_office_says_where_it_belongs(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, community = offices
    onboard(tmp_path, street, community)
    package = tmp_path / "桓谭.wypkg"
    assert run("--db", str(community), "package", "export", "-o", str(package)).exit_code == 0
    own = CliRunner().invoke(cli, ["--db", str(community), "package", "import", str(package)])
    assert own.exit_code == 1 and "本单位自己导出的数据包" in own.output
    other = tmp_path / "other.sqlite"
    run("--db", str(other), "init", "--code", "340603020000", "--name", "相山街道",
        "--level", "street")  # fmt: skip
    wrong = CliRunner().invoke(cli, ["--db", str(other), "package", "import", str(package)])
    assert (
        wrong.exit_code == 1 and "发给 340603010000 的，不是发给本单位（相山街道）" in wrong.output
    )


def test_export_into_a_missing_folder_is_refused_in_chinese(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, community = offices
    onboard(tmp_path, street, community)
    out = tmp_path / "没有的文件夹" / "x.wypkg"
    done = CliRunner().invoke(cli, ["--db", str(community), "package", "export", "-o", str(out)])
    assert done.exit_code == 1 and "文件夹不存在" in done.output, done.output


def test_the_city_is_told_it_has_no_upper_office(tmp_path: Path) -> None:
    city = tmp_path / "city.sqlite"
    run("--db", str(city), "init", "--code", "340600000000", "--name", "淮北市", "--level", "city")
    done = CliRunner().invoke(
        cli, ["--db", str(city), "package", "export", "-o", str(tmp_path / "x.wypkg")]
    )
    assert done.exit_code == 1 and "没有上级单位" in done.output and "to：" not in done.output


def test_a_refused_package_exits_1_with_its_reason(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, _ = offices
    junk = tmp_path / "坏.wypkg"
    junk.write_bytes(b"not a zip")
    done = CliRunner().invoke(cli, ["--db", str(street), "package", "import", str(junk)])
    assert done.exit_code == 1 and "没有拷贝完整" in done.output


def test_onboarding_a_unit_that_is_not_directly_below_is_refused(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, _ = offices
    done = run("--db", str(street), "onboarding", "export", "--code", "340603020001",
               "--name", "别处社区", "-o", str(tmp_path / "x.json"))  # fmt: skip
    assert done.exit_code == 1 and "不是本单位" in done.output


def test_an_onboarding_file_for_another_community_is_refused(
    offices: tuple[Path, Path], tmp_path: Path
) -> None:
    street, community = offices
    other = tmp_path / "other.json"
    run("--db", str(street), "onboarding", "export", "--code", "340603010002",
        "--name", "南湖社区", "-o", str(other))  # fmt: skip
    done = run("--db", str(community), "onboarding", "import", str(other))
    assert done.exit_code == 1 and "是发给 南湖社区" in done.output


def test_demo_city_writes_one_database_per_office(tmp_path: Path) -> None:
    out = tmp_path / "城市"
    done = run("demo-city", "--seed", "2", "--districts", "1", "--streets", "1", "--communities",
               "2", "--estates", "2", "--today", "2026-11-25", "--out", str(out))  # fmt: skip
    assert done.exit_code == 0, done.output
    offices = json.loads((out / "offices.json").read_text(encoding="utf-8"))
    assert [o["level"] for o in offices] == ["city", "district", "street", "community", "community"]
    assert all((out / o["db"]).exists() for o in offices)
    assert offices[2]["parent_code"] == offices[1]["code"] == "340602000000"


@pytest.mark.parametrize("cut", ["empty", "truncated"], ids=["0-byte", "truncated"])
def test_an_empty_or_truncated_receipt_is_told_as_no_valid_receipt(
    offices: tuple[Path, Path], tmp_path: Path, cut: str
) -> None:
    street, community = offices
    onboard(tmp_path, street, community)
    package = tmp_path / "桓谭.wypkg"
    assert run("--db", str(community), "package", "export", "-o", str(package)).exit_code == 0
    assert run("--db", str(street), "package", "import", str(package)).exit_code == 0
    receipt = tmp_path / "桓谭.receipt.json"
    whole = receipt.read_bytes()
    receipt.write_bytes(b"" if cut == "empty" else whole[: len(whole) // 2])
    status = run("--db", str(community), "package", "status").output
    back = CliRunner().invoke(cli, ["--db", str(community), "package", "import", str(receipt)])
    assert back.exit_code == 1
    assert "不是有效的回执文件" in back.output and "数据包（.wypkg）" not in back.output
    assert back.output.count(receipt.name) == 1  # the file named once, not twice
    assert "Traceback" not in back.output
    assert run("--db", str(community), "package", "status").output == status
