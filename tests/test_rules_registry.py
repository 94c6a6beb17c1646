"""The rule registries of helpers.quotes: complete, documented, and every example sentence fires its own rule."""
from __future__ import annotations

import pytest

from helpers import corpus, entities, quotes, text
from helpers.quotes import context, continuation, frames, resolution, speakers, subjects

ALL_RULES = quotes.FRAME_ORDER + quotes.RESOLVER_ORDER


def quotes_of(body: str):
    """The quotes table of a one-paragraph test article, with the pipeline's own entity mentions."""
    raw = "date 2021-03-04\nA test article\n\n" + body
    doc = corpus.make_document("t.txt", raw)
    seg = text.segment(doc.text, doc_id=doc.doc_id, body_start=doc.body_start,
                       title_span=(doc.title_start, doc.title_end))
    return quotes.find_quotes(doc, seg, entities.find_mentions(doc, seg))


def test_every_registered_rule_is_ordered_once():
    frames_listed = [r.name for r in quotes.FRAME_ORDER]
    assert sorted(frames_listed) == sorted(context.FRAMES)
    resolvers_listed = [r.name for r in quotes.RESOLVER_ORDER]
    assert sorted(resolvers_listed) == sorted({**speakers.RESOLVERS, **subjects.RULES, **resolution.RULES})
    assert len(set(frames_listed + resolvers_listed)) == len(frames_listed) + len(resolvers_listed)
    assert [r.name for r in frames.ORDER] == [r.name for _, rules in frames.PASSES for r in rules]
    assert continuation.ORDER and resolution.ORDER and subjects.ORDER


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.name)
def test_rule_is_documented(rule):
    assert rule.doc and rule.construction and 1 <= len(rule.examples) <= 3
    assert rule.kind in ("frame", "resolver", "guard")


EXAMPLES = [pytest.param(r, ex, id=f"{r.name}-{i}") for r in ALL_RULES for i, ex in enumerate(r.examples)]


@pytest.mark.parametrize("rule,example", EXAMPLES)
def test_example_fires_its_rule(rule, example, monkeypatch):
    q = quotes_of(example)
    fired = [tuple(r.split("/")) for r in q["rule"]]
    if rule.kind == "frame":
        assert rule.name in [f for f, _ in fired], fired
    elif rule.kind == "resolver":
        assert rule.name in [r for _, r in fired], fired
    else:  # a guard names nobody: without it, a later resolver takes the phrase it rejects and the quotes change
        monkeypatch.setattr(speakers, "ORDER", tuple(r for r in speakers.ORDER if r is not rule))
        without = quotes_of(example)
        assert list(without["rule"]) != list(q["rule"]) or list(without["speaker"]) != list(q["speaker"])


def test_ordered_rejects_an_incomplete_order():
    from helpers.quotes.registry import ordered

    with pytest.raises(ValueError, match="missing"):
        ordered(speakers.RESOLVERS, [speakers.pronoun])
    with pytest.raises(ValueError, match="unknown"):
        ordered(speakers.RESOLVERS, [quotes_of], partial=True)
