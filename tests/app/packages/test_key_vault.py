"""Private keys at rest (issue 14): encrypted under a passphrase that is not beside them, and
still usable for packages once the passphrase is given."""

from __future__ import annotations

import pytest

from app.errors import InputError
from app.packages import key_vault
from app.packages.key_vault import PASSPHRASE, PASSPHRASE_ENV, protect
from app.packages.keys import keys_dir
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
