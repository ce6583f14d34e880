"""`wuye templates` and `wuye print notice`: fields named before printing, no broken files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from app.cli import cli

FREE = ["--field", "title=关于开展消防安全检查的通知", "--field", "body=请各物业服务企业认真自查。"]


def wuye(db, *args: str):  # type: ignore[no-untyped-def]
    db.close()
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def test_templates_lists_the_shipped_notices_with_their_fields(db) -> None:
    listed = json.loads(wuye(db, "templates", "--json").output)
    names = {t["name"] for t in listed}
    assert {"业主大会会议通知", "停水停电通知", "联席会议纪要", "自由通知"} <= names
    free = next(t for t in listed if t["name"] == "自由通知")
    assert [f["key"] for f in free["fields"] if not f["optional"]] == ["title", "body"]


def test_a_filled_notice_prints_its_chinese_text(db, tmp_path: Path) -> None:
    out = tmp_path / "通知.pdf"
    result = wuye(db, "print", "notice", "自由通知", *FREE, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "关于开展消防安全检查的通知" in PdfReader(out).pages[0].extract_text()


def test_missing_fields_are_all_named_and_no_file_is_left(db, tmp_path: Path) -> None:
    out = tmp_path / "通知.pdf"
    result = wuye(db, "print", "notice", "业主大会会议通知", "-o", str(out))
    assert result.exit_code == 1 and "会议日期" in result.output and "会议地点" in result.output
    assert not out.exists()


def test_an_unknown_field_or_template_is_refused(db, tmp_path: Path) -> None:
    out = str(tmp_path / "x.pdf")
    assert wuye(db, "print", "notice", "自由通知", "--field", "colour=红", "-o", out).exit_code == 2
    assert wuye(db, "print", "notice", "没有这个模板", "-o", out).exit_code == 1


def test_estate_fields_come_from_the_ledgers_with_mobiles_masked(demo_db) -> None:
    from sqlalchemy import select

    from app.models import CompanyStaff, Estate
    from app.services.notice_fields import estate_fields
    from tests.conftest import TODAY

    with demo_db.reader() as s:
        manager = s.scalars(select(CompanyStaff)).first()
        estate = s.get(Estate, manager.estate_uuid)
        fields = estate_fields(s, estate.name, today=TODAY)
    assert fields["estate"] == estate.name and fields["manager"] == manager.name
    assert "****" in fields["manager_phone"] and fields["company"]
