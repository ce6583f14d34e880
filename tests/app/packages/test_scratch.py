"""An import works on a private scratch copy of the payload on disk (so memory does not grow
with the package): it must not outlive the import, and one abandoned by a killed import is
swept by a later one."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from app.packages.importer import SCRATCH_PREFIX, Checked, check_package
from app.packages.refusal import Refused
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City, forge


@pytest.fixture(autouse=True)
def own_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's own temp folder: other imports running on the machine share the
    system one, and their scratch folders would come and go under these comparisons."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def scratch() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*"))


def test_an_import_leaves_no_scratch_copy_behind(city: City) -> None:
    package = city.export(COMMUNITY_1)
    before = scratch()
    report = city.receive(STREET_1, package)
    assert report.totals.inserted > 0
    assert scratch() == before


def test_a_refused_payload_leaves_no_scratch_copy_behind(city: City) -> None:
    out = city.folder / "forged.wypkg"
    package = forge(city, city.export(COMMUNITY_1), out, plain=lambda b: b"not a database" * 99)
    before = scratch()
    with pytest.raises(Refused):
        city.receive(STREET_1, package)
    assert scratch() == before


def test_a_checked_package_holds_its_rows_in_a_file_until_discarded(city: City) -> None:
    checked = check_package(city.db(STREET_1), city.export(COMMUNITY_1))
    assert isinstance(checked, Checked)
    assert checked.payload_file.read_bytes().startswith(b"SQLite format 3")
    checked.discard()
    assert not checked.payload_file.parent.exists()


def test_a_day_old_abandoned_scratch_folder_is_swept_by_the_next_import(city: City) -> None:
    old = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
    (old / "payload.sqlite").write_bytes(b"x" * 1000)
    two_days_ago = time.time() - 2 * 86_400
    os.utime(old, (two_days_ago, two_days_ago))
    fresh = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))  # another import, running now
    try:
        city.receive(STREET_1, city.export(COMMUNITY_1))
        assert not old.exists()
        assert fresh.exists()
    finally:
        fresh.rmdir()
