"""A click group that defines some of its commands only when one of them is needed.

`wuye gui` (and `wuye` alone) must not pay for defining every other command: the window's
first paint waits for whatever this process imports. Commands defined with the group stay
eager; functions registered with `more_commands` add the rest the first time a name is not
found, or the commands are listed (`--help`, the docs test).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

Adder = Callable[[click.Group], None]


class LazyGroup(click.Group):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._adders: list[Adder] = []

    def more_commands(self, adder: Adder) -> Adder:
        """Decorator: `adder(group)` adds commands to the group when they are first needed."""
        self._adders.append(adder)
        return adder

    def load_all(self) -> None:
        while self._adders:
            self._adders.pop(0)(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.load_all()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            self.load_all()
        return super().get_command(ctx, cmd_name)
