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
   ``generic/cookie`` (cookie notices, any length), ``generic/repeated`` (a short line seen
   twice, a long one seen three times), ``generic/low-stopwords`` (a long line with few
   stopwords of the page's language: tag lists, specs). The rest: *good* (long, rich in
   stopwords), *near-good*, or *short*, by jusText's own bounds.
3. *Copies* (:func:`_copies`): a long line that joins two or more earlier lines of the page
   into one (the article again as schema.org's articleBody, a summary for sharing) is a
   second copy of that text (``generic/copy``).
4. *Runs* (:func:`_menus`): four or more one-to-three-word lines in a row are a menu
   (``generic/menu``), or a share bar if social buttons (``generic/share-bar``).
5. *List shapes* (:func:`_lists`): lines between repeated timestamps or bylines, with
   headlines, are a headline list (``generic/headline-list``): the seeds' 'ЩЕ ЗА ТЕМОЮ' and
   'ОСТАННЄ' (headline, time) and 'Статті' (section, date, time, headline, lead).
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

from __future__ import annotations

import functools
import importlib.util
import re
import struct
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain, compress, islice
from operator import truediv
from pathlib import Path

from cleaner.normalize import _INVISIBLE_CHARS, is_blank
from cleaner.result import Reason

# --- tunables (jusText style: named defaults, each with why) -----------------------------------

# jusText's own length bounds in characters (core.py LENGTH_LOW/HIGH_DEFAULT): a line shorter
# than LOW is "short" (titles, menu items, captions); longer than HIGH may be good on its own.
LENGTH_LOW_DEFAULT = 70
LENGTH_HIGH_DEFAULT = 200
# jusText's stopword density bounds (STOPWORDS_LOW/HIGH_DEFAULT): prose in any language with a
# stoplist runs 0.3-0.5; menus, tag lists and product specs run near 0.
STOPWORDS_LOW_DEFAULT = 0.30
STOPWORDS_HIGH_DEFAULT = 0.32
# A line ending like a sentence is prose with half that density (names, numbers, jargon).
SENTENCE_STOPWORDS_LOW_DEFAULT = 0.15
# A date/time/counter line is short: 'Published Monday, Nov. 18, 2019 at 10:43 am ET' is 47.
TIMESTAMP_MAX_CHARS_DEFAULT = 80
# A call to action is a short line: banners and buttons are a phrase, rarely a paragraph.
CTA_MAX_WORDS_DEFAULT = 15
# A heading that ends the article is a few words ('Related coverage from Money:' is 8).
SECTION_END_MAX_WORDS_DEFAULT = 10
# An inline 'Related' box holds a few headlines (Rolling Stone: 2); the article resumes after.
INLINE_BOX_LINES_DEFAULT = 6
# Teasers after an article: headlines of other stories, with no marker (no 'Related', no
# timestamps) between them and its last paragraph. A headline is 3-15 words, no sentence end,
# title case (capitals on most words of 4+ letters: 'Pokemon GO Creators' Next Big Game'); at
# least this many among short lines after the region's last paragraph (long prose or a line
# ending in ':' above them stops the search: a list the article introduces). aeb 0.9034 ->
# 0.9037 (half a +0.0003, b +0.0003); wcxb-dev 0.8014 -> 0.8015 (a +0.0001, b +0.0001);
# big9-dev 0.9400 -> 0.9430 (word F1; Fox News' 'Related stories'). Without title case, an
# article ending in a checklist or a feature list lost it, pass after pass (wcxb-dev -0.001).
TEASER_MIN_WORDS_DEFAULT = 3
TEASER_MAX_WORDS_DEFAULT = 15
TEASER_MIN_RUN_DEFAULT = 3
TEASER_TITLE_SHARE_DEFAULT = 0.6
# A byline is 'By' and a name or two, maybe a date: 'By JERUSALEM POST STAFF' is 4 words.
BYLINE_MAX_WORDS_DEFAULT = 6
# A copyright notice is a line or two of legalese (AP's runs to 20 words).
COPYRIGHT_MAX_WORDS_DEFAULT = 30
# A comment header names the commenter and maybe a date: 'Gary M on September 17, 2018 at
# 8:50 pm said:' is 11 words; Slashdot's 'by X ( 5754788 ) writes: on Friday December 19,
# 2025 @08:08PM (#65870350)' is 15.
COMMENT_HEADER_MAX_WORDS_DEFAULT = 16
# A line repeated in the page is navigation or a widget unless it is a paragraph.
REPEATED_MAX_WORDS_DEFAULT = 10
# ... and a longer line seen this many times is a widget's text (ad notices, teasers) after
# its first time, since a forum quotes a post once or twice. The first stays: some pages
# carry their whole article three times (hidden copies for other screen sizes).
REPEATED_MIN_LONG_DEFAULT = 3
# Headline lists: at least this many timestamp groups, no more than this many lines apart.
LIST_MIN_GROUPS_DEFAULT = 2
LIST_MAX_PERIOD_DEFAULT = 6
# Menus: runs of at least 4 lines of at most 3 words (a nav bar, a tag list, a footer column);
# 3 words spans "Latin America", "Terms of Use"; 4 lines, since a title + byline + date is 3.
MENU_MAX_WORDS_DEFAULT = 3
MENU_MIN_RUN_DEFAULT = 4
# ... and at most 30 characters: \w+ sees a whole CJK sentence as one word.
MENU_MAX_CHARS_DEFAULT = 30
# A menu with this many social-network or share items is a share bar, which ends an article.
SHARE_BAR_MIN_DEFAULT = 2
# Main region: a bad line costs its length plus this, so a run of short menu items adds up.
BAD_LINE_COST_DEFAULT = 20
# A short line costs this much inside a region (titles, subheads are cheap to bridge).
SHORT_LINE_COST_DEFAULT = 5
# A page is an article when its densest run scores at least this (about three paragraphs);
# below it, the page is a listing, a shop or a forum and is cleaned in broad mode.
ARTICLE_MIN_SCORE_DEFAULT = 1000
# ... or a short article: a run of at least this score holding at least this share of the
# page's prose (a two-paragraph story among headline lists; a listing's leads are spread out).
ARTICLE_SHORT_SCORE_DEFAULT = 400
ARTICLE_SHORT_SHARE_DEFAULT = 0.7
# ... and a short article's best run holds at least this share of what broad mode would keep
# (the region's broad-mode score: prose, plus half of short and list lines); under it, the page
# is a listing whose entries are short lines (products: name, maker, price). The prose share
# above alone flipped such pages between passes: once the first pass dropped the footer's
# prose, the second found the run held all the prose left and cut the list. wcxb-dev 0.799 ->
# 0.800 (half a +0.0011, half b +0.0014; listing +0.006, collection +0.007, product -0.001);
# aeb and big9-dev unchanged. At 0.4 aeb lost 0.005 (articles with teaser lists went broad).
LISTING_SHARE_DEFAULT = 0.3
# ... or a landing page: its best run's prose comes as lone descriptions (a short heading, one
# line of prose under LENGTH_HIGH_DEFAULT, a 'Learn more'), at least this many, making at least
# this share of the run's prose lines (see _feature_blocks). Article mode kept the descriptions
# and cut the headings; and once the first pass dropped the footer's prose, the second switched
# a broad page to article mode. wcxb-dev 0.8004 -> 0.8017 (half a +0.0011, half b +0.0016;
# service 0.793 -> 0.805, collection +0.004, documentation -0.0035 (a docs index whose sidebar
# broad mode keeps), product -0.0005); aeb shingle F1 0.902 -> 0.906 (a teaser page); big9-dev
# and seeds unchanged. 3..5 lines measure the same (3: listing -0.006); share 0.6 or 0.9 gain
# less; lone lines up to 150 characters (not 200) gain a third, up to 300 less.
FEATURE_BLOCKS_MIN_DEFAULT = 4
FEATURE_BLOCKS_SHARE_DEFAULT = 0.75
# A page is "mostly article" when prose lines hold this share of its words; such a page never
# loses more than half its words. (At 0.5, comment threads and teaser walls qualified too:
# aeb fell from 0.870 to 0.848.)
MOSTLY_PROSE_DEFAULT = 0.8
# Another run of content is kept when it holds at least this share of the main run's score.
SECOND_REGION_RATIO_DEFAULT = 0.5
# A long line that starts with an earlier line of the page and goes on with the whole line
# after it is a second copy of the text joined into one (schema.org articleBody, a summary for
# sharing): the lines it joins are its text, so it goes (the first copy stays, as for repeats).
# Both lines must hold this many characters: shorter ones ('Home', a date) start many lines by
# chance. aeb 0.897 -> 0.901 (half a +0.008, half b no such page: two Business Insider pages
# whose article came back as one line); wcxb-dev holds at 0.799 (one service page -0.01, three
# +0.001..0.004). Taking any line as the start, not only an earlier one, cost wcxb-dev 0.0003
# (a table cell repeating a paragraph's opening words, an article whose one-line copy came first).
COPY_MIN_CHARS_DEFAULT = 20
# ... and only the first this many earlier lines opening like a long line are tried as the start
# of its copy: a copy starts with the title or the first paragraph, near the top, and a page of
# thousands of lines with one opening (a log, a table) took quadratic time (8,000 lines: 2.8 s).
COPY_MAX_CANDIDATES = 64
# Context removes only label-like short lines ('Close', 'Caption', 'Image 1 of 8'): with
# jusText's revision on every short line, wcxb-dev lost 0.006 word F1 (subheads are content).
CONTEXT_MAX_WORDS_DEFAULT = 3
# Lines above the main region searched for its title (title, then maybe a byline or date).
TITLE_DISTANCE_DEFAULT = 3
# Language detection looks at this many tokens; enough to be sure, few enough to be fast.
LANG_SAMPLE_TOKENS_DEFAULT = 500
# Damping of stoplist size in language scores: with raw hit counts, 112 of 1,443 wcxb-dev
# English pages came out Finnish, Marathi, Uzbek...; with size**0.25, 5 (26 more have no text).
LANG_SIZE_DAMPING_DEFAULT = 0.25
# A page whose tokens hit a stoplist less than this is of no language we know.
LANG_MIN_HIT_RATE_DEFAULT = 0.10

_WORD = re.compile(r"\w+")
# Sentence end: . ! ? … possibly followed by closing quotes/brackets.
_SENTENCE_STOPS = frozenset(".!?…。！？")
_CLOSERS = "\"'»”’)]」』"


# Words that may stand in a date/time/counter line: months and weekdays (en, uk, ru, de, fr,
# es, pt, it, abbreviated or not), clock words, relative-time words, counters' nouns. Media
# counts are counters too: a gallery or video teaser's 'Nov 18 52 photos' (aeb 2c46804d, CBS:
# teaser walls after the article kept as content, word F1 0.62 -> 0.95; wcxb-dev holds).
_DATE_WORDS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?|today|yesterday|ago|am|pm|a\.m|p\.m|utc|gmt|[ecmp][sd]?t|"
    r"updated?|published|posted|last|on|at|de|del|di|le|den|the|of|"
    r"sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?|"
    r"read|views?|comments?|replies|reply|likes?|shares?|photos?|videos?|"
    r"січ\w*|лют\w*|берез\w*|квіт\w*|трав\w*|черв\w*|лип\w*|серп\w*|верес\w*|жовт\w*|"
    r"листоп\w*|груд\w*|янв\w*|фев\w*|мар\w*|апр\w*|ма[йя]|июн\w*|июл\w*|авг\w*|сен\w*|"
    r"окт\w*|ноя\w*|дек\w*|сьогодні|вчора|сегодня|вчера|тому|назад|год|хв|хвилин\w*|"
    r"годин\w*|час\w*|минут\w*|року|рік|года|г|р|оновлено|обновлено|переглядів|просмотр\w*|"
    r"коментар\w*|комментар\w*|"
    r"januar|februar|märz|mai|juni|juli|oktober|dezember|uhr|"
    r"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_TIMESTAMP = re.compile(
    r"\d{4}-\d\d-\d\dt\d\d:\d\d[\d:.]*(?:z|[+-]\d\d:?\d\d)?|"  # ISO 8601, as in metadata (lower-cased)
    # Separators and numbers are tried before the ~150 date words: most of a timestamp is
    # digits and punctuation (fullmatch is true or false whatever the order of alternatives).
    rf"(?:[\s,.:/|·•()\[\]@+\-–—]|\d+(?:[.,]\d+)?[kmкм]?\b|(?:{_DATE_WORDS})\b\.?)+",
)
_DIGIT = re.compile(r"\d")

