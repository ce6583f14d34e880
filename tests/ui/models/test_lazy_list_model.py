"""LazyListModel over the demo street's estates: a valid Qt model that pages, sorts and searches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.services.estates import ESTATES
from app.services.listing import ListQuery
from ui.models.lazy_list_model import LazyListModel

HOUSEHOLDS = 4  # column of ESTATES


@pytest.fixture
def model(demo_db) -> LazyListModel:  # type: ignore[no-untyped-def]
    lazy = LazyListModel(demo_db.reader, ESTATES, [c.key for c in ESTATES.columns])
    lazy.PAGE = 7
    lazy.reload()
    return lazy


def fetch_all(model: LazyListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def column(model: LazyListModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)


def test_model_passes_the_tester_after_sort_and_search(qtmodeltester, model) -> None:  # type: ignore[no-untyped-def]
    model.sort(HOUSEHOLDS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_query(ListQuery(text="桓谭", sort_key="households", descending=True))
    qtmodeltester.check(model)


def test_fetch_more_loads_one_page_at_a_time_until_all_60(model) -> None:  # type: ignore[no-untyped-def]
    counts = [model.rowCount()]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        counts.append(model.rowCount())
    assert counts == [7, 14, 21, 28, 35, 42, 49, 56, 60]
    assert model.total() == 60


def test_sort_descending_by_households_gives_non_increasing_values(model) -> None:  # type: ignore[no-untyped-def]
    model.sort(HOUSEHOLDS, Qt.SortOrder.DescendingOrder)
    fetch_all(model)
    households = [int(v) for v in column(model, HOUSEHOLDS)]
    assert len(households) == 60
    assert households == sorted(households, reverse=True)


def test_search_for_a_community_name_returns_only_its_estates(model) -> None:  # type: ignore[no-untyped-def]
    model.set_query(ListQuery(text="桓谭", sort_key="name"))
    fetch_all(model)
    assert model.rowCount() == 6
    assert set(column(model, 1)) == {"桓谭社区"}
