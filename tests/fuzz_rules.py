"""Fuzz rule loading: random YAML documents and random rule dicts through load_rule_file and `cleaner rules`.

The property: loading a rule file either succeeds, and then cleaning pages with it raises
nothing, ends in bounded time and keeps only input lines in order, or raises a RuleError whose
message starts with the file's path and names a line within the file (only a handful of
whole-file problems have no line). Any other exception is a bug.

Long run (documented in docs/reliability-rules.md)::

    .venv/bin/python -m tests.fuzz_rules --seconds 600

CI runs a short version inside pytest (tests/test_fuzz_rules.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import RuleError, clean, load_rule_file
from cleaner.normalize import split_lines
from cleaner.rules import EXTENTS, FILE_KEYS, KINDS, RULE_KEYS, SHAPE_KEYS, build_ruleset

# Problems that concern the whole file, so they name no line.
LINELESS = ("empty rule file", "not UTF-8", "cannot read", "too big", "not a regular file")
# One example (load plus cleaning three pages) past this is a hang in the making.
EXAMPLE_SECONDS = 5.0

# ---------------------------------------------------------------------------------------------
# Strategies

_YAML_TOKENS = [
    "id: x\n", "rules:\n", "  - id: r\n", "    kind: line\n", "    kind: pattern\n", "    kind: block\n",
    "    text: ", "    pattern: ", "    anchor: A\n", "    extent: shape\n", "    shape:\n", "      - any: true\n",
    "        optional: true\n", "- ", ": ", "\n", "  ", "[", "]", "{", "}", ",", "&a ", "*a", "!!int ", "!!str ",
    "!foo ", "!!timestamp ", "<<: ", "? ", "|\n", ">\n", "'", '"', "#", "---\n", "...\n", "%YAML 1.1\n", "\t",
    "abc", "2024-99-99", "0.9", "0", "-1", "1e999", ".nan", "yes", "~", "null", "9" * 50, "\\", "\x00", "\ufeff",
    "Реклама", "\u2028", "@", "`", "=",
]  # fmt: skip

_REGEX_ATOMS = [".", "*", "+", "?", "(", ")", "[", "]", "|", "^", "$", "\\d", "\\w", "\\s", "\\S", "{2,5}",
                "{1,1000}", "a", "b", "я", "(?i)", "\\1", "(?=", "\\", "-", "x*", "[a-z]"]  # fmt: skip

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["Реклама", "Підтримати", "", " ", "A", "Читайте також", "2024", "x" * 100]
)
patterns = st.lists(st.sampled_from(_REGEX_ATOMS), min_size=0, max_size=8).map("".join) | texts
scalars = st.one_of(
    texts,
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from([0, 0.5, 0.9, 1, 50, 90, 100, 101, -1]),
)


def _value(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A leaf, or a small list or mapping of leaves."""
    return leaf | st.lists(leaf, max_size=4) | st.dictionaries(texts, leaf, max_size=3)


shape_elements = st.dictionaries(
    st.sampled_from([*SHAPE_KEYS, "junk"]),
    st.one_of(patterns, st.booleans(), st.integers(-2, 20), scalars),
    max_size=4,
)
rule_values = {
    "id": texts | st.integers(0, 9),
    "kind": st.sampled_from([*KINDS, "lines", 3]),
    "text": _value(texts),
    "texts": _value(texts),
    "pattern": _value(patterns),
    "patterns": st.lists(patterns, max_size=4) | patterns,
    "threshold": scalars,
    "max_words": scalars,
    "anchor": _value(texts),
    "anchors": _value(texts),
    "extent": st.sampled_from([*EXTENTS, "all"]),
    "until": _value(texts),
    "until_patterns": _value(patterns),
    "include_until": st.booleans() | scalars,
    "require_until": st.booleans() | scalars,
    "shape": st.lists(shape_elements, max_size=6) | scalars,
    "max_lines": scalars,
    "description": texts,
    "examples": st.fixed_dictionaries({}, optional={"drop": _value(texts), "keep": _value(texts), "junk": texts}),
}
rules = st.fixed_dictionaries(
    {"id": st.sampled_from(["r1", "r2", "r3"]), "kind": st.sampled_from(KINDS)},
    optional={key: value for key, value in rule_values.items() if key not in ("id", "kind")},
) | st.dictionaries(st.sampled_from([*RULE_KEYS, "junk"]), scalars, max_size=4)
rule_files = st.fixed_dictionaries(
    {"id": st.sampled_from(["fz.test", "fz"]), "rules": st.lists(rules, max_size=4)},
    optional={
        "hosts": _value(texts),
        "common": st.booleans() | scalars,
        "fingerprints": _value(texts),
        "fingerprint_min": scalars,
        "threshold": scalars,
        "description": texts,
        "junk": scalars,
    },
)


