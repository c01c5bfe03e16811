"""The learned headline ranker: it keeps a headline the hand-written rules miss, and refuses weights
it cannot read.

fixtures/generic/headline-ranked.txt is an excerpt of a real page of the dev set (aeb 55bb6340,
a finance newsletter): the site's menu, the headline 'Opening Bell 11.18.19' (a date in it, so
the rules' search passes it over), its lead, author and date lines, then the article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.generic.headrank import FEATURES, WEIGHTS, load_weights

from .conftest import text_verdicts as verdicts

PAGE = (Path(__file__).parent / "fixtures" / "generic" / "headline-ranked.txt").read_text(encoding="utf-8")
HEADLINE = "Opening Bell 11.18.19"


def test_the_ranker_keeps_a_headline_the_rules_pass_over(cli):
    seen = verdicts(cli, PAGE.splitlines())
    assert seen[HEADLINE] == "keep"
    assert [verdict for line, verdict in seen.items() if line.startswith("Start your day")] == ["keep"]


def test_the_menu_above_the_headline_still_goes(cli):
    seen = verdicts(cli, PAGE.splitlines())
    for item in ("Careers", "Home", "Opening Bell", "Cryptocurrencies"):
        assert seen[item] != "keep", item


def test_the_shipped_weights_name_every_feature():
    assert len(WEIGHTS) == len(FEATURES)
    assert any(WEIGHTS)


def test_weights_for_other_features_are_refused(tmp_path):
    path = tmp_path / "headrank.json"
    path.write_text(json.dumps({"features": ["words"], "weights": [1.0]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"headrank\.json"):
        load_weights(path)


def _pages() -> list[str]:
    """Real pages at hand: the generic fixtures and the golden cases' inputs."""
    root = Path(__file__).parent
    paths = sorted((root / "fixtures" / "generic").glob("*.txt")) + sorted(
        (root.parent / "golden").rglob("*.input.txt")
    )
    return [p.read_text(encoding="utf-8") for p in paths]


def test_the_fast_score_is_the_features_dot_product(monkeypatch):
    """ranked_headline sums the score from its parts and skips lines that cannot win: the same
    pick and score as the weights' dot product with candidates()' features, which training reads."""
    import cleaner.generic.pipeline as pipeline
    from cleaner import clean
    from cleaner.generic import headrank

    calls = []
    real = pipeline.ranked_headline

    def both(*args):
        got = real(*args)
        scored = [
            (k, sum(w * f for w, f in zip(WEIGHTS, feats, strict=True))) for k, feats in headrank.candidates(*args)
        ]
        over = [(k, s) for k, s in scored if s > headrank.HEADRANK_MIN_SCORE_DEFAULT]
        want = max(over, key=lambda t: t[1]) if over else None
        calls.append((got, want))
        return got

    monkeypatch.setattr(pipeline, "ranked_headline", both)
    for page in _pages():
        clean(page)
    assert len(calls) >= 10
    for got, want in calls:
        assert (got is None) == (want is None)
        if got is not None:
            assert got[0] == want[0]
            assert got[1] == pytest.approx(want[1], abs=1e-9)
