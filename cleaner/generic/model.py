"""The learned line model: oblivious trees over each line's features, revising the detector's verdicts.

Generic detection's hand-tuned steps decide first; a :class:`LineModel` then reads every line
with its neighbours (:mod:`cleaner.generic.features`) and changes a verdict only where it is
sure: a kept line goes when the model's content probability, smoothed along the page, falls
under ``remove_below``, a removed line comes back above ``keep_above``. The region logic keeps
deciding everywhere else (lists and tables inside an article, whose lines look like junk one by
one). The trees are oblivious (one feature and threshold per level, as CatBoost's), so a whole
page is scored with a few numpy operations, and the model is one small ``.npz`` file
(``cleaner train`` writes one; :func:`load_model` reads it). Loaded models are shared per path
and process; a model pickles as its path and arrays, and gives the same output every time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cleaner.errors import CleanerError
from cleaner.result import Reason

if TYPE_CHECKING:
    import numpy as np

# The model shipped inside the package, trained on the dev pages (docs/generic.md: The model).
BUNDLED_MODEL = Path(__file__).with_name("model.npz")
FORMAT = "cleaner-line-model/1"

# Which model generic detection uses when nothing says: "bundled" (the shipped model) or None.
MODEL_DEFAULT: str | None = None
# The environment variable (and --model's values): a model file's path, "bundled", or "off".
MODEL_ENV = "CLEANER_MODEL"
_OFF = frozenset({"off", "none", ""})

# The rule name of the model's removals (cli.py's MODEL_RULE: --explain prints their detail).
MODEL_RULE = "generic/model"

# How many of the features that weighed most a removal's reason names.
REASON_FEATURES = 3


class ModelError(CleanerError):
    """A model file cannot be used: missing, unreadable, or made for other features."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {problem}")


class Page(NamedTuple):
    """What generic detection computed for one page, as the model reads it."""

    lines: Sequence[str]
    decided: Sequence[Reason | None]
    protected: Sequence[bool]
    cls: list[str | None]
    signal: list[str]
    length: list[int]
    words: list[int]
    ends: list[bool]
    score: list[int]
    region: list[bool]
    bounds: tuple[int, int]
    # What detect() decided about the whole page: broad mode, the main run's score, the prose,
    # the headline, the regions' titles and the lines it took out as teasers or item runs.
    broad: bool
    top: int
    prose: int
    head: int | None
    titles: set[int]
    marked: set[int]
    lang: str | None  # the page's language, as line classification found it (None: none known)


