import dataclasses

import pytest

from app.rules.check import CodeCheck, squeeze, to_half_width


def test_full_width_digits_and_letters_become_ascii() -> None:
    assert to_half_width("９１ＡＢｃｄ") == "91ABcd"


def test_full_width_punctuation_range_ends_convert() -> None:
    assert to_half_width("！～－（）") == "!~-()"


def test_ideographic_space_becomes_ascii_space() -> None:
    assert to_half_width("张\u3000三") == "张 三"


def test_chinese_text_is_left_alone() -> None:
    assert to_half_width("淮北市相山区") == "淮北市相山区"


def test_squeeze_removes_all_whitespace_including_line_breaks_and_tabs() -> None:
    assert squeeze(" 9134\t0603\nMA2W\r\n000184\u3000") == "91340603MA2W000184"


def test_squeeze_of_blank_is_empty() -> None:
    assert squeeze(" \u3000\n") == ""


def test_check_without_errors_is_ok_even_with_warnings() -> None:
    assert CodeCheck("x", warnings=("注意",)).ok


def test_check_with_errors_is_not_ok() -> None:
    assert not CodeCheck("x", errors=("错误",)).ok


def test_check_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CodeCheck("x").value = "y"  # type: ignore[misc]
