"""Templates: the shipped set, user folders that override and extend it, filling with every
missing field reported, and template files that explain what is wrong with them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.errors import InputError
from reports.pdf.templates import fill, list_templates, load_template, unknown_fields

SHIPPED = {
    "业主大会会议通知",
    "业主委员会换届选举公告",
    "物业服务信息公示",
    "整改情况公示",
    "停水停电通知",
    "停水通知",
    "停电通知",
    "联席会议纪要",
    "自由通知",
    "约谈通知",
    "通报",
}
FREE = "标题: ${title}\n类型: 通知\n字段: title=标题, body=正文\n---\n${body}\n"


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding=encoding)
    return path


def test_the_shipped_templates_are_listed_whole_and_valid() -> None:
    infos = {info.name: info for info in list_templates(None)}
    assert set(infos) >= SHIPPED
    assert all(info.error is None and not info.user for info in infos.values())
    assert infos["自由通知"].fields[:2] == (("title", "标题"), ("body", "正文"))
    assert infos["业主大会会议通知"].kind == "公告" and infos["联席会议纪要"].kind == "通知"
    assert ("venue", "会议地点") in infos["业主大会会议通知"].fields


def test_every_shipped_template_fills_from_its_sample(samples) -> None:  # type: ignore[no-untyped-def]
    for name in SHIPPED:
        filled = fill(load_template(name), samples[name])
        assert "$" not in filled.title + "".join(filled.paragraphs), name


def test_fill_puts_values_in_and_writes_dates_the_chinese_way(samples) -> None:  # type: ignore[no-untyped-def]
    values = samples["业主大会会议通知"] | {"meeting_date": date(2026, 12, 2)}
    filled = fill(load_template("业主大会会议通知"), values)
    assert filled.title == "关于召开相山花园业主大会会议的通知"
    assert filled.addressee == "相山花园全体业主："
    assert filled.signature == "相山花园业主委员会"
    text = "".join(filled.paragraphs)
    assert "定于2026年12月2日召开" in text  # a date value
    assert "表决截止日期为2026年12月12日" in text  # "2026-12-12" in a *_date field
    assert "1.审议《相山花园管理规约（修订稿）》；" in filled.paragraphs  # one line, one paragraph


def test_every_missing_field_is_listed_by_its_chinese_label(samples) -> None:  # type: ignore[no-untyped-def]
    values = samples["业主大会会议通知"]
    del values["venue"], values["contact"]
    values["agenda"] = "  "
    with pytest.raises(InputError) as caught:
        fill(load_template("业主大会会议通知"), values)
    assert [p.field for p in caught.value.problems] == ["会议地点", "会议议题", "联系人及电话"]
    assert str(caught.value).startswith("模板“业主大会会议通知”缺少字段: 会议地点: 未填写；")


def test_an_optional_field_left_blank_drops_its_paragraph(samples) -> None:  # type: ignore[no-untyped-def]
    values = samples["物业服务信息公示"] | {"parking_fee": ""}
    filled = fill(load_template("物业服务信息公示"), values)
    assert not any(p.startswith("停车服务收费") for p in filled.paragraphs)
    assert not any(p.startswith("公共收益") for p in filled.paragraphs)  # never given


def test_keys_the_template_does_not_use_are_ignored_but_can_be_found(samples) -> None:  # type: ignore[no-untyped-def]
    template = load_template("自由通知")
    filled = fill(template, samples["自由通知"] | {"estate": "相山花园"})
    assert filled.title == "关于开展冬季消防安全检查的通知"
    assert unknown_fields(template, ["title", "tilte", "estate"]) == ["tilte", "estate"]


def test_an_unknown_template_is_refused_with_the_names_there_are() -> None:
    with pytest.raises(InputError, match=r"没有名为“会议通知”的模板（现有：.*自由通知"):
        load_template("会议通知")


def test_a_user_template_replaces_the_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    write(tmp_path, "自由通知", FREE.replace("类型: 通知", "类型: 公告"))
    infos = {info.name: info for info in list_templates(tmp_path)}
    assert infos["自由通知"].user and infos["自由通知"].kind == "公告"
    assert load_template("自由通知", tmp_path).info.kind == "公告"
    assert load_template("自由通知", None).info.kind == "通知"


def test_a_user_template_with_a_new_name_is_added(tmp_path: Path) -> None:
    write(tmp_path, "电梯维保公示", FREE.replace("${title}", "${estate}电梯维保公示").replace(
        "title=标题", "estate=小区名称"))  # fmt: skip
    names = [info.name for info in list_templates(tmp_path)]
    assert "电梯维保公示" in names and set(names) >= SHIPPED
    filled = fill(load_template("电梯维保公示", tmp_path), {"estate": "南湖小区", "body": "内容"})
    assert filled.title == "南湖小区电梯维保公示"


def test_a_template_saved_by_notepad_in_gbk_or_with_a_bom_is_read(tmp_path: Path) -> None:
    write(tmp_path, "旧模板", FREE, encoding="gb18030")
    write(tmp_path, "记事本", FREE, encoding="utf-8-sig")
    for name in ("旧模板", "记事本"):
        assert load_template(name, tmp_path).info.fields[0] == ("title", "标题")


def test_a_broken_user_template_is_listed_with_what_is_wrong(tmp_path: Path) -> None:
    write(tmp_path, "坏模板", "标题: ${estate}通知\n类别: 公告\n字段: estate小区\n正文\n")
    (info,) = [i for i in list_templates(tmp_path) if i.name == "坏模板"]
    assert info.error is not None
    for words in ("第2行: 未知的头部项“类别”", "第3行: 字段应写作“键=中文名称”", "缺少分隔行 ---"):
        assert words in info.error
    with pytest.raises(InputError, match=r"模板文件 坏模板\.txt"):
        load_template("坏模板", tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FREE.replace("${body}", "${body}${venue}"), "正文: 用到未声明的字段 ${venue}"),
        (FREE.replace("${body}", "正文"), "body（正文）已声明，但标题和正文都没有用到"),
        (FREE.replace("${body}", "收费$5"), "要印出 $ 本身请写 $$"),
        (FREE.replace("类型: 通知", "类型: 函"), "类型应为“通知”或“公告”，不是“函”"),
        (FREE.replace("title=标题", "1st=标题"), "字段键“1st”只能用英文字母"),
        (FREE.replace("标题: ${title}\n", ""), "缺少“标题:”行"),
        (FREE.replace("---\n${body}\n", "---\n"), "正文为空"),
    ],
)
def test_template_mistakes_are_explained(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "模板", text)
    with pytest.raises(InputError) as caught:
        load_template("模板", tmp_path)
    assert message in str(caught.value)


def test_a_dollar_sign_is_written_as_two(tmp_path: Path) -> None:
    write(tmp_path, "模板", FREE.replace("${body}", "${body}，另付$$5"))
    filled = fill(load_template("模板", tmp_path), {"title": "通知", "body": "内容"})
    assert filled.paragraphs == ("内容，另付$5",)


def test_a_value_is_not_read_as_a_placeholder() -> None:
    filled = fill(load_template("自由通知"), {"title": "通知", "body": "见${estate}"})
    assert filled.paragraphs == ("见${estate}",)


def test_a_user_copy_is_checked_whole_before_it_is_kept(tmp_path: Path) -> None:
    from reports.pdf.templates import remove_user_template, save_user_template, template_text

    text = template_text("自由通知")
    with pytest.raises(InputError, match=r"模板文件 自由通知\.txt"):
        save_user_template("自由通知", text.replace("类型: 通知", "类型: 函件"), tmp_path)
    assert list(tmp_path.iterdir()) == []  # no draft, no file
    with pytest.raises(InputError, match="模板名称"):
        save_user_template("../x", text, tmp_path)
    saved = save_user_template("自由通知", text.replace("正文", "内容"), tmp_path)
    assert saved.info.user
    assert load_template("自由通知", tmp_path).info.fields[1] == ("body", "内容")
    assert remove_user_template("自由通知", tmp_path)
    assert not load_template("自由通知", tmp_path).info.user  # the shipped one again
