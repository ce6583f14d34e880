"""Rows verifiable to their owner at every level (issue 13, item 3): community → street →
district with real packages and real keys; a relaying office cannot rewrite, forge or claim
the rows of an office below it."""

from __future__ import annotations

import base64
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.ids import new_uuid
from app.models import OfficeKey
from app.packages import crypto, keys
from app.packages.export import seal, table_digest
from app.packages.importer import Checked, check_package
from app.packages.manifest import canonical
from app.packages.parts import PAYLOAD_TABLE, _digest_sql, _hash_sql, _install
from app.packages.refusal import Refused
from app.packages.tables import syncable_tables
from tests.app.packages.conftest import (
    BACKENDS,
    COMMUNITY_1,
    COMMUNITY_2,
    DISTRICT,
    STREET_1,
    City,
)


@pytest.fixture(params=BACKENDS)
def any_district(request: pytest.FixtureRequest, city: City) -> City:
    """The district on SQLite, then on PostgreSQL (the streets and communities on SQLite)."""
    if request.param == "postgresql":
        city.put_on_server(DISTRICT, request.getfixturevalue("pg_url")())
    return city


def refused(city: City, package: Path, code: str, receiver: str) -> str:
    before = city.dump(receiver)
    with pytest.raises(Refused) as caught:
        city.receive(receiver, package)
    assert caught.value.code == code, str(caught.value)
    assert city.dump(receiver) == before
    return str(caught.value)


def relay_community(city: City) -> Path:
    """Community 1's rows at street 1, and the street's package for the district (not sent)."""
    city.send_up(COMMUNITY_1)
    return city.export(STREET_1)


def community_estate(city: City, code: str = STREET_1) -> tuple[str, int]:
    with closing(sqlite3.connect(city.path(code))) as con:
        return con.execute(
            "SELECT uuid, rev FROM estate WHERE origin = ? ORDER BY uuid LIMIT 1", (COMMUNITY_1,)
        ).fetchone()


def district_estate(city: City, uuid: str) -> tuple[Any, ...] | None:
    with city.db(DISTRICT).engine.connect() as con:
        return con.execute(
            text("SELECT name, rev, origin FROM estate WHERE uuid = :u"), {"u": uuid}
        ).first()


def stored_parts(city: City, code: str) -> set[tuple[str, str]]:
    with city.db(code).engine.connect() as con:
        return {tuple(r) for r in con.execute(text("SELECT signer, came_from FROM package_part"))}


def resealed(
    city: City,
    package: Path,
    out: Path,
    *,
    sender: str,
    receiver: str,
    payload: Callable[[sqlite3.Connection, dict[str, Any]], None],
) -> Path:
    """The package with its payload (and the manifest's list of parts) changed by `payload`,
    sealed again with the sender's real key and honest table hashes: a hostile sender."""
    checked = check_package(city.db(receiver), package)
    assert isinstance(checked, Checked)
    manifest = {k: v for k, v in checked.manifest.items() if k != "payload"}
    with closing(sqlite3.connect(":memory:")) as con:
        con.deserialize(checked.payload_file.read_bytes())
        payload(con, manifest)
        con.commit()
        manifest["package_id"] = new_uuid()
        manifest["receivers"] = [
            {"code": r["code"], "enc_key_id": r["enc_key_id"]} for r in manifest["receivers"]
        ]
        for name, info in manifest["tables"].items():
            columns = [c for c, _ in info["columns"]]
            info["sha256"], info["rows"], info["bytes"] = table_digest(con, "main", name, columns)
        plain = con.serialize()
    sending = city.db(sender)
    with sending.reader() as s:
        _, sign_key = keys.own_signing_key(s, sending.path, sender)
        public = keys.current_key(s, receiver, "enc").public_key  # type: ignore[union-attr]
    seal(out, manifest, plain, sign_key, [public])
    return out


def signing_key(city: City, code: str) -> tuple[str, crypto.Ed25519PrivateKey]:
    db = city.db(code)
    with db.reader() as s:
        return keys.own_signing_key(s, db.path, code)