class LineModel:
    """Oblivious boosted trees and the decoding thresholds tuned with them."""

    def __init__(
        self,
        feat: np.ndarray,
        thr: np.ndarray,
        leaves: np.ndarray,
        base: float,
        params: dict[str, Any],
        names: Sequence[str],
        path: str = "",
    ) -> None:
        self.feat, self.thr, self.leaves, self.base = feat, thr, leaves, float(base)
        self.params = dict(params)
        self.names = tuple(names)
        import numpy as np

        self.path = path
        self._flat = feat.reshape(-1)
        self._thr = thr.reshape(-1)
        depth = feat.shape[1]
        self._powers = (1 << np.arange(depth)).astype(np.int64)
        self._fpowers = self._powers.astype(np.float32)
        self._offsets = (np.arange(feat.shape[0]) << depth)[None, :]
        self._flat_leaves = leaves.reshape(-1)
        self._flag = np.array([_flag(n) for n in self.names])
        self._page_wide = np.array([n.startswith("page-") or n in ("broad", "language-known") for n in self.names])
        # Mean leaf value of each tree per prefix of its levels, for each level's contribution.
        self._prefix = [
            leaves.reshape(leaves.shape[0], 1 << (depth - d), 1 << d).mean(axis=1) for d in range(depth + 1)
        ]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the arrays (a worker process needs no model file)."""
        return (LineModel, (self.feat, self.thr, self.leaves, self.base, self.params, self.names, self.path))

    def margin(self, x: np.ndarray) -> np.ndarray:
        """The log-odds that each row is content."""
        import numpy as np

        t, d = self.feat.shape
        bits = (x[:, self._flat] > self._thr).astype(np.float32).reshape(len(x) * t, d)
        idx = (bits @ self._fpowers).astype(np.int64).reshape(len(x), t) + self._offsets
        return self.base + self._flat_leaves[idx].sum(axis=1)

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The probability that each row is content, smoothed along the page by params' 'smooth'."""
        import numpy as np

        p = 1.0 / (1.0 + np.exp(-self.margin(x)))
        return smooth(p, float(self.params.get("smooth", 0.0)))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's share of each row's log-odds (the path through every tree, level by level)."""
        import numpy as np

        t, depth = self.feat.shape
        bits = (x[:, self._flat] > self._thr).reshape(len(x), t, depth).astype(np.int64)
        out = np.zeros((len(x), len(self.names)), dtype=np.float64)
        prefix = np.zeros((len(x), t), dtype=np.int64)
        trees = np.arange(t)
        for d in range(depth):
            before = self._prefix[d][trees, prefix]
            prefix = prefix + (bits[:, :, d] << d)
            gain = self._prefix[d + 1][trees, prefix] - before
            np.add.at(out, (slice(None), self.feat[:, d]), gain)
        return out

    def revise(self, page: Page, out: list[Reason | None]) -> None:
        """Change the verdicts in ``out`` where the model is sure; never the headline, a blank,
        decided or protected line."""
        head = page.head
        if (page.broad and not self.params.get("broad", False)) or (
            head is None and self.params.get("headline", False)
        ):
            return
        # Only while generic detection itself still finds something to remove: a pass over text it
        # leaves whole (clean output, or a page that has settled) must stay whole, or cleaning the
        # output again would remove more (clean(clean(x)) == clean(x)); the model's removals then
        # settle within clean()'s passes as the detector's do.
        if all(r is None for r in out):
            return
        from cleaner.generic.features import page_features

        rows, x = page_features(page, out)
        if not rows:
            return
        p = self.probability(x)
        kept = [out[i] is None for i in rows]
        free = [not (i == head or page.decided[i] is not None or page.protected[i] or not page.words[i]) for i in rows]
        drop, back = choose(p, kept, free, [page.words[i] for i in rows], self.params, in_core(page, rows))
        for k in back:
            out[rows[k]] = None
        if drop:
            weights = self.contributions(x[drop])
            for k, w in zip(drop, weights, strict=True):
                out[rows[k]] = self._reason(float(p[k]), w, x[k])

    def _reason(self, p: float, weights: np.ndarray, row: np.ndarray) -> Reason:
        """The removal's reason: the model, its junk probability and the features that weighed most."""
        import numpy as np

        # The page's own context (its size, mode, language) is the same on every line: it says
        # nothing about why this line goes, so the reason names the line's own features.
        # A flag that is off ('no bullet') says little, unless its absence has a name ('outside').
        weights = np.where(self._page_wide | (self._flag & (row == 0)), 0.0, weights)
        order = weights.argsort()[:REASON_FEATURES]
        said = ", ".join(describe(self.names[f], float(row[f])) for f in order if weights[f] < 0)
        junk = 1.0 - p
        return Reason(MODEL_RULE, "generic", round(100 * junk, 1), f"{junk:.2f} ({said})")


def in_core(page: Page, rows: Sequence[int]) -> list[bool]:
    """Whether each row lies in the article's core: from the region's first to its last good line."""
    good = [k for k, i in enumerate(rows) if page.region[i] and page.cls[i] == "good"]
    first, last = (good[0], good[-1]) if good else (len(rows), -1)
    return [first <= k <= last for k in range(len(rows))]


def choose(
    p: Sequence[float],
    kept: Sequence[bool],
    free: Sequence[bool],
    words: Sequence[int],
    params: dict[str, Any],
    core: Sequence[bool] | None = None,
) -> tuple[list[int], list[int]]:
    """The rows the model removes and those it gives back, by its thresholds; nothing when it
    would remove more than ``max_drop`` of the page's kept words. With params' 'core' set, a
    line in the article's core (lists, tables, code the article holds) stays the detector's; with
    'top', so does every line above the core's first good line (headline, dates, lead)."""
    remove_below = float(params.get("remove_below", 0.0))
    keep_above = float(params.get("keep_above", 1.01))
    if core is not None and params.get("core", False):
        free = [f and not c for f, c in zip(free, core, strict=True)]
    if core is not None and params.get("top", False) and True in core:  # headline, dates above the text
        first = core.index(True)
        free = [f and k >= first for k, f in enumerate(free)]
    drop = [k for k, pk in enumerate(p) if free[k] and kept[k] and pk < remove_below]
    back = [k for k, pk in enumerate(p) if free[k] and not kept[k] and pk > keep_above]
    total = sum(w for w, k in zip(words, kept, strict=True) if k)
    if total and sum(words[k] for k in drop) > float(params.get("max_drop", 1.0)) * total:
        return [], []
    return drop, back