# The patterns of a line's own signals (timestamp, cta, cookie, byline, comment, copyright) run
# on its lower-cased text, without IGNORECASE: case-insensitive matching cost the regex engine
# about three times as much per character, and every dev page's verdicts stay the same.

# Calls to action and page furniture, several languages. Matched anywhere in a short line.
# (?<!\w) rather than \b before the phrases: the same test, since every phrase starts with a
# letter, but it lets the regex engine skip positions faster (a third less time per line).
_CTA = re.compile(
    r"(?<!\w)(?:subscrib\w*|sign (?:up|in)|log ?in|log ?out|register|donat\w*|"
    r"share (?:this|on|via)|share$|^share|follow us|newsletter|cookies?|privacy policy|"
    r"terms of (?:use|service)|all rights reserved|copyright|advertis\w*|sponsored|"
    r"read more|read also|see also|related (?:articles|stories|posts)|recommended|"
    r"you may also like|more stories|click here|skip to|back to top|load more|show more|"
    r"leave a (?:comment|reply)|comments?$|^comments?|print$|email$|"
    r"support (?:us|our)|become a (?:member|patron|subscriber)|"
    r"^(?:reply|antworten|responder|rispondi|répondre|відповісти|ответить)$|"
    r"реклам\w*|підтрима\w*|підтримк\w*|підпи(?:шіться|сатися|суйтес[ья]|ска|ку|сок)\b|"
    r"поділ\w*|коментар\w*|читайте (?:також|нас)|"
    r"дивіться також|усі новини|всі новини|всі статті|більше новин|"
    r"подпи(?:шитесь|саться|сывайтесь|ска|ску|сок)\b|поддерж\w*|подел\w*|комментар\w*|"
    r"читайте также|смотрите также|все новости|"
    r"abonn\w*|partager|newsletter|werbung|anzeige|teilen|abonnieren|compartir|suscrib\w*|"
    r"publicidad|publicidade|compartilhe|assine|condividi|iscriviti|pubblicità)\b"
    r"|©",
)

