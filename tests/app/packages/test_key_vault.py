"""Private keys at rest (issue 14): encrypted under a passphrase that is not beside them, and
still usable for packages once the passphrase is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from app.cli import cli
from app.db import open_database
from app.errors import InputError
from app.models import AuditEntry
from app.packages import crypto, key_vault
from app.packages.key_vault import PASSPHRASE, PASSPHRASE_ENV, SYSTEM, check_passphrase, protect
from app.packages.keys import backup_keys, keys_dir
from tests.app.packages.conftest import COMMUNITY_1, City

SECRET = "相山区 桓谭社区 2026 口令"


@pytest.fixture
def protected(city: City, monkeypatch: pytest.MonkeyPatch) -> City:
    folder = keys_dir(city.path(COMMUNITY_1), COMMUNITY_1)
    clear = {p.name: p.read_bytes() for p in folder.glob("*.pem")}
    assert protect(folder, PASSPHRASE, SECRET) == 2
    for name, data in clear.items():
        stored = (folder / name).read_bytes()
        assert b"ENCRYPTED PRIVATE KEY" in stored and stored != data
    key_vault.forget()
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    yield city
    key_vault.forget()


def test_protected_keys_still_sign_and_decrypt_with_the_passphrase(
    protected: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, SECRET)
    assert protected.send_up(COMMUNITY_1).totals.inserted >= 0


def test_without_the_passphrase_nothing_is_signed(protected: City) -> None:
    with pytest.raises(InputError, match="私钥已加密"):
        protected.export(COMMUNITY_1)


def test_a_wrong_passphrase_is_named(protected: City, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "不是这个口令不是这个口令")
    with pytest.raises(InputError, match="私钥口令不对"):
        protected.export(COMMUNITY_1)


def test_a_short_passphrase_is_refused(city: City) -> None:
    folder = keys_dir(city.path(COMMUNITY_1), COMMUNITY_1)
    with pytest.raises(InputError, match="至少 12 个字符"):
        protect(folder, PASSPHRASE, "12345678")


@pytest.mark.parametrize("weak", ["", "12345678", "a" * 20, "abababababab", "abcabcabcabc"])
def test_one_minimum_guards_every_key_passphrase(weak: str, tmp_path: Path) -> None:
    """The key folder, the key backup and a database backup's keys share the rule."""
    with pytest.raises(InputError, match="至少 12 个字符，且至少含 6 个不同的字符"):
        check_passphrase(weak)
    with pytest.raises(InputError, match="至少 12 个字符"):
        backup_keys(None, tmp_path / "x.sqlite", "0", weak, tmp_path / "k")  # type: ignore[arg-type]
    check_passphrase("correct horse battery")
    check_passphrase("四月的风吹过阳光名邸的楼道")


def _clear_keys(root: Path) -> list[Path]:
    """Every key file under `root` that holds or parses as a key in clear."""
    found = []
    for path in root.rglob("*.pem"):
        data = path.read_bytes()
        try:
            serialization.load_pem_private_key(data, password=None)
            found.append(path)
        except (TypeError, ValueError):  # TypeError: encrypted, a password is needed
            if b"BEGIN PRIVATE KEY" in data:
                found.append(path)
    return found


def test_no_office_of_the_demo_city_has_a_clear_private_key(city: City) -> None:
    assert list(city.folder.rglob("*.pem"))
    assert _clear_keys(city.folder) == []
    folder = keys_dir(city.path(COMMUNITY_1), COMMUNITY_1)
    assert key_vault.method(folder) == SYSTEM


def test_a_new_office_made_by_wuye_init_has_no_clear_key(tmp_path: Path) -> None:
    db_path = tmp_path / "new.sqlite"
    done = CliRunner().invoke(cli, ["--db", str(db_path), "init", "--code", "340603010000",
                                    "--name", "曲阳街道", "--level", "street"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert list(tmp_path.rglob("*.pem")) and _clear_keys(tmp_path) == []


def test_a_clear_key_folder_is_protected_when_its_database_is_opened_and_audited(
    city: City,
) -> None:
    path = city.path(COMMUNITY_1)
    folder = keys_dir(path, COMMUNITY_1)
    for pem in folder.glob("*.pem"):  # as an older version left it
        pem.write_bytes(crypto.private_pem(key_vault.open_pem(folder, pem.read_bytes())))
    (folder / key_vault.PROTECTION).unlink()
    assert _clear_keys(folder)
    database = open_database(path, actor="tester")
    try:
        assert _clear_keys(folder) == []
        with database.reader() as s:
            entry = s.scalars(
                select(AuditEntry).where(AuditEntry.action == "keys").order_by(AuditEntry.id.desc())
            ).first()
        assert entry is not None and "system" in entry.changes
    finally:
        database.close()
    assert city.send_up(COMMUNITY_1).totals.inserted >= 0


def test_wuye_keys_protect_without_options_protects_by_this_account(city: City) -> None:
    path = city.path(COMMUNITY_1)
    folder = keys_dir(path, COMMUNITY_1)
    before = {p.name: p.read_bytes() for p in folder.glob("*.pem")}
    done = CliRunner().invoke(cli, ["--db", str(path), "keys", "protect"])
    assert done.exit_code == 0, done.output
    assert "本机系统账户" in done.output
    assert _clear_keys(folder) == []
    assert all((folder / name).read_bytes() != data for name, data in before.items())
    key_vault.forget()
    assert city.send_up(COMMUNITY_1).totals.inserted >= 0
