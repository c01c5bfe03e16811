"""Fuzz clean(), the HTML readers, the byte decoder and the JSON-lines reader with hypothesis.

Each target states what must hold for every input: no crash (only the typed errors the
library documents), and every output line an input line, with its own ending, cleaning twice
changing nothing. Run them for a while, rotating targets, with a fresh random seed each round:

    python -m benchmarks.fuzz --minutes 10            # all targets
    python -m benchmarks.fuzz --minutes 1 --target jsonl

It prints the examples tried per target and every failure hypothesis found (shrunk); exit 1
if there was one. ``tests/test_fuzz.py`` runs each target for a few seconds in CI.
"""

from __future__ import annotations

import argparse
import html as html_escape
import io
import json
import re
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import clean, load_rules
from cleaner.errors import CleanerError, DecodeError
from cleaner.html import html_to_lines, trafilatura_text
from cleaner.jsonl import JsonlOptions, OnError, clean_records
from cleaner.normalize import split_endings
from cleaner.textio import ERRORS_MODES, decode_page

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(env={})
SEED_LINES = sorted(
    {line for path in sorted((ROOT / "golden").glob("*/*.input.txt")) for line in split_endings(path.read_text())[0]}
)
JUNK = ["Реклама", "ЩЕ ЗА ТЕМОЮ", "ОСТАННЄ", "Підтримати", "Всі статті", "Поділитися", "11:53, 09.03.2025", "Share"]
ENDINGS = ["\n", "\r\n", "\r"]
_SPACE = re.compile(r"\s+")

# Any character, lone surrogates and line-break look-alikes (form feed, U+2028, NEL) included.
any_line = st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=80)
line = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(JUNK), st.just(""), st.just("  "), any_line)
# A page: lines, each with an ending drawn from LF, CRLF and CR, the last one maybe without.
page = st.tuples(st.lists(st.tuples(line, st.sampled_from(ENDINGS)), max_size=60), st.booleans()).map(
    lambda t: "".join(text + (end if i < len(t[0]) - 1 or t[1] else "") for i, (text, end) in enumerate(t[0]))
)
sites = st.sampled_from([None, "interfax.com.ua", "ostro.org"])

# ---------------------------------------------------------------------------------------------
# Targets: each is a plain function of generated values, wrapped by hypothesis below.


def check_clean(text: str, site: str | None) -> None:
    """clean(): kept lines are input lines in order, each with its own ending; idempotent."""
    result = clean(text, RULES, site=site)
    lines, endings = split_endings(text)
    assert list(result.texts) == lines
    kept = [i for i, reason in enumerate(result.reasons) if reason is None]
    expected = "".join(lines[i] + endings[i] for i in kept)
    if kept and not endings[kept[-1]]:  # a last line without an ending gets its neighbour's
        expected += endings[-2] if len(endings) > 1 else "\n"
    assert result.text == expected
    again = clean(result.text, RULES, site=site)
    assert again.text == result.text


# HTML built from paragraphs, wrapped in random nesting that is sometimes left unclosed.
paragraph = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1, max_size=60
).filter(lambda p: p.strip() and p.isprintable())
wrappers = st.lists(st.sampled_from(["div", "section", "font", "span", "article", "b"]), max_size=6)


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An HTML page and the lines its visible text must give (one per paragraph, spaces collapsed)."""
    paras = draw(st.lists(paragraph, min_size=1, max_size=30))
    depth = draw(st.sampled_from([0, 1, 10, 300, 3000]))
    closed = draw(st.booleans())
    parts = ["<!DOCTYPE html><html><head><title>t</title><script>var x = '<p>no</p>';</script></head><body>"]
    parts.append("<div>" * depth)
    for para in paras:
        tags = draw(wrappers)
        opening = "".join(f"<{t}>" for t in tags)
        closing = "".join(f"</{t}>" for t in reversed(tags)) if closed else ""
        parts.append(f"{opening}<p>{html_escape.escape(para)}</p>{closing}")
        if draw(st.booleans()):
            parts.append("<!-- a comment --><br>")
    if closed:
        parts.append("</div>" * depth)
    parts.append("</body></html>")
    want = [_SPACE.sub(" ", p).strip() for p in paras]
    return "".join(parts), [w for w in want if w]


def check_html_lines(page_and_lines: tuple[str, list[str]]) -> None:
    """--html-mode lines: exactly the paragraphs, however deep or unclosed the page."""
    html, want = page_and_lines
    assert html_to_lines(html).splitlines() == want


def _as_trafilatura(text: str) -> str:
    """Text as trafilatura gives it: NFC, without invisible characters (soft hyphens), spaces collapsed."""
    text = "".join(c for c in unicodedata.normalize("NFC", text) if c.isprintable() or c.isspace())
    return _SPACE.sub(" ", text).strip()


def check_html_trafilatura(page_and_lines: tuple[str, list[str]]) -> None:
    """--html-mode trafilatura: no crash, and every line it gives is text of the page."""
    html, want = page_and_lines
    whole = _as_trafilatura(" ".join(want))
    for out in trafilatura_text(html).splitlines():
        assert _as_trafilatura(out) in whole, out


def check_html_surrogates(paras: list[str]) -> None:
    """Half a surrogate pair in HTML (from a JSON string) survives both modes, never cutting a line."""
    html = "<html><body>" + "".join(f"<p>{html_escape.escape(p)}</p>" for p in paras) + "</body></html>"
    want = [_SPACE.sub(" ", p).strip() for p in paras]
    assert html_to_lines(html).splitlines() == [w for w in want if w]
    whole = _as_trafilatura(" ".join(want))
    for out in trafilatura_text(html).splitlines():
        assert _as_trafilatura(out) in whole, out


def check_decode(data: bytes, encoding: str, errors: str) -> None:
    """Bytes: a DecodeError naming the page, or text that can be written as UTF-8."""
    try:
        found = decode_page(data, "page.txt", encoding, errors)
    except DecodeError as exc:
        assert str(exc).startswith("page.txt: ") and "\n" not in str(exc)
        return
    except CleanerError as exc:  # an encoding name that is no text encoding
        assert encoding not in ("auto", "utf-8", "cp1251"), exc
        return
    found.text.encode("utf-8")
    if encoding == "auto" and _is_utf8(data):  # valid UTF-8 is read as itself, a BOM dropped
        assert found.text == data.decode("utf-8-sig")


def _is_utf8(data: bytes) -> bool:
    """True for bytes that are valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# JSON-lines streams: good records, records JSON but not cleanable, lines that are not JSON.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
