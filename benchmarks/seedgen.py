"""Pages in the two seed sites' layouts, generated: fresh headlines, dates and item counts per page.

The layouts are those of ``golden/interfax.com.ua/seed-000.input.txt`` and
``golden/ostro.org/seed-002.input.txt``: an article, then the site's template (ad labels and the
'ЩЕ ЗА ТЕМОЮ'/'ОСТАННЄ' headline lists; or the donation banner, the 'Підтримати' button and the
'Статті' teasers closed by 'Всі статті'). Words come from a fixed vocabulary and a seeded RNG,
so the same arguments give the same pages. Used by the learn benchmark and by tests.
"""

from __future__ import annotations

import random

_VOCABULARY = (
    "міністр оборони україни провів зустріч у києві з партнерами альянсу щодо посилення протиповітряної "
    "оборони уряд затвердив новий порядок виплат громадам прифронтових областей сторони обговорили "
    "поточний стан справ на полі бою та оцінили потенційні загрози експерти наголосили на важливості "
    "спільного виробництва боєприпасів і локалізації оборонної промисловості депутати підтримали "
    "законопроєкт про фінансування шкіл укриттів лікарень мостів доріг енергетики водопостачання міста "
    "області громади волонтери лікарі вчителі інженери будівельники фермери підприємці кредити гранти "
    "бюджет рішення угода програма проєкт реформа засідання делегація переговори допомога розвиток"
)
_WORDS = tuple(_VOCABULARY.split())
_SECTIONS = ("Країна", "Світ", "Донбас", "Освіта", "Економіка", "Культура")
DONATE = "Раніше «ОстроВ» підтримували грантодавці. Сьогодні нашу незалежність збереже тільки Ваша підтримка"


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _headline(rng: random.Random) -> str:
    return _sentence(rng, 6, 12).rstrip(".")


def _stamp(rng: random.Random) -> tuple[str, str]:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2024, 2025, 2026))
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", f"{day:02d}.{month:02d}.{year}"


def article(rng: random.Random, paragraphs: tuple[int, int] = (3, 6)) -> list[str]:
    """A title and paragraphs of prose (each 2-4 sentences of 12-25 words)."""
    body = [" ".join(_sentence(rng, 12, 25) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(*paragraphs))]
    return [_headline(rng), *body]


def interfax_page(rng: random.Random, body: list[str] | None = None) -> str:
    """An interfax.com.ua article page: article, two ad labels, the two headline lists."""
    lines = list(body or article(rng))
    lines += ["Реклама", "Реклама", "ЩЕ ЗА ТЕМОЮ"]
    for _ in range(rng.randint(3, 6)):
        time, date = _stamp(rng)
        lines += [_headline(rng), f"{time}, {date}"]
    lines.append("ОСТАННЄ")
    for _ in range(rng.randint(4, 8)):
        time, date = _stamp(rng)
        lines += [_headline(rng), f"{time}, {date}"]
    return "\n".join(lines) + "\n"


def ostro_page(rng: random.Random, body: list[str] | None = None) -> str:
    """An ostro.org article page: article, donation banner and button, 'Статті' teasers, 'Всі статті'."""
    body = list(body or article(rng))
    lines = [body[0], ""]
    for paragraph in body[1:]:
        lines += [paragraph, ""]
    lines += [DONATE, "", "Підтримати", "", "Статті", ""]
    for _ in range(rng.randint(2, 5)):
        time, date = _stamp(rng)
        lines += [rng.choice(_SECTIONS), date, time, "", _headline(rng), ""]
        if rng.random() < 0.7:
            lines.append(_sentence(rng, 14, 30))
    lines.append("Всі статті")
    return "\n".join(lines) + "\n"


def pages(site: str, count: int, seed: int = 0) -> list[str]:
    """``count`` pages of 'interfax' or 'ostro' layout."""
    rng = random.Random(f"{site}-{seed}")
    make = interfax_page if site == "interfax" else ostro_page
    return [make(rng) for _ in range(count)]
