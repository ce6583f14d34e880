from collections.abc import Callable

import pytest

from app.rules.masking import (
    HIDDEN,
    mask_field,
    mask_landline,
    mask_mobile,
    mask_name,
    mask_phone,
    mask_resident_id,
)


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张小三", "张*三"), ("欧阳小明", "欧**明"), (" 张三 ", "张*")],
)
def test_name_keeps_first_and_last_char(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_single_char_name_is_masked_whole() -> None:
    assert mask_name("张") == "*"


def test_mobile_keeps_prefix_and_last_four() -> None:
    assert mask_mobile("13812341234") == "138****1234"


def test_mobile_is_normalised_before_masking() -> None:
    assert mask_mobile("+86 138-1234-1234") == "138****1234"


def test_landline_keeps_area_code_and_last_four() -> None:
    assert mask_landline("0561-3012345") == "0561-***2345"


def test_landline_without_hyphen_is_normalised_before_masking() -> None:
    assert mask_landline("05613012345") == "0561-***2345"


def test_landline_extension_is_kept() -> None:
    assert mask_landline("0561-3012345转12") == "0561-***2345-12"


def test_resident_id_keeps_first_and_last_four() -> None:
    assert mask_resident_id("340603198001010013") == "3406**********0013"


def test_resident_id_lower_case_x_is_normalised() -> None:
    assert mask_resident_id("34060219900315035x") == "3406**********035X"


def test_too_short_values_are_masked_whole_not_leaked() -> None:
    assert mask_mobile("1234") == "****"
    assert mask_resident_id("12345678") == "********"


@pytest.mark.parametrize("mask", [mask_name, mask_mobile, mask_landline, mask_resident_id])
def test_empty_stays_empty(mask: Callable[[str | None], str]) -> None:
    assert mask("") == ""
    assert mask(None) == ""


def test_a_phone_is_masked_as_a_mobile_or_a_landline_by_itself() -> None:
    assert (mask_phone("13850217099"), mask_phone("0561-3012345")) == (
        "138****7099",
        "0561-***2345",
    )


def test_the_audit_log_and_the_screens_mask_an_id_number_alike() -> None:
    # The audit log had its own formula that kept 3 leading characters: one formula now.
    number = "340602198001010013"
    assert mask_field("id_number", number) == mask_resident_id(number) == "3406**********0013"


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [
        ("contact_phone", "13850217099", "138****7099"),
        ("complainant_name", "欧阳小明", "欧**明"),
        ("content_json", '{"phone": "13850217099"}', HIDDEN),
        ("phone", "", ""),
    ],
)
def test_a_sensitive_field_is_masked_by_its_name(field: str, value: str, masked: str) -> None:
    assert mask_field(field, value) == masked
