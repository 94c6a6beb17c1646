"""helpers.rules: hit counts of quote frames, speaker resolvers and entity evidence over a corpus or output folder."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers import quotes, rules


def quote_rows(*specs: tuple[str, str, str]) -> pd.DataFrame:
    """A quotes table with the given (doc_id, rule, content) rows."""
    return pd.DataFrame([{"doc_id": d, "rule": r, "content": c} for d, r, c in specs])


def row(counts: pd.DataFrame, part: str, rule: str) -> dict:
    got = counts[(counts["part"] == part) & (counts["rule"] == rule)]
    assert len(got) == 1, (part, rule, counts)
    return got.iloc[0].to_dict()


def test_counts_split_the_rule_column_and_list_rules_that_never_fire():
    q = quote_rows(("a.txt", "leading_cue/person_name", "the bridge   will reopen"),
                   ("a.txt", "leading_cue/pronoun", "prices will fall"),
                   ("b.txt", "continuation/previous_speaker", "We will win."))
    counts = rules.rule_counts_of(q)
    assert list(counts.columns) == rules.COLUMNS
    lead = row(counts, "frame", "leading_cue")
    assert (lead["n"], lead["n_docs"], lead["doc_id"], lead["example"]) == (2, 1, "a.txt", "the bridge will reopen")
    assert lead["share"] == pytest.approx(2 / 3)
    assert row(counts, "resolver", "previous_speaker")["n"] == 1
    never = counts[(counts["n"] == 0)]
    assert {"trailing_cue", "according_to"} <= set(never[never["part"] == "frame"]["rule"])
    assert "source_noun" in set(never[never["part"] == "resolver"]["rule"])
    assert set(counts[counts["part"] == "frame"]["rule"]) >= {r.name for r in quotes.FRAME_ORDER}
    assert "evidence" not in set(counts["part"])  # no mentions table given


def test_unknown_rule_names_are_counted_and_marked_unregistered():
    counts = rules.rule_counts_of(quote_rows(("a.txt", "new_frame/person_name", "text")))
    new = row(counts, "frame", "new_frame")
    assert new["n"] == 1 and not new["registered"]
    assert any("(not in a registry)" in line for line in rules.report_lines(counts))


def test_mention_evidence_is_counted_when_the_table_has_it():
    q = quote_rows(("a.txt", "leading_cue/person_name", "x"))
    m = pd.DataFrame({"doc_id": ["a.txt", "a.txt", "b.txt"], "text": ["Nordbank", "Anna Berg", "Riga"],
                      "evidence": ["head_word", "title", "head_word"]})
    counts = rules.rule_counts_of(q, m)
    head = row(counts, "evidence", "head_word")
    assert (head["n"], head["n_docs"], head["example"], head["registered"]) == (2, 2, "Nordbank", True)
    assert rules.rule_counts_of(q, m.drop(columns="evidence"))["part"].ne("evidence").all()


def test_a_quotes_table_without_rules_is_an_error():
    with pytest.raises(ValueError, match="no `rule` values"):
        rules.rule_counts_of(pd.DataFrame({"doc_id": ["a.txt"], "content": ["x"]}))


ARTICLE = ("date 2021-03-04\nBridge to reopen\n\n"
           "Tom Reed said that the bridge would reopen before the end of the month. \"We are ready,\" he said.\n\n"
           "The repairs will cost far more than planned, officials said on Tuesday.\n")


@pytest.fixture
def small_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_corpus_and_output_folder_give_the_same_counts(small_corpus, tmp_path, capsys):
    from helpers import pipeline

    counts = rules.rule_counts(small_corpus, jobs=1)
    fired = counts[counts["n"] > 0]
    assert {"leading_cue", "quote_then_cue", "trailing_cue"} <= set(fired[fired["part"] == "frame"]["rule"])
    assert {"person_name", "pronoun", "source_noun"} <= set(fired[fired["part"] == "resolver"]["rule"])
    assert set(fired["doc_id"]) == {"bridge.txt"}
    out = tmp_path / "out"
    assert pipeline.main([str(small_corpus), "--out", str(out), "--format", "csv", "--jobs", "1"]) == 0
    pd.testing.assert_frame_equal(rules.rule_counts(out), counts)
    capsys.readouterr()
    assert rules.main([str(out)]) == 0
    printed = capsys.readouterr().out
    assert "leading_cue" in printed and "never fire:" in printed


def test_cli_reports_a_missing_folder(tmp_path, capsys):
    assert rules.main([str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
