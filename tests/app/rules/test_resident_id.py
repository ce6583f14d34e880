from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.resident_id import (
    check_char,
    normalize,
    upgrade_15,
    validate_resident_id,
    with_check_char,
)

TODAY = date(2025, 6, 30)


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """17 digits with a plausible address code and a real birth date no later than TODAY."""
    address = draw(st.from_regex(r"[1-9][0-9]{5}", fullmatch=True))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return f"{address}{born:%Y%m%d}{sequence}"


@pytest.mark.parametrize(
    "number", ["340603198001010013", "340602199003150026", "34060219900315035X"]
)
def test_domain_valid_vectors_pass(number: str) -> None:
    result = validate_resident_id(number, TODAY)
    assert result.ok
    assert result.value == number
    assert result.warnings == ()


def test_domain_worked_example_check_char_is_3() -> None:
    assert check_char("34060319800101001") == "3"


def test_wrong_check_char_names_the_expected_one() -> None:
    result = validate_resident_id("340603198001010010", TODAY)
    assert not result.ok
    assert any("校验码应为3" in e for e in result.errors)


def test_30_february_is_an_impossible_birth_date() -> None:
    result = validate_resident_id("340603199002300017", TODAY)
    assert not result.ok
    assert any("19900230" in e and "不存在" in e for e in result.errors)


def test_17_digits_reports_actual_length() -> None:
    result = validate_resident_id("34060319800101001", TODAY)
    assert not result.ok
    assert any("18" in e and "17" in e for e in result.errors)


def test_birth_date_after_today_is_an_error() -> None:
    number = with_check_char("34060320250701001")
    result = validate_resident_id(number, TODAY)
    assert not result.ok
    assert any("晚于今天" in e for e in result.errors)


def test_birth_date_equal_to_today_is_allowed() -> None:
    assert validate_resident_id(with_check_char("34060320250630001"), TODAY).ok


def test_lower_case_x_is_accepted_and_upper_cased() -> None:
    result = validate_resident_id("34060219900315035x", TODAY)
    assert result.ok
    assert result.value == "34060219900315035X"


def test_full_width_spaced_input_is_normalised() -> None:
    result = validate_resident_id(" ３４０６０２ 19900315 035ｘ\n", TODAY)
    assert result.ok
    assert result.value == "34060219900315035X"


def test_letter_in_body_is_rejected_naming_position() -> None:
    result = validate_resident_id("3406031980010100A3", TODAY)
    assert not result.ok
    assert any("第17位" in e and "A" in e for e in result.errors)


def test_x_only_allowed_as_last_char() -> None:
    result = validate_resident_id("34060319800101X013", TODAY)
    assert not result.ok
    assert any("第15位" in e for e in result.errors)


def test_address_code_starting_with_zero_is_rejected() -> None:
    result = validate_resident_id(with_check_char("04060319800101001"), TODAY)
    assert not result.ok
    assert any("地址码" in e for e in result.errors)


def test_retired_address_code_is_not_checked_against_a_list() -> None:
    assert validate_resident_id(with_check_char("99999919800101001"), TODAY).ok


def test_blank_is_an_error_with_empty_value() -> None:
    result = validate_resident_id("  ", TODAY)
    assert not result.ok
    assert result.value == ""


def test_15_digit_number_is_upgraded_with_a_warning() -> None:
    result = validate_resident_id("340603800101001", TODAY)
    assert result.ok
    assert result.value == "340603198001010013"
    assert result.warnings


def test_upgrade_15_inserts_19_and_adds_check() -> None:
    assert upgrade_15("340603800101001") == "340603198001010013"


def test_upgrade_15_rejects_other_lengths() -> None:
    with pytest.raises(ValueError):
        upgrade_15("3406038001010011")


def test_check_char_rejects_non_digits() -> None:
    with pytest.raises(ValueError):
        check_char("3406031980010100A")


def test_normalize_upper_cases_and_squeezes() -> None:
    assert normalize(" 340602 19900315035x ") == "34060219900315035X"


@given(bodies())
def test_with_check_char_always_validates(body: str) -> None:
    number = with_check_char(body)
    assert len(number) == 18
    assert validate_resident_id(number, TODAY).ok


@given(bodies(), st.integers(min_value=0, max_value=17), st.data())
def test_any_single_char_change_is_caught(body: str, position: int, data: st.DataObject) -> None:
    number = with_check_char(body)
    allowed = "0123456789X" if position == 17 else "0123456789"
    other = data.draw(st.sampled_from([c for c in allowed if c != number[position]]))
    changed = number[:position] + other + number[position + 1 :]
    assert not validate_resident_id(changed, TODAY).ok
