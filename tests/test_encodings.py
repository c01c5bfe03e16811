"""Encodings through the real CLI: BOMs, UTF-16, legacy Cyrillic by detection, CRLF; output is UTF-8.

Detection needs text: charset-normalizer, restricted to cp1251/koi8-u/cp1252, tells cp1251 from
koi8-u on a title and a sentence or two (measured down to 20 characters of Ukrainian); a few
words of Latin letters and digits are valid in all of them, and then the first candidate wins.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import GOLDEN, run_cli

UK_PAGE = GOLDEN / "interfax.com.ua/seed-000.input.txt"  # Ukrainian, with ads and lists
RU_PAGE = GOLDEN / "ostro.org/russian-edition.input.txt"  # Russian
CRLF_PAGE = GOLDEN / "interfax.com.ua/seed-000-crlf-case-nbsp.input.txt"


def _text(page: Path) -> str:
    # Guillemets and dashes exist in cp1251 but not in koi8, zero-width spaces in neither: one
    # text that every encoding here can carry.
    table = str.maketrans({"«": '"', "»": '"', "–": "-", "—": "-", "\u200b": None})
    return page.read_bytes().decode("utf-8").translate(table)  # bytes: keep CRLF


@pytest.mark.parametrize(
    ("page", "encoding"),
    [
        (UK_PAGE, "cp1251"),
        (UK_PAGE, "koi8-u"),
        (RU_PAGE, "cp1251"),
        (RU_PAGE, "koi8-r"),
        (UK_PAGE, "utf-16"),
        (UK_PAGE, "utf-16-be-bom"),
        (UK_PAGE, "utf-8-sig"),
        (RU_PAGE, "utf-32"),
    ],
)
def test_encoded_page_cleans_like_its_utf8_original(tmp_path: Path, page: Path, encoding: str) -> None:
    text = _text(page)
    # utf-16, utf-32 and utf-8-sig write a BOM (little-endian here); big-endian is built by hand.
    big_endian = encoding == "utf-16-be-bom"
    data = b"\xfe\xff" + text.encode("utf-16-be") if big_endian else text.encode(encoding)
    utf8 = run_cli("clean", stdin=text.encode("utf-8"))
    legacy_file = tmp_path / "page.txt"
    legacy_file.write_bytes(data)
    for proc in (run_cli("clean", legacy_file), run_cli("clean", stdin=data)):
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == utf8.stdout
    assert utf8.stdout.decode("utf-8").count("\n") >= 3


def test_short_legacy_text_is_detected() -> None:
    for encoding in ("cp1251", "koi8-u"):
        proc = run_cli("clean", "--no-generic", stdin="Заголовок\nРеклама\nТекст статті про їжу.\n".encode(encoding))
        assert proc.stdout.decode("utf-8") == "Заголовок\nТекст статті про їжу.\n", encoding


def test_explicit_encoding_is_strict(tmp_path: Path) -> None:
    data = _text(UK_PAGE).encode("koi8-u")
    assert run_cli("clean", "--encoding", "koi8-u", stdin=data).stdout == run_cli("clean", UK_PAGE).stdout
    wrong = run_cli("clean", "--encoding", "utf-8", stdin=data)
    assert wrong.returncode == 2 and "<stdin>" in wrong.stderr.decode() and "--encoding" in wrong.stderr.decode()
    unknown = run_cli("clean", "--encoding", "no-such-codec", stdin=b"x\n")
    assert unknown.returncode == 2 and "unknown encoding" in unknown.stderr.decode()


def test_crlf_input_keeps_crlf_through_batch(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = _text(CRLF_PAGE)
    (src / "crlf.txt").write_bytes(text.encode("utf-8"))
    (src / "crlf-cp1251.txt").write_bytes(text.encode("cp1251"))
    proc = run_cli("batch", src, out)
    assert proc.returncode == 0, proc.stderr
    expected = run_cli("clean", stdin=text.encode("utf-8")).stdout
    assert b"\r\n" in expected
    assert (out / "crlf.txt").read_bytes() == expected == (out / "crlf-cp1251.txt").read_bytes()


def test_batch_reports_detected_encodings(tmp_path: Path) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    src.mkdir()
    (src / "a.txt").write_bytes(_text(UK_PAGE).encode("koi8-u"))
    (src / "b.txt").write_bytes(_text(RU_PAGE).encode("cp1251"))
    (src / "c.txt").write_bytes(_text(UK_PAGE).encode("utf-16"))
    proc = run_cli("batch", src, out, "--report", report)
    assert proc.returncode == 0, proc.stderr
    import json

    files = {f["path"]: f["encoding"] for f in json.loads(report.read_text(encoding="utf-8"))["files"]}
    assert files == {"a.txt": "koi8-u", "b.txt": "cp1251", "c.txt": "utf-16"}
    assert (out / "a.txt").read_bytes() == (out / "c.txt").read_bytes()
