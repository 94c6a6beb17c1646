"""View functions of notebooks 02 and 03 (helpers.analysis, helpers.render) on small hand-made tables."""
from __future__ import annotations

import html
import re

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from helpers import analysis, plots, render  # noqa: E402


def mentions_df(rows):
    """rows: (doc_id, sentence_id, start, text, label, canonical)."""
    cols = ["doc_id", "sentence_id", "start", "text", "label", "canonical"]
    df = pd.DataFrame(rows, columns=cols)
    df["end"] = df["start"] + df["text"].str.len()
    df["mention_id"] = df.groupby("doc_id").cumcount()
    return df


def quotes_df(rows):
    """rows: (doc_id, paragraph_id, start, end, kind, cue, speaker, speaker_mention, label, n_words, sentiment)."""
    cols = ["doc_id", "paragraph_id", "start", "end", "kind", "cue", "speaker", "speaker_mention", "speaker_label",
            "n_words", "sentiment"]
    df = pd.DataFrame(rows, columns=cols)
    df["quote_id"] = df.groupby("doc_id").cumcount()
    df["content"] = "x"
    return df


MENTIONS = mentions_df([
    ("a", 0, 0, "Russia", "GPE", "Russia"), ("a", 0, 10, "Putin", "PERSON", "Vladimir Putin"),
    ("a", 0, 20, "Russia", "GPE", "Russia"),  # repeated in the same sentence: counts once
    ("a", 1, 40, "Vladimir Putin", "PERSON", "Vladimir Putin"), ("a", 1, 60, "Israel", "GPE", "Israel"),
    ("a", 2, 80, "Israel", "GPE", "Israel"), ("a", 2, 90, "Russia", "GPE", "Russia"),
    ("b", 0, 0, "Russia", "GPE", "Russia"), ("b", 0, 9, "Putin", "PERSON", "Vladimir Putin"),
    ("b", 1, 30, "Georgia", "GPE", "Georgia"), ("b", 2, 50, "Georgia", "PERSON", "Georgia May"),
])
EMPTY_MENTIONS = MENTIONS.iloc[0:0]
PARAGRAPHS = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"], "paragraph_id": [0, 1, 2, 0, 1],
                           "start": [0, 35, 75, 0, 25], "end": [30, 70, 100, 20, 60],
                           "is_title": [False] * 5, "is_heading": [False] * 5})


# ---------------------------------------------------------------- entities
def test_cooccurrence_counts_each_sentence_once():
    pairs = analysis.cooccurrence_pairs(MENTIONS)
    got = {(a, b): (n, d) for a, b, n, d in pairs.itertuples(index=False)}
    assert got == {("Russia", "Vladimir Putin"): (2, 2), ("Israel", "Vladimir Putin"): (1, 1),
                   ("Israel", "Russia"): (1, 1)}
    assert pairs.iloc[0][["entity_a", "entity_b"]].tolist() == ["Russia", "Vladimir Putin"]


@pytest.mark.parametrize("entities, expected", [
    (["Russia", "Vladimir Putin", "Israel"], [[0, 2, 1], [2, 0, 1], [1, 1, 0]]),
    (["Israel", "Russia"], [[0, 1], [1, 0]]),
    (["Georgia"], [[0]]),
])
def test_cooccurrence_matrix_is_symmetric(entities, expected):
    m = analysis.cooccurrence_matrix(analysis.cooccurrence_pairs(MENTIONS), entities)
    assert m.index.tolist() == entities == m.columns.tolist()
    assert m.to_numpy().tolist() == expected


@pytest.mark.parametrize("func", [analysis.cooccurrence_pairs, analysis.label_counts, analysis.count_entities,
                                  analysis.alias_table])
def test_entity_views_empty(func):
    out = func(EMPTY_MENTIONS)
    assert out.empty and len(out.columns) > 0


