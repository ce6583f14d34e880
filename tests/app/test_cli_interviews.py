"""`wuye interview` and `wuye circular` (issue 16 items 5, 6): a 约谈 from notice to record,
commitments and follow-up, escalated to a 通报; both printed as red-header PDFs; bad input
exits 1 in Chinese with nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from pypdf import PdfReader

from app.cli import cli
from tests.conftest import COMMUNITY_A

AT = ["--at", "2026-11-20 09:30", "--place", "曲阳街道办事处三楼会议室"]


def wuye(db, *args: str) -> Result:  # type: ignore[no-untyped-def]
    db.close()
    return CliRunner().invoke(cli, ["--db", str(db.path), *args])


def shown(db, interview_id: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(wuye(db, "interview", "show", interview_id, "--json",
                           "--today", "2026-12-01").output)  # fmt: skip


def test_an_interview_of_a_company_is_recorded_committed_and_rectified(db) -> None:  # type: ignore[no-untyped-def]
    added = wuye(db, "interview", "add", "--company", "恒信物业", "--reason", "楼道杂物清理逾期",
                 *AT, "--hosts", "街道物业办主任", "--attendees", "项目经理",
                 "--notified", "2026-11-16")  # fmt: skip
    assert added.exit_code == 0, added.output
    uuid = added.output.strip()
    view = shown(db, uuid)
    assert (view["number"], view["subject_kind"], view["state"]) == (
        "2026-0001",
        "company",
        "notified",
    )
    recorded = wuye(db, "interview", "record", "2026-0001", "--held", "2026-11-20",
                    "--record", "项目经理说明了逾期原因", "--requirements", "限期清理",
                    "--rectify-by", "2026-11-30", "--commitment", "11月30日前清理完毕",
                    "--due", "2026-11-30")  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    view = shown(db, uuid)
    assert view["state"] == "held" and view["late"]  # 12-01 is past the 整改期限
    assert [c["text"] for c in view["commitments"]] == ["11月30日前清理完毕"]
    done = wuye(db, "interview", "record", uuid, "--rectified", "2026-11-28", "--note", "已清理")
    assert done.exit_code == 0, done.output
    view = shown(db, uuid)
    assert (view["state"], view["late"], view["state_label"]) == ("rectified", False, "已整改")
    late = wuye(db, "circular", "add", "--kind", "批评", "--title", "关于恒信物业的通报",
                "--facts", "逾期", "--company", "恒信物业", "--interview", uuid)  # fmt: skip
    assert late.exit_code == 1 and "已按期整改" in late.output


def test_an_office_summoned_answers_itself_and_an_overdue_interview_becomes_a_circular(
    db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    added = wuye(db, "interview", "add", "--to-office", COMMUNITY_A, "--reason", "月报连续迟报",
                *AT, "--attendees", "社区书记", "--notified", "2026-11-16")  # fmt: skip
    uuid = added.output.strip()
    assert shown(db, uuid)["subject"] == "桓谭社区"
    # The commitment is the community's own row: the street cannot write it for the office.
    refused = wuye(
        db, "interview", "record", uuid, "--commitment", "按时报送", "--held", "2026-11-20"
    )
    assert refused.exit_code == 1 and "只能由被约谈单位填写" in refused.output
    wuye(db, "interview", "record", uuid, "--held", "2026-11-20", "--record", "说明了原因",
         "--rectify-by", "2026-11-25")  # fmt: skip
    issued = wuye(db, "circular", "add", "--kind", "批评", "--title", "关于桓谭社区月报迟报的通报",
                  "--facts", "桓谭社区10月、11月月报均迟报。\\n约谈后仍未整改。",
                  "--office", COMMUNITY_A, "--company", "恒信物业",
                  "--doc-number", "曲街物办〔2026〕6号", "--issued", "2026-11-28",
                  "--interview", uuid)  # fmt: skip
    assert issued.exit_code == 0, issued.output
    circular = issued.output.strip()
    assert (shown(db, uuid)["state"], shown(db, uuid)["circular"]) == ("escalated", circular)
    listed = json.loads(wuye(db, "circular", "list", "--party", "恒信物业", "--json").output)
    assert listed["counts"] == {"praise": 0, "criticism": 1}
    parties = listed["circulars"][0]["parties"]
    assert [(p["name"], p["to_office"]) for p in parties] == [
        ("桓谭社区", COMMUNITY_A), ("恒信物业", None)]  # fmt: skip

    notice, paper = tmp_path / "约谈通知.pdf", tmp_path / "通报.pdf"
    assert wuye(db, "interview", "print", uuid, "--doc-number", "曲街物办〔2026〕5号",
                "-o", str(notice)).exit_code == 0  # fmt: skip
    text = "".join(page.extract_text() for page in PdfReader(notice).pages)
    for words in ("曲阳街道文件", "曲街物办〔2026〕5号", "关于约谈桓谭社区的通知", "月报连续迟报",
                  "2026年11月20日9时30分", "曲阳街道办事处三楼会议室", "社区书记"):  # fmt: skip
        assert words in text.replace("\n", ""), words
    assert wuye(db, "circular", "print", circular[:8], "-o", str(paper)).exit_code == 0
    text = "".join(page.extract_text() for page in PdfReader(paper).pages).replace("\n", "")
    for words in ("曲阳街道文件", "曲街物办〔2026〕6号", "关于桓谭社区月报迟报的通报",
                  "桓谭社区、恒信物业", "约谈后仍未整改", "被通报单位要深刻反思"):  # fmt: skip
        assert words in text, words


def test_bad_input_exits_1_in_chinese_and_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    db.close()
    before = Path(db.path).read_bytes()
    outside = wuye(db, "interview", "add", "--to-office", "999999999999", "--reason", "x", *AT)
    assert outside.exit_code == 1 and "找不到本单位下级的单位" in outside.output
    form = wuye(db, "interview", "add", "--company", "恒信物业", "--reason", "x", *AT,
                "--form", "喝茶")  # fmt: skip
    assert form.exit_code == 1 and "约谈方式应为" in form.output
    circular = wuye(db, "circular", "add", "--kind", "警告", "--title", "t", "--facts", "f",
                    "--doc-number", "第6号")  # fmt: skip
    assert circular.exit_code == 1 and "通报类型应为表扬或批评" in circular.output
    assert wuye(db, "interview", "add", "--reason", "x", *AT).exit_code == 2  # no one summoned
    assert Path(db.path).read_bytes() == before
