"""Generic detection: each signal pinned on short real excerpts, in both directions.

Excerpts come from the seeds (interfax.com.ua, ostro.org) and the dev data (aeb, wcxb-dev);
each test says which lines must go (and by which signal) and which must stay.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.generic import detect, detect_language
from cleaner.normalize import is_blank
from cleaner.result import Reason

# interfax.com.ua seed 000: title and the four article paragraphs.
ARTICLE_UK = [
    "Умєров і помічник генсека НАТО обговорили ситуацію на полі бою і кроки на шляху до членства України в Альянсі",
    "Міністр оборони України Рустем Умєров провів зустріч у Києві з помічником генерального "
    "секретаря НАТО з розвідки та безпеки Скоттом Бреєм.",
    '"Подякував йому за всю надзвичайно важливу допомогу, яку альянс надавав і продовжує надавати '
    "для нашої боротьби з агресором. Висловив упевненість, що Україна стане членом НАТО, а моїм "
    "завданням як міністра бачу наближення цього моменту. Обговорили з паном Бреєм, які кроки нам "
    'треба для цього зробити", - написав Умєров у фейсбуці.',
    "Сторони також обговорили поточний стан справ на полі бою, оцінили потенційні загрози.",
    '"Ще раз наголосив, що протиповітряна оборона є одним з ключових елементів нашого захисту і '
    "потребує посилення. Високо оцінили рівень обміну інформацією та координацію наших дій з "
    'альянсом. Обговорили, які ще дії можемо вжити для зміни ситуації на фронті", '
    "- зазначив Умєров.",
]
# The same seed's 'Реклама' labels and 'ЩЕ ЗА ТЕМОЮ' / 'ОСТАННЄ' headline+timestamp lists.
LISTS_UK = [
    "Реклама",
    "Реклама",
    "ЩЕ ЗА ТЕМОЮ",
    "Міністри оборони України та Литви обговорили постачання боєприпасів для української армії",
    "11:53, 09.03.2025",
    "США мають намір відмовитися від участі в плануванні нових навчань НАТО в Європі - ЗМІ",
    "16:36, 08.03.2025",
    "Росія матиме змогу успішно атакувати держави-члени НАТО за 3-5 років – ISW",
    "06:29, 08.03.2025",
    "ОСТАННЄ",
    "Сибіга обговорив з британським колегою шляхи до миру та довгострокову безпеку України",
    "20:35, 10.03.2025",
    "Ламмі обговорив з Рубіо і Сибігою перспективи мирного процесу в Україні",
]
# An English news article (aeb, PanARMENIAN.Net), three paragraphs.
ARTICLE_EN = [
    "At least 106 protesters in 21 cities have been killed, according to credible reports received "
    "by Amnesty International. The organization believes that the real death toll may be higher, "
    "with some reports suggesting as many as 200 have been killed.",
    "Video footage shows security forces using firearms, water cannons and tear gas to disperse "
    "protests and beating protesters with batons. They have also fired from the rooftops of "
    "buildings and, in one case, from a helicopter.",
    "Hundreds of demonstrators blocked roads, using their parked cars as a form of protest. "
    "Verified video footage shows that the security forces shot at them while they were in "
    "their cars, which is an unlawful use of force.",
]
# A WSJ-like top menu (aeb): a run of one-to-three-word lines.
MENU_EN = ["Home", "World", "Latin America", "Middle East", "Economy", "Politics", "Tech"]


def run(lines: list[str]) -> list[Reason | None]:
    """Detect with nothing decided and nothing protected."""
    return detect(lines, [None] * len(lines), [False] * len(lines))


def kept(lines: list[str]) -> list[str]:
    """The lines detect keeps."""
    return [line for line, v in zip(lines, run(lines), strict=True) if v is None]


def rule_of(lines: list[str], line: str) -> str | None:
    """The rule that removed the first occurrence of line, or None if kept."""
    v = run(lines)[lines.index(line)]
    return v.rule if v else None


def test_seed_article_kept_whole_with_title():
    page = ARTICLE_UK + LISTS_UK
    assert kept(page) == ARTICLE_UK


def test_headline_timestamp_list_dropped():
    page = ARTICLE_UK + LISTS_UK
    assert rule_of(page, "11:53, 09.03.2025") == "generic/timestamp"
    headline = LISTS_UK[5]
    assert rule_of(page, headline) == "generic/headline-list"


def test_timestamps_inside_prose_are_not_a_list():
    # A live-blog style article (aeb): times alone, then full sentences; no headlines.
    page = [
        ARTICLE_EN[0],
        "10 p.m.",
        "He says transit officers boarded the train at the next stop and found a man bleeding, who "
        "was possibly a good Samaritan trying to stop the robbery, police said on Monday evening.",
        "4:14 p.m.",
        "The San Francisco Chronicle says police are looking into whether the victim was trying to "
        "help another passenger when he was attacked on the train near the station.",
        *ARTICLE_EN[1:],
    ]
    out = kept(page)
    assert page[2] in out and page[4] in out
    assert rule_of(page, "10 p.m.") == "generic/timestamp"


def test_cta_dropped_prose_mentioning_support_kept():
    page = [
        *ARTICLE_UK,
        "Раніше «ОстроВ» підтримували грантодавці. Сьогодні нашу незалежність збереже тільки Ваша підтримка",
        "Підтримати",
    ]
    assert rule_of(page, "Підтримати") == "generic/cta"
    assert rule_of(page, page[5]) == "generic/cta"
    assert kept(page) == ARTICLE_UK


def test_menu_run_dropped_title_and_prose_kept():
    title = "Iran: More than 100 protesters believed to be killed"
    page = [*MENU_EN, title, *ARTICLE_EN, *MENU_EN]
    verdicts = run(page)
    assert all(v is not None for v in verdicts[: len(MENU_EN)])
    assert {v.rule for v in verdicts[: len(MENU_EN)] if v} <= {"generic/menu", "generic/repeated"}
    assert kept(page) == [title, *ARTICLE_EN]


def test_section_end_heading_cuts_related_list():
    related = [
        "Related articles",
        "Armenian Genocide, anti-Semitism and other sensitive matters Ilhan Omar fails to grasp",
        "The House of Representatives overwhelmingly voted Tuesday, October 29 to officially "
        "recognize the Armenian Genocide, with a vote of 405 to 11 in the chamber.",
    ]
    page = [*ARTICLE_EN, *ARTICLE_EN[:1], *related]
    assert rule_of(page, "Related articles") == "generic/section-end"
    assert related[2] not in kept(page)
    assert ARTICLE_EN[2] in kept(page)


def test_low_stopword_line_outside_article_dropped_spec_line_in_article_kept():
    tags = "Entertainment Latest News Nollywood Celebrity Gossip Photos Fashion Lifestyle Videos"
    spec = "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp. Olive Oil, Spinach, Chicken"
    page = [tags, "", *ARTICLE_EN[:2], spec, ARTICLE_EN[2]]
    assert rule_of(page, tags) in {"generic/low-stopwords", "generic/outside"}
    assert spec in kept(page)


def test_repeated_short_line_dropped():
    byline = "Sarah E. Needleman"
    page = [byline, byline, "The Wall Street Journal", *ARTICLE_EN, byline]
    assert rule_of(page, byline) == "generic/repeated"
    assert kept(page)[-3:] == ARTICLE_EN


def test_listing_page_keeps_its_list():
    # A job listing (wcxb-dev listing): no article; the entries are the content.
    page = [
        "Product Analyst (Gaming Industry)",
        "Full-Time",
        "30d",
        "Senior Data Engineer, Payments Platform",
        "Full-Time",
        "12d",
        "Machine Learning Engineer (Recommendation Systems)",
        "Contract",
        "3d",
    ]
    out = kept(page)
    assert page[0] in out and page[3] in out and page[6] in out


def test_never_empty_when_page_holds_an_article():
    page = ["Home", "News", *ARTICLE_EN[:1], "Footer"]
    assert ARTICLE_EN[0] in kept(page)


def test_language_detection():
    assert detect_language(ARTICLE_UK) == "Ukrainian"
    assert detect_language(ARTICLE_EN) == "English"
    ru = [
        "Так как я люблю итальянскую кухню, то это будут спагетти с печеными томатами и козьим "
        "сыром. Каждую пятницу мы готовим пиццу, домашнюю и самую вкусную, и это уже традиция."
    ]
    assert detect_language(ru) == "Russian"
    assert detect_language(["12345 67890"]) is None


def test_language_read_from_sentences_before_a_menu_of_title_case_links():
    """wcxb-dev 4116: 78 links ('Free 10 Week Beginner Marathon Training Plan') above the prose
    filled the language sample and read as Occitan, so the prose had few stopwords and went."""
    page = (Path(__file__).parent / "fixtures" / "generic" / "plan-links-then-prose.txt").read_text(encoding="utf-8")
    lines = page.splitlines()
    assert detect_language(lines) == "English"
    out = kept(lines)
    assert all(line in out for line in lines[-5:])  # the article's first paragraphs
    assert "Free 9 Week Advanced Marathon Training Plan" not in out


def test_decided_and_protected_lines_untouched():
    page = [*ARTICLE_UK, *LISTS_UK]
    decided: list[Reason | None] = [None] * len(page)
    decided[len(ARTICLE_UK)] = Reason("common/ad-label", "line", 100.0)
    protected = [False] * len(page)
    protected[len(ARTICLE_UK) + 4] = True  # the first timestamp
    verdicts = detect(page, decided, protected)
    assert verdicts[len(ARTICLE_UK)] is None
    assert verdicts[len(ARTICLE_UK) + 4] is None
    assert verdicts[len(ARTICLE_UK) + 1] is not None  # the second 'Реклама' still goes


def test_lines_blank_by_is_blank_get_no_reason():
    # Zero-width spaces around a space, NBSP, BOM: blank for the caller, so never ours.
    page = ["\u200b \u200b", "\u00a0", "\ufeff", *MENU_EN]
    assert run(page)[:3] == [None, None, None]


LINE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120).filter(
    lambda s: "\n" not in s and "\r" not in s
)


# Arbitrary text, plus the blank-looking and boilerplate-looking lines real pages hold.
SPECIAL = st.sampled_from(["", " ", "\u00a0", "\u200b \u200b", "\ufeff", "Home", "Реклама", "11:53, 09.03.2025", "©"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(LINE, SPECIAL, st.sampled_from(ARTICLE_EN)), st.booleans(), st.booleans()),
        max_size=40,
    ),
)
def test_property_shape_and_vetoes(rows):
    lines = [r[0] for r in rows]
    decided = [Reason("x/y", "line", 100.0) if r[1] else None for r in rows]
    protected = [r[2] for r in rows]
    verdicts = detect(lines, decided, protected)
    assert len(verdicts) == len(lines)
    for line, d, p, v in zip(lines, decided, protected, verdicts, strict=True):
        if d is not None or p or is_blank(line):
            assert v is None
        if v is not None:
            assert v.rule.startswith("generic/") and v.kind == "generic"
            assert 0 <= v.score <= 100 and v.detail


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from([*ARTICLE_EN, *MENU_EN, "", "\u00a0", "11:53, 09.03.2025"])))
def test_property_deterministic(lines):
    assert run(lines) == run(list(lines))


def test_mostly_article_page_keeps_at_least_half_its_words():
    # Only prose (seed 000's article, then seed 002's), with a blog comment header early,
    # which alone would end the article after its first long paragraph.
    ostro = [
        "Вашингтонський саміт НАТО має стати платформою для нових рішучих кроків, які наблизять "
        "Україну до членства в Альянсі. Про це заявив Рустем Умєров на другому засіданні Ради "
        "Україна–НАТО на рівні міністрів оборони, пише Міноборони України 16 лютого.",
        '"Україна та країни НАТО повинні зосередитися на розбудові довгострокового оборонного '
        'потенціалу та стійкого ОПК", - заявив Умєров.',
    ]
    page = [ARTICLE_UK[0], ARTICLE_UK[2], "Olena says:", ARTICLE_UK[1], *ARTICLE_UK[3:], *ostro]
    out = kept(page)
    words = sum(len(line.split()) for line in page)
    assert sum(len(line.split()) for line in out) * 2 >= words


def test_cookie_notice_dropped_cookie_recipe_kept():
    notice = (
        "This website uses cookies to improve your experience while you navigate through the "
        "website. Out of these, the cookies that are categorized as necessary are stored on your "
        "browser as they are essential for the working of basic functionalities of the website."
    )
    recipe = (
        "The chocolate chip cookie was invented by Ruth Graves Wakefield in 1938, when she added "
        "chopped chocolate to a cookie recipe at the Toll House Inn in Whitman, Massachusetts."
    )
    page = [*ARTICLE_EN, recipe, notice]
    assert rule_of(page, notice) == "generic/cookie"
    assert recipe in kept(page)


def test_byline_dropped_sentence_starting_with_by_kept():
    byline = "By JERUSALEM POST STAFF"
    sentence = "By the end of the day, the police had arrested two suspects."
    page = [byline, *ARTICLE_EN[:2], sentence, ARTICLE_EN[2]]
    assert rule_of(page, byline) == "generic/byline"
    assert sentence in kept(page)


def test_page_carrying_its_article_three_times_keeps_one_copy():
    # wcxb-dev 0355: the article is in the page three times (copies for other screen sizes).
    page = [*ARTICLE_EN, *ARTICLE_EN, *ARTICLE_EN]
    verdicts = run(page)
    assert kept(page) == ARTICLE_EN
    assert {v.rule for v in verdicts[3:] if v} == {"generic/repeated"}


def test_blog_comments_after_the_post_dropped():
    # wcxb-dev 4449 (WordPress): 'Name says', date, comment, 'Reply', several times.
    comments = [
        "Sheri says",
        "July 31, 2018 at 2:41 pm",
        "Thanks for sharing at To Grandma's House We Go DIY, Crafts, Recipes and More Link "
        "Party! Pinned! I hope to see you again next week and that you have a wonderful day.",
        "Reply",
        "Jenny says",
        "August 12, 2018 at 8:57 am",
        "Great wood projects to make. I will be featuring this tonight at our party and I am "
        "sure that my readers are going to love all of these ideas as much as I do, thank you.",
        "Reply",
    ]
    page = [*ARTICLE_EN, *comments]
    assert kept(page) == ARTICLE_EN
    assert rule_of(page, "Sheri says") == "generic/comment"


def test_single_says_subhead_does_not_cut_the_article():
    page = [*ARTICLE_EN[:2], "What the science says", *ARTICLE_EN[2:], ARTICLE_EN[0] + " Again."]
    out = kept(page)
    assert ARTICLE_EN[2] in out and page[-1] in out


def test_copyright_line_ends_the_article_prose_about_copyright_kept():
    # aeb 2c46804d (CBS): the footer's notice, then teasers with leads.
    about = (
        "Copyright law protects the expression of an idea, not the idea itself, and the court "
        "said the two songs shared nothing more than a common musical idea."
    )
    footer = [
        "© 2019 CBS Interactive Inc. All Rights Reserved.",
        "Why farmers may want to paint their cows with zebra stripes",
        "Some people thought the stripy cattle in a Japanese pasture were a practical joke, but "
        "the researchers say the paint keeps biting flies away from the animals.",
    ]
    page = [*ARTICLE_EN, about, *footer]
    out = kept(page)
    assert about in out
    assert rule_of(page, footer[0]) == "generic/copyright"
    assert footer[2] not in out


def test_share_bar_after_article_ends_it_nav_menu_does_not():
    # aeb f81c6c05 (Business Insider): share buttons, then the page's widgets.
    share = ["facebook", "linkedin", "twitter", "email", "print"]
    widget = (
        "Retiring early takes time and incredible discipline. If you're planning to retire early, "
        "you'll need to consider a few things, from health insurance to where you will live."
    )
    page = [*MENU_EN, *ARTICLE_EN, *share, widget]
    out = kept(page)
    assert out == ARTICLE_EN
    assert rule_of(page, "facebook") == "generic/share-bar"
    assert rule_of(page, "World") == "generic/menu"


def test_context_drops_label_among_junk_keeps_subhead_between_paragraphs():
    page = [
        ARTICLE_EN[0],
        "How the protests began",
        ARTICLE_EN[1],
        "Advertisement",
        "Close",
        "Subscribe now",
        ARTICLE_EN[2],
        "Hundreds more were arrested overnight in Tehran and Shiraz, according to reports by "
        "rights groups, who said that the detainees had been denied access to lawyers.",
    ]
    assert rule_of(page, "Close") == "generic/context"
    assert "How the protests began" in kept(page)


# ostro.org seed 002: the article's last lines, the donation banner and the 'Статті' teasers.
OSTRO_TAIL = [
    "Раніше повідомлялось, що в Брюсселі підписали Угоду про намір щодо створення нової Коаліції спроможностей",
    "",
    "Раніше «ОстроВ» підтримували грантодавці. Сьогодні нашу незалежність збереже тільки Ваша підтримка",
    "",
    "Підтримати",
    "",
    "Статті",
    "",
    "Країна",
    "29.01.2026",
    "14:00",
    "",
    "Фейкові перемоги російської армії, морська піхота під Покровськом, та енергетична криза — "
    "Іван Ступак про плани РФ",
    "",
    "...Це виглядає як постійна спроба демонструвати позитивні результати. Бо на горі їх "
    "чекають. У них логіка проста: ні дня без результату, ні дня без захоплення.",
    "Світ",
    "28.01.2026",
    "12:55",
    "",
    "«Хочемо максимально зберегти населення України. Це дуже ювелірна робота, тут сокирою не "
    "помахаєш». Російські ЗМІ про Україну",
    "",
    "Формально йде мова тільки про виведення військ ЗСУ з території Донбасу, але ніхто не "
    "говорить про те, щоб Київ офіційно визнав Донбас російською територією.",
    "Донбас",
    "25.01.2026",
    "13:00",
    "",
    "Мистецтво промовчати і майстерність не договорювати. Огляд ЗМІ окупованого Донбасу",
    "",
    "Минулого тижня ЗМІ окупованого Донбасу щосили намагалися згладити гостроту деяких проблем, "
    "що звалилися на «молоді республіки». Неприємність у непідконтрольному законній владі "
    "Дебальцевому буквально прилетіла з неба – місто, точніше військові...",
    "Всі статті",
]


def test_donation_banner_and_teaser_list_dropped_last_article_line_kept():
    page = [*ARTICLE_UK, "", *OSTRO_TAIL]
    # 'підписали' (signed) in the last line is no 'підпишіться' (subscribe).
    assert [line for line in kept(page) if line] == [*ARTICLE_UK, OSTRO_TAIL[0]]
    assert rule_of(page, "Підтримати") == "generic/cta"
    lead = OSTRO_TAIL[14]
    assert rule_of(page, lead) == "generic/headline-list"


# --- speed work: the fast paths must give the answers of the plain ones -------------------------


def _language_by_counter(lines: list[str]) -> str | None:
    """detect_language as first written: a Counter of stoplist ids over the token sample."""
    from collections import Counter

    import justext

    from cleaner.generic import _WORD

    names = sorted(justext.get_stoplists())
    lists = [justext.get_stoplist(name) for name in names]
    token_lists = [_WORD.findall(line.lower()) for line in lines]
    sample: list[str] = []
    for toks in token_lists:
        if len(toks) >= 5:
            sample.extend(toks)
            if len(sample) >= 500:
                break
    if len(sample) < 50:
        sample = [t for toks in token_lists for t in toks][:500]
    counts = Counter(lid for t in sample for lid, words in enumerate(lists) if t in words)
    if not counts:
        return None
    best = max(counts, key=lambda lid: counts[lid] / len(lists[lid]) ** 0.25)
    if counts[best] < 0.10 * len(sample):
        return None
    return {"Simple_English": "English"}.get(names[best], names[best])


def test_language_bit_fields_count_like_a_counter():
    pages = [ARTICLE_UK, ARTICLE_EN, LISTS_UK, OSTRO_TAIL, ["12345 67890"], ["Der Hund und die Katze sind hier."]]
    for page in pages:
        assert detect_language(page) == _language_by_counter(page)


def test_ascii_tokens_through_the_byte_table_are_the_regex_tokens():
    """_tokens is _WORD.findall: every ASCII character alone and between words, lines of prose and
    furniture, non-ASCII lines (the regex itself), and any text hypothesis draws."""
    from cleaner.generic import _WORD
    from cleaner.generic.language import _tokens

    lines = [f"a{chr(c)}b {chr(c)}x_1{chr(c)}" for c in range(128)]
    lines += ["By Sarah E. Needleman", "© 2019 CBS Interactive Inc.", "11:53, 09.03.2025", "snake_case_name()"]
    lines += ["Підтримайте «Міські вісті»", "naïve café", "", "   ", "__", "a\x1cb\x1fc\td"]
    for line in lines:
        assert _tokens(line.lower()) == _WORD.findall(line.lower()), line


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_property_tokens_are_the_regex_tokens(text):
    from cleaner.generic import _WORD
    from cleaner.generic.language import _tokens

    assert _tokens(text) == _WORD.findall(text)


def test_cached_line_facts_give_the_same_verdicts():
    from cleaner.generic import clear_line_caches

    page = [*ARTICLE_UK, "", *LISTS_UK, "", *OSTRO_TAIL]
    clear_line_caches()
    cold = detect(page, [None] * len(page), [False] * len(page))
    warm = detect(page, [None] * len(page), [False] * len(page))
    assert cold == warm
    # A second page sharing lines (a later pass of clean) is classified as if seen first.
    kept_lines = [line for line, r in zip(page, cold, strict=True) if r is None]
    warm_sub = detect(kept_lines, [None] * len(kept_lines), [False] * len(kept_lines))
    clear_line_caches()
    assert warm_sub == detect(kept_lines, [None] * len(kept_lines), [False] * len(kept_lines))


def test_timestamp_and_cta_regexes_keep_their_matches():
    """Alternatives reordered (timestamp), \\b written as (?<!\\w) (CTA), and both run on the
    lower-cased line without IGNORECASE: the same lines match."""
    from cleaner.generic import _CTA, _TIMESTAMP

    stamps = [
        "11:53, 09.03.2025",
        "Published Monday, Nov. 18, 2019 at 10:43 am ET",
        "5 min read",
        "2024-05-01T10:00:00Z",
        "12 січня 2025, 14:05",
        "3.5k views",
        "Updated 10 a.m. ET",
    ]
    not_stamps = ["Top 10 things to do in Kyiv", "May 2019 be your year", "Січень 2025 видався теплим"]
    # aeb 2c46804d (CBS): a gallery teaser's date and count; a headline counting photos stays.
    stamps += ["Nov 18 52 photos", "Nov 10 11 photos", "3 videos"]
    not_stamps += ["50 photos that changed the world", "Top 10 videos of 2019"]
    assert all(_TIMESTAMP.fullmatch(s.lower()) for s in stamps)
    assert not any(_TIMESTAMP.fullmatch(s.lower()) for s in not_stamps)
    ctas = ["Subscribe to our newsletter", "Share", "Читайте також", "Реклама", "© 2024 Example", "Reply"]
    not_ctas = ["Resubscribed members met", "He signed up the papers", "unshare", "Відповідь міністра"]
    assert all(_CTA.search(s.lower()) for s in ctas)
    assert not any(_CTA.search(s.lower()) for s in not_ctas)


def test_section_end_first_characters_cover_its_headings():
    """The pre-check skips the regex only for lines no section-end heading can start like."""
    from cleaner.generic import _SECTION_END, _SECTION_END_FIRST, _may_be_section_end

    assert _SECTION_END_FIRST is not None  # the parser was understood: the pre-check is on
    headings = [
        "related articles",
        "more from money",
        "ще за темою",
        "останнє",
        "ещё по теме",
        "12 comments",
        "à lire aussi",
        "das könnte sie auch interessieren",
        "tags",
        "you may also like",
        "editor's picks",
        "кomментарии",
    ]
    for heading in headings:
        if _SECTION_END.fullmatch(heading):
            assert _may_be_section_end(heading), heading
    assert not _may_be_section_end("zebra crossing")
    assert not _may_be_section_end("іграшки")


def test_language_counts_list_by_list_when_fields_could_overflow(monkeypatch):
    """A sample too big for a 16-bit field is counted list by list, with the same answer."""
    import cleaner.generic.language as generic

    pages = [ARTICLE_UK, ARTICLE_EN, OSTRO_TAIL]
    expected = [detect_language(page) for page in pages]
    monkeypatch.setattr(generic, "_LANG_FIELD_LIMIT", 2)
    assert [detect_language(page) for page in pages] == expected


# aeb f81c6c05 (Business Insider): the article's opening lines, then the same text again as
# one line further down (the page's articleBody metadata), which doubled it in the output.
RETIRE_EN = [
    "Retiring early takes time and incredible discipline.",
    "If you're planning to retire early, you should aim to have at least 25 to 30 times your "
    "estimated annual expenses saved or invested, though that number may be lower or higher "
    "depending on the lifestyle you envision.",
    "Depending on how much you plan to spend annually, you'll generally fall into one of three "
    "FIRE (financial independence, retire early) categories: FIRE, leanFIRE, and fatFIRE.",
    "To achieve your target number, live below your means, increase your income, and max out your retirement accounts.",
]


def test_later_line_joining_earlier_lines_dropped_as_copy():
    joined = " ".join(RETIRE_EN)
    page = [*RETIRE_EN, "Tanza Loudenback", joined]
    assert rule_of(page, joined) == "generic/copy"
    assert set(RETIRE_EN) <= set(kept(page))


def test_first_copy_and_paragraph_opening_with_a_line_kept():
    # The joined text first, its lines after it: the first copy stays (as for repeats).
    joined = " ".join(RETIRE_EN)
    page = [joined, *RETIRE_EN]
    assert joined in kept(page)
    # A paragraph opening with an earlier line's words, not going on with the next line, is
    # no copy (a heading restated as the paragraph's first sentence).
    para = RETIRE_EN[0] + " " + RETIRE_EN[2] + " " + RETIRE_EN[3]
    page = [*RETIRE_EN[:2], *ARTICLE_EN, para]
    assert rule_of(page, para) != "generic/copy"


def test_copy_search_tries_only_the_first_lines_opening_alike():
    """The copy's start is looked for among the first COPY_MAX_CANDIDATES earlier lines that
    open like it, so a page of thousands of lines with one opening stays linear."""
    from cleaner.generic import COPY_MAX_CANDIDATES

    joined = " ".join(RETIRE_EN)
    opening = RETIRE_EN[0][:30]
    for alike, found in ((COPY_MAX_CANDIDATES - 1, True), (COPY_MAX_CANDIDATES, False)):
        fillers = [f"{opening} and a filler line number {k}." for k in range(alike)]
        page = [*fillers, *RETIRE_EN, "Tanza Loudenback", joined]
        assert (rule_of(page, joined) == "generic/copy") is found, alike


def _shop_entries(n: int) -> list[str]:
    """n entries of a shop's list as wcxb-dev 4264 prints them: name, maker, item, price."""
    entries = []
    for k in range(n):
        model = f"ZU{820 + 10 * k}T"
        entries += [
            f"Optoma {model} WUXGA Professional Installation Laser Projector with {8000 + 100 * k} Lumens",
            "Manufacturer: Optoma",
            f"Item Number: Optoma-{model}",
            f"Price: ${5000 + 17 * k:,}.00",
        ]
    return entries


