"""An import works on a private scratch copy of the payload on disk (so memory does not grow
with the package): it must not outlive the import, and one abandoned by a killed import is
swept by a later one."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from app.packages.importer import SCRATCH_PREFIX, Checked, check_package
from app.packages.refusal import Refused
from app.packages.scratch import new_folder, scratch_root, sweep
from tests.app.packages.conftest import COMMUNITY_1, STREET_1, City, forge


@pytest.fixture(autouse=True)
def own_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's own temp and scratch folders: other imports running on the machine share
    the system temp folder and the user's scratch folder (~/.cache/WuyeDesk/scratch, chosen by
    platformdirs from XDG_CACHE_HOME), and their scratch folders would come and go under these
    comparisons."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_the_scratch_folder_is_this_tests_own(tmp_path: Path) -> None:
    assert scratch_root().is_relative_to(tmp_path)


def scratch() -> set[Path]:
    return set(scratch_root().glob(SCRATCH_PREFIX + "*"))


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


def test_a_scratch_folder_is_private_and_not_in_the_shared_temp_folder(city: City) -> None:
    checked = check_package(city.db(STREET_1), city.export(COMMUNITY_1))
    assert isinstance(checked, Checked)
    folder = checked.payload_file.parent
    try:
        assert not folder.is_relative_to(tempfile.gettempdir())
        assert folder.parent.stat().st_mode & 0o077 == 0
    finally:
        checked.discard()


def test_a_killed_runs_scratch_folder_is_swept_at_the_next_start(city: City) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    old = scratch_root() / f"{SCRATCH_PREFIX}{ended.stdout.strip()}-abandoned"
    old.mkdir()
    (old / "payload.sqlite").write_bytes(b"x" * 1000)
    running = new_folder(SCRATCH_PREFIX)  # this process: an import running now
    try:
        sweep()
        assert not old.exists()
        assert running.exists()
    finally:
        running.rmdir()
