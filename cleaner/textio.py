"""Reading pages: bytes to text with a clear error that names the page and the way out.

Encoding detection (``--encoding auto``, the default) runs in this order, cheapest and surest
first: a byte-order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then charset-normalizer
restricted to the legacy encodings we actually meet on scraped news sites (cp1251 and koi8-u
for Ukrainian and Russian, cp1252 for Western pages). Restricting the candidates is what makes
short pages work: unrestricted, charset-normalizer reads a three-line cp1251 page as Shift-JIS.
koi8-r is read as koi8-u, its superset for text (they differ only where koi8-r has box-drawing
characters, which real pages do not contain). Input with NUL bytes and no BOM is binary, even
when it happens to be valid UTF-8.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import DecodeError, EncodingNameError
from .normalize import SURROGATE

ENCODING_AUTO = "auto"
ENCODING_DEFAULT = ENCODING_AUTO
# Candidates for pages that are not UTF-8, in the order charset-normalizer breaks ties.
LEGACY_ENCODINGS = ("cp1251", "koi8_u", "cp1252")
# A page bigger than this is refused (the CLI's --max-bytes default): the largest article in
# the dev sets is under 2 MB, so 50 MB is junk or a mistake, and refusing it keeps one file
# from taking a worker's memory (cleaning needs about 10x the page size).
MAX_BYTES_DEFAULT = 50 * 1024 * 1024
# --encoding-errors: auto replaces only in a page that is UTF-8 but for a few bytes (see
# nearly_utf8), strict never replaces, replace reads any undecodable byte as U+FFFD.
ERRORS_AUTO, ERRORS_STRICT, ERRORS_REPLACE = "auto", "strict", "replace"
ERRORS_MODES = (ERRORS_AUTO, ERRORS_STRICT, ERRORS_REPLACE)
ERRORS_DEFAULT = ERRORS_AUTO
# Well-formed non-ASCII characters needed per bad byte sequence to read a page as UTF-8 anyway.
STRAY_RATIO = 4
REPLACED_SHOWN = 5  # offsets named in the warning
# A legacy decode with more than one C0 control character in this many is binary, not text.
CONTROL_SHARE_MAX = 200
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# write_atomic's temporary files end with this, so an interrupted run's leftovers can be swept.
TMP_SUFFIX = ".cleaner.tmp"

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Decoded(NamedTuple):
    """A page's text, the encoding it was read as, and the byte offsets replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: tuple[int, ...] = ()
    replaced_count: int = 0  # all replaced bytes; ``replaced`` holds the first REPLACED_SHOWN offsets


_NAME_ADVICE = "pass a text encoding such as utf-8 or cp1251, or auto"