def test_short_intro_above_a_long_shop_list_keeps_the_list():
    # wcxb-dev 4264: a short intro, then 30 products; the intro's run holds all the prose, but
    # under LISTING_SHARE_DEFAULT of what broad mode keeps: a listing, its entries stay.
    entries = _shop_entries(30)
    page = [*ARTICLE_EN, *entries]
    out = kept(page)
    assert entries[0] in out and entries[-1] in out and ARTICLE_EN[0] in out


def test_short_article_above_a_few_entries_drops_them():
    # The same article with four entries below is still an article: the entries go.
    entries = _shop_entries(4)
    page = [*ARTICLE_EN, *entries]
    assert kept(page) == ARTICLE_EN


# CNBC (aeb): the article's last paragraph, then a 'Related' heading a common rule removes
# before detection, then the teasers it heads: near-good lines that would pass for prose.
CNBC_RELATED = [
    "Related",
    "One of the top-performing beauty stocks could surge after 'Kylie Jenner' makeover",
    "Here's where two traders say to invest with the stock market at record highs",
    "Kohl's and Macy's are tanking — four investors weigh in on the retail wreck",
    "This is the best stock to play catch-up to the Dow record rally, traders agree",
]


def _decided_at(page: list[str], *texts: str) -> list[Reason | None]:
    rule = Reason("common/read-also", "pattern", 100.0)
    return [rule if line in texts else None for line in page]


