"""Every bad package is refused with its own reason, and the receiver's file is unchanged."""

from __future__ import annotations

import json
import sqlite3
import zipfile
import zlib
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.packages import export, keys
from app.packages.manifest import canonical
from app.packages.refusal import Refused
from tests.app.packages.conftest import (
    COMMUNITY_1,
    COMMUNITY_3,
    NOW,
    STREET_1,
    STREET_2,
    City,
    forge,
)


@pytest.fixture
def city(merging_city: City) -> City:
    """Every test here runs with the receiving offices on SQLite and on PostgreSQL."""
    return merging_city


def refused(city: City, package: Path, code: str, receiver: str = STREET_1) -> str:
    before = city.dump(receiver)
    with pytest.raises(Refused) as caught:
        city.receive(receiver, package)
    assert caught.value.code == code
    assert city.dump(receiver) == before
    return caught.value.message


def rezip(source: Path, out: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    change(parts)
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out


@pytest.fixture
def package(city: City) -> Path:
    return city.export(COMMUNITY_1)


def test_a_truncated_file_is_refused(city: City, package: Path) -> None:
    cut = city.folder / "cut.wypkg"
    cut.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    assert "没有拷贝完整" in refused(city, cut, "corrupt")


def test_a_file_that_is_no_zip_is_refused(city: City) -> None:
    junk = city.folder / "junk.wypkg"
    junk.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20)
    refused(city, junk, "corrupt")


