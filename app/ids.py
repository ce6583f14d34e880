"""Row identities: time-ordered UUIDs (RFC 9562 v7) so new rows append to the primary-key index."""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable

UuidFactory = Callable[[], str]


def _v7(ms: int, rand: bytes) -> str:
    value = (ms & ((1 << 48) - 1)) << 80
    value |= int.from_bytes(rand[:10], "big") & ((1 << 80) - 1)
    value &= ~(0xF << 76)
    value |= 0x7 << 76  # version
    value &= ~(0x3 << 62)
    value |= 0x2 << 62  # RFC 4122 variant
    return str(uuid.UUID(int=value))


def new_uuid() -> str:
    return _v7(time.time_ns() // 1_000_000, os.urandom(10))


def seeded_uuid_factory(seed: int, start_ms: int) -> UuidFactory:
    """Deterministic ids for demo data: the same seed gives the same rows, byte for byte."""
    rng = random.Random(seed)
    counter = iter(range(10**12))

    def make() -> str:
        return _v7(start_ms + next(counter), rng.randbytes(10))

    return make