def test_heading_a_rule_removed_still_ends_the_article():
    page = [*ARTICLE_EN, *ARTICLE_EN, *CNBC_RELATED]
    verdicts = detect(page, _decided_at(page, "Related"), [False] * len(page))
    assert all(verdicts[len(ARTICLE_EN) * 2 + k] is not None for k in range(1, len(CNBC_RELATED)))
    assert all(v is None for v in verdicts[: len(ARTICLE_EN) * 2])


def test_read_more_link_after_each_section_does_not_end_the_article():
    # A service page (wcxb-dev): every section's paragraph ends with a 'Read more' link.
    page = [line for para in [*ARTICLE_EN, *ARTICLE_EN] for line in (para, "Read more")]
    verdicts = detect(page, _decided_at(page, "Read more"), [False] * len(page))
    assert all(verdicts[k] is None for k in range(0, len(page), 2))


# SlashGear (aeb 3cb22bfa): after the article's last paragraph, its story timeline, share links and
# headlines of other stories, no heading to end the article; the last lines pass for prose.
SLASHGEAR_TEASERS = [
    "Story Timeline",
    "Audi e-tron GT Concept First Drive: Welcome to the future",
    "2019 Audi e-tron Review: Grading on a Curve",
    "2020 Audi e-tron Sportback Gallery",
    "Facebook",
    "Twitter",
    "Reddit",
    "Topics AudiEVLA Auto Show 2019luxury",
    "Must Read Bits & Bytes",
    "Google Play Store needs more than AI to make app recommendations useful",
    "2020 Audi e-tron Sportback revealed as electric 4-door coupe",
]