def test_cooccurrence_matrix_empty():
    m = analysis.cooccurrence_matrix(analysis.cooccurrence_pairs(EMPTY_MENTIONS), ["A", "B"])
    assert m.to_numpy().tolist() == [[0, 0], [0, 0]]


def test_label_counts_and_top_entities():
    lc = analysis.label_counts(MENTIONS)
    assert lc["label"].tolist() == ["PERSON", "GPE"]  # documented label order
    assert lc.set_index("label").loc["GPE"].tolist() == [7, 3, 2]
    top = analysis.top_entities(analysis.count_entities(MENTIONS), n=1)
    assert top[["canonical", "label", "mentions"]].values.tolist() == [
        ["Vladimir Putin", "PERSON", 3], ["Russia", "GPE", 4]]
    by_docs = analysis.top_entities(analysis.count_entities(MENTIONS), n=2, per_label=False, by="documents")
    assert by_docs["canonical"].tolist() == ["Russia", "Vladimir Putin"]


def test_alias_table_lists_every_surface_form():
    at = analysis.alias_table(MENTIONS)
    assert at["mentions"].sum() == len(MENTIONS)
    putin = at[at["canonical"] == "Vladimir Putin"]
    assert putin["surface"].tolist() == ["Vladimir Putin", "Putin"]  # the canonical form first, then by count
    assert putin["mentions"].tolist() == [1, 2]
    assert at.iloc[0]["canonical"] == "Russia"  # most mentioned entity first
    assert at.loc[at["surface"] == "Georgia", "ambiguous"].tolist() == [True, True]
    assert not at.loc[at["surface"] == "Russia", "ambiguous"].any()


@pytest.mark.parametrize("relative, expected", [
    (False, [("Russia", 1, 3), ("Russia", 3, 1)]),  # paragraph numbers (from 1, as a reader counts) summed over a and b
    (True, [("Russia", 0.0, 3), ("Russia", 0.6, 1)]),  # a has 3 paragraphs (bins 0, .3, .6), b has 2 (0, .5)
])
def test_entity_timeline(relative, expected):
    tl = analysis.entity_timeline(MENTIONS, PARAGRAPHS, entities=["Russia"], relative=relative)
    assert list(tl.itertuples(index=False, name=None)) == expected


def test_entity_timeline_paragraph_positions_and_order():
    tl = analysis.entity_timeline(MENTIONS[MENTIONS.doc_id == "a"], PARAGRAPHS, n=3)
    assert list(dict.fromkeys(tl["canonical"])) == ["Russia", "Israel", "Vladimir Putin"]  # most mentioned first, ties by name
    assert tl[tl.canonical == "Vladimir Putin"][["position", "mentions"]].values.tolist() == [[1, 1], [2, 1]]
    assert analysis.entity_timeline(EMPTY_MENTIONS, PARAGRAPHS).empty


def test_actor_folds_and_counts():
    actors = MENTIONS.assign(actor=MENTIONS["canonical"], actor_label=MENTIONS["label"], fold_rule="")
    actors.loc[actors.index[-1], ["actor", "actor_label", "fold_rule"]] = ["Russia", "GPE", "test rule"]
    folds = analysis.actor_folds(actors)
    assert folds[["text", "actor", "fold_rule", "count"]].values.tolist() == [["Georgia", "Russia", "test rule", 1]]
    counts = analysis.actor_counts(actors, n=1)
    assert counts.iloc[0][["actor", "mentions", "as_written", "folded"]].tolist() == ["Russia", 5, 4, 1]
    assert analysis.actor_folds(actors.iloc[0:0]).empty


# ---------------------------------------------------------------- quotes
QUOTES = quotes_df([
    ("a", 1, 10, 20, "direct", "said", "Ann Lee", "Lee", "PERSON", 10, 0.5),
    ("a", 2, 30, 40, "indirect", "told", "Ann Lee", "she", "PERSON", 6, -0.2),
    ("a", 2, 50, 60, "mixed", "added", "Bob Roy", "Roy", "PERSON", 4, 0.0),
    ("a", 3, 70, 80, "indirect", "said", "", "experts", "UNNAMED", 5, 0.1),
    ("b", 0, 0, 5, "direct", "", "Ann Lee", "", "PERSON", 3, 0.0),
])


