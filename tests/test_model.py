"""The learned line model: `cleaner train` end to end, --model, reasons, determinism, pickling."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import clean, load_rules
from cleaner.generic.features import FEATURES
from cleaner.generic.model import BUNDLED_MODEL, LineModel, ModelError, describe, load_model
from cleaner.train import find_pages, line_content

pytest.importorskip("numpy")

FIXTURES = Path(__file__).parent / "fixtures" / "train"
PAGES = sorted(FIXTURES.glob("*.input.txt"))


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed entry point as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small model trained by the real command on the fixture pages (real excerpts)."""
    out = tmp_path_factory.mktemp("model") / "m.npz"
    # remove-below 0.6: a tiny model trained on 5 pages is unsure; make it act on something.
    done = cli("train", str(FIXTURES), "-o", str(out), "--trees", "8", "--depth", "3", "--remove-below", "0.6")
    assert done.returncode == 0, done.stderr
    assert "trained on 5 pages" in done.stderr
    return out


@pytest.fixture(scope="module")
def acting(trained: Path) -> LineModel:
    """The fixture model with its guards off, so that it removes lines on the fixture pages."""
    m = load_model(str(trained))
    return LineModel(m.feat, m.thr, m.leaves, m.base, {**m.params, "top": False, "max_drop": 1.0}, m.names)


def test_labels_follow_the_gold() -> None:
    gold = "The mayor said on Monday that the bridge will reopen in May.\nIt closed in 2019."
    said = "The mayor said on Monday that the bridge will reopen in May."
    lines = ["Home", said, "Subscribe now to our list", "It closed"]
    assert line_content(lines, gold) == [0.0, 1.0, 0.0, 1.0]
    assert line_content(["---"], gold) == [-1.0]


def test_train_finds_dev_and_golden_layouts(tmp_path: Path) -> None:
    (tmp_path / "a.input.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "a.gold.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "b.input.txt").write_text("y\n", encoding="utf-8")
    (tmp_path / "b.expected.txt").write_text("y\n", encoding="utf-8")
    (tmp_path / "c.input.txt").write_text("no gold\n", encoding="utf-8")
    assert [pid for pid, _, _ in find_pages([tmp_path])] == ["a", "b"]


def test_train_without_pages_is_a_usage_error(tmp_path: Path) -> None:
    done = cli("train", str(tmp_path), "-o", str(tmp_path / "m.npz"))
    assert done.returncode == 2
    assert done.stderr.startswith("cleaner: error: no page with gold text")
    assert not (tmp_path / "m.npz").exists()


def test_training_is_deterministic(trained: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.npz"
    done = cli("train", str(FIXTURES), "-o", str(again), "--trees", "8", "--depth", "3", "--remove-below", "0.6")
    assert done.returncode == 0, done.stderr
    assert again.read_bytes() == trained.read_bytes()


def test_clean_with_the_trained_model_keeps_input_lines_in_order(trained: Path) -> None:
    page = PAGES[0]
    done = cli("clean", str(page), "--model", str(trained), "--explain", "--explain-format", "jsonl")
    assert done.returncode == 0, done.stderr
    lines = page.read_text(encoding="utf-8").splitlines()
    out = done.stdout.splitlines()
    it = iter(lines)
    assert all(any(line == x for x in it) for line in out)  # a subsequence of the input
    verdicts = [json.loads(row) for row in done.stderr.splitlines() if row.startswith("{")]
    assert verdicts


def test_model_reason_names_model_probability_and_features(acting: LineModel) -> None:
    rules = load_rules(env={})
    reasons = [
        line.reason
        for page in PAGES
        for line in clean(page.read_text(encoding="utf-8"), rules, model=acting).lines
        if line.reason is not None and line.reason.rule == "generic/model"
    ]
    assert reasons, "the fixture model removes nothing: the reason is untested"
    for reason in reasons:
        junk, _, said = reason.detail.partition(" ")
        assert 0.4 <= float(junk) <= 1.0
        assert reason.score == pytest.approx(100 * float(junk), abs=0.6)
        assert said.startswith("(") and said.endswith(")") and len(said) > 2


def test_model_changes_the_output_and_cleaning_again_changes_nothing(acting: LineModel) -> None:
    rules = load_rules(env={})
    changed = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        once = clean(text, rules, model=acting).text
        changed += once != clean(text, rules).text
        assert clean(once, rules, model=acting).text == once
        assert clean(text, rules, model=acting).text == once  # same model, same output
    assert changed


def test_explain_shows_the_model_reason(trained: Path, tmp_path: Path) -> None:
    from cleaner.generic.model import save_model

    m = load_model(str(trained))
    loose = tmp_path / "loose.npz"
    save_model(LineModel(m.feat, m.thr, m.leaves, m.base, {**m.params, "top": False, "max_drop": 1.0}, m.names), loose)
    shown = [
        row
        for page in PAGES
        for row in cli("clean", str(page), "--model", str(loose), "--explain").stderr.splitlines()
        if " generic/model " in row
    ]
    assert shown and all(re.search(r"\[\d\.\d\d \(.+\)\]", row) for row in shown)


def test_model_and_ruleset_pickle(trained: Path) -> None:
    model = load_model(str(trained))
    copy = pickle.loads(pickle.dumps(model))
    page = PAGES[0].read_text(encoding="utf-8")
    rules = load_rules(env={}).with_model(str(trained))
    assert clean(page, pickle.loads(pickle.dumps(rules))).text == clean(page, rules).text
    assert clean(page, model=copy).text == clean(page, rules).text


def test_bad_model_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_text("not a model", encoding="utf-8")
    done = cli("clean", str(PAGES[0]), "--model", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith("cleaner: error: invalid model:") and done.stderr.count("\n") == 1
    with pytest.raises(ModelError):
        load_model(str(tmp_path / "missing.npz"))


def test_env_selects_the_model_and_off_turns_it_off(trained: Path) -> None:
    assert load_rules(env={"CLEANER_MODEL": str(trained)}).model == str(trained)
    assert load_rules(env={"CLEANER_MODEL": "off"}).model is None
    assert load_rules(env={"CLEANER_MODEL": "bundled"}).line_model() is load_model(None)


def test_bundled_model_matches_the_features() -> None:
    assert BUNDLED_MODEL.exists()
    assert load_model(None).names == FEATURES


def test_feature_descriptions_read_as_words() -> None:
    assert describe("in-region@+1", 0.0) == "line below outside"
    assert describe("short", 1.0) == "short"
    assert describe("stopwords", 0.05) == "stopwords 0.05"