def test_title_case_headlines_after_the_last_paragraph_dropped():
    page = [*ARTICLE_EN, *ARTICLE_EN, *SLASHGEAR_TEASERS]
    assert kept(page) == [*ARTICLE_EN, *ARTICLE_EN]
    # --explain names the signal that cut them, not just "outside the region" (the last line lies
    # past the region's end anyway)
    assert {rule_of(page, line) for line in SLASHGEAR_TEASERS[:-1]} == {"generic/teaser-list"}


def test_list_the_article_introduces_or_in_sentence_case_kept():
    # A game's feature list after a line introducing it (aeb) and a checklist (wcxb-dev):
    # the article's own ending, shaped like headlines.
    features = [
        "The third version of the game, out this month for phones and tablets, brings all of the following:",
        "Hundreds Of Cool Erotic Tasks That Will Make Your Sex Life Fuller And More Interesting",
        "Dozens Of Tricky Questions That Will Help You To Know Each Other Better Than Before",
        "Challenges That Need To Be Performed Within A Week, Even After The Game Is Over",
    ]
    checklist = [
        "Celebrate engagement – enjoy the moment, throw an engagement party (optional)",
        "Research and book venue – tour favorites, compare offerings, book the venue; set firm date",
        "Hotel room blocks – reserve blocks at convenient hotels for guests from out of town",
    ]
    for tail in (features, checklist):
        page = [*ARTICLE_EN, *ARTICLE_EN, *tail]
        assert kept(page) == page


