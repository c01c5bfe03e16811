"""The page's language: the jusText stoplist that best fits its words, and the stoplists themselves.

Step 1 of generic detection (:func:`detect_language`). Stoplists are read once from jusText's
folder (without importing jusText) into read-only caches; each stoplist word maps to one integer
with a 16-bit field per list, so a sample's hits for all 100 lists are one ``sum()``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import struct
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress
from operator import truediv
from pathlib import Path

# Language detection looks at this many tokens; enough to be sure, few enough to be fast.
LANG_SAMPLE_TOKENS_DEFAULT = 500

# Damping of stoplist size in language scores: with raw hit counts, 112 of 1,443 wcxb-dev
# English pages came out Finnish, Marathi, Uzbek...; with size**0.25, 5 (26 more have no text).
LANG_SIZE_DAMPING_DEFAULT = 0.25

# A page whose tokens hit a stoplist less than this is of no language we know.
LANG_MIN_HIT_RATE_DEFAULT = 0.10

# LANG_SENTENCES_FIRST: the sample takes the lines ending a sentence first, then the others (a
# page's 60 title-case links, 'Free 10 Week Beginner Marathon Training Plan', read as Occitan and
# its prose as text of few stopwords). 2026-12-04, `python -m benchmarks.quality
# ../shared/data/SET --no-peers [--half a|b]`: wcxb-dev word F1 0.8139 -> 0.8146 (half b 0.8119 ->
# 0.8132; article 0.927 -> 0.928, collection 0.625 -> 0.627, product 0.553 -> 0.555, the others
# the same); the language changes on 15 of 1,858 dev pages, each to the right one (13 English
# pages read as Igbo, Finnish, Occitan or none; two Indonesian pages as Malay); aeb, big9-dev and
# seeds unchanged. The longest lines first instead: a tutorial's code lines took the sample.

_WORD = re.compile(r"\w+")

# \w on an ASCII character is [A-Za-z0-9_]: an ASCII key's tokens are its runs of those, which a
# byte table turning every other character into a space, then str.split, finds at C speed. The
# regex tries each position with Unicode category look-ups: twice the instructions per token.
_ASCII_WORD_TABLE = bytes(c if chr(c).isalnum() or c == 95 else 32 for c in range(128)) + bytes(range(128, 256))


def _tokens(key: str) -> list[str]:
    """``_WORD.findall(key)``: the \\w+ runs of a line, through a byte table when it is ASCII."""
    if key.isascii():
        return key.encode().translate(_ASCII_WORD_TABLE).decode().split()
    return _WORD.findall(key)


# --- stoplists and language ---------------------------------------------------------------------


# Language scores add one bit field per stoplist: a word's vector has 1 in the field of every
# list holding it, so one sum of integers counts hits for all 100 lists at C speed (a Counter
# of language ids cost ten times more: function words sit in dozens of lists). A field holds
# counts below 2**16 (the sample is ~500 tokens; narrow fields keep the integers short, and
# their sums fast); a bigger sample (a page of one giant line) is counted list by list.
_LANG_FIELD_BITS = 16
_LANG_FIELD_LIMIT = 1 << _LANG_FIELD_BITS


@functools.lru_cache(maxsize=1)
def _stoplist_folder() -> Path | None:
    """jusText's stoplists folder, found without importing jusText (None if not a plain folder)."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "stoplists"
    return folder if folder.is_dir() else None


def _stoplist_names() -> tuple[str, ...]:
    """The names of jusText's stoplists, sorted (as ``justext.get_stoplists()``)."""
    folder = _stoplist_folder()
    if folder is None:
        import justext

        return tuple(sorted(justext.get_stoplists()))
    return tuple(sorted(path.stem for path in folder.glob("*.txt")))


def _read_stoplist(name: str) -> frozenset[str]:
    """One jusText stoplist, lower-cased: the set ``justext.get_stoplist(name)`` returns.

    Read from the file directly: importing jusText (lxml and all) and its decoding line by
    line took 0.2 s, over half the time of a one-page ``cleaner clean``. Lines are
    split where ``bytes.splitlines`` splits them; lower-casing the whole text equals lower-casing
    each line, since a line break is no cased letter (tests pin the sets equal).
    """
    folder = _stoplist_folder()
    if folder is None:
        import justext

        return frozenset(justext.get_stoplist(name))
    text = (folder / f"{name}.txt").read_bytes().decode("utf-8").lower()
    words = _LINE_BREAK.split(text)
    if words and words[-1] == "":  # a final line break ends the last line, it opens no new one
        words.pop()
    return frozenset(words)


_LINE_BREAK = re.compile("\r\n|\r|\n")


@functools.lru_cache(maxsize=1)
def _stoplist_index() -> tuple[tuple[str, ...], dict[str, int], tuple[int, ...]]:
    """Load every jusText stoplist once: names, word -> bit vector of its lists, list sizes."""
    names = _stoplist_names()
    index: dict[str, int] = {}
    sizes = []
    for lid, name in enumerate(names):
        words = _read_stoplist(name)
        sizes.append(len(words))
        bit = 1 << (lid * _LANG_FIELD_BITS)
        # Words already in earlier lists get this list's bit one by one; the rest (most of
        # them) are added in one call.
        shared = words & index.keys()
        for word in shared:
            index[word] |= bit
        index.update(dict.fromkeys(words - shared, bit))
    return names, index, tuple(sizes)


