"""Generic detection: find the article in a page's text when no site rule says where it is.

The page is plain text, one line per block element, so this is jusText's paragraph classifier
(Pomikálek 2011) applied to lines, plus what a line-only view still shows. Steps, in order:

1. *Language* (:func:`detect_language`): the jusText stoplist that best fits the page.
2. *Each line alone* (:func:`_classify`). Signals that make a line *bad*, each its own rule:
   ``generic/timestamp`` (only a date, time or counter: '11:53, 09.03.2025', '5 min read'),
   ``generic/byline`` ('By Sarah E. Needleman'), ``generic/section-end`` (a heading of what
   follows an article: 'Related articles', 'ЩЕ ЗА ТЕМОЮ', 'Comments'), ``generic/comment``
   (a comment's header: 'Gary M on September 17, 2018 at 8:50 pm said:'),
   ``generic/copyright`` ('© 2019 CBS Interactive Inc.'), ``generic/cta`` (calls to action
   and page furniture in several languages: subscribe, donate, share, 'Реклама'),
   ``generic/cookie`` (cookie notices, any length), ``generic/share-bar`` (a line of social
   networks' names), ``generic/disclaimer`` (a paragraph of legal or medical disclaimer),
   ``generic/repeated`` (a short line seen twice, a long one seen three times),
   ``generic/low-stopwords`` (a long line with few stopwords of the page's language: tag
   lists, specs). The rest: *good* (long, rich in stopwords), *near-good*, or *short*, by
   jusText's own bounds.
3. *Copies* (:func:`_copies`): a long line that joins two or more earlier lines of the page
   into one (the article again as schema.org's articleBody, a summary for sharing) is a
   second copy of that text (``generic/copy``).
4. *Runs* (:func:`_menus`): four or more one-to-three-word lines in a row are a menu
   (``generic/menu``), or a share bar if social buttons (``generic/share-bar``).
5. *List shapes* (:func:`_lists`): lines between repeated timestamps or bylines, with
   headlines, are a headline list (``generic/headline-list``): the seeds' 'ЩЕ ЗА ТЕМОЮ' and
   'ОСТАННЄ' (headline, time) and 'Статті' (section, date, time, headline, lead); so is a run
   of three or more headlines glued to their leads (:func:`_glued_teasers`).
6. *Main region* (:func:`_main_region`): the maximum-sum run of lines, prose counting its
   length, boilerplate against; other runs at least half as dense stay too. A page whose best
   run is too small for an article (a listing, a shop, a forum) is cleaned in *broad* mode: its
   lists and short lines count as content, only furniture goes; so is a page whose short best
   run holds under 30% of what broad mode would keep (a shop's list of short entries), and a
   page whose best run's prose comes as lone one-line descriptions between short lines, where
   an article's paragraphs follow one another (a landing page's feature blocks: heading,
   description, 'Learn more'; :func:`_feature_blocks`). In article mode, a section-end
   heading, a copyright notice or a share bar past the middle of the region ends it (an inline
   'Related' box, after which paragraphs resume, does not), and so do blog comments after a
   short article's worth. A heading a rule already removed ('Related', 'Comments' in the
   common rules) still ends it when seen once in the page (a 'Read more' after every entry is
   a link, not a heading). Short lines after the region's last paragraph, three or more of
   them title-case headlines, are a teaser list and go too (``generic/teaser-list``). The
   short line just above the region is its title and stays. Lines outside:
   ``generic/outside``.
7. *Neighbours* (:func:`_revise`), as jusText revises paragraphs: a short line inside the
   region among boilerplate goes (``generic/context``); a soft signal (low stopwords, a
   repeat) next to prose inside the region does not remove its line.
8. *Safety net* (:func:`_safety_net`): never an empty output when the page has prose, and a
   page that is mostly prose keeps at least half its words.

Every removal carries the signal that decided it (``Reason.rule``), a confidence (90 for a
line's own signal, 70 outside the region, 60 by context) and a short detail. ``detect`` is
pure and deterministic: stoplists load once, lazily, into read-only caches, and what a line
shows on its own (tokens, its own signal, its language vector, its stopword density) is kept
in bounded LRU caches keyed by the line (``LINE_CACHE_SIZE``), so the later passes of
``clean()`` and lines repeated from page to page cost a lookup. Results never depend on the
caches; :func:`clear_line_caches` empties them (benchmarks time each page cold).

Speed (kept exact: the dev sets' verdicts are the same line for line): language hits are
summed as 16-bit fields of one integer per stoplist word; cheap pre-checks run before the big
regexes (first token's head for calls to action, first character for section ends, read from
the regex itself); the timestamp regex tries separators and digits before its 150 words.
"""

from cleaner.generic.language import (
    _LANG_FIELD_LIMIT,
    _WORD,
    _read_stoplist,
    _stoplist_names,
    detect_language,
)
from cleaner.generic.lines import LINE_CACHE_SIZE, clear_line_caches
from cleaner.generic.pipeline import detect
from cleaner.generic.shapes import COPY_MAX_CANDIDATES
from cleaner.generic.signals import _CTA, _SECTION_END, _SECTION_END_FIRST, _TIMESTAMP, _may_be_section_end

__all__ = [
    "COPY_MAX_CANDIDATES",
    "LINE_CACHE_SIZE",
    "_CTA",
    "_LANG_FIELD_LIMIT",
    "_SECTION_END",
    "_SECTION_END_FIRST",
    "_TIMESTAMP",
    "_WORD",
    "_may_be_section_end",
    "_read_stoplist",
    "_stoplist_names",
    "clear_line_caches",
    "detect",
    "detect_language",
]
