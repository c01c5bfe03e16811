"""WordPress's reply form heading ends the article, with its cancel link on the same line.

A real excerpt of the dev set (aeb b6fb53e9, an Italian blog): the post, the author's box, then
'Lascia un commento Annulla risposta' ('Leave a Reply Cancel reply' in English themes), the
login note, the search box and the cookie notice. The heading with its link was no section end,
so the region ran on to the footer.
"""

from __future__ import annotations

from tests.conftest import text_verdicts as verdicts

PAGE = [
    "Remake serie animata de “I Cavalieri dello Zodiaco” per Netflix",
    "2.289",
    "letture",
    "Nessun commento",
    "Facebook",
    "0",
    "Twitter",
    "Pinterest",
    "0",
    "email",
    "Cartoni",
    "02 Ago 2017",
    (
        "E’ stato annunciato in queste ore che Netflix, il servizio di streaming a pagamento, "
        "ospiterà il remake in computer grafica della serie animata cult degli anni ’80 “I "
        "Cavalieri dello Zodiaco“, prodotta da Toei Animation sulla base del manga originale di "
        "Masami Kurumada."
    ),
    (
        "Gli appassionati di “Saint Seiya” sono già sul piede di guerra, dopo il primo "
        "esperimento, pietoso sotto tutti i punti di vista, de “La leggenda del Grande Tempio”, "
        "datato 2014. Le uniche speranze dei fan sono un adattamento il più verosimile "
        "all’originale e la garanzia di qualità che può fornire Netflix, come dimostra la prima "
        "stagione di “Castlevania”, che ha riscosso un notevole successo ed ha appagato gli "
        "amanti del videogioco."
    ),
    "Leggi anche",
    "I Cavalieri dello Zodiaco diventeranno un film: lo faranno i produttori de ‘Il Signore degli Anelli’?",
    (
        "Tornando al remake, il titolo provvisorio è “Knights of the Zodiac – Saint Seiya” e la "
        "prima stagione dovrebbe essere di 12 episodi, che conterranno il periodo che intercorre "
        "dalla Guerra Galattica ai Cavalieri d’Argento. Chissà per quanto ancora riusciranno a "
        "spremere il brand de “I Cavalieri dello Zodiaco”?!"
    ),
    "(Leggi anche su: I Cavalieri dello Zodiaco: ecco gli attori che interpreteranno Pegasus e co –FOTO)",
    "rmb8090",
    "Siamo un memorabilia del meglio dei fantastici 80/90!",
    "Lascia un commento Annulla risposta",
    "Devi essere connesso per inviare un commento.",
    "Cerca:",
    "Search",
    (
        "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul "
        "nostro sito. Se continui ad utilizzare questo sito noi assumiamo che tu ne sia felice.Ok"
    ),
]


def test_reply_form_heading_with_its_cancel_link_ends_the_article(cli):
    seen = verdicts(cli, PAGE)
    form = PAGE.index("Lascia un commento Annulla risposta")
    assert seen[PAGE[form]] == "generic/section-end"
    assert all(seen[line] != "keep" for line in PAGE[form:]), {line[:30]: seen[line] for line in PAGE[form:]}
    paragraphs = [line for line in PAGE[:form] if len(line) > 200]
    assert len(paragraphs) == 3
    assert all(seen[line] == "keep" for line in paragraphs)


def test_english_and_portuguese_forms_too(cli):
    # The same page with the English and the Portuguese theme's heading.
    form = PAGE.index("Lascia un commento Annulla risposta")
    for heading in ("Leave a Reply Cancel reply", "Deixe uma resposta Cancelar resposta"):
        page = [*PAGE[:form], heading, *PAGE[form + 1 :]]
        seen = verdicts(cli, page)
        assert seen[heading] == "generic/section-end"
        assert all(seen[line] != "keep" for line in page[form:])