def test_speaker_names():
    assert analysis.speaker_names(QUOTES).tolist() == ["Ann Lee", "Ann Lee", "Bob Roy", "unnamed: experts", "Ann Lee"]
    q = QUOTES.iloc[[0]].assign(speaker=None, speaker_mention=None)
    assert analysis.speaker_names(q).tolist() == [analysis.UNATTRIBUTED]


@pytest.mark.parametrize("n, expected", [
    (None, [["Ann Lee", 13, 6, 0, 19, 3], ["unnamed: experts", 0, 5, 0, 5, 1], ["Bob Roy", 0, 0, 4, 4, 1]]),
    (1, [["Ann Lee", 13, 6, 0, 19, 3], ["(other 2 speakers)", 0, 5, 4, 9, 2]]),
])
def test_share_of_voice(n, expected):
    sov = analysis.share_of_voice(QUOTES, n=n)
    assert sov.drop(columns="share").values.tolist() == expected
    assert sov["share"].sum() == pytest.approx(1.0, abs=0.002)
    assert sov["share"].iloc[0] == pytest.approx(19 / 28, abs=0.001)


@pytest.mark.parametrize("relative, expected", [
    (False, [["Ann Lee", 1, "direct", 1, 3], ["Ann Lee", 2, "direct", 1, 10], ["Ann Lee", 3, "indirect", 1, 6]]),
])
def test_speaker_timeline(relative, expected):
    tl = analysis.speaker_timeline(QUOTES, PARAGRAPHS, relative=relative)
    assert tl[tl.speaker == "Ann Lee"].values.tolist() == expected
    assert list(dict.fromkeys(tl["speaker"])) == ["Ann Lee", "unnamed: experts", "Bob Roy"]


def test_cue_verb_counts_lemmatised_by_kind():
    cues = analysis.cue_verb_counts(QUOTES)
    assert cues.values.tolist() == [["say", 1, 1, 0, 2], ["add", 0, 0, 1, 1], ["tell", 0, 1, 0, 1]]
    assert analysis.cue_lemma("told reporters", analysis.cue_lemmas()) == "tell"
    assert analysis.cue_lemma("Exclaimed", {}) == "exclaimed"


def test_speaker_mention_matrix():
    sm = pd.DataFrame({"doc_id": ["a", "a", "a", "a"], "speaker": ["Ann Lee", "Ann Lee", "experts", "Ann Lee"],
                       "canonical": ["Russia", "Israel", "Russia", "Ann Lee"], "label": ["GPE", "GPE", "GPE", "PERSON"],
                       "count": [2, 1, 1, 5]})
    speakers = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["Ann Lee", "experts"], "is_named": [True, False]})
    m = analysis.speaker_mention_matrix(sm, speakers=speakers)
    assert m.index.tolist() == ["Ann Lee", "unnamed: experts"]
    assert m.columns.tolist() == ["Russia", "Israel"]  # self-mention left out
    assert m.to_numpy().tolist() == [[2, 1], [1, 0]]
    assert analysis.speaker_mention_matrix(sm.iloc[0:0]).empty


def test_quote_and_speaker_sentiment():
    per = analysis.quote_sentiment(QUOTES, n=1)
    assert per["speaker"].unique().tolist() == ["Ann Lee"] and len(per) == 3
    summary = analysis.speaker_sentiment(QUOTES, short=5)
    row = summary.set_index("speaker").loc["Ann Lee"]
    assert row["mean"] == pytest.approx(0.1) and row["short_quotes"] == 1


