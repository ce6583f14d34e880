import pytest

from app.rules.division_code import (
    HUAIBEI,
    LEVELS,
    level_of,
    parent_code,
    validate_division_code,
)


def test_levels_run_from_city_down_to_community() -> None:
    assert LEVELS == ("city", "district", "street", "community")


def test_huaibei_codes_match_domain() -> None:
    assert HUAIBEI == {
        "340600000000": "淮北市",
        "340602000000": "杜集区",
        "340603000000": "相山区",
        "340604000000": "烈山区",
        "340621000000": "濉溪县",
    }


@pytest.mark.parametrize(
    ("code", "level", "padded"),
    [
        ("340600", "city", "340600000000"),
        ("340603", "district", "340603000000"),
        ("340621000000", "district", "340621000000"),
        ("340603010", "street", "340603010000"),
        ("340603010001", "community", "340603010001"),
        ("３４０６０３０１０００１", "community", "340603010001"),
    ],
)
def test_short_forms_are_padded_and_reported(code: str, level: str, padded: str) -> None:
    result = validate_division_code(code, level)
    assert result.ok
    assert result.value == padded


def test_community_code_given_for_street_is_rejected() -> None:
    result = validate_division_code("340603010001", "street")
    assert not result.ok
    assert any("村居级" in e and "乡镇街道级" in e for e in result.errors)


def test_district_code_given_for_city_is_rejected() -> None:
    assert not validate_division_code("340603", "city").ok


def test_gap_in_hierarchy_is_rejected() -> None:
    assert not validate_division_code("340603000001", "community").ok


def test_province_code_is_rejected() -> None:
    assert not validate_division_code("340000000000", "city").ok


@pytest.mark.parametrize("code", ["3406", "3406030100", "3406030100011"])
def test_other_lengths_are_rejected_with_length(code: str) -> None:
    result = validate_division_code(code, "community")
    assert not result.ok
    assert any(str(len(code)) in e for e in result.errors)


def test_non_digits_are_rejected() -> None:
    assert not validate_division_code("34060301000A", "community").ok


def test_blank_is_an_error_with_empty_value() -> None:
    result = validate_division_code(" ", "city")
    assert not result.ok
    assert result.value == ""


def test_unknown_level_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        validate_division_code("340600", "province")


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("340600000000", "city"),
        ("340603000000", "district"),
        ("340603010000", "street"),
        ("340603010001", "community"),
    ],
)
def test_level_of_reads_the_zero_padding(code: str, level: str) -> None:
    assert level_of(code) == level


def test_level_of_rejects_malformed_code() -> None:
    with pytest.raises(ValueError):
        level_of("340603000001")


def test_parent_chain_runs_community_to_city() -> None:
    chain = []
    code: str | None = "340603010001"
    while code is not None:
        chain.append(code)
        code = parent_code(code)
    assert chain == ["340603010001", "340603010000", "340603000000", "340600000000"]


def test_county_parent_is_the_city() -> None:
    assert parent_code("340621") == "340600000000"
