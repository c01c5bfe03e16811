"""A documentation page keeps its code examples and the text after them; a reference list does not read as code.

fixtures/generic/docs-code.txt is a real page of the dev set (wcxb-dev 0665, Celery's
'Monitoring and Management Guide', CC-BY-4.0): its navigation, then a section where prose and
one-line code examples alternate. Code has few stopwords, so each example counted as boilerplate
and cut the article after the first: the rest of the guide went as generic/outside.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.generic.lines import _is_code

DOCS = Path(__file__).parent / "fixtures" / "generic" / "docs-code.txt"


def test_code_examples_and_the_guide_after_them_kept(cli):
    proc = cli("clean", DOCS, "--explain", "--explain-format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    seen = {r["text"]: r["verdict"] for r in map(json.loads, proc.stderr.decode().splitlines())}
    code = [t for t in seen if t.startswith(("from celery import Celery", "from pprint import pformat"))]
    assert len(code) == 4 and all(seen[t] == "keep" for t in code)
    for prose in (
        "Combining these you can easily process events in real-time:",
        "This list contains the events sent by the worker, and their arguments.",
    ):
        assert seen[prose] == "keep", prose
    assert seen["modules |"] != "keep" and seen["Celery 5.6.2 documentation »"] != "keep"


@pytest.mark.parametrize(
    "line",
    [
        "from celery import Celery def my_monitor(app): state = app.events.State()",
        "$ celery -A proj events -c myapp.Camera --frequency=2.0",
        "import numpy as np iris_data = pd.read_csv('iris_dataset.csv')",
        "const TodoList: React.FC = () => { const [todos, setTodos] = useState([]); }",
    ],
)
def test_code_reads_as_code(line):
    assert _is_code(line)


@pytest.mark.parametrize(
    "line",
    [
        # A reference list, a keyword line, a menu, a leaked ad's markup (wcxb-dev, big9-dev).
        "Eisenberg D, Downs MF, Golberstein E, Zivin K. Stigma and help seeking for mental health "
        "among college students. Med Care Res Rev 2009 Oct;66(5):522-541. [CrossRef] [Medline]",
        "meditation; mental health; mindfulness; smartphone; technology; mobile phone",
        "Home News Sport Business Innovation Culture Travel Earth Video Live",
        '<a href="https://adserver.example/event.ng/Type=click&amp;FlightID=518435&amp;AdID=1">',
    ],
)
def test_other_lines_with_few_stopwords_do_not(line):
    assert not _is_code(line)