# Cookie notices, whatever their length: the word with what banners say around it.
_COOKIE = re.compile(
    r"\bcookies?\b.{0,200}\b(?:use|uses|using|accept|consent|settings|preferences|policy|"
    r"experience|browser|website|site|navigat\w*)\b|\b(?:use|uses|using|accept|consent)\b"
    r".{0,200}\bcookies?\b|файл\w* cookie|cookie-файл|\bкуки\b",
)

# A byline: 'By Sarah E. Needleman', 'by Rahul 0', 'Автор: Олена Петренко'.
_BYLINE = re.compile(
    r"(?:by|von|par|por|di|door|від|автор|author|text|текст|фото|photo)\b:?\s+\S.{0,60}",
)

_BYLINE_STARTS_WORDS = "by von par por di door від автор author text текст фото photo"
_BYLINE_STARTS = frozenset(_BYLINE_STARTS_WORDS.split())
# The verbs of _COMMENT_HEADER as tokens: a line with none of them is no comment header.
_COMMENT_VERBS_WORDS = (
    "says said wrote writes replied пише написав написала пишет написал escreveu disse "
    "escribió dice scrive scritto schrieb schreibt écrit"
)
_COMMENT_VERBS = frozenset(_COMMENT_VERBS_WORDS.split())

# A copyright notice: the page's footer begins (and so the article has ended).
_COPYRIGHT = re.compile(r"©|\(c\) ?\d{4}|\ball rights reserved\b|^copyright\s*(?:\(c\)|\d{4})")

# Headings that open what follows an article: related lists, comments, author boxes, tags.
# Matched on the whole lower-cased line (trailing punctuation and counts aside).
_SECTION_END = re.compile(
    r"(?:related(?: articles| stories| posts| links| content| news| coverage| reading)?"
    r"(?: (?:from|on|in|about|to) .{1,60})?|"
    r"(?:more|also) (?:from|in|on|about) [\w .&'-]{1,40}|more (?:stories|news|articles|to read)|"
    r"read (?:more|also|next)|what to read next|see also|further reading|"
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| reading"
    r"| stories| articles| videos)?|(?:most )?(?:popular|read|viewed|shared)(?: stories| articles"
    r"| now| posts| news)?|trending(?: now| stories| news)?|top stories|editor'?s picks|"
    r"latest(?: news| stories| posts| articles| headlines| videos)?|around the web|"
    r"from the web|sponsored(?: content| stories| links)?|promoted(?: stories| content)?|"
    r"(?:leave|post|write) a (?:comment|reply|response)|(?:\d+ )?comments?(?: \(\d+\))?|"
    r"(?:\d+ )?responses?|discussion|join the (?:discussion|conversation)|about the authors?|"
    r"share this(?: article| story| post| page)?|tags?|topics|filed under|"
    r"ще за темою|останнє|останні новини|новини партнерів|читайте також|дивіться також|"
    r"схожі (?:новини|статті|матеріали)|популярне|коментарі|статті|теги|вас може зацікавити|"
    r"ещё по теме|еще по теме|по теме|последние новости|читайте также|смотрите также|"
    r"похожие (?:новости|статьи|материалы)|популярное|комментарии|новости партнеров|теги|"
    r"вас может заинтересовать|"
    r"artigos relacionados|notícias relacionadas|leia (?:também|mais)|veja também|"
    r"deixe (?:uma resposta|um comentário|seu comentário)|comentários|artículos relacionados|"
    r"noticias relacionadas|lee también|deja un comentario|comentarios|articoli correlati|"
    r"leggi anche|commenti|lascia un commento|verwandte artikel|mehr zum thema|kommentare|"
    r"das könnte sie auch interessieren|articles (?:similaires|connexes)|à lire aussi|"
    r"lire aussi|commentaires|laisser un commentaire)"
)


