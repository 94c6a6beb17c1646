"""Quotation marks as newspapers write them, statements over paragraphs and statement ids (sentences written by us)."""
from __future__ import annotations

import pytest

from helpers.quotes import quote_spans
from tests.test_quotes import PEOPLE, analyse

PREFIX = "date 2021-03-04\nA test article\n\n"


def direct_rows(body: str) -> list[tuple]:
    q = analyse(body, PEOPLE)["quotes"]
    raw = PREFIX + body
    assert all(raw[s:e] == c for s, e, c in zip(q["start"], q["end"], q["content"]))  # offsets into the raw text
    return [(r.kind, r.speaker, r.content) for r in q.itertuples()]


MARK_CASES = [
    pytest.param("''We will open the bridge in May,'' said Tom Reed.",
                 [("direct", "Tom Reed", "We will open the bridge in May,")], id="two-apostrophes"),
    pytest.param("Anna Berg said, ''The harbour needs a new crane before winter.''",
                 [("direct", "Anna Berg", "The harbour needs a new crane before winter.")], id="two-apostrophes-after-cue"),
    pytest.param("``The harbour needs a new crane,'' Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane,")], id="tex-style"),
    pytest.param("\u201eThe harbour needs a new crane\u201c, Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane")], id="low-high-marks"),
    pytest.param("\u00abThe harbour needs a new crane\u00bb, Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane")], id="guillemets"),
    pytest.param("\u2039The harbour needs a new crane\u203a, Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane")], id="single-guillemets"),
    pytest.param("\u00bbThe harbour needs a new crane\u00ab, Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane")], id="reversed-guillemets"),
    pytest.param("\u201dThe harbour needs a new crane,\u201d Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane,")], id="reversed-opening-mark"),
    pytest.param("\u201c\u201cThe harbour needs a new crane,\u201d Berg said.",
                 [("direct", "Anna Berg", "The harbour needs a new crane,")], id="doubled-opening-mark"),
]


@pytest.mark.parametrize("body, expected", MARK_CASES)
def test_quotation_mark_styles(body, expected):
    assert direct_rows(body) == expected


@pytest.mark.parametrize("text, contents", [
    ("\u00abShe told me \u2039never\u203a twice\u00bb, he said.", ["She told me \u2039never\u203a twice"]),
    ("the players'' union said ''no more games.''", ["no more games."]),
    ("He said ''I'm done'' and left.", ["I'm done"]),
    ("''I told him, 'Stay here,''' she said.", ["I told him, 'Stay here,'"]),
    ("He said: '''No' means no.''", ["'No' means no."]),
    ("''", []),
    ("'' ''", []),
])
def test_quote_spans_pairs_marks(text, contents):
    spans = quote_spans(text, 0, len(text))
    assert [text[q.cstart:q.cend] for q in spans] == contents
    assert all(text[q.close] in "\u00bb'\u201d\"" for q in spans if not q.flags)


@pytest.mark.parametrize("body, expected", [
    pytest.param('Tom Reed told Radio North\'s "Evening Talk" on Sunday.', [], id="show-after-listener"),
    pytest.param('Anna Berg wrote "The Quiet Harbour," a novel about her town.', [], id="title-of-work"),
    pytest.param('Tom Reed appeared on "Good Morning Riga" on Sunday.', [], id="show-name"),
    pytest.param('Anna Berg said: "Nobody Will Stop Us."', [], id="title-cased-slogan"),
    pytest.param('Tom Reed called the new parking fee "The Shopping Tax".', [("direct", "Tom Reed", "The Shopping Tax")],
                 id="term-of-a-naming-verb"),
    pytest.param('Anna Berg said: "We Will Not Stop."', [("direct", "Anna Berg", "We Will Not Stop.")],
                 id="first-person-is-a-statement"),
    pytest.param('Anna Berg said: "Nobody will stop us now."', [("direct", "Anna Berg", "Nobody will stop us now.")],
                 id="sentence-case-is-a-statement"),
])
def test_titles_and_names_in_marks_are_not_statements(body, expected):
    assert direct_rows(body) == expected