# A landing page's offers (wcxb-dev 2852, Together AI): heading, one-line description, 'Learn
# more'.
OFFERS_EN = [
    (
        "Serverless Inference",
        "The fastest way to run open-source models on demand. Powered by cutting-edge inference "
        "research. No infrastructure to manage, no long-term commitments.",
    ),
    (
        "Batch Inference",
        "Cost-effectively process massive workloads asynchronously. Scale to 30 billion tokens per "
        "model with any serverless model or private deployment.",
    ),
    (
        "Dedicated Model Inference",
        "Deploy models on dedicated infrastructure. Purpose-built for teams who need speed, "
        "control, and the best economics in the market.",
    ),
    (
        "Accelerated Compute",
        "Scale from self-serve instant clusters to thousands of GPUs, all optimized for better "
        "performance with Together Kernel Collection.",
    ),
    (
        "Sandbox",
        "Use fast, secure code sandboxes at scale to set up full-scale development environments "
        "for AI apps and agents.",
    ),
    (
        "Managed Storage",
        "High-performance managed storage for AI-native workloads. Object storage and parallel "
        "filesystems optimized for AI, with zero egress fees.",
    ),
    (
        "Fine-Tuning",
        "Fine-tune open-source models for production workloads, using the latest research "
        "techniques. Improve accuracy, reduce hallucinations, and control behavior.",
    ),
]
TEASERS_EN = ["Markets rally on rate hopes", "Five things to watch", "Opinion: the long view"]


