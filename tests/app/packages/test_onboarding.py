"""Onboarding: the upper office takes a subordinate's keys only from a reply to the
onboarding file it issued, signed by the keys it carries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.packages.onboarding import export_onboarding, import_onboarding_file, write_reply
from app.packages.refusal import Refused
from tests.app.packages.conftest import COMMUNITY_1, NOW, STREET_1, City, dump


def reply_from(city: City, code: str, out: Path) -> Path:
    db = city.db(code)
    with db.sessions.begin() as s:
        write_reply(s, db.path, out, now=NOW)
    return out


def take(city: City, code: str, file: Path) -> None:
    db = city.db(code)
    with db.sessions.begin() as s:
        import_onboarding_file(s, file, now=NOW)


def test_a_reply_to_a_superseded_onboarding_file_is_refused(city: City) -> None:
    reply = reply_from(city, COMMUNITY_1, city.folder / "reply.json")
    street = city.db(STREET_1)
    with street.sessions.begin() as s:  # the street re-issues the onboarding: a new id
        export_onboarding(s, street.path, city.folder / "again.json", code=COMMUNITY_1,
                          name="东山桓谭社区", now=NOW)  # fmt: skip
    before = dump(street.path)
    with pytest.raises(Refused) as caught:
        take(city, STREET_1, reply)
    assert caught.value.code == "unknown_sender" and "编号不符" in caught.value.message
    assert dump(street.path) == before


def test_a_reply_whose_body_was_changed_fails_its_signature(city: City) -> None:
    reply = reply_from(city, COMMUNITY_1, city.folder / "reply.json")
    envelope = json.loads(reply.read_text(encoding="utf-8"))
    envelope["body"]["office"]["name"] = "冒名社区"
    reply.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Refused) as caught:
        take(city, STREET_1, reply)
    assert caught.value.code == "bad_signature"


def test_the_same_reply_twice_changes_nothing(city: City) -> None:
    reply = reply_from(city, COMMUNITY_1, city.folder / "reply.json")
    take(city, STREET_1, reply)
    before = dump(city.path(STREET_1))
    take(city, STREET_1, reply)
    after = dump(city.path(STREET_1))
    changed = [line for line in after if line not in before]
    assert all("peer_office" in line for line in changed)  # only the time it was last seen
