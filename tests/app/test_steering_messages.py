"""Issue 16's messages in Chinese. Every field a 督办/约谈/督查/通报/调度/考核/下发 problem names
has a Chinese name:
the CLI prints “名称：原因” (app/cli_support.problem_line), so a field without one showed its
key in English ("to_office：找不到本单位下级的单位…", "task：督办事项…只读") and a task answer's
missing 办理结果 was told as 复核结果 (the key 'result' belongs to 示范项目复核). A 考核 sheet
file or a code table file that cannot be read is said without the system's or the JSON
parser's English text ("No such file or directory", "Expecting value: line 2…")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.cli_support import describe
from app.db import Database
from app.errors import InputError
from app.field_labels import FIELD_LABELS
from app.ids import new_uuid
from app.services.tasks import answer_task
from tests.app.services.office_rows import carry
from tests.app.services.test_office_tasks import ISSUED, LATER, community, issue
from tests.conftest import STREET

__all__ = ["community"]  # the office below, a fixture of the 督办 tests

STEERING = [
    "app/services/tasks.py",
    "app/services/interviews.py",
    "app/services/inspections.py",
    "app/services/circulars.py",
    "app/services/campaigns.py",
    "app/services/assessment.py",
    "app/services/offices.py",
    "app/packages/downward.py",
]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", STEERING)
def test_every_field_a_steering_problem_names_has_a_chinese_name(module: str) -> None:
    text = (ROOT / module).read_text(encoding="utf-8")
    fields = set(re.findall(r'(?:Problem|Issue)\(\s*"([a-z_]+)"', text))
    fields |= set(re.findall(r'field: str = "([a-z_]+)"', text))
    assert fields, module
    assert sorted(f for f in fields if f not in FIELD_LABELS) == []


def test_a_task_addressed_outside_the_subtree_is_told_in_chinese(db: Database) -> None:
    with pytest.raises(InputError) as caught:
        issue(db, to_office="340699999999")
    assert describe(caught.value).startswith("下级单位：找不到本单位下级的单位：340699999999")


def test_an_answer_without_a_result_names_the_result_not_a_review(
    db: Database, community: Database
) -> None:
    uuid = issue(db)
    carry(db, community, "task", uuid)
    with community.sessions.begin() as s, pytest.raises(InputError) as caught:
        answer_task(s, uuid, ISSUED, " ", today=LATER)
    assert describe(caught.value) == "办理结果：请填写办理结果（书面反馈）"
    with db.sessions.begin() as s, pytest.raises(InputError) as caught:
        answer_task(s, uuid, date(2025, 10, 9), "已清理", today=LATER)
    assert describe(caught.value).startswith("督办事项 ")  # the line names it: no field label


def test_a_received_task_names_its_issuer_by_name(db: Database, community: Database) -> None:
    """The community knows its street by the onboarding file (a peer office), not an org row:
    the refusal said 由340600001000交办, a code nobody reads."""
    from datetime import datetime

    from app.models import PeerOffice
    from app.services.tasks import mark_done

    uuid = issue(db)
    carry(db, community, "task", uuid)
    with community.sessions.begin() as s:
        s.add(PeerOffice(code=STREET, name="东山街道", level="street", relation="upper",
                         onboarding_id=new_uuid(), onboarded_at=datetime(2025, 9, 1)))  # fmt: skip
    with community.sessions.begin() as s, pytest.raises(InputError) as caught:
        mark_done(s, uuid, date(2025, 10, 9), today=LATER)
    said = describe(caught.value)
    assert said.startswith("督办事项 ") and f"由东山街道（{STREET}）交办，只能由该单位修改" in said


def _files(tmp_path: Path) -> dict[str, Path]:
    files = {"missing": tmp_path / "没有.json", "broken": tmp_path / "坏.json",
             "gbk": tmp_path / "gbk.json", "wrong": tmp_path / "错.json"}  # fmt: skip
    files["broken"].write_text('{"items":\n', encoding="utf-8")
    files["gbk"].write_bytes('{"说明": "国庆"}'.encode("gbk"))
    files["wrong"].write_text('{"items": [{"title": "组建率"}]}', encoding="utf-8")
    return files


def test_a_scoring_sheet_file_that_cannot_be_read_is_told_in_chinese(tmp_path: Path) -> None:
    from app.services.assessment import default_items

    said = {}
    for kind, path in _files(tmp_path).items():
        with pytest.raises(InputError) as caught:
            default_items(path)
        said[kind] = describe(caught.value)
    assert said["missing"] == f"来源文件：无法读写 {tmp_path / '没有.json'}：找不到该文件或文件夹"
    assert said["broken"].endswith("坏.json 不是有效的 JSON（第2行第1列有误）")
    assert said["gbk"].endswith("gbk.json 不是 UTF-8 编码的文本文件")
    assert said["wrong"].startswith("来源文件：错.json 不是考核评分表：应含 items")
    assert not any(re.search("[A-Z][a-z]+ |Errno|line ", s) for s in said.values()), said


def test_a_code_table_file_that_cannot_be_read_is_told_in_chinese(tmp_path: Path) -> None:
    from app.services.code_tables import read_table_file

    said = {}
    for kind, path in _files(tmp_path).items():
        with pytest.raises(InputError) as caught:
            read_table_file("report_due", path)
        said[kind] = describe(caught.value)
    assert said["missing"] == f"文件：无法读写 {tmp_path / '没有.json'}：找不到该文件或文件夹"
    assert said["broken"].endswith("坏.json 不是有效的 JSON（第2行第1列有误）")
    assert said["gbk"].endswith("gbk.json 不是 UTF-8 编码的文本文件")
    assert "不符合“报表报送期限”代码表的格式" in said["wrong"]
    assert not any(re.search("[A-Z][a-z]+ |Errno|line ", s) for s in said.values()), said