def _first_chars(pattern: re.Pattern[str]) -> tuple[frozenset[str], bool] | None:
    """The characters a match of the pattern can start with, and whether a digit (\\d) can;
    None when that is not known (classes, wildcards, flags, empty matches, parser changes)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]

        if pattern.flags & ~re.UNICODE:
            return None
        chars: set[str] = set()
        digit = [False]

        def seq(items) -> bool:  # adds the first characters; True if the sequence may be empty
            for op, arg in items:
                if op is parser.LITERAL:
                    chars.add(chr(arg))
                    return False
                if op is parser.IN:
                    for iop, iarg in arg:
                        if iop is parser.LITERAL:
                            chars.add(chr(iarg))
                        elif iop is parser.CATEGORY and iarg is parser.CATEGORY_DIGIT:
                            digit[0] = True
                        else:
                            raise ValueError(iop)
                    return False
                if op is parser.SUBPATTERN:
                    if arg[1] or arg[2]:
                        raise ValueError(op)
                    if not seq(arg[3]):
                        return False
                elif op is parser.BRANCH:
                    if not any([seq(branch) for branch in arg[1]]):
                        return False
                elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
                    if not seq(arg[2]) and arg[0] > 0:
                        return False
                else:
                    raise ValueError(op)
            return True

        if seq(parser.parse(pattern.pattern, pattern.flags)):
            return None
        return frozenset(chars), digit[0]
    except Exception:  # any surprise means: no pre-check, run the regex
        return None


# Section-end headings start with one of few characters: other lines skip the regex.
_SECTION_END_FIRST = _first_chars(_SECTION_END)


def _may_be_section_end(text: str) -> bool:
    """False when no section-end heading can start like this (stripped, lower-cased) text."""
    if _SECTION_END_FIRST is None:
        return True
    if not text:
        return True
    chars, digit = _SECTION_END_FIRST
    return text[0] in chars or (digit and text[0].isdecimal())


# A comment's header: '<name> says:', '<name> on <date> at <time> said:', 'X пише:'.
_COMMENT_HEADER = re.compile(
    r".{1,80}\b(?:says|said|wrote|writes|replied|пише|написав|написала|пишет|написал|"
    r"escreveu|disse|escribió|dice|scrive|ha scritto|schrieb|schreibt|a écrit)\s*:"
    r"(?:\s+on\b.{1,80})?"
    r"|\S+(?:\s+\S+){0,3}\s+says",  # 'Sheri says' (themes without the colon): a name only
)
# Blog comment headers (WordPress prints '<name> says:' and '<name> on <date> said:'); a
# forum's '<name> said:' quotes a post of the thread, which is the content there.
_BLOG_COMMENT = re.compile(
    r"^\S+(?:\s+\S+){0,3}\s+says\s*:?\s*$|\bsays\s*:\s*$|\bon\b.*\d.*\bsaid\s*:\s*$|\bwrites\s*:?\s+on\b.*\d",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t:.!?»«\"'()[]|•·-–—>›»"

# First words (or stems) of the _CTA phrases: a line without one is no call to action, so
# the big regex runs on few lines (speed: most lines are checked by one C-level startswith).
_CTA_STARTS_WORDS = (
    "subscrib sign log regist donat share follow newsletter cookie privacy terms all "
    "copyright advertis sponsor read see related recommend you more click skip back load show "
    "leave comment print email support become реклам підтрим підпи поділ коментар читайте "
    "дивіться усі всі більше подпи поддерж подел комментар смотрите все abonn partager "
    "werbung anzeige teilen compartir suscrib publicidad compartilhe assine condividi "
    "iscriviti pubblicit reply antworten responder rispondi répondre відповісти ответить"
)
_CTA_STARTS = tuple(_CTA_STARTS_WORDS.split())


def _starts_regex(starts: Sequence[str]) -> re.Pattern[str]:
    """A regex finding, in a lower-cased line, a token (\\w+ run) that starts with one of
    ``starts``: at a token's first character (no word character before it), one of them.

    Every start is made of word characters only, so a match there is a token starting with it,
    and the same test as ``any(t.startswith(starts) for t in _WORD.findall(key))``. The
    alternatives are grouped by first letter, so each token start tries only a few.
    """
    assert all(_WORD.fullmatch(start) for start in starts)
    by_first: dict[str, list[str]] = {}
    for start in starts:
        by_first.setdefault(start[0], []).append(start[1:])
    groups = (
        re.escape(first) + "(?:" + "|".join(map(re.escape, sorted(set(rests), key=len, reverse=True))) + ")"
        for first, rests in by_first.items()
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + ")")


# A line without a token starting like a _CTA phrase is no call to action: one C-level search
# rules out most lines.
_CTA_START = _starts_regex(_CTA_STARTS)


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
    return _language([_WORD.findall(line.lower()) for line in lines])


def _language(token_lists: Sequence[Sequence[str]], line_vector: Callable[[int], int] | None = None) -> str | None:
    """Pick the language from already lower-cased tokens (see detect_language).

    A token counts for every language whose stoplist holds it; hit counts are divided by the
    list's size to the power LANG_SIZE_DAMPING_DEFAULT, since a big list (Finnish, Marathi:
    thousands of words, many of them English) hits any text more. Lines of 5+ tokens are
    sampled first (prose says more about the language than menus). None when even the best
    list covers under LANG_MIN_HIT_RATE_DEFAULT of the tokens (a language we don't know).
    ``line_vector(k)``, if given, returns line k's summed vector (a cache of the caller's).
    """
    names, index, _ = _stoplist_index()
    sampled: list[int] = []  # whole lines of 5+ tokens, until the sample is big enough
    size = 0
    for k, toks in enumerate(token_lists):
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


# --- classification ------------------------------------------------------------------------------

GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"


# How many distinct lines keep their facts between calls: a later pass of clean() (the lines it
# kept) and boilerplate repeated from page to page are then looked up, not classified again.
# A page's worth of lines is enough (aeb pages have ~180, big ones a few thousand); an entry
# holds the line's tokens, so this bounds the memory at a few megabytes. A page with more
# lines only pays its second pass in full.
LINE_CACHE_SIZE = 1 << 13


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_facts(raw: str) -> tuple[str, str, list[str], str, bool] | None:
    """What a line shows on its own: stripped text, lower-cased key, tokens, signal, whether it
    ends like a sentence; None if blank.

    The signal is the first of the page-independent ones (timestamp, byline, section-end,
    comment, copyright, cta, cookie) that fits, else "". Cached: callers must not change the
    token list.
    """
    text = raw.strip()
    # is_blank (the caller's own test, so blank means the same on both sides), called only when
    # the line could be blank: empty once stripped, or starting with an invisible character.
    if not text or (text[0] in _INVISIBLE_CHARS and is_blank(raw)):
        return None
    key = text.lower()
    toks = _WORD.findall(key)
    body = text.rstrip(_CLOSERS)  # _ends_sentence, inline: this runs once per distinct line
    end = bool(body) and body[-1] in _SENTENCE_STOPS
    return text, key, toks, _own_signal(text, key, toks, end), end


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _line_vector(raw: str) -> int:
    """A non-blank line's language vector: the sum of its tokens' stoplist vectors."""
    _, index, _ = _stoplist_index()
    return sum(filter(None, map(index.get, _line_facts(raw)[2])))


@functools.lru_cache(maxsize=LINE_CACHE_SIZE)
def _density(raw: str, lang: str) -> float:
    """A line's stopword density in a language (the share of its tokens in the stoplist)."""
    toks = _line_facts(raw)[2]
    return sum(map(_stoplist(lang).__contains__, toks)) / len(toks)


def clear_line_caches() -> None:
    """Forget every line seen so far (for benchmarks timing a page as if it came first)."""
    _line_facts.cache_clear()
    _line_vector.cache_clear()
    _density.cache_clear()


# Above this many words no word-capped signal (byline ... cta) can fit.
_OWN_MAX_WORDS = max(
    BYLINE_MAX_WORDS_DEFAULT,
    SECTION_END_MAX_WORDS_DEFAULT,
    COMMENT_HEADER_MAX_WORDS_DEFAULT,
    COPYRIGHT_MAX_WORDS_DEFAULT,
    CTA_MAX_WORDS_DEFAULT,
)


