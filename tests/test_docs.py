"""Every `wuye` command has help with an example and a line in the README."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = cli.list_commands(click.Context(cli))  # the lazily defined ones too (app/cli_lazy.py)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"`wuye {name}" in README


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "scripts/dev.sh gui" in first_block and "scripts/dev.sh test" in first_block
