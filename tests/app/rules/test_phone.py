import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.phone import (
    normalize_phone,
    validate_complaint_phone,
    validate_landline,
    validate_mobile,
    validate_phone,
)


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+86-13812345678",
        "008613812345678",
        "１３８１２３４５６７８",
        "13812345678.0",
        "1.3812345678E10",
        " 13812345678\n",
    ],
)
def test_mobile_spellings_normalise_to_11_digits(raw: str) -> None:
    assert normalize_phone(raw) == "13812345678"
    assert validate_mobile(raw).ok


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0561-3012345", "0561-3012345"),
        ("05613012345", "0561-3012345"),
        ("0561 3012345", "0561-3012345"),
        ("(0561)3012345", "0561-3012345"),
        ("０５６１－３０１２３４５", "0561-3012345"),
        ("0561—3012345", "0561-3012345"),
        ("+86 561 3012345", "0561-3012345"),
        ("0561-3012345转123", "0561-3012345-123"),
        ("0561-3012345-123", "0561-3012345-123"),
    ],
)
def test_landline_spellings_normalise_to_area_hyphen_local(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected
    result = validate_landline(raw)
    assert result.ok
    assert result.value == expected
    assert result.warnings == ()


def test_mobile_with_wrong_prefix_is_rejected() -> None:
    result = validate_mobile("12812345678")
    assert not result.ok
    assert any("13–19" in e for e in result.errors)


def test_short_mobile_reports_length() -> None:
    result = validate_mobile("1381234567")
    assert not result.ok
    assert any("11" in e and "10" in e for e in result.errors)


def test_mobile_with_letters_is_rejected() -> None:
    assert not validate_mobile("1381234567a").ok


def test_blank_mobile_is_an_error_with_empty_value() -> None:
    result = validate_mobile("  ")
    assert not result.ok
    assert result.value == ""


def test_huaibei_local_number_must_have_7_digits() -> None:
    result = validate_landline("0561-30123456")
    assert not result.ok
    assert any("7位" in e for e in result.errors)


def test_local_number_cannot_start_with_0_or_1() -> None:
    assert not validate_landline("0561-1012345").ok


def test_other_area_code_is_accepted_with_a_warning() -> None:
    result = validate_landline("0551-62345678")
    assert result.ok
    assert result.value == "0551-62345678"
    assert any("0551" in w and "淮北" in w for w in result.warnings)


def test_beijing_two_digit_area_code_is_split_correctly() -> None:
    assert normalize_phone("01062345678") == "010-62345678"


def test_bare_local_number_gets_huaibei_area_code_with_warning() -> None:
    result = validate_landline("3012345")
    assert result.ok
    assert result.value == "0561-3012345"
    assert any("0561" in w for w in result.warnings)


def test_validate_phone_accepts_mobile() -> None:
    assert validate_phone("138 1234 5678").value == "13812345678"


def test_validate_phone_accepts_landline() -> None:
    result = validate_phone("0561 3012345")
    assert result.ok
    assert result.value == "0561-3012345"


def test_validate_phone_error_names_both_forms() -> None:
    result = validate_phone("12812345678")
    assert not result.ok
    assert any("手机" in e and "固定电话" in e for e in result.errors)


def test_validate_phone_blank_is_an_error() -> None:
    assert not validate_phone("").ok


@pytest.mark.parametrize("number", ["12345", "12315", "96123", "９６１２３"])
def test_complaint_phone_accepts_hotlines_and_96_service_numbers(number: str) -> None:
    result = validate_complaint_phone(number)
    assert result.ok
    assert result.warnings == ()


def test_complaint_phone_12358_suggests_12315() -> None:
    result = validate_complaint_phone("12358")
    assert result.ok
    assert any("12315" in w for w in result.warnings)


def test_complaint_phone_accepts_ordinary_numbers() -> None:
    assert validate_complaint_phone("0561-3012345").ok
    assert validate_complaint_phone("13812345678").ok


@pytest.mark.parametrize("number", ["110", "9612", "961234", "12346"])
def test_complaint_phone_rejects_other_short_numbers(number: str) -> None:
    assert not validate_complaint_phone(number).ok


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True), st.sampled_from(["", " ", "-"]))
def test_normalised_mobile_is_stable(number: str, sep: str) -> None:
    spaced = sep.join([number[:3], number[3:7], number[7:]])
    once = normalize_phone(spaced)
    assert once == number
    assert normalize_phone(once) == once


def test_non_ascii_digits_are_not_a_mobile() -> None:
    assert not validate_mobile("١٣٨١٢٣٤٥٦٧٨").ok