@pytest.mark.parametrize("role, descriptor, named, expected", [
    ("President", "US President", True, "official / politician"),
    ("defence expert; senior analyst", "", True, "expert / academic"),
    ("associate professor", "", True, "expert / academic"),
    ("", "an economists' group member", True, "expert / academic"),  # descriptor used when the role is empty
    ("former minister and analyst", "", True, "official / politician"),  # first category in file order wins
    ("spokeswoman", "", True, "spokesperson / representative"),
    ("voice actor", "US voice actor", True, "other"),
    ("", "", True, "other"),
    (None, None, True, "other"),
    ("expert", "experts", False, "unnamed source"),
])
def test_role_category(role, descriptor, named, expected):
    assert analysis.role_category(role, descriptor, named=named) == expected


def test_role_words_file_is_documented_and_clean():
    rw = analysis.load_role_words()
    assert not rw["word"].duplicated().any()
    assert set(rw["category"]) >= {"official / politician", "expert / academic"}
    assert (rw["word"] == rw["word"].str.lower()).all()


def test_speaker_roles_and_category_counts():
    speakers = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"], "speaker": ["Ann Lee", "Bob Roy", "experts", "Ann Lee"],
        "is_named": [True, True, False, True], "descriptor": ["a professor", "", "", "a professor"],
        "role": ["professor", "", "", "professor"], "affiliation": ["Uni", "", "", "Uni"],
        "n_quotes": [2, 1, 1, 1], "n_words": [16, 4, 5, 3]})
    roles = analysis.speaker_roles(speakers)
    assert roles[["speaker", "category", "documents", "n_quotes", "n_words"]].values.tolist() == [
        ["Ann Lee", "expert / academic", 2, 3, 19], ["unnamed: experts", "unnamed source", 1, 1, 5],
        ["Bob Roy", "other", 1, 1, 4]]
    counts = analysis.role_category_counts(roles)
    assert counts["category"].tolist() == ["expert / academic", "unnamed source", "other"]
    assert analysis.speaker_roles(speakers.iloc[0:0]).empty
    assert analysis.role_category_counts(analysis.speaker_roles(speakers.iloc[0:0])).empty


def test_most_quoted_and_source_kinds():
    most = analysis.most_quoted(QUOTES)
    assert most.values.tolist() == [["Ann Lee", "PERSON", 3, 19, 2], ["Bob Roy", "PERSON", 1, 4, 1]]
    share = analysis.source_kind_counts(QUOTES).set_index("source")
    assert share.loc["unnamed source", ["quotes", "words", "documents"]].tolist() == [1, 5, 1]
    assert share.loc["named", "share_of_quotes"] == pytest.approx(0.8)


@pytest.mark.parametrize("func", [analysis.share_of_voice, analysis.cue_verb_counts, analysis.quote_sentiment,
                                  analysis.speaker_sentiment, analysis.most_quoted, analysis.quotes_view])
def test_quote_views_empty(func):
    out = func(QUOTES.iloc[0:0])
    assert out.empty and len(out.columns) > 0


def test_empty_quote_views_with_positions():
    assert analysis.speaker_timeline(QUOTES.iloc[0:0], PARAGRAPHS).empty
    assert analysis.source_kind_counts(QUOTES.iloc[0:0])["quotes"].tolist() == [0, 0, 0]


# ---------------------------------------------------------------- HTML highlighting
TEXT = 'Intro <b> & co.\n\n"Tom & Jerry <3," said Ann. Bob said prices < costs.'


def _quotes_for(text):
    s1 = text.index("Tom")
    e1 = text.index('<3,') + 3
    s2 = text.index("prices")
    return quotes_df([
        ("a", 1, s1, e1, "direct", "said", "Ann Lee", "Ann", "PERSON", 4, 0.0),
        ("a", 1, s2, len(text) - 1, "indirect", "said", "", "Bob", "UNNAMED", 3, 0.0),
    ])


