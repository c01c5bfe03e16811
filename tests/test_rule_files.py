"""Rule files: every broken file is refused in one line naming the file, the line and the problem."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from cleaner import RuleError, load_rule_file, load_rules
from cleaner.golden import example_failure, iter_examples
from cleaner.rules import bundled_rules_dir

from .conftest import RULES

GOOD_RULE = """\
id: example.com
hosts: [example.com]
rules:
  - id: ad
    kind: line
    text: Реклама
"""

BROKEN = {
    "yaml-syntax": ("id: x\nrules: [\n  - id: a\n", 3, "YAML error"),
    "unknown-top-key": ("id: x\nrulez: []\nrules: []\n", 2, "unknown key 'rulez'"),
    "unknown-rule-key": ("id: x\nrules:\n  - id: a\n    kind: line\n    txt: Реклама\n", 5, "unknown key 'txt'"),
    "bad-regex": (
        "id: x\nrules:\n  - id: a\n    kind: pattern\n    pattern: '(unclosed'\n",
        5,
        "bad regular expression",
    ),
    "backreference": (
        "id: x\nrules:\n  - id: a\n    kind: pattern\n    pattern: '(a)\\1'\n",
        5,
        "bad regular expression",
    ),
    "duplicate-id": (
        "id: x\nrules:\n  - id: a\n    kind: line\n    text: A\n  - id: a\n    kind: line\n    text: B\n",
        6,
        "duplicate rule id 'a' (first at line 3)",
    ),
    "duplicate-key": ("id: x\nid: y\nrules: []\n", 2, "duplicate key 'id'"),
    "bad-kind": ("id: x\nrules:\n  - id: a\n    kind: lines\n    text: A\n", 4, "kind must be one of"),
    "missing-id": ("rules: []\n", 1, "missing required key 'id'"),
    "missing-text": ("id: x\nrules:\n  - id: a\n    kind: line\n", 3, "needs text or texts"),
    "threshold-range": ("id: x\nthreshold: 120\nrules: []\n", 2, "threshold must be a number from 0 to 100"),
    "block-needs-extent": ("id: x\nrules:\n  - id: b\n    kind: block\n    anchor: A\n", 3, "needs extent"),
    "shape-all-optional": (
        "id: x\nrules:\n  - id: b\n    kind: block\n    anchor: A\n    extent: shape\n    shape:\n"
        "      - any: true\n        optional: true\n",
        7,
        "at least one element that is not optional",
    ),
    "key-of-other-kind": (
        "id: x\nrules:\n  - id: a\n    kind: line\n    text: A\n    extent: end\n",
        6,
        "does not apply",
    ),
    "empty": ("", None, "empty rule file"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_rule_file_names_file_line_and_problem(tmp_path: Path, name: str) -> None:
    text, line, problem = BROKEN[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rule_file(path)
    assert info.value.line == line
    assert problem in info.value.problem
    where = f"{path}:{line}" if line else str(path)
    assert str(info.value).startswith(where + ": ")


@pytest.mark.parametrize("name", ["unknown-rule-key", "bad-regex", "duplicate-id"])
def test_cli_refuses_broken_rules_in_one_line_with_exit_2(tmp_path: Path, cli, name: str) -> None:
    text, line, problem = BROKEN[name]
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    for args in (["clean", "--rules", tmp_path], ["check", "--rules", tmp_path], ["rules", "--rules", tmp_path]):
        proc = cli(*args, stdin="Реклама\n")
        assert proc.returncode == 2
        err = proc.stderr.decode()
        assert err.count("\n") == 1, err
        assert f"broken.yaml:{line}: " in err and problem in err
        assert proc.stdout == b""


def test_same_site_twice_in_one_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD_RULE, encoding="utf-8")
    with pytest.raises(RuleError, match="already defined"):
        load_rules([tmp_path], env={})


def test_missing_rules_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="rules path does not exist"):
        load_rules([tmp_path / "nope"], env={})


def test_later_folders_win_for_the_same_site(tmp_path: Path) -> None:
    override = tmp_path / "mine"
    override.mkdir()
    (override / "ostro.yaml").write_text(
        "id: ostro.org\nhosts: [ostro.org]\nrules:\n  - id: only\n    kind: line\n    text: X\n", encoding="utf-8"
    )
    bundled = load_rules(env={})
    assert len(bundled.sites["ostro.org"].rules) > 1
    mine = load_rules([override], env={})
    assert [r.id for r in mine.sites["ostro.org"].rules] == ["only"]
    via_env = load_rules(env={"CLEANER_RULES": str(override)})
    assert [r.id for r in via_env.sites["ostro.org"].rules] == ["only"]


def test_bundled_rules_are_found_and_valid() -> None:
    assert bundled_rules_dir().is_dir()
    ruleset = load_rules(env={})
    assert {"interfax.com.ua", "ostro.org"} <= set(ruleset.sites)
    assert [c.id for c in ruleset.common] == ["common", "web-archive"]


def test_ruleset_pickles_with_its_compiled_matchers(rules) -> None:
    from cleaner import clean

    text = Path(RULES.parent / "golden/ostro.org/seed-002.input.txt").read_text(encoding="utf-8")
    before = clean(text, rules).text  # builds and caches compiled matchers
    clone = pickle.loads(pickle.dumps(rules))
    assert clean(text, clone).text == before


def _examples():
    for path in sorted(RULES.glob("*.yaml")):
        rf = load_rule_file(path)
        for test_id, rule, direction, snippet in iter_examples(rf):
            yield pytest.param(rf, rule, direction, snippet, id=test_id)


@pytest.mark.parametrize(("rule_file", "rule", "direction", "snippet"), list(_examples()))
def test_rule_example(rule_file, rule, direction, snippet) -> None:
    """Every rule's own examples: drop lines are removed by it, keep lines are not."""
    assert example_failure(rule_file, rule, direction, snippet) is None


def test_every_bundled_rule_has_examples_both_ways() -> None:
    for path in sorted(RULES.glob("*.yaml")):
        for rule in load_rule_file(path).rules:
            assert rule.examples.drop and rule.examples.keep, f"{path.name}: {rule.id} lacks drop or keep examples"


def test_examples_catch_a_rule_that_does_not_do_its_job(tmp_path: Path) -> None:
    path = tmp_path / "weak.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            id: weak
            rules:
              - id: ad
                kind: line
                text: Реклама
                examples:
                  drop: [Підтримати]
                  keep: [Реклама]
            """
        ),
        encoding="utf-8",
    )
    rf = load_rule_file(path)
    failures = [example_failure(rf, rule, d, s) for _, rule, d, s in iter_examples(rf)]
    assert failures[0] and "kept" in failures[0]
    assert failures[1] and "removed it" in failures[1]