def test_landing_page_offers_are_content():
    # Lone one-line descriptions between short headings are feature blocks: the page is cleaned
    # in broad mode, so the headings stay with their descriptions (article mode cut them as
    # short labels among boilerplate); a menu still goes.
    blocks = [line for heading, text in OFFERS_EN for line in (heading, text, "Learn more")]
    page = [*MENU_EN, "Powering every step of the AI development journey", *blocks]
    out = kept(page)
    assert all(heading in out and text in out for heading, text in OFFERS_EN)
    assert not set(MENU_EN) & set(out)


def test_article_paragraphs_in_a_row_are_no_feature_blocks():
    # The same short prose lines one after another are an article's paragraphs: the teasers
    # after it go.
    paras = [text for _, text in OFFERS_EN]
    page = ["Full-stack cloud", *paras, "More from us", *TEASERS_EN]
    out = kept(page)
    assert all(text in out for text in paras)
    assert not set(TEASERS_EN) & set(out)


def test_stoplists_read_from_files_equal_justext_own():
    """The stoplists are read from jusText's folder without importing it: the same sets."""
    import justext

    from cleaner.generic import _read_stoplist, _stoplist_names

    names = _stoplist_names()
    assert names == tuple(sorted(justext.get_stoplists())) and len(names) >= 50
    for name in names:
        assert _read_stoplist(name) == justext.get_stoplist(name), name