_GOOD_PATTERNS = ["^\\d+$", "реклама", "^x", "a|b", "\\d{1,1000}", "^[a-z]{1,1000}\\d$", "(?i)^read more$", "^.{3}$"]
words = st.sampled_from(["Реклама", "Підтримати", "A", "x item", "2024", "Читайте також", "Article text."])
good_patterns = st.sampled_from(_GOOD_PATTERNS) | st.sampled_from(_GOOD_PATTERNS) | patterns
good_shape = st.lists(
    st.one_of(
        st.fixed_dictionaries({"pattern": good_patterns}, optional={"optional": st.booleans()}),
        st.fixed_dictionaries(
            {"any": st.just(True)},
            optional={"optional": st.booleans(), "min_words": st.integers(0, 5), "max_words": st.integers(1, 9)},
        ),
    ),
    min_size=1,
    max_size=40,
)
_common = {"threshold": st.integers(1, 100) | st.floats(0.01, 100), "description": texts}
plausible = {
    "line": st.fixed_dictionaries(
        {"text": words | words | texts}, optional={**_common, "max_words": st.integers(1, 9)}
    ),
    "pattern": st.fixed_dictionaries({"pattern": good_patterns}, optional={"max_words": st.integers(1, 9)}),
    "keep": st.fixed_dictionaries({"text": words}, optional={"pattern": good_patterns}),
    "block": st.one_of(
        st.fixed_dictionaries({"anchor": words, "extent": st.just("end")}, optional={"max_lines": st.integers(1, 50)}),
        st.fixed_dictionaries(
            {"anchor": words, "extent": st.just("until"), "until": words},
            optional={"include_until": st.booleans(), "require_until": st.booleans(), "until_patterns": good_patterns},
        ),
        st.fixed_dictionaries({"anchor": words, "extent": st.just("shape"), "shape": good_shape}),
    ),
}


@st.composite
def plausible_files(draw: st.DrawFn) -> dict[str, Any]:
    """A rule file that follows the format, so that loading often succeeds and cleaning runs."""
    out_rules = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(KINDS))
        body = draw(plausible[kind])
        examples = draw(st.none() | st.fixed_dictionaries({}, optional={"drop": words, "keep": words}))
        out_rules.append({"id": f"r{n}", "kind": kind, **body, **({"examples": examples} if examples else {})})
    top: dict[str, Any] = {"id": "fz.test", "hosts": ["fz.test"], "rules": out_rules}
    if draw(st.booleans()):
        top["common"] = True
    return top


def _dump(data: Any) -> str:
    """A rule dict as YAML text (anything safe_dump can write)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Rule-file text: a dumped rule dict, mutated by YAML tokens, or tokens alone."""
    how = draw(st.sampled_from(["plausible", "plausible", "plausible", "dict", "mutated", "tokens", "unknown-keys"]))
    if how == "plausible":
        return _dump(draw(plausible_files()))
    if how == "tokens":
        return "".join(draw(st.lists(st.sampled_from(_YAML_TOKENS), max_size=40)))
    if how == "unknown-keys":
        return _dump(draw(st.dictionaries(st.sampled_from([*FILE_KEYS, "junk"]), _value(scalars), max_size=6)))
    text = _dump(draw(rule_files))
    if how == "mutated":
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(_YAML_TOKENS)) + text[at:]
    return text