def check_encoding(name: str) -> str:
    """The codec's canonical name; raises EncodingNameError for a name that is no text encoding.

    ``rot13`` and ``base64`` are codecs but not text encodings, and ``undefined`` refuses every
    byte: all three are refused up front rather than failing on the first page.
    """
    if name.lower() == ENCODING_AUTO:
        return ENCODING_AUTO
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with a NUL byte
        raise EncodingNameError(name, f"unknown encoding; {_NAME_ADVICE}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise EncodingNameError(name, f"not a text encoding; {_NAME_ADVICE}")
    return info.name


def check_errors(mode: str) -> str:
    """The --encoding-errors mode, lower-cased; raises EncodingNameError for another word."""
    if mode.lower() not in ERRORS_MODES:
        raise EncodingNameError(mode, f"not one of {', '.join(ERRORS_MODES)}", "--encoding-errors")
    return mode.lower()


def decode(data: bytes, source: str, encoding: str = ENCODING_DEFAULT) -> str:
    """Decode page bytes (see the module docstring for ``auto``); a BOM is honoured and dropped."""
    return decode_page(data, source, encoding).text


def decode_detect(data: bytes, source: str, encoding: str = ENCODING_DEFAULT) -> tuple[str, str]:
    """Decode page bytes and say which encoding was used; raises DecodeError naming the page."""
    found = decode_page(data, source, encoding)
    return found.text, found.encoding


def decode_page(data: bytes, source: str, encoding: str = ENCODING_DEFAULT, errors: str = ERRORS_DEFAULT) -> Decoded:
    """Decode page bytes by the encoding policy (module docstring); raises DecodeError naming the page."""
    errors = check_errors(errors)
    if encoding.lower() != ENCODING_AUTO:
        return _decode_strict(data, source, check_encoding(encoding), errors)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, source, codec, errors, shown=f"{codec} (from its byte-order mark)")
    # No text encoding we accept puts NUL bytes in text (UTF-16/32 came with a BOM above), so a
    # NUL means binary, even when the bytes happen to be valid UTF-8.
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(
            source,
            ENCODING_AUTO,
            f"binary data: NUL byte at offset {nul}",
            "not a text page; if it is one, pass --encoding",
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    nearly = nearly_utf8(data)
    if nearly is not None:
        if errors == ERRORS_STRICT:
            raise DecodeError(
                source,
                "utf-8",
                f"{_bytes_at(nearly)}, the rest is UTF-8",
                "pass --encoding-errors replace to read them as U+FFFD",
            )
        return nearly
    try:
        return _decode_legacy(data, source)
    except DecodeError:
        if errors != ERRORS_REPLACE:
            raise
    return _replaced(data, "utf-8")


def nearly_utf8(data: bytes) -> Decoded | None:
    """The page read as UTF-8 with its few bad bytes replaced, if it is UTF-8 but for those; else None.

    'A few': at least STRAY_RATIO well-formed non-ASCII characters per bad sequence. A legacy
    Cyrillic page fails this by far (nearly every letter is a bad sequence), and so do random
    bytes (about one byte pair in thirty forms a UTF-8 character by chance).
    """
    found = _replaced(data, "utf-8")
    if not found.replaced_count:
        return None
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    well_formed = len(found.text) - ascii_bytes - found.replaced_count
    return found if well_formed >= STRAY_RATIO * found.replaced_count else None


def _replaced(data: bytes, codec: str) -> Decoded:
    """Decode with U+FFFD for each bad byte sequence, keeping the first offsets for the warning."""
    offsets: list[int] = []
    count = 0

    def note(exc: UnicodeError) -> tuple[str, int]:
        nonlocal count
        count += 1
        if len(offsets) < REPLACED_SHOWN:
            offsets.append(exc.start)  # type: ignore[attr-defined]
        return "\ufffd", exc.end  # type: ignore[attr-defined]

    _HANDLER.note = note
    try:
        text = data.decode(codec, errors=_HANDLER_NAME)
    finally:
        _HANDLER.note = None
    return Decoded(_no_surrogates(text), codec, tuple(offsets), count)


class _Handler:
    """The codec error handler of this thread's current decode (codecs.register_error is global)."""

    def __init__(self) -> None:
        self.local = threading.local()

    @property
    def note(self) -> Callable[[UnicodeError], tuple[str, int]] | None:
        return getattr(self.local, "note", None)

    @note.setter
    def note(self, value: Callable[[UnicodeError], tuple[str, int]] | None) -> None:
        self.local.note = value

    def __call__(self, exc: UnicodeError) -> tuple[str, int]:
        note = self.note
        if note is None or not isinstance(exc, UnicodeDecodeError):
            raise exc
        return note(exc)


_HANDLER = _Handler()
_HANDLER_NAME = "cleaner-note-replace"
codecs.register_error(_HANDLER_NAME, _HANDLER)
_ASCII = bytes(range(128))


def _bytes_at(found: Decoded) -> str:
    """'2 bytes not UTF-8 at offsets 10, 99' for a warning or an error."""
    shown = ", ".join(map(str, found.replaced))
    more = f" (first {len(found.replaced)} shown)" if found.replaced_count > len(found.replaced) else ""
    plural = "s" if found.replaced_count > 1 else ""
    return f"{found.replaced_count} byte sequence{plural} not {found.encoding} at offset{plural} {shown}{more}"


def replaced_warning(source: str, found: Decoded) -> str:
    """The warning for a page read with replaced bytes, naming the page and the offsets."""
    return f"{source}: {_bytes_at(found)}, read as U+FFFD"


def _no_surrogates(text: str) -> str:
    """Replace lone surrogates (UTF-7 and UTF-16 can decode to them) with U+FFFD; they cannot be written."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


def _decode_strict(data: bytes, source: str, codec: str, errors: str, shown: str | None = None) -> Decoded:
    """Decode as exactly one encoding, naming the first bad byte on failure (or replacing, if asked)."""
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if errors == ERRORS_REPLACE:
        return _replaced(data, codec)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DecodeError(source, shown or codec, f"byte 0x{bad} at offset {exc.start}") from None
    except UnicodeError as exc:  # a codec that fails otherwise (idna on a long label)
        raise DecodeError(source, shown or codec, str(exc)) from None
    found = SURROGATE.search(text)
    if found:  # UTF-7 and UTF-16 decode half a surrogate pair without complaint; UTF-8 cannot write it
        raise DecodeError(source, shown or codec, f"half a surrogate pair (U+{ord(found.group()):04X}) in the text")
    return Decoded(text, codec)


def _decode_legacy(data: bytes, source: str) -> Decoded:
    """Ask charset-normalizer among the legacy candidates; nothing sensible means not text."""
    from charset_normalizer import from_bytes  # imported on demand: most pages are UTF-8

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    text = str(best) if best is not None else ""
    controls = len(_CONTROLS.findall(text))
    if best is None or controls * CONTROL_SHARE_MAX > len(text):
        raise DecodeError(
            source,
            ENCODING_AUTO,
            f"not UTF-8 and not text in {', '.join(LEGACY_ENCODINGS)}; binary?",
            "if it is text, pass --encoding with its encoding, or --encoding-errors replace",
        )
    return Decoded(text, best.encoding.replace("_", "-"))


def read_page(path: str | None, encoding: str = ENCODING_DEFAULT) -> tuple[str, str]:
    """Read a page from a file, or from stdin for None or '-'; returns (text, display name)."""
    if path in (None, "-"):
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding), "<stdin>"
    return decode(Path(path).read_bytes(), path, encoding), path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write text (as UTF-8) or bytes so that readers see the old file or the new one, never half."""
    with open_atomic(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def _mode_for(path: Path) -> int:
    """The permission bits a written file should have: the existing file's, else 0666 & ~umask."""
    try:
        st = os.stat(path)
    except OSError:
        pass
    else:
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask: from /proc on Linux (read, not changed), else set and put back."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0o022)  # elsewhere the only way to read it is to set it and put it back
    os.umask(umask)
    return umask


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write bit by bit that appears at ``path`` complete, or not at all.

    The temporary file sits beside the target (same file system, so the rename is atomic) and
    is named ``.<name>.<random>.cleaner.tmp``; it is removed on any error or interrupt. The
    file gets the mode an ordinary ``open()`` would give it: an existing file keeps its own,
    a new one gets 0666 less the umask (mkstemp alone would make every output 0600).
    """
    prefix = f".{path.name}."
    try:  # the folder nearly always exists: create it only when that fails (saves a syscall per page)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=path.parent)
    except (FileNotFoundError, NotADirectoryError):
        path.parent.mkdir(parents=True, exist_ok=True)  # raises as before when a file is in the way
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