def _strip(html_text):
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@pytest.mark.parametrize("start, end", [(0, None), (5, None), (0, 30), (18, 40)])
def test_highlight_keeps_text_and_escapes(start, end):
    q = _quotes_for(TEXT)
    out = render.highlight_quotes_html(TEXT, q, start=start, end=end, legend=False)
    assert _strip(out) == TEXT[start:end]
    body = re.sub(r"<[^>]+>", "", out)
    assert "<b>" not in body and "<3" not in body and " & " not in body  # escaped in the markup


def test_highlight_colours_per_speaker_and_legend():
    q = _quotes_for(TEXT)
    out = render.highlight_quotes_html(TEXT, q)
    spans = re.findall(r'<span style="([^"]*)" title="([^"]*)">([^<]*)</span>', out)
    assert [html.unescape(t) for _, _, t in spans] == ["Tom & Jerry <3,", "prices < costs"]
    colours = render.speaker_colours(["Ann Lee", "unnamed: bob"])
    assert colours["Ann Lee"] in spans[0][0] and colours["unnamed: bob"] in spans[1][0]
    assert "Ann Lee (1)" in out and "unnamed: bob (1)" in out  # legend with quote counts
    assert "dotted" in spans[1][0] and "dotted" not in spans[0][0]  # indirect quotes underlined


def test_highlight_overlapping_and_empty():
    q = _quotes_for(TEXT)
    overlap = pd.concat([q, q.iloc[[0]].assign(start=q.start.iloc[0] + 2, end=q.end.iloc[0] + 4)], ignore_index=True)
    assert _strip(render.highlight_quotes_html(TEXT, overlap, legend=False)) == TEXT
    out = render.highlight_quotes_html(TEXT, q.iloc[0:0])
    assert _strip(out.split("</div>", 1)[1]) == TEXT and "none" in out


# ---------------------------------------------------------------- figures accept empty and small tables
@pytest.mark.parametrize("draw", [
    lambda: plots.label_counts_bar(analysis.label_counts(MENTIONS)),
    lambda: plots.top_entities_bar(analysis.top_entities(analysis.count_entities(MENTIONS))),
    lambda: plots.cooccurrence_heatmap(analysis.cooccurrence_matrix(analysis.cooccurrence_pairs(MENTIONS),
                                                                    ["Russia", "Israel"])),
    lambda: plots.entity_timeline_plot(analysis.entity_timeline(MENTIONS, PARAGRAPHS), n_paragraphs=3),
    lambda: plots.share_of_voice_bar(analysis.share_of_voice(QUOTES)),
    lambda: plots.speaker_timeline_plot(analysis.speaker_timeline(QUOTES, PARAGRAPHS)),
    lambda: plots.cue_verbs_bar(analysis.cue_verb_counts(QUOTES)),
    lambda: plots.sentiment_strip(analysis.quote_sentiment(QUOTES)),
    lambda: plots.most_quoted_bar(analysis.most_quoted(QUOTES)),
    lambda: plots.share_of_voice_bar(analysis.share_of_voice(QUOTES.iloc[0:0])),
    lambda: plots.cue_verbs_bar(analysis.cue_verb_counts(QUOTES.iloc[0:0])),
    lambda: plots.sentiment_strip(analysis.quote_sentiment(QUOTES.iloc[0:0])),
    lambda: plots.label_counts_bar(analysis.label_counts(EMPTY_MENTIONS)),
    lambda: plots.speaker_mentions_heatmap(pd.DataFrame(dtype="int64")),
])
def test_figures_draw(draw):
    import matplotlib.pyplot as plt

    ax = draw()
    assert ax.get_title()
    plt.close("all")


def test_share_of_voice_without_other_row():
    sov = analysis.share_of_voice(QUOTES, n=1, other=False)
    assert sov["speaker"].tolist() == ["Ann Lee"] and sov["share"].iloc[0] == pytest.approx(19 / 28, abs=0.001)
