import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.credit_code import (
    ALPHABET,
    check_char,
    normalize,
    org_code_check_char,
    validate_credit_code,
    with_check_char,
)

bodies = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", ["91340603MA2W000184", "91340602MA2W00026G", "51340600MA2W00034J"])
def test_domain_valid_vectors_pass_without_warnings(code: str) -> None:
    result = validate_credit_code(code)
    assert result.ok
    assert result.value == code
    assert result.warnings == ()


def test_domain_worked_example_check_char_is_4() -> None:
    assert check_char("91340603MA2W00018") == "4"


def test_domain_worked_example_org_check_is_8() -> None:
    assert org_code_check_char("MA2W0001") == "8"


def test_wrong_check_char_names_the_expected_one() -> None:
    result = validate_credit_code("91340603MA2W000185")
    assert not result.ok
    assert any("校验码应为4" in e for e in result.errors)


def test_letter_o_is_rejected_naming_position_and_char() -> None:
    result = validate_credit_code("91340603MO2W000184")
    assert not result.ok
    assert any("第10位" in e and "O" in e for e in result.errors)


@pytest.mark.parametrize("letter", ["I", "O", "Z", "S", "V"])
def test_letters_excluded_by_the_standard_are_rejected(letter: str) -> None:
    result = validate_credit_code("91340603M" + letter + "2W000184")
    assert not result.ok
    assert any(letter in e for e in result.errors)


def test_17_chars_reports_actual_and_needed_length() -> None:
    result = validate_credit_code("91340603MA2W00018")
    assert not result.ok
    assert any("18" in e and "17" in e for e in result.errors)


def test_blank_is_an_error_with_empty_value() -> None:
    result = validate_credit_code(" \u3000 ")
    assert not result.ok
    assert result.value == ""


def test_full_width_lower_case_spaced_input_is_normalised_and_valid() -> None:
    result = validate_credit_code(" ９１３４０６０３ｍａ２ｗ 000184\n")
    assert result.ok
    assert result.value == "91340603MA2W000184"


def test_normalize_upper_cases_and_squeezes() -> None:
    assert normalize(" 9134 0603ma2w000184 ") == "91340603MA2W000184"


def test_bad_org_code_check_is_only_a_warning() -> None:
    # Position 17 changed (4 -> 7), then the 18th recomputed so only the org check is off.
    code = with_check_char("91340603MA2W00017")
    result = validate_credit_code(code)
    assert result.ok
    assert any("组织机构代码" in w for w in result.warnings)


def test_org_check_11_becomes_0() -> None:
    assert org_code_check_char("00000000") == "0"  # sum 0 -> 11 - 0 = 11


def test_org_check_10_becomes_x() -> None:
    assert org_code_check_char("00000006") == "X"  # 6 x 2 = 12, mod 11 = 1 -> 10


def test_org_check_below_10_is_the_digit() -> None:
    assert org_code_check_char("00000005") == "1"  # 5 x 2 = 10 -> 11 - 10 = 1


def test_org_check_uses_full_alphabet_so_i_counts_18() -> None:
    # I = 18 at weight 2: 36 mod 11 = 3 -> 8. Under the USCC alphabet I would not exist.
    assert org_code_check_char("0000000I") == "8"


def test_check_char_rejects_wrong_length() -> None:
    with pytest.raises(ValueError):
        check_char("9134")


def test_check_char_rejects_disallowed_letter() -> None:
    with pytest.raises(ValueError):
        check_char("91340603MO2W00018")


def test_with_check_char_appends_the_domain_check() -> None:
    assert with_check_char("91340603MA2W00018") == "91340603MA2W000184"


@given(bodies)
def test_with_check_char_always_validates(body: str) -> None:
    code = with_check_char(body)
    assert len(code) == 18
    assert validate_credit_code(code).ok


@given(bodies, st.integers(min_value=0, max_value=17), st.data())
def test_any_single_char_change_is_caught(body: str, position: int, data: st.DataObject) -> None:
    code = with_check_char(body)
    other = data.draw(st.sampled_from([c for c in ALPHABET if c != code[position]]))
    changed = code[:position] + other + code[position + 1 :]
    assert not validate_credit_code(changed).ok