def rewrite_part(
    con: sqlite3.Connection,
    manifest: dict[str, Any],
    signer: str,
    change: Callable[[dict[str, Any]], None],
    key: crypto.Ed25519PrivateKey | None,
) -> None:
    """`signer`'s part with its body changed, signed again with `key` (None: the old
    signature kept), and the manifest's entry made to match."""
    part_id, body, signature = con.execute(
        f'SELECT part_id, body, signature FROM "{PAYLOAD_TABLE}" WHERE signer = ?', (signer,)
    ).fetchone()
    data = json.loads(body)
    change(data)
    body = canonical(data)
    if key is not None:
        signature = crypto.sign(key, body)
    con.execute(
        f'UPDATE "{PAYLOAD_TABLE}" SET body = ?, signature = ? WHERE part_id = ?',
        (body, signature, part_id),
    )
    for entry in manifest["parts"]:
        if entry["part_id"] == part_id:
            entry["sha256"] = crypto.sha256_hex(body)
            entry["bytes"] = len(body) + len(signature)


def test_relay_carries_each_owner_signature_to_the_top(any_district: City) -> None:
    city = any_district
    package = relay_community(city)
    report = city.receive(DISTRICT, package)
    assert report.totals.rejected == 0
    uuid, rev = community_estate(city)
    assert district_estate(city, uuid)[1:] == (rev, COMMUNITY_1)  # type: ignore[index]
    assert stored_parts(city, STREET_1) == {(COMMUNITY_1, COMMUNITY_1)}
    assert stored_parts(city, DISTRICT) == {(COMMUNITY_1, STREET_1), (STREET_1, STREET_1)}
    # The community's key, unknown to the district before, is pinned from its part.
    with city.db(DISTRICT).sessions.begin() as s:
        pinned = s.scalars(select(OfficeKey.org_code).where(OfficeKey.org_code == COMMUNITY_1))
        assert list(pinned) == [COMMUNITY_1]
    # Exactly once: the same package again changes nothing.
    before = city.dump(DISTRICT)
    assert city.receive(DISTRICT, package).already_imported
    assert city.dump(DISTRICT) == before


def test_a_row_rewritten_by_the_relaying_street_is_refused(any_district: City) -> None:
    """Issue 13's "done when": the street edits a community's estate in its own file (rev
    up, a fresh seq, so its next delta carries it) and relays it; the district refuses."""
    city = any_district
    city.send_up(COMMUNITY_1)
    uuid, _ = community_estate(city)
    city.close(STREET_1)
    with closing(sqlite3.connect(city.path(STREET_1))) as con:
        con.execute("UPDATE seq_counter SET value = value + 1 WHERE id = 1")
        con.execute(
            "UPDATE estate SET name = '街道改过的小区', rev = rev + 1,"
            " seq = (SELECT value FROM seq_counter WHERE id = 1) WHERE uuid = ?",
            (uuid,),
        )
        con.commit()
    package = city.export(STREET_1)
    message = refused(city, package, "relayed_unsigned", DISTRICT)
    assert uuid in message and COMMUNITY_1 in message and "转交" in message
    assert district_estate(city, uuid) is None


def test_a_dry_run_keeps_no_part(city: City) -> None:
    package = relay_community(city)
    report = city.receive(DISTRICT, package, dry_run=True)
    assert report.totals.inserted > 0
    assert stored_parts(city, DISTRICT) == set()