def smooth(p: np.ndarray, weight: float) -> np.ndarray:
    """Blend each line's probability with its neighbours' (``weight`` each side, halved per step)."""
    if weight <= 0 or len(p) < 2:
        return p
    import numpy as np

    padded = np.concatenate(([p[0]], p, [p[-1]]))
    return (p + weight * (padded[:-2] + padded[2:])) / (1 + 2 * weight)


_WHERE = {-1: "line above", 1: "line below", -2: "2nd line above", 2: "2nd line below", -3: "3rd line above"}
_WHERE[3] = "3rd line below"
_BINARY_NOT = {"kept": "removed", "in-region": "outside", "sentence-end": "no sentence end"}


def _flag(name: str) -> bool:
    """A yes/no feature whose 'no' has no words of its own ('bullet'; not 'kept': 'removed')."""
    base = name.split("@")[0]
    numeric = ("length", "words", "stopwords", "digits", "capitals", "punctuation", "position", "score", "token-length")
    named = base in _BINARY_NOT or base in numeric or "~" in base
    return not named and not base.startswith(("page", "from-"))


def describe(name: str, value: float) -> str:
    """A feature's value in a few words: 'short', 'line below outside', 'stopwords 0.05'."""
    where = ""
    if "@" in name:
        name, off = name.split("@")
        where = _WHERE[int(off)] + " "
    if name in ("length", "words"):
        import math

        return f"{where}{name} {round(math.expm1(value))}"
    if name in ("stopwords", "digits", "capitals", "punctuation", "position") or "~" in name or name.startswith("page"):
        return f"{where}{name} {value:.2f}"
    if name in ("score", "token-length", "from-region-start", "from-region-end"):
        return f"{where}{name} {value:.1f}"
    if value >= 0.5:
        return f"{where}{name}"
    return f"{where}{_BINARY_NOT.get(name, 'not ' + name)}"


def model_choice(value: str | None) -> str | None:
    """What a --model or $CLEANER_MODEL value means: a path, "bundled", or None (no model);
    None given: MODEL_DEFAULT."""
    if value is None:
        return MODEL_DEFAULT
    value = value.strip()
    return None if value.lower() in _OFF else "bundled" if value.lower() == "bundled" else value


@functools.lru_cache(maxsize=8)
def load_model(path: str | Path | None = None) -> LineModel:
    """Read a model file (default: the bundled one); one instance per path and process."""
    import numpy as np

    from cleaner.generic.features import FEATURES

    where = Path(path) if path is not None else BUNDLED_MODEL
    try:
        with np.load(where, allow_pickle=False) as data:
            arrays = {k: data[k] for k in ("feat", "thr", "leaves", "base", "meta")}
    except FileNotFoundError:
        raise ModelError(where, "no such model file") from None
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(where, f"not a cleaner model ({exc})") from None
    meta = json.loads(str(arrays["meta"]))
    if meta.get("format") != FORMAT:
        raise ModelError(where, f"not a {FORMAT} file")
    names = tuple(meta["features"])
    if names != FEATURES:
        raise ModelError(where, "made for other features (retrain it with `cleaner train`)")
    return LineModel(
        arrays["feat"].astype(np.int64),
        arrays["thr"].astype(np.float32),
        arrays["leaves"].astype(np.float64),
        float(arrays["base"]),
        meta["params"],
        names,
        str(where),
    )


def save_model(model: LineModel, path: str | Path) -> None:
    """Write a model file (:func:`load_model` reads it back): the same model gives the same bytes,
    written to a temporary file beside it and moved into place."""
    import io
    import os
    import zipfile

    import numpy as np

    meta = json.dumps({"format": FORMAT, "features": list(model.names), "params": model.params}, sort_keys=True)
    arrays = {
        "feat": model.feat.astype(np.int16),
        "thr": model.thr.astype(np.float32),
        "leaves": model.leaves.astype(np.float32),
        "base": np.float64(model.base),
        "meta": np.array(meta),
    }
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, value in arrays.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.asanyarray(value), allow_pickle=False)
                zf.writestr(
                    zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)),
                    buf.getvalue(),
                    zipfile.ZIP_DEFLATED,
                )
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