record_line = st.one_of(
    st.builds(lambda t: json.dumps({"text": t, "id": 1}), page),
    st.builds(lambda t, u: json.dumps({"text": t, "url": u}), page, st.text(max_size=30)),
    st.builds(json.dumps, json_values),
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), page),
    st.just('{"text": "a \\ud83d b"}'),
    st.just('{"text": "<html><body><p>Broken \\ud83d here</p></body></html>"}'),
    st.just('{"text": "x", "n": ' + "1" * 5000 + "}"),
    st.just("[" * 100_000),
    st.just('{"text": "hi", "url": "http://[::1"}'),
    st.text(max_size=40),
)
stream = st.lists(st.tuples(record_line, st.sampled_from([b"\n", b"\r\n"])), max_size=12).map(
    lambda recs: b"".join((r.encode("utf-8", "surrogatepass") if isinstance(r, str) else r) + end for r, end in recs)
)


def check_jsonl(data: bytes, on_error: OnError, max_bytes: int) -> None:
    """clean_records: never raises, writes only JSON lines, accounts for every non-blank line."""
    options = JsonlOptions(on_error=on_error, max_bytes=max_bytes, generic=True)
    seen = 0
    for out, bad in clean_records(io.BytesIO(data), RULES, options):
        seen += 1
        assert out is not None or bad is not None
        if out is None:
            continue
        assert out.endswith(b"\n") and out.count(b"\n") == 1
        record = json.loads(out, parse_int=str)
        if bad is None:
            assert isinstance(record, dict) and isinstance(record["text"], str)
    lines = [raw for raw in data.split(b"\n") if raw.strip()]
    assert seen == len(lines)


# ---------------------------------------------------------------------------------------------
# Running

FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}

# Each target: (examples, derandomize) -> a hypothesis test to call.
TARGETS: dict[str, Callable[..., Callable[[], None]]] = {
    "clean": lambda n, derandomize=False: settings(derandomize=derandomize, max_examples=n, **FUZZ_SETTINGS)(
        given(page, sites)(check_clean)
    ),
    "html-lines": lambda n, derandomize=False: settings(derandomize=derandomize, max_examples=n, **FUZZ_SETTINGS)(
        given(html_pages())(check_html_lines)
    ),
    "html-trafilatura": lambda n, derandomize=False: settings(
        derandomize=derandomize, max_examples=max(1, n // 5), **FUZZ_SETTINGS
    )(given(html_pages())(check_html_trafilatura)),
    "html-surrogates": lambda n, derandomize=False: settings(
        derandomize=derandomize, max_examples=max(1, n // 5), **FUZZ_SETTINGS
    )(
        given(
            st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Co", "Cn")), min_size=1), min_size=1)
        )(check_html_surrogates)
    ),
    "decode": lambda n, derandomize=False: settings(derandomize=derandomize, max_examples=n, **FUZZ_SETTINGS)(
        given(
            st.one_of(st.binary(max_size=400), page.map(lambda t: t.encode("utf-8", "surrogatepass"))),
            st.sampled_from(["auto", "utf-8", "cp1251", "utf-7", "utf-16", "koi8-u", "rot13"]),
            st.sampled_from(ERRORS_MODES),
        )(check_decode)
    ),
    "jsonl": lambda n, derandomize=False: settings(derandomize=derandomize, max_examples=n, **FUZZ_SETTINGS)(
        given(stream, st.sampled_from(list(OnError)), st.sampled_from([64, 2000, 1 << 20]))(check_jsonl)
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Rotate the targets in rounds until the time is up; print examples and failures per target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--target", choices=["all", *TARGETS], default="all")
    parser.add_argument("--round", type=int, default=100, help="examples per target per round")
    args = parser.parse_args(argv)
    names = list(TARGETS) if args.target == "all" else [args.target]
    deadline = time.monotonic() + args.minutes * 60
    examples = dict.fromkeys(names, 0)
    failures: list[tuple[str, str]] = []
    started = time.monotonic()
    while time.monotonic() < deadline:
        for name in names:
            if time.monotonic() >= deadline:
                break
            test = TARGETS[name](args.round)
            try:
                test()
            except Exception:  # hypothesis re-raises the shrunk failure: keep it and go on
                failures.append((name, traceback.format_exc(limit=-6)))
                print(f"FAIL {name}:\n{failures[-1][1]}", file=sys.stderr, flush=True)
            examples[name] += args.round if not name.startswith("html-") or name == "html-lines" else args.round // 5
    seconds = time.monotonic() - started
    print(f"fuzz: {seconds / 60:.1f} minutes, {len(failures)} failure(s)")
    for name in names:
        print(f"  {name:18s} {examples[name]:8d} examples")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
