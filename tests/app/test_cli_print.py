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


def test_an_estate_name_two_communities_share_is_told_apart_by_community(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.services.estates import EstateIn, create_estate
    from tests.conftest import COMMUNITY_A, COMMUNITY_B, TODAY

    with db.sessions.begin() as s:
        for code in (COMMUNITY_A, COMMUNITY_B):
            create_estate(s, EstateIn(community_code=code, name="幸福家园", households=90),
                          today=TODAY)  # fmt: skip
    out = tmp_path / "公示栏.pdf"
    refused = wuye(db, "print", "disclosure", "--estate", "幸福家园", "-o", str(out))
    assert refused.exit_code == 1 and "桓谭社区" in refused.output and "南湖社区" in refused.output
    assert "--community" in refused.output and not out.exists()
    board = wuye(db, "print", "disclosure", "--estate", "幸福家园", "--community", "南湖社区",
                 "-o", str(out))  # fmt: skip
    assert board.exit_code == 0, board.output
    assert "南湖社区" in "".join(p.extract_text() for p in PdfReader(out).pages)
    batch = wuye(db, "print", "batch", "--estate", "幸福家园", "--community", COMMUNITY_A,
                 "-o", str(tmp_path / "b.pdf"))  # fmt: skip
    assert batch.exit_code == 0, batch.output
    notice = wuye(db, "print", "notice", "停水通知", "--estate", "幸福家园", "--community",
                  "南湖社区", *[f"--field={k}=x" for k in
                             ("start_time", "end_time", "reason", "area", "phone", "issuer")],
                  "-o", str(tmp_path / "n.pdf"))  # fmt: skip
    assert notice.exit_code == 0, notice.output
