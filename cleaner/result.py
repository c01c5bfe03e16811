"""The one result type of cleaning: every input line with its verdict and, if removed, why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import add, is_


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a line was removed: which rule or signal, of which kind, with what score.

    ``rule`` is ``<rule file id>/<rule id>`` for rule files (``ostro.org/donate-banner``,
    ``common/ad-label``), ``generic/<signal>`` for generic detection and ``layout/blank`` for
    blank lines dropped at the edges of removed text. ``score`` is the fuzzy score (0-100) for
    line and anchor matches, 100 for regex matches, and the detector's confidence for generic.
    """

    rule: str
    kind: str
    score: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One input line, unchanged, with its verdict."""

    number: int  # 1-based line number in the input
    text: str
    reason: Reason | None = None  # None: kept
    protected_by: str | None = None  # keep-rule id that vetoed a removal, if any

    @property
    def kept(self) -> bool:
        """True when the line is in the output."""
        return self.reason is None


# A frozen dataclass's __init__ sets each field through object.__setattr__; the slots' own
# descriptors set them about twice as fast, which counts at a few hundred lines per page.
_new = object.__new__
_FIELD_SETTERS = (Line.number.__set__, Line.text.__set__, Line.reason.__set__, Line.protected_by.__set__)


def make_lines(
    texts: Sequence[str], reasons: Sequence[Reason | None], protected: Sequence[str | None]
) -> tuple[Line, ...]:
    """``Line(n, texts[n - 1], ...)`` for every line, numbered from 1, without the slow frozen __init__."""
    if not len(texts) == len(reasons) == len(protected):
        raise ValueError("make_lines: texts, reasons and protected differ in length")
    lines = [_new(Line) for _ in texts]
    for set_field, values in zip(_FIELD_SETTERS, (range(1, len(texts) + 1), texts, reasons, protected), strict=True):
        for _ in map(set_field, lines, values):
            pass
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What :func:`cleaner.clean` returns: every input line's verdict, and the cleaned text.

    The verdicts are held as three parallel tuples (line texts, reasons, keep guards), and the
    :class:`Line` objects are built only when ``lines`` is first read: a batch writes the text
    and counts the reasons, and building a few hundred objects per page it never reads cost
    about 5% of its time.
    """

    texts: tuple[str, ...]
    reasons: tuple[Reason | None, ...]
    protected: tuple[str | None, ...]
    # The ending of a kept last line that had none (and of every line when ``endings`` is None).
    newline: str = "\n"
    site: str | None = None  # rule file id applied, if any
    site_source: str | None = None  # "option", "url" or "fingerprint"
    stats: dict[str, int] = field(default_factory=dict)
    # Rule files whose removals on this page went over their max_removed_share, so were not applied.
    capped: tuple[str, ...] = ()
    # Each line's own ending ('\n', '\r\n', '\r', or '' for a last line without one); None when
    # every line ends with ``newline`` (LF pages, the common case: joined without a per-line list).
    endings: tuple[str, ...] | None = None
    _lines: tuple[Line, ...] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Refuse verdicts that do not line up with the texts."""
        if not len(self.texts) == len(self.reasons) == len(self.protected):
            raise ValueError("CleanResult: texts, reasons and protected differ in length")
        if self.endings is not None and len(self.endings) != len(self.texts):
            raise ValueError("CleanResult: endings and texts differ in length")

    @property
    def lines(self) -> tuple[Line, ...]:
        """All input lines, numbered from 1, each with its verdict (built once, on first use)."""
        if self._lines is None:
            object.__setattr__(self, "_lines", make_lines(self.texts, self.reasons, self.protected))
        return self._lines  # type: ignore[return-value]

    @property
    def kept_lines(self) -> list[str]:
        """The output lines, each an input line unchanged, in input order."""
        return list(compress(self.texts, map(is_, self.reasons, repeat(None))))

    @property
    def removed(self) -> list[Line]:
        """The removed lines with their reasons."""
        return [line for line in self.lines if line.reason is not None]

    @property
    def text(self) -> str:
        """The kept lines, each with its own ending; ends with a line ending unless empty."""
        kept = self.kept_lines
        if not kept:
            return ""
        if self.endings is None:
            return self.newline.join(kept) + self.newline
        ends = list(compress(self.endings, map(is_, self.reasons, repeat(None))))
        if not ends[-1]:
            ends[-1] = self.newline
        return "".join(map(add, kept, ends))
