"""cleaner: keep the article, drop the site junk, on scraped web text.

The library is pure: :func:`clean` takes text and a :class:`RuleSet` and returns a
:class:`CleanResult` with every line's verdict; it never prints or exits.
"""

# First: the compiled modules' Python source runs instead when CLEANER_PURE asks (cleaner._compiled).
from . import _compiled  # noqa: F401
from .core import clean, default_rules
from .errors import CleanerError, DecodeError, RuleError, UnknownSiteError
from .result import CleanResult, Line, Reason
from .rules import RuleFile, RuleSet, load_rule_file, load_rules

__version__ = "0.1.0"

__all__ = [
    "CleanResult",
    "CleanerError",
    "DecodeError",
    "Line",
    "Reason",
    "RuleError",
    "RuleFile",
    "RuleSet",
    "UnknownSiteError",
    "clean",
    "default_rules",
    "load_rule_file",
    "load_rules",
]
