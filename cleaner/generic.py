"""Generic detection (placeholder until the detector lands): removes nothing."""

from __future__ import annotations

from collections.abc import Sequence

from .result import Reason


def detect(lines: Sequence[str], decided: Sequence[Reason | None], protected: Sequence[bool]) -> list[Reason | None]:
    """Return a removal reason per line for lines no rule decided; none yet."""
    return [None] * len(lines)
