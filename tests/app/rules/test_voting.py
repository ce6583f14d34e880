"""The art. 278 count: DOMAIN.md §1's worked example, every threshold at its boundary in
both dimensions and in each alone, and the head count's invariances (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.voting import (
    Count,
    Rule,
    categories,
    category,
    item_passes,
    missing_text,
    pass_shortfall,
    quorum_met,
    quorum_shortfall,
)
from app.rules.voting_tally import Choice, Holding, in_base, person_of, tally_item

Y, N, A, V = Choice.YES, Choice.NO, Choice.ABSTAIN, Choice.VOID


def worked_example() -> list[Holding]:
    """9 persons / 1,200 m² (DOMAIN.md §1)."""

    def h(unit: str, m2: int, *owners: str, developer: bool = False) -> Holding:
        return Holding(unit, m2 * 100, frozenset(owners), developer)

    return [
        h("101", 100, "A"), h("102", 100, "A"), h("201", 100, "B", "C"), h("202", 95, "D"),
        h("203", 105, "E"), h("204", 100, "F"), h("301", 100, developer=True),
        h("302", 100, developer=True), h("303", 100, developer=True),
        h("401", 100, "G"), h("402", 100, "H"), h("403", 100, "J"),
    ]  # fmt: skip


DEV = {"301": Y, "302": Y, "303": Y}


def test_categories_are_the_nine_items_with_6_to_8_major() -> None:
    assert [c.number for c in categories()] == list(range(1, 10))
    assert [c.number for c in categories() if c.major] == [6, 7, 8]
    assert category(6).rule == Rule.MAJOR and "筹集" in category(6).text
    with pytest.raises(ValueError, match="第10项"):
        category(10)


def test_worked_example_base_is_9_persons_and_1200_m2() -> None:
    t = tally_item(Rule.ORDINARY, worked_example(), {})
    assert t.total == Count(9, 120000)
    assert t.participating == Count()


def test_worked_example_ordinary_passes_and_major_fails() -> None:
    votes = {"101": Y, "102": Y, "201": Y, "202": Y, **DEV, "203": N, "401": N, "402": A}
    ordinary = tally_item(Rule.ORDINARY, worked_example(), votes)
    assert ordinary.participating == Count(7, 100000)
    assert ordinary.yes == Count(4, 69500)
    assert ordinary.no == Count(2, 20500)
    assert ordinary.abstain == Count(1, 10000)
    assert ordinary.quorum and ordinary.passed
    major = tally_item(Rule.MAJOR, worked_example(), votes)
    assert major.quorum and not major.passed


def test_worked_example_area_majority_without_head_majority_fails() -> None:
    votes = {"101": Y, "102": Y, **DEV, "203": Y, "201": N, "202": N, "401": N, "402": A}
    t = tally_item(Rule.ORDINARY, worked_example(), votes)
    assert t.yes == Count(3, 60500)
    assert 2 * t.yes.area > t.participating.area
    assert not t.passed


def test_worked_example_exactly_two_thirds_area_but_too_few_heads_is_no_quorum() -> None:
    votes = {"101": Y, "102": Y, "201": Y, "202": Y, **DEV, "203": Y}
    t = tally_item(Rule.ORDINARY, worked_example(), votes)
    assert t.participating == Count(5, 80000)
    assert 3 * t.participating.area == 2 * t.total.area
    assert not t.quorum and not t.passed
    assert t.quorum_missing == Count(1, 0)


def test_parking_is_outside_the_base_unless_counted() -> None:
    units = [
        Holding("101", 10000, frozenset({"A"})),
        Holding("P1", 1250, frozenset({"B"}), parking=True),
    ]
    assert tally_item(Rule.ORDINARY, in_base(units), {}).total == Count(1, 10000)
    assert tally_item(Rule.ORDINARY, in_base(units, count_parking=True), {}).total == Count(
        2, 11250
    )


def test_a_void_ballot_takes_part_but_does_not_agree() -> None:
    units = [Holding(str(i), 100) for i in range(3)]
    t = tally_item(Rule.ORDINARY, units, {"0": Y, "1": V, "2": V})
    assert t.participating == Count(3, 300) and t.void == Count(2, 200)
    assert t.quorum and not t.passed


def test_a_person_whose_units_disagree_takes_part_without_agreeing() -> None:
    units = [Holding("1", 100, frozenset({"A"})), Holding("2", 100, frozenset({"A"}))]
    t = tally_item(Rule.ORDINARY, units, {"1": Y, "2": N})
    assert t.participating == Count(1, 200)
    assert t.yes == Count(0, 100) and t.abstain == Count(1, 0)


def test_art_279_needs_every_affected_owner() -> None:
    units = [Holding(str(i), 100, frozenset({f"o{i}"})) for i in range(3)]
    assert tally_item(Rule.CONSENT, units, {"0": Y, "1": Y, "2": Y}).passed
    assert not tally_item(Rule.CONSENT, units, {"0": Y, "1": Y}).passed
    assert not tally_item(Rule.CONSENT, units, {"0": Y, "1": Y, "2": A}).passed
    assert tally_item(Rule.CONSENT, units, {"0": Y, "1": Y}).pass_missing == Count(1, 100)


# --- thresholds exactly at the boundary, both sides, each dimension alone -------------------

BIG = Count(300, 300_000)


@pytest.mark.parametrize(
    ("persons", "area", "met"),
    [
        (200, 200_000, True),  # exactly ⅔ of both (以上 includes)
        (199, 200_000, False),  # heads one short
        (200, 199_999, False),  # area 0.01 m² short
        (199, 199_999, False),
        (201, 200_001, True),
    ],
)
def test_quorum_at_exactly_two_thirds(persons: int, area: int, met: bool) -> None:
    assert quorum_met(BIG, Count(persons, area)) is met


@pytest.mark.parametrize(
    ("persons", "area", "passes"),
    [
        (101, 100_001, True),  # just over half of 200 / 2,000.00 m²
        (100, 100_001, False),  # exactly half the heads is not 过半数
        (101, 100_000, False),  # exactly half the area
        (100, 100_000, False),
        (99, 150_000, False),
    ],
)
def test_ordinary_majority_at_exactly_half(persons: int, area: int, passes: bool) -> None:
    part = Count(200, 200_000)
    assert item_passes(Rule.ORDINARY, BIG, part, Count(persons, area)) is passes


@pytest.mark.parametrize(
    ("persons", "area", "passes"),
    [
        (150, 150_000, True),  # exactly ¾ of both (以上 includes)
        (149, 150_000, False),
        (150, 149_999, False),
        (149, 149_999, False),
    ],
)
def test_major_at_exactly_three_quarters(persons: int, area: int, passes: bool) -> None:
    part = Count(200, 200_000)
    assert item_passes(Rule.MAJOR, BIG, part, Count(persons, area)) is passes


def test_areas_whose_float_ratio_misjudges_two_thirds_are_counted_exactly() -> None:
    # Summed as float m² these give 0.6666666666666665 < 2/3; in 0.01 m² they are exactly ⅔.
    took_part = [19094, 16635, 1571]
    away = [9325, 9325]
    assert sum(a / 100 for a in took_part) / sum(a / 100 for a in took_part + away) < 2 / 3
    units = [Holding(f"t{i}", a) for i, a in enumerate(took_part)]
    units += [Holding(f"a{i}", a, frozenset({"one owner"})) for i, a in enumerate(away)]
    t = tally_item(Rule.ORDINARY, units, {f"t{i}": Y for i in range(3)})
    assert 3 * t.participating.area == 2 * t.total.area
    assert quorum_met(t.total, t.participating)


def test_areas_whose_float_ratio_misjudges_three_quarters_are_counted_exactly() -> None:
    # Float m² sums give 0.7499999999999999; in 0.01 m² the yes area is exactly ¾.
    yes, no = [18974, 5898, 6469], [10447]
    assert sum(a / 100 for a in yes) / sum(a / 100 for a in yes + no) < 0.75
    units = [Holding(f"y{i}", a) for i, a in enumerate(yes)] + [Holding("n", no[0])]
    t = tally_item(Rule.MAJOR, units, {"y0": Y, "y1": Y, "y2": Y, "n": N})
    assert 4 * t.yes.area == 3 * t.participating.area
    assert t.passed


def test_shortfall_text() -> None:
    t = Count(9, 120000)
    assert missing_text(quorum_shortfall(t, Count(3, 38750))) == "还差 3 人 / 412.50 ㎡"
    assert missing_text(quorum_shortfall(t, Count(6, 80000))) == ""


@given(
    total=st.integers(1, 10_000),
    data=st.data(),
)
def test_shortfalls_are_exactly_what_reaching_the_thresholds_needs(
    total: int, data: st.DataObject
) -> None:
    part = data.draw(st.integers(0, total))
    yes = data.draw(st.integers(0, part))
    q = quorum_shortfall(Count(total, total), Count(part, part)).persons
    assert Fraction(part + q, total) >= Fraction(2, 3)
    assert q == 0 or Fraction(part + q - 1, total) < Fraction(2, 3)
    for rule, need in (
        (Rule.ORDINARY, lambda y, p: 2 * y > p),
        (Rule.MAJOR, lambda y, p: 4 * y >= 3 * p),
    ):
        k = pass_shortfall(rule, Count(total, total), Count(part, part), Count(yes, yes)).persons
        assert need(yes + k, part + k)
        assert k == 0 or not need(yes + k - 1, part + k - 1)


# --- invariances of the head count -------------------------------------------------------------

owners = st.sampled_from(["A", "B", "C", "D", "E", "F"])
holding_lists = st.lists(
    st.tuples(
        st.frozensets(owners, max_size=2), st.integers(1, 50_000), st.booleans(), st.booleans()
    ),
    min_size=1,
    max_size=25,
)
choice_lists = st.lists(st.sampled_from([None, Y, N, A, V]), min_size=25, max_size=25)


def build(spec: list[tuple[frozenset[str], int, bool, bool]]) -> list[Holding]:
    return [Holding(f"u{i}", area, own, dev, False) for i, (own, area, dev, _) in enumerate(spec)]


def ballots(units: list[Holding], picks: list[Choice | None]) -> dict[str, Choice]:
    return {h.unit: c for h, c in zip(units, picks, strict=False) if c is not None}


@settings(max_examples=200)
@given(spec=holding_lists, picks=choice_lists, seed=st.randoms())
def test_the_tally_does_not_depend_on_the_order_of_units(spec, picks, seed) -> None:
    units = build(spec)
    votes = ballots(units, picks)
    shuffled = list(units)
    seed.shuffle(shuffled)
    assert tally_item(Rule.ORDINARY, units, votes) == tally_item(Rule.ORDINARY, shuffled, votes)


@settings(max_examples=200)
@given(spec=holding_lists, picks=choice_lists, seed=st.randoms())
def test_the_tally_does_not_depend_on_names(spec, picks, seed) -> None:
    units = build(spec)
    votes = ballots(units, picks)
    names = ["A", "B", "C", "D", "E", "F"]
    new = list(names)
    seed.shuffle(new)
    rename = dict(zip(names, [n + "x" for n in new], strict=True))
    renamed = [
        Holding(f"room-{h.unit}", h.area, frozenset(rename[o] for o in h.owners), h.developer)
        for h in units
    ]
    renamed_votes = {f"room-{u}": c for u, c in votes.items()}
    assert tally_item(Rule.MAJOR, units, votes) == tally_item(Rule.MAJOR, renamed, renamed_votes)


@settings(max_examples=200)
@given(
    areas=st.lists(st.integers(1, 50_000), min_size=2, max_size=6),
    choice=st.sampled_from([Y, N, A, V]),
    others=st.lists(
        st.tuples(st.integers(1, 50_000), st.sampled_from([None, Y, N, A, V])), max_size=10
    ),
)
def test_splitting_a_multi_unit_owners_ballots_keeps_one_head(areas, choice, others) -> None:
    """The owner of several units voting the same on each counts as one owner of their sum."""
    rest = [Holding(f"o{i}", a, frozenset({f"P{i}"})) for i, (a, _) in enumerate(others)]
    rest_votes = {f"o{i}": c for i, (_, c) in enumerate(others) if c is not None}
    split = [Holding(f"m{i}", a, frozenset({"multi"})) for i, a in enumerate(areas)]
    merged = [Holding("m", sum(areas), frozenset({"multi"}))]
    t_split = tally_item(
        Rule.ORDINARY, split + rest, {**{h.unit: choice for h in split}, **rest_votes}
    )
    t_merged = tally_item(Rule.ORDINARY, merged + rest, {"m": choice, **rest_votes})
    assert t_split == t_merged


@given(spec=holding_lists)
def test_co_owners_and_developer_stock_each_count_once(spec) -> None:
    units = build(spec)
    persons = person_of(units)
    developer = {persons[h.unit] for h in units if h.developer}
    assert len(developer) <= 1
    for a in units:
        for b in units:
            if a.owners & b.owners:
                assert persons[a.unit] == persons[b.unit]


@settings(max_examples=200)
@given(spec=holding_lists, first=choice_lists, second=choice_lists)
def test_the_live_tally_equals_a_recount_after_any_entries_and_corrections(
    spec, first, second
) -> None:
    from app.rules.voting_tally import LiveTally

    units = build(spec)
    live = LiveTally([Rule.ORDINARY], units)
    for h, c in zip(units, first, strict=False):
        live.set(h.unit, [c])
    for h, c in zip(units, second, strict=False):  # corrections, and ballots taken back
        live.set(h.unit, [c])
    assert live.item(0) == tally_item(Rule.ORDINARY, units, ballots(units, second))


@settings(max_examples=200)
@given(
    spec=holding_lists,
    picks=choice_lists,
    changes=st.lists(
        st.tuples(
            st.integers(0, 30),  # a unit of the register, or a new one past its end
            st.one_of(
                st.none(),
                st.tuples(st.frozensets(owners, max_size=2), st.integers(1, 20_000), st.booleans()),
            ),
        ),
        max_size=6,
    ),
)
def test_the_kept_tally_equals_a_recount_after_register_changes(spec, picks, changes) -> None:
    """Units re-owned, re-measured, made developer stock, taken out of the base or added,
    between ballots: only the changed units' owner groups are re-derived, and the result is
    the count from scratch over the register as it now is (issue 15 bench figure (a'))."""
    from app.rules.voting_tally import LiveTally

    units = build(spec)
    votes = ballots(units, picks)
    extra = {f"u{i}": c for i, c in enumerate(picks) if i >= len(units) and c is not None}
    live = LiveTally([Rule.ORDINARY, Rule.MAJOR], units)
    for unit, choice in {**votes, **extra}.items():  # ballots of units outside the base too
        live.set(unit, [choice, choice])
    register = {h.unit: h for h in units}
    for index, new in changes:
        unit = f"u{index}"
        holding = None if new is None else Holding(unit, new[1], new[0], new[2])
        live.replace({unit: holding})
        if holding is None:
            register.pop(unit, None)
        else:
            register[unit] = holding
    now = list(register.values())
    counted = {u: c for u, c in {**votes, **extra}.items() if u in register}
    assert live.item(0) == tally_item(Rule.ORDINARY, now, counted)
    assert live.item(1) == tally_item(Rule.MAJOR, now, counted)
    assert live.copy().items() == live.items()