pages = st.lists(
    st.sampled_from(["Реклама", "Підтримати", "A", "x item", "", "2024", "Article text.", "Читайте також"]) | texts,
    max_size=30,
).map("\n".join)

# ---------------------------------------------------------------------------------------------
# The property


def check_document(text: str, folder: Path, page_texts: list[str]) -> str:
    """Load one rule-file text; returns 'ok' or 'refused', raising AssertionError on a broken guarantee."""
    path = folder / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    started = time.perf_counter()
    try:
        rule_file = load_rule_file(path)
    except RuleError as exc:
        message = str(exc)
        assert message.startswith(f"{path}"), message
        if exc.line is None:
            assert exc.problem.startswith(LINELESS), message
        else:
            assert 1 <= exc.line <= text.count("\n") + 2, message
            assert message.startswith(f"{path}:{exc.line}: "), message
        assert "\n" not in exc.problem or "YAML" in exc.problem, message
        return "refused"
    ruleset = build_ruleset([[rule_file]])
    for page in page_texts:
        site = None if rule_file.common else rule_file.id
        result = clean(page, ruleset, site=site, generic=False)
        source = iter(split_lines(page))  # lines end at LF, CRLF or a lone CR, as clean() reads them
        assert all(any(line == candidate for candidate in source) for line in result.kept_lines), "invented text"
    elapsed = time.perf_counter() - started
    assert elapsed < EXAMPLE_SECONDS, f"{elapsed:.1f} s for one rule file"
    return "ok"


def check_cli(text: str, folder: Path) -> None:
    """The same document through `cleaner rules`: exit 0 or 2, never a traceback, errors in one line."""
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    exe = Path(sys.executable).parent / "cleaner"
    env = {k: v for k, v in os.environ.items() if k != "CLEANER_RULES"}
    proc = subprocess.run([exe, "rules", "--rules", folder], capture_output=True, env=env, timeout=60, check=False)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 2), (proc.returncode, err)
    assert "Traceback" not in err, err
    if proc.returncode == 2:
        assert len([line for line in err.splitlines() if line.startswith("cleaner: error:")]) == 1, err


def run(examples: int, cli_every: int = 0, seconds: float | None = None) -> dict[str, int]:
    """Run the fuzz property for ``examples`` (per round, rounds until ``seconds`` have passed)."""
    counts = {"ok": 0, "refused": 0, "cli": 0, "rounds": 0}
    with tempfile.TemporaryDirectory(prefix="cleaner-fuzz-") as tmp:
        folder = Path(tmp)

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )
        @given(text=documents(), page_texts=st.lists(pages, min_size=1, max_size=3))
        def prop(text: str, page_texts: list[str]) -> None:
            counts[check_document(text, folder, page_texts)] += 1
            if cli_every and (counts["ok"] + counts["refused"]) % cli_every == 0:
                check_cli(text, folder)
                counts["cli"] += 1

        end = time.monotonic() + (seconds or 0)
        while True:
            prop()
            counts["rounds"] += 1
            if seconds:  # progress of a long run, so that a failure says how far it got
                done = counts["ok"] + counts["refused"]
                print(f"fuzz_rules: round {counts['rounds']}: {done} rule files so far", file=sys.stderr, flush=True)
            if seconds is None or time.monotonic() >= end:
                return counts


def main() -> None:
    """Command line: run for a time budget and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (rounds of --examples)")
    parser.add_argument("--examples", type=int, default=2000, help="hypothesis examples per round")
    parser.add_argument("--cli-every", type=int, default=50, help="also run `cleaner rules` every N examples")
    args = parser.parse_args()
    started = time.monotonic()
    counts = run(args.examples, args.cli_every, args.seconds)
    elapsed = time.monotonic() - started
    total = counts["ok"] + counts["refused"]
    print(
        f"fuzz_rules: {total} rule files in {elapsed:.0f} s ({counts['ok']} loaded and cleaned, "
        f"{counts['refused']} refused with file:line, {counts['cli']} through `cleaner rules`); no other failure"
    )


if __name__ == "__main__":
    main()