@pytest.mark.parametrize("words, expected", [
    ("Morning Joe", True), ("The Art of the Deal.", True), ("Yes", False), ("We Are Back", False),
    ("a very bad deal", False), ("Meet the Press", True), ("Sold out", False), ("What a Great Night!", False),
    ("THE PARTY IS OVER.", False), ("Rivers is a River,", False), ("Mr. Holm, Open This Gate", False),
])
def test_title_like(words, expected):
    from helpers.quotes.marks import title_like

    text = f'x "{words}" y'
    assert title_like(text, quote_spans(text, 0, len(text))[0]) is expected



def statements(body: str) -> list[list[str]]:
    q = analyse(body, PEOPLE)["quotes"]
    assert q["statement_id"].dtype == "int64"
    groups: dict[int, list[str]] = {}
    for sid, content in zip(q["statement_id"], q["content"]):
        groups.setdefault(int(sid), []).append(content)
    return list(groups.values())


@pytest.mark.parametrize("body, expected", [
    pytest.param('"The budget is balanced," Tom Reed said, "and nobody will lose their job."',
                 [["The budget is balanced,", "and nobody will lose their job."]], id="split-by-attribution"),
    pytest.param('"The budget is balanced," Tom Reed said. "Nobody will lose their job."',
                 [["The budget is balanced,", "Nobody will lose their job."]], id="next-sentence"),
    pytest.param('"Nobody told us about the fee," Anna Berg said. "That ends today."',
                 [["Nobody told us about the fee,", "That ends today."]], id="short-continuation"),
    pytest.param('"The budget is balanced," Tom Reed said. He later added: "Nobody will lose their job."',
                 [["The budget is balanced,"], ["Nobody will lose their job."]], id="new-attribution"),
    pytest.param('Anna Berg said: "The first stage of the work is finished.\n\n"The second stage starts in spring."',
                 [["The first stage of the work is finished.", "The second stage starts in spring."]],
                 id="quote-left-open-over-paragraphs"),
    pytest.param('"The first stage is finished," Anna Berg said.\n\n"The second stage starts in spring."',
                 [["The first stage is finished,"], ["The second stage starts in spring."]],
                 id="closed-paragraph-then-quote-paragraph"),
    pytest.param('"The fee is gone," Anna Berg said. "Good."', [["The fee is gone,", "Good."]], id="one-word-sentence"),
    pytest.param('"The fee is gone," Anna Berg said. "Fair" was the word she used.', [["The fee is gone,"]],
                 id="fragment-is-not-continued"),
])
def test_statement_ids(body, expected):
    assert statements(body) == expected


@pytest.mark.parametrize("body, expected", [
    pytest.param('Tom Reed called the strike "irresponsible".', [("direct", "Tom Reed", "irresponsible")],
                 id="naming-verb-object-stays-direct"),  # the development gold's convention
    pytest.param('Tom Reed warned that the strike was "irresponsible".',
                 [("mixed", "Tom Reed", 'the strike was "irresponsible"')], id="warned-that"),
    pytest.param('Anna Berg told reporters that members had "no choice left."',
                 [("mixed", "Anna Berg", 'members had "no choice left."')], id="listener-then-that"),
    pytest.param('Anna Berg described the plan as "a step backwards".', [("direct", "Anna Berg", "a step backwards")],
                 id="described-as"),
    pytest.param('Anna Berg described the plan, which was drawn up in May, as "a step backwards".',
                 [("direct", "Anna Berg", "a step backwards")], id="described-as-after-a-relative-clause"),
    pytest.param('Anna Berg justified the cut, which was agreed in May, as "unavoidable".',
                 [("direct", "Anna Berg", "unavoidable")], id="verb-object-as-term"),
    pytest.param('Anna Berg said the offer was "fair and final".', [("mixed", "Anna Berg", 'the offer was "fair and final"')],
                 id="reported-clause"),
    pytest.param('Tom Reed said on Monday "We are done with the talks."',
                 [("direct", "Tom Reed", "We are done with the talks.")], id="adverbial-before-sentence"),
    pytest.param('Tom Reed told Radio North "we are done with the talks."',
                 [("direct", "Tom Reed", "we are done with the talks.")], id="listener-before-quote"),
    pytest.param('Tom Reed said, "we are done with the talks."', [("direct", "Tom Reed", "we are done with the talks.")],
                 id="comma-before-quote"),
])
def test_reported_clause_with_a_quoted_fragment_is_mixed(body, expected):
    assert direct_rows(body) == expected