def test_a_part_signed_with_another_office_key_is_refused(city: City, tmp_path: Path) -> None:
    """The street re-signs the community's part (a rewritten row listed) with its own key."""
    package = relay_community(city)
    uuid, _ = community_estate(city)
    street_key_id, street_key = signing_key(city, STREET_1)

    def forge(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        con.execute("UPDATE estate SET name = '伪造' WHERE uuid = ?", (uuid,))

        def change(data: dict[str, Any]) -> None:
            data["public_key"] = crypto.public_raw(street_key).hex()
            data["sign_key_id"] = street_key_id

        rewrite_part(con, manifest, COMMUNITY_1, change, street_key)

    forged = resealed(
        city, package, tmp_path / "f.wypkg", sender=STREET_1, receiver=DISTRICT, payload=forge
    )
    message = refused(city, forged, "part_key", DISTRICT)
    assert COMMUNITY_1 in message


def test_a_changed_part_is_refused_by_its_signature(city: City, tmp_path: Path) -> None:
    """The street changes a row and its digest in the community's part, keeping the signature."""
    package = relay_community(city)
    uuid, _ = community_estate(city)

    def forge(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        con.execute("UPDATE estate SET name = '伪造' WHERE uuid = ?", (uuid,))
        _install(con)
        digest = con.execute(
            f"SELECT {_digest_sql('estate', 't')} FROM estate t WHERE uuid = ?", (uuid,)
        ).fetchone()[0]

        def change(data: dict[str, Any]) -> None:
            listed = data["rows"]["estate"]
            at = listed["uuid"].index(uuid) * 16
            digests = base64.b64decode(listed["digest"])
            listed["digest"] = base64.b64encode(digests[:at] + digest + digests[at + 16 :]).decode()

        rewrite_part(con, manifest, COMMUNITY_1, change, None)

    forged = resealed(
        city, package, tmp_path / "f.wypkg", sender=STREET_1, receiver=DISTRICT, payload=forge
    )
    refused(city, forged, "part_signature", DISTRICT)


def as_format_1(con: sqlite3.Connection, signer: str) -> Callable[[dict[str, Any]], None]:
    """A change that makes `signer`'s part one of the previous program (format 1: a list
    [uuid, rev, origin, hex hash] per row), listing the payload's rows of `signer`."""
    _install(con)
    rows = {}
    for table in syncable_tables():
        found = con.execute(
            f'SELECT uuid, rev, origin, {_hash_sql(table.name, "t")} FROM "{table.name}" t'
            " WHERE origin = ? ORDER BY uuid",
            (signer,),
        ).fetchall()
        if found:
            rows[table.name] = [list(r) for r in found]

    def change(data: dict[str, Any]) -> None:
        data["format"] = 1
        del data["snapshot"]
        data["rows"] = rows

    return change


def test_a_part_of_the_previous_format_is_still_read(city: City, tmp_path: Path) -> None:
    """The community's part as the previous program wrote it (format 1), signed with its
    real key: the district checks the relayed rows against it and accepts them."""
    package = relay_community(city)
    _, key = signing_key(city, COMMUNITY_1)

    def old_part(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        rewrite_part(con, manifest, COMMUNITY_1, as_format_1(con, COMMUNITY_1), key)

    older = resealed(
        city, package, tmp_path / "o.wypkg", sender=STREET_1, receiver=DISTRICT, payload=old_part
    )
    assert city.receive(DISTRICT, older).totals.rejected == 0
    uuid, rev = community_estate(city)
    assert district_estate(city, uuid)[1:] == (rev, COMMUNITY_1)  # type: ignore[index]


def test_a_row_of_another_office_in_a_part_is_refused(city: City, tmp_path: Path) -> None:
    """Community 1 signs, with its own real key, a part (format 1, which lists each row's
    origin) that lists a row as community 2's. Format 2 lists no origin: a digest commits
    to its row's origin and only matches rows of the part's signer."""
    package = city.export(COMMUNITY_1)
    _, key = signing_key(city, COMMUNITY_1)

    def forge(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        older = as_format_1(con, COMMUNITY_1)

        def change(data: dict[str, Any]) -> None:
            older(data)
            data["rows"]["estate"].append([new_uuid(), 1, COMMUNITY_2, "0" * 32])

        rewrite_part(con, manifest, COMMUNITY_1, change, key)

    forged = resealed(
        city, package, tmp_path / "f.wypkg", sender=COMMUNITY_1, receiver=STREET_1, payload=forge
    )
    message = refused(city, forged, "part_origin", STREET_1)
    assert COMMUNITY_2 in message


def test_a_relayed_row_without_its_owner_part_is_refused(city: City, tmp_path: Path) -> None:
    """The street leaves the community's part out (or sends the old format without parts
    once it has sent parts): the relayed rows carry no owner signature."""
    package = relay_community(city)

    def drop(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        part_id = con.execute(
            f'SELECT part_id FROM "{PAYLOAD_TABLE}" WHERE signer = ?', (COMMUNITY_1,)
        ).fetchone()[0]
        con.execute(f'DELETE FROM "{PAYLOAD_TABLE}" WHERE part_id = ?', (part_id,))
        manifest["parts"] = [p for p in manifest["parts"] if p["part_id"] != part_id]

    forged = resealed(
        city, package, tmp_path / "a.wypkg", sender=STREET_1, receiver=DISTRICT, payload=drop
    )

    def old_format(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        con.execute(f'DROP TABLE "{PAYLOAD_TABLE}"')
        del manifest["parts"]

    legacy = resealed(
        city, package, tmp_path / "b.wypkg", sender=STREET_1, receiver=DISTRICT, payload=old_format
    )
    refused(city, forged, "relayed_unsigned", DISTRICT)
    # Before the street ever sent parts, an old-format package is read as it always was.
    assert city.receive(DISTRICT, legacy).totals.rejected == 0
    city.send_up(COMMUNITY_1)
    city.receive(DISTRICT, city.export(STREET_1))
    again = resealed(
        city,
        city.export(STREET_1, snapshot=True),
        tmp_path / "c.wypkg",
        sender=STREET_1,
        receiver=DISTRICT,
        payload=old_format,
    )
    refused(city, again, "parts_missing", DISTRICT)


def test_a_replayed_part_cannot_bring_back_an_old_row(city: City, tmp_path: Path) -> None:
    """The street keeps the first relay (the community's rev-1 part and row) and sends it
    again under a new package id after the community changed the row: genuine signatures,
    so it is accepted, but the old row is stale and the district keeps the new one."""
    package = relay_community(city)
    replay = resealed(
        city,
        package,
        tmp_path / "replay.wypkg",
        sender=STREET_1,
        receiver=DISTRICT,
        payload=lambda con, manifest: None,
    )
    city.receive(DISTRICT, package)
    uuid, rev = community_estate(city, COMMUNITY_1)
    city.close(COMMUNITY_1)
    with closing(sqlite3.connect(city.path(COMMUNITY_1))) as con:
        con.execute("UPDATE seq_counter SET value = value + 1 WHERE id = 1")
        con.execute(
            "UPDATE estate SET name = '改名后的小区', rev = rev + 1,"
            " seq = (SELECT value FROM seq_counter WHERE id = 1) WHERE uuid = ?",
            (uuid,),
        )
        con.commit()
    city.send_up(COMMUNITY_1)
    city.receive(DISTRICT, city.export(STREET_1))
    assert district_estate(city, uuid) == ("改名后的小区", rev + 1, COMMUNITY_1)
    report = city.receive(DISTRICT, replay)
    assert report.tables["estate"].stale >= 1
    assert district_estate(city, uuid) == ("改名后的小区", rev + 1, COMMUNITY_1)


def test_only_upward_packages_relay_the_parts_from_below(city: City) -> None:
    """A package to an office below carries its sender's own part, not its siblings' parts."""
    relay_community(city)
    up = city.export(STREET_1)
    down = city.export(STREET_1, to=(COMMUNITY_2,))

    def signers(package: Path) -> set[str]:
        with zipfile.ZipFile(package) as zf:
            return {p["signer"] for p in json.loads(zf.read("manifest.json"))["parts"]}

    assert signers(up) == {STREET_1, COMMUNITY_1}
    assert signers(down) == {STREET_1}


def community_building(city: City, code: str) -> tuple[str, int, int]:
    with closing(sqlite3.connect(city.path(code))) as con:
        return con.execute(
            "SELECT uuid, rev, deleted FROM building WHERE origin = ? ORDER BY uuid LIMIT 1",
            (COMMUNITY_1,),
        ).fetchone()


def district_building(city: City, uuid: str) -> tuple[Any, ...] | None:
    with city.db(DISTRICT).engine.connect() as con:
        return con.execute(
            text("SELECT rev, deleted, origin FROM building WHERE uuid = :u"), {"u": uuid}
        ).first()


def test_tombstones_derived_from_an_owner_snapshot_are_relayed(any_district: City) -> None:
    """The community's file loses a building (restored from an older copy) and it sends a
    snapshot; the street tombstones the building; the district accepts the street's relay
    of that tombstone, which no part lists: the community's signed snapshot leaves it out."""
    city = any_district
    city.send_up(COMMUNITY_1)
    city.send_up(STREET_1)
    uuid, rev, _ = community_building(city, COMMUNITY_1)
    city.close(COMMUNITY_1)
    with closing(sqlite3.connect(city.path(COMMUNITY_1))) as con:
        con.execute("DELETE FROM building WHERE uuid = ?", (uuid,))
        con.commit()
    city.send_up(COMMUNITY_1, snapshot=True)
    assert community_building(city, STREET_1)[:1] == (uuid,)
    with closing(sqlite3.connect(city.path(STREET_1))) as con:
        assert con.execute("SELECT deleted FROM building WHERE uuid = ?", (uuid,)).fetchone() == (
            1,
        )
    report = city.receive(DISTRICT, city.export(STREET_1))
    assert report.totals.rejected == 0
    assert district_building(city, uuid) == (rev + 1, 1, COMMUNITY_1)


def test_a_tombstone_the_street_makes_on_its_own_is_refused(city: City) -> None:
    """The street deletes a community's building itself (rev up, a fresh seq) and relays
    the tombstone: the community's snapshot part still lists the building, so the district
    refuses the package."""
    city.send_up(COMMUNITY_1)
    uuid, _, _ = community_building(city, STREET_1)
    city.close(STREET_1)
    with closing(sqlite3.connect(city.path(STREET_1))) as con:
        con.execute("UPDATE seq_counter SET value = value + 1 WHERE id = 1")
        con.execute(
            "UPDATE building SET deleted = 1, rev = rev + 1,"
            " seq = (SELECT value FROM seq_counter WHERE id = 1) WHERE uuid = ?",
            (uuid,),
        )
        con.commit()
    message = refused(city, city.export(STREET_1), "relayed_unsigned", DISTRICT)
    assert uuid in message
    assert district_building(city, uuid) is None


def bump_every_row(city: City, code: str) -> None:
    """Every row of `code` in its own file at the next rev, with fresh seqs."""
    city.close(code)
    with closing(sqlite3.connect(city.path(code))) as con:
        top = con.execute("SELECT value FROM seq_counter WHERE id = 1").fetchone()[0]
        high = top
        for table in syncable_tables():
            con.execute(
                f'UPDATE "{table.name}" SET rev = rev + 1, seq = seq + ? WHERE origin = ?',
                (top, code),
            )
            found = con.execute(f'SELECT max(seq) FROM "{table.name}"').fetchone()[0]
            high = max(high, found or 0)
        con.execute("UPDATE seq_counter SET value = ? WHERE id = 1", (high,))
        con.commit()


def part_ids(city: City, code: str, signer: str) -> set[str]:
    with city.db(code).engine.connect() as con:
        found = con.execute(
            text("SELECT part_id FROM package_part WHERE signer = :s"), {"s": signer}
        )
        return {r[0] for r in found}


def test_parts_whose_rows_are_all_superseded_are_pruned(city: City) -> None:
    """The street keeps the community's first part while it still covers a row the street
    holds; once a newer snapshot of the community brings every row at a newer rev, the
    first part covers nothing and is deleted. The district still accepts the relay."""
    city.send_up(COMMUNITY_1)
    first = part_ids(city, STREET_1, COMMUNITY_1)
    assert len(first) == 1
    city.close(COMMUNITY_1)
    with closing(sqlite3.connect(city.path(COMMUNITY_1))) as con:
        con.execute("UPDATE seq_counter SET value = value + 1 WHERE id = 1")
        con.execute(
            "UPDATE estate SET name = '改名后的小区', rev = rev + 1,"
            " seq = (SELECT value FROM seq_counter WHERE id = 1)"
            " WHERE uuid = (SELECT min(uuid) FROM estate WHERE origin = ?)",
            (COMMUNITY_1,),
        )
        con.commit()
    city.send_up(COMMUNITY_1)
    second = part_ids(city, STREET_1, COMMUNITY_1)
    assert first < second and len(second) == 2  # the first still covers the other rows
    bump_every_row(city, COMMUNITY_1)
    city.send_up(COMMUNITY_1, snapshot=True)
    last = part_ids(city, STREET_1, COMMUNITY_1)
    assert len(last) == 1 and not last & second
    assert city.receive(DISTRICT, city.export(STREET_1)).totals.rejected == 0


def test_a_blob_in_a_relayed_row_is_refused(city: City, tmp_path: Path) -> None:
    """No syncable column holds a blob; a hostile street puts one in a relayed row: a clear
    refusal, not a traceback from the digest's JSON."""
    package = relay_community(city)
    uuid, _ = community_estate(city)

    def forge(con: sqlite3.Connection, manifest: dict[str, Any]) -> None:
        con.execute("UPDATE estate SET name = x'00ff' WHERE uuid = ?", (uuid,))

    forged = resealed(
        city, package, tmp_path / "b.wypkg", sender=STREET_1, receiver=DISTRICT, payload=forge
    )
    assert "二进制" in refused(city, forged, "parts_invalid", DISTRICT)
