"""The fuzz targets of benchmarks/fuzz.py, a few seconds each: CI's short run of the long fuzzing.

The long run is ``python -m benchmarks.fuzz --minutes 10`` (see docs/reliability.md): random
examples, a fresh seed each round. Here the examples are derandomized (the same on every run),
so CI is deterministic: a failure here is reproducible, and new inputs are the long run's job.
"""

from __future__ import annotations

import pytest

from benchmarks.fuzz import TARGETS

# Examples per target: the HTML ones parse pages thousands of elements deep, trafilatura is slow.
EXAMPLES = {"html-trafilatura": 100, "html-surrogates": 100, "html-lines": 60, "decode": 200}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_target_briefly(target: str) -> None:
    TARGETS[target](EXAMPLES.get(target, 100), derandomize=True)()