def test_a_changed_manifest_fails_its_signature(city: City, package: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["seq"]["to"] += 1
        parts["manifest.json"] = json.dumps(manifest).encode()

    assert "签名不符" in refused(
        city, rezip(package, city.folder / "m.wypkg", change), "bad_signature"
    )


def test_a_changed_payload_is_refused(city: City, package: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        data = bytearray(parts["payload.bin"])
        data[len(data) // 2] ^= 0xFF
        parts["payload.bin"] = bytes(data)

    refused(city, rezip(package, city.folder / "p.wypkg", change), "payload_tampered")


def test_a_package_for_another_office_is_refused(city: City, package: Path) -> None:
    def elsewhere(m: dict[str, Any]) -> None:
        m["receivers"][0]["code"] = STREET_2

    forged = forge(city, package, city.folder / "f.wypkg", manifest=elsewhere)
    assert "不是发给本单位" in refused(city, forged, "wrong_receiver")


def test_a_package_from_an_office_not_onboarded_is_refused(city: City, package: Path) -> None:
    def elsewhere(manifest: dict[str, Any]) -> None:
        manifest["sender"].update(code=COMMUNITY_3, name="别处的社区")

    stranger = forge(city, package, city.folder / "s.wypkg", manifest=elsewhere)
    assert "不是本单位已登记的下级单位" in refused(city, stranger, "unknown_sender")


def test_a_package_for_another_street_names_its_receiver(city: City) -> None:
    other = city.export(COMMUNITY_3)  # addressed to the other street
    assert f"发给 {STREET_2} 的" in refused(city, other, "wrong_receiver")


def test_an_offices_own_package_is_not_imported_back(city: City, package: Path) -> None:
    assert "本单位自己导出" in refused(city, package, "own_package", receiver=COMMUNITY_1)


def test_bytes_after_the_compressed_payload_are_refused(
    city: City, package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compressobj = zlib.compressobj

    class Trailing:
        """A sender whose compressor writes something after the end of the stream."""

        def __init__(self, level: int) -> None:
            self.inner = compressobj(level)

        def compress(self, data: bytes) -> bytes:
            return self.inner.compress(data)

        def flush(self) -> bytes:
            return self.inner.flush() + b"trailing garbage"

    monkeypatch.setattr(export, "zlib", SimpleNamespace(compressobj=Trailing))
    trailing = forge(city, package, city.folder / "trailing.wypkg")
    monkeypatch.undo()
    assert "多出了内容" in refused(city, trailing, "corrupt")


def test_a_package_signed_with_an_unknown_key_is_refused(city: City) -> None:
    community = city.db(COMMUNITY_1)
    with community.sessions.begin() as s:
        keys.create_office_keys(s, community.path, COMMUNITY_1, NOW.replace(hour=9))
    assert "不是" in refused(city, city.export(COMMUNITY_1), "unknown_key")


def test_a_package_of_a_newer_format_is_refused(city: City, package: Path) -> None:
    forged = forge(city, package, city.folder / "f.wypkg", manifest=lambda m: m.update(format=2))
    assert "请升级本程序" in refused(city, forged, "format_newer")


def test_a_package_of_a_newer_schema_is_refused(city: City, package: Path) -> None:
    newer = forge(
        city, package, city.folder / "f.wypkg", manifest=lambda m: m.update(schema_version="9999")
    )
    assert "请升级本程序" in refused(city, newer, "schema_newer")


def test_a_zip_with_an_extra_entry_is_refused(city: City, package: Path) -> None:
    extra = rezip(package, city.folder / "x.wypkg", lambda p: p.update({"说明.txt": b"hi"}))
    assert "多余" in refused(city, extra, "extra_entries")


def test_a_zip_with_a_path_in_a_name_is_refused(city: City, package: Path) -> None:
    evil = rezip(package, city.folder / "t.wypkg", lambda p: p.update({"../../evil.sh": b"rm"}))
    assert "路径" in refused(city, evil, "path_traversal")


def test_a_zip_bomb_is_refused_before_it_is_inflated(city: City, package: Path) -> None:
    bomb = city.folder / "bomb.wypkg"
    with zipfile.ZipFile(package) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", b" " * (20 * 1024 * 1024))
        zf.writestr("manifest.sig", parts["manifest.sig"])
        zf.writestr("payload.bin", parts["payload.bin"])
    assert bomb.stat().st_size < 200_000
    assert "压缩炸弹" in refused(city, bomb, "oversized")


def test_a_payload_that_inflates_beyond_its_declared_size_is_refused(
    city: City, package: Path
) -> None:
    """Signed by the real sender, yet it declares 1 MiB and inflates to 64 MiB: reading stops
    at the declared size."""
    forged = forge(city, package, city.folder / "f.wypkg", plain=lambda b: b"\0" * (64 << 20))
    sender = city.db(COMMUNITY_1)
    with sender.reader() as s:
        _, sign_key = keys.own_signing_key(s, sender.path, COMMUNITY_1)

    def declare_less(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["payload"]["plain_bytes"] = 1 << 20
        parts["manifest.json"] = canonical(manifest)
        parts["manifest.sig"] = sign_key.sign(parts["manifest.json"])

    bomb = rezip(forged, city.folder / "b.wypkg", declare_less)
    assert bomb.stat().st_size < 1_000_000
    assert "超出声明的大小" in refused(city, bomb, "oversized")


def test_a_payload_whose_tables_differ_from_the_manifest_is_refused(
    city: City, package: Path
) -> None:
    def rename_column(data: bytes) -> bytes:
        with closing(sqlite3.connect(":memory:")) as con:
            con.deserialize(data)
            con.execute("ALTER TABLE estate RENAME COLUMN address TO addr")
            con.commit()
            return con.serialize()

    forged = forge(city, package, city.folder / "f.wypkg", plain=rename_column)
    assert "与清单不符" in refused(city, forged, "payload_schema")


def test_a_different_package_reusing_a_used_id_is_refused(city: City, package: Path) -> None:
    city.receive(STREET_1, package)
    second = city.export(COMMUNITY_1)
    with zipfile.ZipFile(package) as zf:
        used = json.loads(zf.read("manifest.json"))["package_id"]
    forged = forge(
        city, second, city.folder / "f.wypkg", manifest=lambda m: m.update(package_id=used)
    )
    assert "已被另一个数据包使用过" in refused(city, forged, "package_id_reused")


def test_the_same_package_twice_changes_nothing_the_second_time(city: City, package: Path) -> None:
    first = city.receive(STREET_1, package)
    before = city.dump(STREET_1)
    again = city.receive(STREET_1, package)
    assert again.already_imported and not first.already_imported
    assert city.dump(STREET_1) == before


def test_a_dry_run_counts_what_the_import_does_and_writes_nothing(
    city: City, package: Path
) -> None:
    before = city.dump(STREET_1)
    trial = city.receive(STREET_1, package, dry_run=True)
    assert city.dump(STREET_1) == before
    real = city.receive(STREET_1, package)
    assert trial.tables == real.tables and real.totals.inserted > 0


def test_a_manifest_of_the_wrong_shape_is_refused_not_a_crash(city: City, package: Path) -> None:
    def change(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["sender"]["code"] = ["340602001001"]
        parts["manifest.json"] = json.dumps(manifest).encode()

    bent = rezip(package, city.folder / "s.wypkg", change)
    assert "sender" in refused(city, bent, "manifest_invalid")


@pytest.mark.parametrize(
    "extra",
    [
        "CREATE TRIGGER slow AFTER UPDATE ON estate BEGIN SELECT count(*) FROM building; END",
        "CREATE VIEW v AS SELECT * FROM estate",
        "CREATE INDEX i ON estate (name)",
        "CREATE TABLE extra (x)",
    ],
    ids=["trigger", "view", "index", "table"],
)
def test_a_payload_with_an_object_beyond_its_tables_is_refused_before_any_work(
    city: City, package: Path, extra: str
) -> None:
    """Signed by the real sender: the payload's sqlite_master is checked before it is
    attached, so a trigger never runs inside the merge."""

    def add(data: bytes) -> bytes:
        with closing(sqlite3.connect(":memory:")) as con:
            con.deserialize(data)
            con.execute(extra)
            con.commit()
            return con.serialize()

    forged = forge(city, package, city.folder / "f.wypkg", plain=add)
    message = refused(city, forged, "payload_schema")
    assert "不应有的对象" in message and extra.split()[2] in message


def test_a_payload_absurdly_large_for_its_rows_is_refused_unread(city: City, package: Path) -> None:
    """A genuine signature over a manifest whose payload.bin is far larger than the plain
    rows it declares: refused from the sizes alone, before it is hashed or inflated."""
    sender = city.db(COMMUNITY_1)
    with sender.reader() as s:
        _, sign_key = keys.own_signing_key(s, sender.path, COMMUNITY_1)
    big = 8 << 20

    def swell(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["payload"]["bytes"] = big
        parts["payload.bin"] = b"\x01" * big
        parts["manifest.json"] = canonical(manifest)
        parts["manifest.sig"] = sign_key.sign(parts["manifest.json"])

    swollen = rezip(package, city.folder / "s.wypkg", swell)
    assert "未解压即拒绝" in refused(city, swollen, "oversized")
