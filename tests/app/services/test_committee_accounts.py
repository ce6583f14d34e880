"""A committee's accounts 公示 (issue 17 item 1: 公共收益、维修资金使用、经费开支): entered per
period in fen, printed through the notice engine, each print the account's next version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import cli
from app.errors import InputError
from app.models import CommitteeAccountPrint
from app.rules.committee_accounts import (
    EXPENSE,
    FUND_USE,
    INCOME,
    LineIn,
    normalize_period,
    period_label,
    yuan,
)
from app.services.committee_accounts import (
    AccountIn,
    get_account,
    plan_accounts_notice,
    printed_out_of_date,
    record_accounts_print,
    save_account,
)
from app.services.committees import CommitteeIn, MemberIn, save_committee
from app.services.estates import EstateIn, create_estate
from tests.conftest import COMMUNITY_A, TODAY

LINES = [
    LineIn(INCOME, "地面停车位收益", 1_234_500),
    LineIn(INCOME, "电梯广告收益", 360_000, "按合同分成"),
    LineIn(FUND_USE, "3号楼电梯更换", 18_500_000),
]


@pytest.fixture
def committee(db) -> str:  # type: ignore[no-untyped-def]
    with db.sessions.begin() as s:
        estate = create_estate(s, EstateIn(COMMUNITY_A, "相山花园", households=320), today=TODAY)
        members = [MemberIn(f"委员{i}", "chair" if i == 0 else "member", i < 3) for i in range(5)]
        return save_committee(
            s,
            None,
            CommitteeIn(
                estate, members=members, term_start=date(2024, 3, 10), term_end=date(2029, 3, 9)
            ),
            today=TODAY,
            require_vetting=False,
        )


def saved(db, committee: str, **changes) -> str:  # type: ignore[no-untyped-def]
    data = AccountIn(committee, "2026-q3", "经业主大会授权", list(LINES))
    for key, value in changes.items():
        setattr(data, key, value)
    with db.sessions.begin() as s:
        return save_account(s, None, data)


def test_periods_and_amounts_read_as_on_the_wall() -> None:
    assert normalize_period(" 2026-q3 ") == "2026-Q3"
    assert [normalize_period(p) for p in ("2026-Q5", "2026-13", "26-Q1", "2026-00")] == [None] * 4
    assert [period_label(p) for p in ("2026", "2026-H2", "2026-Q3", "2026-07")] == [
        "2026年度", "2026年下半年", "2026年第三季度", "2026年7月",
    ]  # fmt: skip
    assert (yuan(0), yuan(5), yuan(1_234_500), yuan(-100)) == ("0.00", "0.05", "12,345.00", "-1.00")


def test_an_account_is_stored_in_fen_and_read_back(db, committee) -> None:  # type: ignore[no-untyped-def]
    uuid = saved(db, committee)
    with db.reader() as s:
        stored = get_account(s, uuid)
    assert stored.period == "2026-Q3" and stored.lines == LINES


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"period": "2026年三季度"}, "period", "2026-Q3"),
        ({"lines": []}, "lines", "至少录入一行"),
        ({"lines": [LineIn(INCOME, "停车", 0)]}, "lines.0.amount_fen", "金额应大于0"),
        ({"lines": [LineIn(EXPENSE, " ", 100)]}, "lines.0.item", "项目名称不能为空"),
        ({"lines": [LineIn("gift", "红包", 100)]}, "lines.0.section", "收支类别"),
        ({"committee_uuid": "no-such"}, "committee_uuid", "委员会"),
    ],
)
def test_bad_input_is_refused_by_field(db, committee, changes, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        saved(db, committee, **changes)
    assert any(words in m for m in caught.value.for_field(field))


def test_one_account_per_committee_and_period(db, committee) -> None:  # type: ignore[no-untyped-def]
    saved(db, committee)
    with pytest.raises(InputError) as caught:
        saved(db, committee, period="2026-Q3")
    assert caught.value.for_field("period") == ["该委员会已录入2026年第三季度的账目"]


def test_each_print_is_the_next_version_and_an_edit_makes_it_stale(
    db, committee, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from reports.pdf.committee_accounts import draw_accounts_notice

    uuid = saved(db, committee)
    with db.sessions.begin() as s:
        assert printed_out_of_date(s, uuid) is None
        first = plan_accounts_notice(s, estate="相山花园", period="2026-Q3", today=TODAY)
        draw_accounts_notice(first, tmp_path / "a.pdf")
        record_accounts_print(s, first)
        second = plan_accounts_notice(s, account_uuid=uuid, today=TODAY)
        assert printed_out_of_date(s, uuid) is False
    assert (first.version, second.version) == (1, 2)
    assert dict(first.totals_fen) == {INCOME: 1_594_500, FUND_USE: 18_500_000, EXPENSE: 0}
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages)
    for words in ("相山花园业主委员会2026年第三季度账目公示", "合计15,945.00元",
                  "电梯广告收益：3,600.00元（按合同分成）", "本期无", "第1版"):  # fmt: skip
        assert words in text.replace("\n", "")
    with db.sessions.begin() as s, pytest.raises(InputError):
        record_accounts_print(s, first)  # an old plan cannot take a taken number
    with db.sessions.begin() as s:
        data = get_account(s, uuid)
        data.lines.append(LineIn(EXPENSE, "办公用品", 12_000))
        save_account(s, uuid, data)
        assert printed_out_of_date(s, uuid) is True


def wuye(db, *args: str):  # type: ignore[no-untyped-def]
    db.close()
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def test_print_accounts_from_the_cli(db, committee, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved(db, committee)
    out = tmp_path / "账目公示.pdf"
    args = ["print", "accounts", "--estate", "相山花园", "--period", "2026-Q3", "-o", str(out)]
    first = wuye(db, *args)
    assert first.exit_code == 0, first.output
    assert "第1版" in first.output and out.read_bytes().startswith(b"%PDF")
    assert "第2版" in wuye(db, *args).output
    with db.reader() as s:
        assert len(s.scalars(select(CommitteeAccountPrint)).all()) == 2


@pytest.mark.parametrize(
    ("period", "words"), [("2026-Q4", "没有2026年第四季度的账目"), ("三季度", "无法识别")]
)
def test_print_accounts_refuses_in_one_line(db, committee, tmp_path: Path, period, words) -> None:  # type: ignore[no-untyped-def]
    saved(db, committee)
    out = tmp_path / "x.pdf"
    result = wuye(db, "print", "accounts", "--estate", "相山花园", "--period", period,
                  "-o", str(out))  # fmt: skip
    assert result.exit_code == 1 and words in result.output
    assert "Traceback" not in result.output and not out.exists()