def _own_signal(text: str, key: str, toks: list[str], end: bool) -> str:
    """The first page-independent signal a line carries, or "" (``end``: it ends a sentence).

    ``key`` is ``text`` lower-cased: the signal patterns are written in lower case for it.
    """
    if len(text) <= TIMESTAMP_MAX_CHARS_DEFAULT and _DIGIT.search(key) and _TIMESTAMP.fullmatch(key):
        return "timestamp"
    nw = len(toks)
    if nw > _OWN_MAX_WORDS:  # a paragraph: only a cookie notice fits now
        if ("cookie" in key or "куки" in key) and _COOKIE.search(key):
            return "cookie"
        return ""
    if 0 < nw <= BYLINE_MAX_WORDS_DEFAULT and toks[0] in _BYLINE_STARTS and not end and _BYLINE.fullmatch(key):
        return "byline"
    if nw <= SECTION_END_MAX_WORDS_DEFAULT:
        heading = key.strip(_EDGE_PUNCT)
        if _may_be_section_end(heading) and _SECTION_END.fullmatch(heading):
            return "section-end"
    if (
        nw <= COMMENT_HEADER_MAX_WORDS_DEFAULT
        and not end
        and not _COMMENT_VERBS.isdisjoint(toks)
        and _COMMENT_HEADER.fullmatch(key)
    ):
        return "comment"
    if (
        nw <= COPYRIGHT_MAX_WORDS_DEFAULT
        and ("©" in text or "(c)" in key or "reserved" in key or key.startswith("copyright"))
        and _COPYRIGHT.search(key)
    ):
        return "copyright"
    if (
        nw <= CTA_MAX_WORDS_DEFAULT
        # pre-check for _CTA: a © sign, or a token starting like one of its phrases
        and ("©" in text or _CTA_START.search(key))
        and _CTA.search(key)
    ):
        return "cta"
    if ("cookie" in key or "куки" in key) and _COOKIE.search(key):
        return "cookie"
    return ""


def _classify(
    lines: Sequence[str], decided: Sequence[Reason | None]
) -> tuple[list[str | None], list[str], list[int], list[int], list[str], list[bool]]:
    """Classify each line alone: (class or None for blank, signal name, length, word count,
    lower-cased stripped text, sentence end)."""
    facts = list(map(_line_facts, lines))
    cls: list[str | None] = [None if f is None or d is None else BAD for f, d in zip(facts, decided, strict=True)]
    signal = ["" if c is None else "decided" for c in cls]
    length = [0 if f is None else len(f[0]) for f in facts]
    keys = ["" if f is None else f[1] for f in facts]
    toks: list[list[str]] = [_NO_TOKENS if f is None else f[2] for f in facts]
    ends = [f is not None and f[4] for f in facts]
    lang = _language(toks, lambda k: _line_vector(lines[k]))
    stoplist = _stoplist(lang) if lang else None
    repeats = Counter(keys)
    seen: set[str] = set()
    for i, f in enumerate(facts):
        if f is None or cls[i] is not None:
            continue
        _, key, line_toks, own, end = f
        first = key not in seen
        seen.add(key)
        if own:
            cls[i], signal[i] = BAD, own
            continue
        nw = len(line_toks)
        if (repeats[key] >= REPEATED_MIN_LONG_DEFAULT and not first) or (
            repeats[key] > 1 and nw <= REPEATED_MAX_WORDS_DEFAULT
        ):
            cls[i], signal[i] = BAD, "repeated"
        elif length[i] < LENGTH_LOW_DEFAULT:
            cls[i] = SHORT
        else:
            if stoplist is not None:
                density = _density(lines[i], lang) if nw else 0.0
            else:  # no known language: sentence punctuation stands in for stopwords
                density = STOPWORDS_HIGH_DEFAULT if end else 0.0
            if density >= STOPWORDS_HIGH_DEFAULT:
                cls[i] = GOOD if length[i] >= LENGTH_HIGH_DEFAULT else NEAR
            elif density >= STOPWORDS_LOW_DEFAULT or (density >= SENTENCE_STOPWORDS_LOW_DEFAULT and end):
                cls[i] = NEAR
            else:
                cls[i], signal[i] = BAD, "low-stopwords"
    return cls, signal, length, [len(t) for t in toks], keys, ends


_NO_TOKENS: list[str] = []


def _copies(cls: list[str | None], signal: list[str], length: list[int], keys: list[str]) -> None:
    """Mark long lines that join other lines of the page into one: a second copy of the text.

    A line longer than LENGTH_HIGH_DEFAULT is a copy when it starts with an earlier line (at
    least COPY_MIN_CHARS_DEFAULT characters) and goes on with the whole line after that one,
    itself earlier too: pages carry their article again as one line (schema.org articleBody,
    a summary for sharing), which outweighs a short article and doubles it in the output.
    """
    size = COPY_MIN_CHARS_DEFAULT
    long = [i for i, c in enumerate(cls) if c is not None and length[i] > LENGTH_HIGH_DEFAULT and not signal[i]]
    if not long:
        return
    # Only lines opening like some long line can be the start of its copy.
    wanted = {keys[i][:size] for i in long}
    heads: dict[str, list[int]] = {}  # opening -> lines of at least `size` characters, in order
    for i, c in enumerate(cls):
        if c is not None and length[i] >= size and keys[i][:size] in wanted:
            heads.setdefault(keys[i][:size], []).append(i)
    n = len(cls)
    for i in long:
        key = keys[i]
        for j in islice(heads.get(key[:size], ()), COPY_MAX_CANDIDATES):
            if j >= i:
                break
            nxt = j + 1  # the next non-blank line
            while nxt < n and cls[nxt] is None:
                nxt += 1
            if nxt >= i or length[nxt] < size:
                continue
            if key.startswith(keys[j]) and key[len(keys[j]) :].lstrip().startswith(keys[nxt]):
                cls[i], signal[i] = BAD, "copy"
                break


def _menus(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    words: list[int],
    length: list[int],
    keys: list[str],
    ends: list[bool],
) -> None:
    """Mark runs of MENU_MIN_RUN_DEFAULT+ one-to-few-word lines without sentence ends: menus.

    Navigation, tag lists, footers and share bars are such runs; a title or subhead is alone.
    Lines already carrying a signal stay in the run (a 'Subscribe' item inside a menu).
    """
    run: list[int] = []
    for i in [*range(len(lines)), -1]:
        if i >= 0 and cls[i] is None:
            continue
        if (
            i >= 0
            and (cls[i] is SHORT or signal[i] in ("cta", "repeated", "timestamp", "copyright"))
            and words[i] <= MENU_MAX_WORDS_DEFAULT
            and length[i] <= MENU_MAX_CHARS_DEFAULT
            and not ends[i]
        ):
            run.append(i)
            continue
        if len(run) >= MENU_MIN_RUN_DEFAULT:
            social = sum(keys[k] in _SOCIAL for k in run)
            name = "share-bar" if social >= SHARE_BAR_MIN_DEFAULT else "menu"
            for k in run:
                if not signal[k] or signal[k] in ("repeated", "cta"):
                    cls[k], signal[k] = BAD, name
        run = []


# A share bar's items, lower-cased whole lines.
_SOCIAL_WORDS = (
    "facebook twitter x linkedin pinterest whatsapp telegram reddit email e-mail print share "
    "tweet pin flipboard messenger viber tumblr mail sms copy vk вконтакте одноклассники "
    "фейсбук телеграм твіттер"
)
_SOCIAL = frozenset(_SOCIAL_WORDS.split())


