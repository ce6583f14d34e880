"""Names sort as a Chinese reader looks them up: by pinyin, words read together."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.rules.pinyin import pinyin_key


def test_names_sort_by_pinyin_not_by_code_point() -> None:
    names = ["丽水嘉园", "华家园", "和平新村", "长安花园", "Abc公寓"]
    assert sorted(names) != sorted(names, key=pinyin_key)
    assert sorted(names, key=pinyin_key) == [
        "Abc公寓",
        "长安花园",
        "和平新村",
        "华家园",
        "丽水嘉园",
    ]


def test_a_word_is_read_together_and_homophones_keep_one_order() -> None:
    assert pinyin_key("长安花园").startswith("chang an hua yuan")
    assert pinyin_key("花园") < pinyin_key("花园1") < pinyin_key("黄河")


def test_numbers_in_names_compare_by_value() -> None:
    names = ["翡翠公馆10136", "翡翠公馆1047", "翡翠公馆128"]
    assert sorted(names, key=pinyin_key) == ["翡翠公馆128", "翡翠公馆1047", "翡翠公馆10136"]


def test_words_read_otherwise_than_their_characters_keep_their_reading() -> None:
    """Only these words of pypinyin's phrase dictionary are loaded (pinyin_phrases.json)."""
    assert pinyin_key("重庆路").startswith("chong qing lu")  # 重 alone: zhong
    assert pinyin_key("银行宿舍").startswith("yin hang su she")  # 行 alone: xing
    assert pinyin_key("长春苑").startswith("chang chun yuan")


def test_the_phrase_list_is_what_the_installed_pypinyin_gives() -> None:
    """Its own process: pypinyin's full dictionary is loaded there, not here."""
    script = Path(__file__).resolve().parents[3] / "scripts" / "pinyin_phrases.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
