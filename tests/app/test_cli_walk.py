"""Every `wuye` command, walked with a missing input file, an unwritable output, a read-only
database and a locked database: each answers in one Chinese line, never a traceback.

The commands come from click's command tree, so a new command is walked without editing this
file. As root, permission bits do not stop a write: folders and files are made immutable with
`chattr +i` (PLATFORM.md), or made read-only with chmod where chattr is not available.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import cli
from app.cli_support import InputFile, OutputFile

SKIPPED = {("gui",): "opens the window: the window's own tests cover it"}
VALUES = {"period": "2026-11", "code": "340603010009", "level": "community", "keep": "current"}


Path_ = tuple[str, ...]


def leaf_commands(group: click.Group = cli, prefix: Path_ = ()) -> Iterator[Path_]:
    for name in sorted(group.commands):
        command = group.commands[name]
        if isinstance(command, click.Group):
            yield from leaf_commands(command, (*prefix, name))
        elif (*prefix, name) not in SKIPPED:
            yield (*prefix, name)


def command_of(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


def arguments(path: tuple[str, ...], *, input_file: Path, out_dir: Path) -> list[str]:
    """Every required parameter filled, and every file parameter given the file under test."""
    argv: list[str] = []
    for param in command_of(path).params:
        kind = param.type
        is_file = isinstance(kind, InputFile | OutputFile | click.Path)
        if not (param.required or is_file):
            continue
        if isinstance(param, click.Option) and param.is_flag:
            if param.required:
                argv.append(param.opts[0])
            continue
        if isinstance(kind, InputFile):
            value = str(input_file)
        elif isinstance(kind, OutputFile):
            value = str(out_dir / f"{param.name}{kind.suffix or '.out'}")
        elif isinstance(kind, click.Path):
            value = str(out_dir / str(param.name))
        elif isinstance(kind, click.Choice):
            value = str(VALUES.get(str(param.name), kind.choices[0]))
        elif isinstance(kind, click.DateTime):
            value = "2026-11-25"
        elif isinstance(kind, click.types.IntParamType):
            value = "1"
        else:
            value = VALUES.get(str(param.name), "x")
        argv += [value] if isinstance(param, click.Argument) else [param.opts[0], value]
    return argv


def freeze(path: Path) -> None:
    """Make a file or folder unwritable even for root."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)


def thaw(path: Path) -> None:
    subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def place(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))
    monkeypatch.setenv("WUYE_BUSY_TIMEOUT_MS", "100")
    db = tmp_path / "db" / "demo.sqlite"
    db.parent.mkdir()
    shutil.copy(demo_template, db)
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    (tmp_path / "out").mkdir()
    existing = tmp_path / "input.bin"
    existing.write_bytes(b"\x8c\x00 not what any command reads \xff")  # not even UTF-8
    freeze(frozen)
    yield {"db": db, "frozen": frozen, "out": tmp_path / "out", "existing": existing,
           "missing": tmp_path / "no-such-file.xlsx"}  # fmt: skip
    thaw(frozen)
    thaw(db)


def run_all(db: Path, *, input_file: Path, out_dir: Path) -> list[str]:
    """Each command's output that shows a traceback or an internal error."""
    bad = []
    for path in leaf_commands():
        argv = ["--db", str(db), *path, *arguments(path, input_file=input_file, out_dir=out_dir)]
        result = CliRunner().invoke(cli, argv, input="口令口令口令\n" * 3)
        shown = result.output
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if crashed or "Traceback" in shown or "内部错误" in shown or result.exit_code > 2:
            said = f"{result.exit_code} {result.exception!r}"
            bad.append(f"wuye {' '.join(argv[2:])} -> {said}\n{shown}")
        if result.exit_code == 1:
            lines = [line for line in shown.splitlines() if line.startswith("错误：")]
            if not lines:
                bad.append(f"wuye {' '.join(argv[2:])}: exit 1 without 错误： line\n{shown}")
    return bad


@pytest.mark.slow
def test_a_missing_input_file_never_shows_a_traceback(place: dict) -> None:
    assert run_all(place["db"], input_file=place["missing"], out_dir=place["out"]) == []


@pytest.mark.slow
def test_an_unwritable_output_never_shows_a_traceback(place: dict) -> None:
    assert run_all(place["db"], input_file=place["existing"], out_dir=place["frozen"]) == []


@pytest.mark.slow
def test_a_read_only_database_never_shows_a_traceback(place: dict) -> None:
    freeze(place["db"])
    assert run_all(place["db"], input_file=place["existing"], out_dir=place["out"]) == []


@pytest.mark.slow
def test_a_locked_database_never_shows_a_traceback(place: dict) -> None:
    with closing(sqlite3.connect(place["db"], isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        try:
            bad = run_all(place["db"], input_file=place["existing"], out_dir=place["out"])
        finally:
            holder.execute("ROLLBACK")
    assert bad == []
