"""Once the program has started, what is alive leaves the cycle collector's sight."""

from __future__ import annotations

import gc

from ui.collector import MainThreadCollector


def test_settle_collects_then_freezes_what_is_alive() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    collected = []
    garbage = Node()
    gc.callbacks.append(lambda phase, info: collected.append(info) if phase == "stop" else None)
    try:
        del garbage
        kept = Node()
        MainThreadCollector.settle()
        assert any(i["collected"] for i in collected)  # the garbage went first
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # frozen: never scanned again
    finally:
        gc.callbacks.pop()
        gc.unfreeze()  # the rest of the session collects as before
