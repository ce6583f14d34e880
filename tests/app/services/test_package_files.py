"""Several files in one go, as the window imports them: a refused file is reported with its
reason and the others go on; the dry run counts what the import then does; receipts are
written beside the packages and can be written again."""

from __future__ import annotations

import json

import pytest

from app.errors import NotFound
from app.packages.receipts import receipt_path
from app.services.backups import list_backups
from app.services.package_files import CANCELLED, import_files, import_receipts
from app.services.sync_receipts import write_receipt_again
from tests.app.packages.conftest import COMMUNITY_1, COMMUNITY_2, NOW, STREET_1, City, dump


def test_a_refused_file_does_not_stop_the_others(city: City) -> None:
    good = city.export(COMMUNITY_1)
    bad = city.folder / "坏.wypkg"
    bad.write_bytes(good.read_bytes()[:200])
    results = import_files(city.db(STREET_1), [bad, good], dry_run=False, now=NOW)
    assert [r.accepted for r in results] == [False, True]
    assert results[0].refused and "数据包" in results[0].refused
    assert results[1].receipt == receipt_path(good) and receipt_path(good).exists()


def test_the_dry_run_writes_nothing_and_counts_what_the_import_does(city: City) -> None:
    files = [city.export(COMMUNITY_1), city.export(COMMUNITY_2)]
    db = city.db(STREET_1)
    before = dump(db.path)
    preview = import_files(db, files, dry_run=True, now=NOW)
    assert dump(db.path) == before and all(r.receipt is None for r in preview)
    done = import_files(db, files, dry_run=False, now=NOW)
    assert [r.report.totals for r in done] == [r.report.totals for r in preview]  # type: ignore[union-attr]


def test_a_real_import_takes_a_backup_first_and_a_dry_run_does_not(city: City) -> None:
    db = city.db(STREET_1)
    files = [city.export(COMMUNITY_1)]
    import_files(db, files, dry_run=True, now=NOW)
    assert list_backups(db.path) == []
    import_files(db, files, dry_run=False, now=NOW)
    [backup] = list_backups(db.path)
    assert backup.label == "before-package" and backup.path.exists()


class CancelAtOnce:
    def report(self, done: int, total: int) -> None:
        pass

    def cancelled(self) -> bool:
        return True


def test_a_cancel_rolls_the_current_file_back_and_stops(city: City) -> None:
    files = [city.export(COMMUNITY_1), city.export(COMMUNITY_2)]
    db = city.db(STREET_1)
    before = dump(db.path)
    results = import_files(db, files, dry_run=False, now=NOW, progress=CancelAtOnce())
    assert [r.refused for r in results] == [CANCELLED]
    # Only the backup taken before the import (and its audit row) is new.
    assert [line for line in dump(db.path) if "'backup'" not in line] == before


def test_receipts_come_back_and_a_lost_one_is_written_again(city: City) -> None:
    package = city.export(COMMUNITY_1)
    [result] = import_files(city.db(STREET_1), [package], dry_run=False, now=NOW)
    again = city.folder / "again.receipt.json"
    with city.db(STREET_1).reader() as s:
        write_receipt_again(s, city.path(STREET_1), result.report.package_id, again, now=NOW)  # type: ignore[union-attr]
    assert json.loads(again.read_text("utf-8"))["body"]["package_id"] == result.report.package_id  # type: ignore[union-attr]
    stranger = city.folder / "stranger.json"
    stranger.write_text("{}", encoding="utf-8")
    outcomes = import_receipts(city.db(COMMUNITY_1), [stranger, again], now=NOW)
    assert outcomes[0].result is None and outcomes[0].refused
    assert outcomes[1].result is not None and not outcomes[1].result.already
    with pytest.raises(NotFound), city.db(STREET_1).reader() as s:
        write_receipt_again(s, city.path(STREET_1), "no-such-package", again, now=NOW)