@functools.lru_cache(maxsize=128)
def _stoplist(name: str) -> frozenset[str]:
    """One language's stoplist, lower-cased (jusText's lists are)."""
    return _read_stoplist(name)


def detect_language(lines: Sequence[str]) -> str | None:
    """Return the jusText stoplist name that best fits the page's words, or None if none does."""
    from cleaner.generic.lines import _line_facts  # that module imports this one

    facts = [_line_facts(line) for line in lines]
    return _language([[] if f is None else f[2] for f in facts], ends=[f is not None and f[4] for f in facts])


def _language(
    token_lists: Sequence[Sequence[str]],
    line_vector: Callable[[int], int] | None = None,
    ends: Sequence[bool] | None = None,
) -> str | None:
    """Pick the language from already lower-cased tokens (see detect_language).

    A token counts for every language whose stoplist holds it; hit counts are divided by the
    list's size to the power LANG_SIZE_DAMPING_DEFAULT, since a big list (Finnish, Marathi:
    thousands of words, many of them English) hits any text more. Lines of 5+ tokens are
    sampled first (prose says more about the language than menus), those ending a sentence
    first when ``ends`` tells which do (LANG_SENTENCES_FIRST). None when even the best
    list covers under LANG_MIN_HIT_RATE_DEFAULT of the tokens (a language we don't know).
    ``line_vector(k)``, if given, returns line k's summed vector (a cache of the caller's).
    """
    names, index, _ = _stoplist_index()
    sampled: list[int] = []  # whole lines of 5+ tokens, until the sample is big enough
    size = 0
    order: Iterable[int] = range(len(token_lists))
    if ends is not None:  # sentences first, then the other lines
        order = chain(compress(order, ends), (k for k in order if not ends[k]))
    for k in order:
        toks = token_lists[k]
        if len(toks) >= 5:
            sampled.append(k)
            size += len(toks)
            if size >= LANG_SAMPLE_TOKENS_DEFAULT:
                break
    if size < LANG_SAMPLE_TOKENS_DEFAULT // 10:
        sample = [t for toks in token_lists for t in toks][:LANG_SAMPLE_TOKENS_DEFAULT]
        size = len(sample)
    else:
        sample = None
    if size >= _LANG_FIELD_LIMIT:  # a field could overflow: count each list's hits one by one
        hits = Counter(lid for vec in _sample_vectors(token_lists, sampled, sample) for lid in _lids(vec))
        fields = tuple(hits.get(lid, 0) for lid in range(len(names)))
    else:
        if sample is not None:
            total = sum(filter(None, map(index.get, sample)))
        elif line_vector is not None:
            total = sum(map(line_vector, sampled))
        else:
            total = sum(filter(None, map(index.get, chain.from_iterable(token_lists[k] for k in sampled))))
        fields = struct.unpack(f"<{len(names)}H", total.to_bytes(2 * len(names), "little"))
    # Scores of all lists at once, at C speed: hits / size ** damping (0 for lists not hit).
    scores = list(map(truediv, fields, _damping()))
    top = max(scores)
    if not top:  # no list hit at all
        return None
    tied = list(compress(range(len(scores)), map(top.__eq__, scores)))
    best = tied[0]
    if len(tied) > 1:  # the list hit first in the sample wins (the order a Counter of hits keeps)
        vectors = _sample_vectors(token_lists, sampled, sample)
        best = next(lid for vec in vectors for lid in _lids(vec) if lid in tied)
    if fields[best] < LANG_MIN_HIT_RATE_DEFAULT * size:
        return None
    return _ALIASES.get(names[best], names[best])


@functools.lru_cache(maxsize=1)
def _damping() -> tuple[float, ...]:
    """Each stoplist's size to the power LANG_SIZE_DAMPING_DEFAULT, the divisor of its hits."""
    return tuple(size**LANG_SIZE_DAMPING_DEFAULT for size in _stoplist_index()[2])


def _sample_vectors(token_lists: Sequence[Sequence[str]], sampled: list[int], sample: list[str] | None) -> list[int]:
    """The sample's token vectors in order (tokens in no stoplist left out)."""
    _, index, _ = _stoplist_index()
    tokens = sample if sample is not None else chain.from_iterable(token_lists[k] for k in sampled)
    return list(filter(None, map(index.get, tokens)))


def _lids(vec: int) -> list[int]:
    """The stoplist ids whose fields are set in a word's vector, in ascending order."""
    return [lid for lid in range(vec.bit_length() // _LANG_FIELD_BITS + 1) if vec >> (lid * _LANG_FIELD_BITS) & 1]


# jusText's Simple_English list is a subset-like variant of English: same language, one name.
_ALIASES = {"Simple_English": "English"}
