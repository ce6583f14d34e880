"""Every `wuye` command has help in Chinese with an example, and a line in the README."""

from __future__ import annotations

import re
from collections.abc import Iterator
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
    assert result.exit_code == 0 and "示例：" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"`wuye {name}" in README


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "scripts/dev.sh gui" in first_block and "scripts/dev.sh test" in first_block


CHINESE = re.compile(r"[\u4e00-\u9fff]")


Named = tuple[str, click.Command]


def every_command(group: click.Group = cli, prefix: str = "") -> Iterator[Named]:
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from every_command(command, f"{prefix}{name} ")


@pytest.mark.parametrize("path", [p for p, _ in every_command()])
def test_every_command_and_option_is_explained_in_chinese(path: str) -> None:
    command = dict(every_command())[path]
    assert command.help and CHINESE.search(command.help.split("\n")[0]), path
    assert "示例：wuye" in command.help, path
    for param in command.params:
        shown = isinstance(param, click.Option) and not param.hidden and param.help
        assert not shown or CHINESE.search(str(param.help)), f"{path} {param.opts}"