# Lines that stand once per item in headline lists: a date or time, a byline.
_LIST_MARKERS = frozenset({"timestamp", "byline"})


def _lists(
    lines: Sequence[str], cls: list[str | None], signal: list[str], words: list[int], ends: list[bool]
) -> list[bool]:
    """Mark headline+timestamp lists: repeated [section] date time headline [lead] shapes.

    Timestamp lines are grouped (a date line then a time line is one group). When at least
    LIST_MIN_GROUPS_DEFAULT groups follow each other at most LIST_MAX_PERIOD_DEFAULT non-blank
    lines apart, everything between them is list items, and so are up to (period - group size)
    lines before the first and after the last group: the items' headline and lead. Before the
    first group, only the line next to it may be long (its headline); further lines must be
    short (section names, the list's heading), so the article's last paragraph is not taken.
    Two prose lines in a row end a list: a story's title/byline/date above its paragraphs has
    the shape of one more item.
    """
    idx = [i for i, c in enumerate(cls) if c is not None]  # non-blank lines, in order
    marked = [False] * len(lines)
    groups: list[tuple[int, int]] = []  # (first, last) positions in idx
    for pos, i in enumerate(idx):
        if signal[i] in _LIST_MARKERS:
            if groups and groups[-1][1] == pos - 1:
                groups[-1] = (groups[-1][0], pos)
            else:
                groups.append((pos, pos))
    # Two sentence-ended prose lines in a row are an article's paragraphs, never one list
    # item's headline (no full stop) and lead.
    prose = [(cls[i] is GOOD or cls[i] is NEAR) and ends[i] for i in idx]
    pair = [p + 1 < len(idx) and prose[p] and prose[p + 1] for p in range(len(idx))]
    runs: list[list[tuple[int, int]]] = []
    for g in groups:
        if runs and g[0] - runs[-1][-1][1] - 1 <= LIST_MAX_PERIOD_DEFAULT and not any(pair[runs[-1][-1][1] + 1 : g[0]]):
            runs[-1].append(g)
        else:
            runs.append([g])
    for run in runs:
        if len(run) < LIST_MIN_GROUPS_DEFAULT:
            continue
        # Items between groups must mostly hold a headline (3+ words, no sentence end):
        # timestamps between paragraphs of a live blog are not a list.
        spans = [range(run[k][1] + 1, run[k + 1][0]) for k in range(len(run) - 1)]
        headed = sum(any(words[idx[p]] >= 3 and not ends[idx[p]] for p in span) for span in spans)
        if headed * 2 < len(spans):
            continue
        gaps = sorted(run[k + 1][0] - run[k][0] for k in range(len(run) - 1))
        period = gaps[len(gaps) // 2]
        size = max(1, min(g[1] - g[0] + 1 for g in run))
        reach = max(0, period - size)
        first, last = run[0][0], run[-1][1]
        for pos in range(first, last + 1):
            marked[idx[pos]] = True
        for step in range(1, reach + 1):  # before the first group
            pos = first - step
            if pos < 0:
                break
            i = idx[pos]
            if step > 1 and cls[i] != SHORT and signal[i] not in ("cta", "repeated", "decided"):
                break
            if (step == 1 and ends[i] and cls[i] == GOOD) or (pos > 0 and pair[pos - 1]):
                break
            marked[i] = True
        for step in range(1, reach + 1):  # after the last group
            pos = last + step
            if pos >= len(idx) or pair[pos]:
                break
            marked[idx[pos]] = True
    return marked


def _revise(cls: list[str | None]) -> list[str]:
    """jusText's context revision on lines: short and near-good lines follow their neighbours.

    A short line between good lines (skipping other short ones) becomes good, between bad ones
    bad; with one of each it becomes near-good, then, like a near-good line, good if a good
    line is next to it (skipping shorts) and bad otherwise. Page edges count as bad. Linear
    time: the nearest deciding neighbours are found in one pass each way.
    """
    seq = [c for c in cls if c is not None]
    first = _revise_pass(seq, lambda c, prev, nxt: prev if prev == nxt else NEAR, SHORT)
    second = _revise_pass(first, lambda c, prev, nxt: GOOD if GOOD in (prev, nxt) else BAD, NEAR)
    result = [BAD] * len(cls)
    k = 0
    for i, c in enumerate(cls):
        if c is not None:
            result[i] = second[k]
            k += 1
    return result


def _revise_pass(seq: list[str], decide, target: str) -> list[str]:
    """Replace each `target` class by decide(class, previous, next deciding neighbour).

    Neighbours skip short and near-good lines, as in jusText; the page edges count as bad.
    """
    m = len(seq)
    prev = [BAD] * m
    last = BAD
    for k in range(m):
        prev[k] = last
        if seq[k] is not SHORT and seq[k] is not NEAR:
            last = seq[k]
    nxt = [BAD] * m
    last = BAD
    for k in range(m - 1, -1, -1):
        nxt[k] = last
        if seq[k] is not SHORT and seq[k] is not NEAR:
            last = seq[k]
    return [decide(c, prev[k], nxt[k]) if c is target else c for k, c in enumerate(seq)]


def _scores(cls: list[str | None], signal: list[str], length: list[int], broad: bool) -> list[int]:
    """Each line's weight for the main region: content counts its length, boilerplate against.

    Article mode: good or near-good +length, short -SHORT_LINE_COST_DEFAULT, bad
    -(length + BAD_LINE_COST_DEFAULT). Broad mode (no article on the page: listings, shops,
    forums): short lines, lists and plain low-stopword lines count half their length, since
    there they *are* the content; only menus, calls to action and the like count against.
    """
    score = [0] * len(cls)
    for i, c in enumerate(cls):
        if c is None:
            continue
        if c is GOOD or c is NEAR:
            score[i] = length[i]
        elif broad and signal[i] not in _BROAD_BAD:
            score[i] = length[i] // 2
        elif c is SHORT:
            score[i] = -SHORT_LINE_COST_DEFAULT
        else:
            score[i] = -(min(length[i], LENGTH_HIGH_DEFAULT) + BAD_LINE_COST_DEFAULT)
    return score


# Signals that are boilerplate on any kind of page (the others may be a listing's content).
_BROAD_BAD = frozenset({"menu", "share-bar", "cta", "decided", "section-end", "cookie", "copyright", "copy"})


def _main_region(score: list[int]) -> tuple[list[bool], int, tuple[int, int]]:
    """Keep the densest run of content and runs nearly as dense; return them and the top sum.

    The maximum-sum segment of line scores is the main region; other disjoint positive
    segments are kept while their sum is at least SECOND_REGION_RATIO_DEFAULT of the main one
    (forum posts, listing entries, a second article part after an inline ad block).
    """
    n = len(score)
    keep = [False] * n
    segments: list[tuple[int, int, int]] = []
    run, start, best = 0, 0, (0, 0, -1)
    for i in range(n):
        if run <= 0:  # Kadane restart: close the segment found so far
            if best[0] > 0:
                segments.append(best)
            run, start, best = 0, i, (0, 0, -1)
        run += score[i]
        if run > best[0]:
            best = (run, start, i)
    if best[0] > 0:
        segments.append(best)
    if not segments:
        return keep, 0, (0, -1)
    main = max(segments)
    for total, a, b in segments:
        if total >= SECOND_REGION_RATIO_DEFAULT * main[0]:
            for i in range(a, b + 1):
                keep[i] = True
    return keep, main[0], (main[1], main[2])


def _cut_at_section_end(
    lines: Sequence[str],
    cls: list[str | None],
    region: list[bool],
    bounds: tuple[int, int],
    signal: list[str],
    score: list[int],
    keys: list[str],
) -> None:
    """End the main region at a heading like 'Related articles' or 'Comments' inside it.

    Only a heading past the middle of the region's content cuts it, so an article is never
    reduced to its first part by a 'Read also' box between its paragraphs; and a heading
    followed within INLINE_BOX_LINES_DEFAULT lines by two paragraphs in a row is such a box:
    only the box goes. A blog comment's header, followed by at least one more, cuts after a
    short article's worth of content, since comments often outweigh the post.

    A line a rule removed ('decided') ends the region too when its own text is such a heading
    (the common rules take 'Related', 'Read more', 'Comments' before detection sees them, and
    the teasers under them then passed for the article's last paragraphs); a section-end
    heading seen more than once in the page is a link after each entry ('Read more'), not the
    start of what follows the article, and ends nothing. aeb 0.902 -> 0.903 (half a +0.0012,
    b +0.0014); wcxb-dev 0.8004 -> 0.8014 (a +0.0011, b +0.0010; article +0.002, forum and
    service -0.002: a forum's 'Comments' over its replies); big9-dev 0.9402 -> 0.9400 (a
    'Related Stories' box of 15 headlines inside an article, which resumes after it).
    """
    a, b = bounds
    total = sum(max(0, score[i]) for i in range(a, b + 1))
    # Blog comment headers from the region on, each with how many follow it (itself included).
    blog_at = [i for i in range(a, len(lines)) if signal[i] == "comment" and _BLOG_COMMENT.search(lines[i])]
    blog = {pos: len(blog_at) - k for k, pos in enumerate(blog_at)}
    counts: Counter[str] | None = None  # each line's count in the page, when first needed
    before = 0
    i = a
    while i <= b:
        if before * 2 >= total and (signal[i] == "section-end" or (signal[i] == "decided" and _own_end(lines[i]))):
            counts = Counter(keys) if counts is None else counts
            ends_here = counts[keys[i]] == 1
        else:
            ends_here = signal[i] in _ENDS
        if ends_here and before * 2 >= total:
            resume = _article_resumes(cls, i, b)
            end = resume if resume is not None else b + 1
            for k in range(i, end):
                region[k] = False
            if resume is None:
                return
            i = resume
            continue
        if signal[i] == "comment" and before >= ARTICLE_SHORT_SCORE_DEFAULT and blog.get(i, 0) >= 2:
            for k in range(i, b + 1):
                region[k] = False
            return
        before += max(0, score[i])
        i += 1


# Signals that end an article when past its middle: headings of what follows, the footer.
_ENDS = frozenset({"section-end", "copyright", "share-bar"})


def _own_end(line: str) -> bool:
    """True when a line's own signal (whatever a rule decided) is one of _ENDS."""
    facts = _line_facts(line)
    return facts is not None and facts[3] in _ENDS


# A cased word long enough to say whether a headline capitalises its words ('of', 'the' aside).
_CASED_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case(text: str) -> bool:
    """True when most of the line's words of 4+ letters start with a capital: 'Cops Find Bone
    Fragment Near Kidnapping Suspect's Home'. False in scripts without case."""
    caps = [w[0].isupper() for w in _CASED_WORD.findall(text)]
    return len(caps) >= 2 and sum(caps) >= TEASER_TITLE_SHARE_DEFAULT * len(caps)


def _cut_teasers(
    lines: Sequence[str],
    cls: list[str | None],
    signal: list[str],
    region: list[bool],
    words: list[int],
    ends: list[bool],
) -> list[int]:
    """Take out of the region the short lines after its last paragraph when at least
    TEASER_MIN_RUN_DEFAULT of them are headlines (see TEASER_MIN_WORDS_DEFAULT): a teaser list
    of other stories with no heading to end the article. Lines carrying a signal may stand
    among them; a long line or a sentence-ended one above them ends the search, and when that
    line ends in ':' the lines are a list the article introduces: they stay. (A short line
    ending in ':' among them is no such sign: 'Related stories:' heads teasers.) Returns the
    lines taken out.
    """
    k = max((i for i, r in enumerate(region) if r), default=-1)
    tail: list[int] = []  # the region's last lines, bottom up, up to its last paragraph
    while k >= 0:
        if cls[k] is not None:
            if not region[k] or cls[k] is GOOD or (cls[k] is NEAR and (ends[k] or words[k] > TEASER_MAX_WORDS_DEFAULT)):
                break
            tail.append(k)
        k -= 1
    if len(tail) < TEASER_MIN_RUN_DEFAULT or (k >= 0 and lines[k].rstrip().endswith(":")):
        return []
    heads = sum(
        1
        for i in tail
        if not signal[i]
        and not ends[i]
        and TEASER_MIN_WORDS_DEFAULT <= words[i] <= TEASER_MAX_WORDS_DEFAULT
        and _title_case(lines[i])
    )
    if heads < TEASER_MIN_RUN_DEFAULT:
        return []
    for i in tail:
        region[i] = False
    return tail


def _article_resumes(cls: list[str | None], i: int, b: int) -> int | None:
    """Where two prose lines in a row follow heading i closely (an inline box), else None."""
    seen: list[int] = []
    for k in range(i + 1, b + 1):
        if cls[k] is None:
            continue
        seen.append(k)
        if len(seen) > INLINE_BOX_LINES_DEFAULT + 1:
            return None
        if len(seen) >= 2 and cls[seen[-2]] is GOOD and cls[k] in (GOOD, NEAR):
            return seen[-2]
    return None


def detect(lines: Sequence[str], decided: Sequence[Reason | None], protected: Sequence[bool]) -> list[Reason | None]:
    """Return a Reason for each line generic detection removes, None for lines it keeps.

    Never a Reason for a blank, already decided or protected line.
    """
    n = len(lines)
    out: list[Reason | None] = [None] * n
    if not n:
        return out
    cls, signal, length, words, keys, ends = _classify(lines, decided)
    _copies(cls, signal, length, keys)
    _menus(lines, cls, signal, words, length, keys, ends)
    in_list = _lists(lines, cls, signal, words, ends)
    for i in range(n):
        if in_list[i] and cls[i] is not None and signal[i] not in _LIST_MARKERS:
            cls[i], signal[i] = BAD, "headline-list"
    score = _scores(cls, signal, length, broad=False)
    region, top, bounds = _main_region(score)
    prose = sum(length[i] for i, c in enumerate(cls) if c is GOOD or c is NEAR)
    broad = top < ARTICLE_MIN_SCORE_DEFAULT and (
        top < ARTICLE_SHORT_SCORE_DEFAULT or top < ARTICLE_SHORT_SHARE_DEFAULT * prose
    )
    broad = broad or _feature_blocks(cls, length, bounds)
    wide = None  # the broad-mode region, when already computed
    if not broad and top < ARTICLE_MIN_SCORE_DEFAULT:  # a short article, or a listing?
        wide_score = _scores(cls, signal, length, broad=True)
        wide, _, _ = _main_region(wide_score)
        broad = top < LISTING_SHARE_DEFAULT * sum(wide_score[i] for i in range(n) if wide[i])
    teasers: set[int] = set()  # lines _cut_teasers took out of the region, named so in their reason
    if broad:  # no article here: keep the page body, drop only its furniture
        region = wide if wide is not None else _main_region(_scores(cls, signal, length, broad=True))[0]
    else:
        _cut_at_section_end(lines, cls, region, bounds, signal, score, keys)
        teasers = set(_cut_teasers(lines, cls, signal, region, words, ends))
    revised: list[str] | None = None  # computed when first needed (many pages never need it)
    titles = _titles(cls, signal, region)
    for i in range(n):
        if cls[i] is None or decided[i] is not None or protected[i]:
            continue
        if broad and region[i] and signal[i] not in _BROAD_BAD:
            continue
        if signal[i] and (signal[i] not in _SOFT or not region[i] or not _near_prose(cls, i)):
            out[i] = _SIGNAL_REASONS[signal[i]]
        elif not region[i]:
            out[i] = _TEASERS if i in teasers else _OUTSIDE
        elif cls[i] is SHORT and words[i] <= CONTEXT_MAX_WORDS_DEFAULT and i not in titles:
            if revised is None:
                # Soft signals are no evidence of boilerplate around a line: they count as short.
                revised = _revise([SHORT if signal[k] in _SOFT else c for k, c in enumerate(cls)])
            if revised[i] == BAD:
                out[i] = _CONTEXT
    _safety_net(out, cls, signal, words)
    return out


def _feature_blocks(cls: list[str | None], length: list[int], bounds: tuple[int, int]) -> bool:
    """True when the region's prose comes as separate blocks: a landing page, not an article.

    A service or product page lists its offers as a short heading, a one- or two-sentence
    description and a 'Learn more': its prose lines stand alone between short lines, under
    LENGTH_HIGH_DEFAULT each. An article's paragraphs follow one another. At least
    FEATURE_BLOCKS_MIN_DEFAULT such lone descriptions, making FEATURE_BLOCKS_SHARE_DEFAULT of
    the region's prose lines, are such a page.
    """
    a, b = bounds
    idx = [i for i in range(a, b + 1) if cls[i] is not None]
    prose = [cls[i] is GOOD or cls[i] is NEAR for i in idx]
    alone = sum(
        1
        for k, i in enumerate(idx)
        if prose[k]
        and length[i] < LENGTH_HIGH_DEFAULT
        and not (k > 0 and prose[k - 1])
        and not (k + 1 < len(idx) and prose[k + 1])
    )
    return alone >= FEATURE_BLOCKS_MIN_DEFAULT and alone >= FEATURE_BLOCKS_SHARE_DEFAULT * sum(prose)


def _safety_net(out: list[Reason | None], cls: list[str | None], signal: list[str], words: list[int]) -> None:
    """Give back prose lines when the page is mostly prose and we removed too much.

    Promises of the issue: never an empty output for a page holding an article, and never
    more than half a page's words removed when the page is mostly article: prose (good or
    near-good lines) makes MOSTLY_PROSE_DEFAULT of its words. Prose lines removed only by
    position or context (not by a signal of their own) come back.
    """
    prose = [i for i, c in enumerate(cls) if (c is GOOD or c is NEAR) and not signal[i]]
    if not prose:
        return
    total = sum(w for i, w in enumerate(words) if cls[i] is not None and signal[i] != "decided")
    kept = sum(words[i] for i, c in enumerate(cls) if c is not None and out[i] is None)
    prose_words = sum(words[i] for i in prose)
    if kept == 0 or (prose_words >= MOSTLY_PROSE_DEFAULT * total and kept * 2 < total):
        for i in prose:
            out[i] = None


# Signals that only weigh against a line: inside the main region, next to prose, it stays
# (a spec line or a repeated subhead in an article); elsewhere it goes.
_SOFT = frozenset({"low-stopwords", "repeated"})


def _near_prose(cls: list[str | None], i: int) -> bool:
    """True when the nearest non-blank line above or below is good or near-good."""
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(cls) and cls[k] is None:
            k += step
        if 0 <= k < len(cls) and (cls[k] is GOOD or cls[k] is NEAR):
            return True
    return False


_DETAILS = {
    "timestamp": "only a date, time or counter",
    "byline": "a byline (By ...)",
    "cta": "call to action or page furniture",
    "repeated": "line repeated in the page (navigation, widget)",
    "low-stopwords": "few stopwords (not prose)",
    "headline-list": "item of a headline+timestamp list",
    "menu": "run of short lines (menu, tags, footer)",
    "share-bar": "share buttons (Facebook, Twitter, Email...)",
    "cookie": "cookie notice",
    "copyright": "copyright notice (the footer)",
    "comment": "a comment's header (name ... said:)",
    "section-end": "heading of what follows an article (related, comments)",
    "copy": "joins other lines of the page (a second copy of the text)",
}
# Reasons are immutable, so one instance per signal serves every line.
_SIGNAL_REASONS = {name: Reason(f"generic/{name}", "generic", 90.0, detail) for name, detail in _DETAILS.items()}
_OUTSIDE = Reason("generic/outside", "generic", 70.0, "outside the main text region")
_TEASERS = Reason("generic/teaser-list", "generic", 70.0, "headlines after the article's last paragraph")
_CONTEXT = Reason("generic/context", "generic", 60.0, "short label among boilerplate")


def _titles(cls: list[str | None], signal: list[str], region: list[bool]) -> set[int]:
    """Add to each region the short line just above it, its title; return those lines."""
    n = len(cls)
    titles = set()
    for i in range(1, n):
        if region[i] and not region[i - 1]:
            seen = 0
            k = i - 1
            while k >= 0 and seen < TITLE_DISTANCE_DEFAULT:
                if cls[k] is None:
                    k -= 1
                    continue
                seen += 1
                if cls[k] == SHORT and not signal[k]:
                    region[k] = True
                    titles.add(k)
                    break
                k -= 1
    return titles
