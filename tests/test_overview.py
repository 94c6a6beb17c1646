"""Tests of the evaluation views (notebook 04) and corpus overview views (notebook 05) in helpers.analysis and their
figures in helpers.plots: small hand-made tables, and empty inputs that must not raise."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import analysis, evaluate, plots, tables  # noqa: E402

GOLD = {
    "a.txt": {"doc": "a.txt", "source": "corpus/a.txt", "aliases": {},
              "mentions": [{"start": 0, "end": 5, "text": "Biden", "label": "PERSON", "canonical": "Joe Biden"},
                           {"start": 10, "end": 16, "text": "Moscow", "label": "GPE", "canonical": "Moscow"}],
              "quotes": [{"start": 30, "end": 60, "kind": "direct", "speaker": "Joe Biden"}]},
    "b.txt": {"doc": "b.txt", "source": "corpus/b.txt", "mentions": [], "quotes": []},
}


def documents(*rows: tuple) -> pd.DataFrame:
    """A documents table from (doc_id, date, status) tuples."""
    return pd.DataFrame(list(rows), columns=["doc_id", "date", "status"])


def quote_table(*rows: tuple) -> pd.DataFrame:
    """A quotes table from (doc_id, speaker, speaker_mention, speaker_label, n_words) tuples."""
    df = pd.DataFrame(list(rows), columns=["doc_id", "speaker", "speaker_mention", "speaker_label", "n_words"])
    return tables.conform(df.assign(kind="direct", start=0, end=1), "quotes")


EMPTY_QUOTES = tables.empty("quotes")


# ---------------------------------------------------------------- evaluation views
@pytest.mark.parametrize("docs, in_corpus", [
    (documents(("sub/a.txt", "2020-01-01", "ok"), ("b.txt", None, "ok")), [True, True]),
    (documents(("sub/a.txt", "2020-01-01", "ok")), [True, False]),
    (documents(("a.txt", None, "empty")), [False, False]),
    (documents(), [False, False]),
])
def test_gold_coverage_matches_on_base_name(docs, in_corpus):
    cov = analysis.gold_coverage(GOLD, docs)
    assert cov["doc"].tolist() == ["a.txt", "b.txt"]
    assert cov["in_corpus"].tolist() == in_corpus
    assert cov["status"].notna().all()
    assert cov.loc[0, "gold_mentions"] == 2 and cov.loc[0, "gold_quotes"] == 1
    kept = analysis.gold_in_corpus(GOLD, cov)
    assert sorted(kept) == [d for d, ok in zip(["a.txt", "b.txt"], in_corpus) if ok]


def test_score_overview_lists_every_metric_with_its_basis():
    m = pd.DataFrame([dict(doc_id="a.txt", start=0, end=5, label="PERSON", canonical="Joe Biden", text="Biden")])
    table = analysis.score_overview(evaluate.score(GOLD, m, None))
    assert len(table) == len(analysis.SCORE_ROWS)
    row = table[(table.task == "mentions") & (table.metric == "lenient recall")].iloc[0]
    assert row["value"] == 0.5 and row["based on"] == "2 gold / 1 predicted mentions"
    assert analysis.score_overview(evaluate.score({}, None, None))["value"].eq(0).all()


def test_document_scores_renames_and_rounds():
    by_doc = evaluate.score_by_document(GOLD, None, None)
    table = analysis.document_scores(by_doc)
    assert table["doc"].tolist() == ["a.txt", "b.txt"]
    assert {"lenient F1", "quotes F1", "gold mentions"} <= set(table.columns)
    assert table["gold mentions"].tolist() == [2, 0]


ERRORS = pd.DataFrame({"doc": ["a", "a", "b", "b", "b"], "cause": ["spurious", "missed", "spurious", "wrong label", "spurious"],
                       "gold_start": [None, 5, None, 3, None], "pred_start": [9, None, 1, 3, 0]})


@pytest.mark.parametrize("errors, causes, counts", [
    (ERRORS, ["spurious", "missed", "wrong label"], [3, 1, 1]),
    (ERRORS[ERRORS.cause != "spurious"], ["missed", "wrong label"], [1, 1]),  # ties in the documented cause order
    (ERRORS.iloc[:0], [], []),
])
def test_error_causes(errors, causes, counts):
    table = analysis.error_causes(errors)
    assert table["cause"].tolist() == causes and table["errors"].tolist() == counts


@pytest.mark.parametrize("errors, shown, line", [
    (ERRORS, None, "5 mention errors in 2 documents."),
    (ERRORS, 2, "5 mention errors in 2 documents; the first 2 are listed."),
    (ERRORS.iloc[:1], 60, "1 mention error in 1 document."),
    (ERRORS.iloc[:0], 60, "No mention errors."),
])
def test_error_summary(errors, shown, line):
    assert analysis.error_summary(errors, shown=shown) == line


def test_errors_by_cause_groups_rows_in_count_order():
    rows = analysis.errors_by_cause(ERRORS, columns=["cause", "doc", "pred_start"])
    assert rows["cause"].tolist() == ["spurious", "spurious", "spurious", "missed", "wrong label"]
    assert rows["pred_start"].tolist()[:3] == [9, 0, 1]  # by document, then position
    assert analysis.errors_by_cause(evaluate.mention_errors(GOLD, None)).columns.tolist() == analysis.MENTION_ERROR_VIEW
    assert analysis.errors_by_cause(evaluate.quote_errors({}, None)).empty


def test_comparison_views():
    cmp = pd.DataFrame({"mention_lenient_f1": [0.9, 0.5], "quote_f1": [0.7, float("nan")]},
                       index=pd.Index(["project", "baseline"], name="system"))
    wide = analysis.comparison_table(cmp)
    assert wide.loc["mentions lenient F1"].tolist() == [0.9, 0.5, 0.4]
    long = analysis.comparison_long(cmp)
    assert long["metric"].tolist() == ["mentions lenient F1"] * 2  # quotes: the baseline has no score
    assert len(analysis.comparison_long(cmp, complete=False)) == 3  # only the baseline's NaN is left out


# ---------------------------------------------------------------- corpus overview views
@pytest.mark.parametrize("docs, months, counts, sentence", [
    (documents(("a", "2020-01-05", "ok"), ("b", "2020-03-01", "ok"), ("c", "2020-03-09", "ok"), ("d", None, "ok"),
               ("e", "2020-07-01", "binary")),
     ["2020-01", "2020-02", "2020-03"], [1, 0, 2], "3 dated documents on 3 dates from 2020-01-05 to 2020-03-09"),
    (documents(("a", "2023-11-24", "ok")), ["2023-11"], [1], "only one date in this corpus: 2023-11-24"),
    (documents(("a", None, "ok")), [], [], "none with a date"),
    (documents(), [], [], "No analysed documents"),
])
def test_documents_per_month_and_date_summary(docs, months, counts, sentence):
    per_month = analysis.documents_per_month(docs)
    assert per_month["month"].tolist() == months and per_month["documents"].tolist() == counts
    assert sentence in analysis.date_summary(docs)


QUOTES = quote_table(("a", "Joe Biden", "Biden", "PERSON", 10), ("a", None, "experts", "UNNAMED", 5),
                     ("a", None, "he", None, 3), ("b", None, "Officials", "UNNAMED", 4), ("b", None, "officials", "UNNAMED", 2))


@pytest.mark.parametrize("q, kinds", [
    (QUOTES, ["named", "unnamed source", "unresolved", "unnamed source", "unnamed source"]),
    (EMPTY_QUOTES, []),
])
def test_source_kinds(q, kinds):
    assert analysis.source_kinds(q).tolist() == kinds


def test_source_kind_counts_and_per_document_share():
    counts = analysis.source_kind_counts(QUOTES).set_index("source")
    assert counts["quotes"].tolist() == [1, 3, 1] and counts.loc["unnamed source", "words"] == 11
    per_doc = analysis.unnamed_by_document(QUOTES)
    assert per_doc["doc_id"].tolist() == ["b", "a"]
    assert per_doc["share_unnamed"].tolist() == [1.0, 0.333]
    assert per_doc.loc[1, ["named", "unnamed", "unresolved", "quotes"]].tolist() == [1, 1, 1, 3]
    sources = analysis.unnamed_sources(QUOTES)
    assert sources["words"].tolist() == ["officials", "experts"] and sources["quotes"].tolist() == [2, 1]


@pytest.mark.parametrize("view", [analysis.source_kind_counts, analysis.unnamed_by_document, analysis.unnamed_sources])
def test_quote_views_accept_empty_tables(view):
    out = view(EMPTY_QUOTES)
    assert isinstance(out, pd.DataFrame)
    assert out.get("quotes", pd.Series(dtype="int64")).sum() == 0


SPEAKER_MENTIONS = pd.DataFrame([("a", "Joe Biden", "Russia", "GPE", 3), ("b", "Joe Biden", "Russia", "GPE", 1),
                                 ("a", "Joe Biden", "Joe Biden", "PERSON", 2), ("a", "Putin", "Ukraine", "GPE", 1),
                                 ("a", "Putin", "NATO", "ORGANIZATION", 1)],
                                columns=["doc_id", "speaker", "canonical", "label", "count"])


@pytest.mark.parametrize("speakers, keep_empty, rows", [
    (["Putin", "Joe Biden"], False, ["Putin", "Joe Biden"]),
    (["Nobody", "Joe Biden"], False, ["Joe Biden"]),
    (["Nobody", "Joe Biden"], True, ["Nobody", "Joe Biden"]),
    ([], False, []),
])
def test_quoted_speaker_topics(speakers, keep_empty, rows):
    m = analysis.quoted_speaker_topics(SPEAKER_MENTIONS, speakers, keep_empty=keep_empty)
    assert m.index.tolist() == rows
    if "Joe Biden" in rows:
        assert m.loc["Joe Biden", "Russia"] == 4 and "Joe Biden" not in m.columns  # self-mentions left out


def test_speaker_topics_text():
    t = analysis.speaker_topics(SPEAKER_MENTIONS, ["Putin", "Joe Biden", "Nobody"], n=1)
    assert t["talks about"].tolist() == ["NATO (1)", "Russia (4)", ""]
    assert t["entity mentions"].tolist() == [2, 4, 0]
    assert analysis.speaker_topics(SPEAKER_MENTIONS.iloc[:0], ["X"])["entity mentions"].tolist() == [0]


# ---------------------------------------------------------------- figures
@pytest.mark.parametrize("draw", [
    lambda: plots.confusion_heatmap(evaluate.label_confusion(GOLD, None)),
    lambda: plots.confusion_heatmap(pd.DataFrame()),
    lambda: plots.system_comparison_bar(analysis.comparison_long(pd.DataFrame(
        {"mention_lenient_f1": [0.9, 0.5]}, index=["project", "baseline"]))),
    lambda: plots.system_comparison_bar(pd.DataFrame(columns=["system", "metric", "value"])),
    lambda: plots.documents_per_month_bar(analysis.documents_per_month(documents(("a", "2020-01-05", "ok")))),
    lambda: plots.documents_per_month_bar(analysis.documents_per_month(documents())),
    lambda: plots.unnamed_share_hist(analysis.unnamed_by_document(QUOTES)),
    lambda: plots.unnamed_share_hist(analysis.unnamed_by_document(EMPTY_QUOTES)),
    lambda: plots.entity_reach_bar(pd.DataFrame([("Russia", "GPE", 4, 2), ("NATO", "ORGANIZATION", 1, 1)],
                                                columns=["canonical", "label", "mentions", "documents"])),
    lambda: plots.entity_reach_bar(pd.DataFrame(columns=["canonical", "label", "mentions", "documents"])),
])
def test_figures_draw_without_error(draw):
    ax = draw()
    assert ax is not None
    plt.close("all")
