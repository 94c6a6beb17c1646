"""Views of the evaluation for notebook 04: gold coverage, score tables, errors by cause, comparisons."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import paths
from .documents import ANALYSED_STATUSES, counted


SCORE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("mentions", "lenient precision", "mention_lenient_p"), ("mentions", "lenient recall", "mention_lenient_r"),
    ("mentions", "lenient F1", "mention_lenient_f1"), ("mentions", "strict precision", "mention_strict_p"),
    ("mentions", "strict recall", "mention_strict_r"), ("mentions", "strict F1", "mention_strict_f1"),
    ("mentions", "linking accuracy", "linking_acc"), ("mentions", "entity-count F1", "entity_count_f1"),
    ("quotes", "precision", "quote_p"), ("quotes", "recall", "quote_r"), ("quotes", "F1", "quote_f1"),
    ("quotes", "speaker accuracy", "speaker_acc"), ("quotes", "attributed-quote F1", "attributed_quote_f1"),
    ("quotes", "kind accuracy", "kind_acc"),
)
COMPARISON_METRICS: dict[str, str] = {
    "mention_lenient_p": "mentions lenient P", "mention_lenient_r": "mentions lenient R",
    "mention_lenient_f1": "mentions lenient F1", "mention_strict_f1": "mentions strict F1",
    "any_label_lenient_f1": "spans only (any label) F1", "linking_acc": "linking accuracy",
    "entity_count_f1": "entity-count F1", "quote_f1": "quotes F1", "speaker_acc": "speaker accuracy",
}
ERROR_CAUSE_ORDER = ("missed", "spurious", "wrong label", "boundary (partial overlap)", "wrong canonical",
                     "ignored label", "overlap below 50%", "boundary", "wrong speaker", "wrong kind")
MENTION_ERROR_VIEW = ["cause", "gold_text", "gold_label", "gold_canonical", "pred_text", "pred_label", "pred_canonical",
                      "sentence", "doc"]
QUOTE_ERROR_VIEW = ["cause", "gold_kind", "gold_speaker", "gold_speaker_mention", "gold_content", "pred_kind",
                    "pred_speaker", "pred_speaker_mention", "pred_content", "sentence", "doc"]
NOT_IN_CORPUS = "not in corpus"


def gold_coverage(golds: dict[str, dict], documents: pd.DataFrame) -> pd.DataFrame:
    """Return one row per gold document: doc, source, gold mentions and quotes, matching corpus doc_id, status, in_corpus."""
    from ..evaluate import doc_key

    cols = ["doc", "source", "gold_mentions", "gold_quotes", "doc_id", "status", "in_corpus"]
    ids = documents["doc_id"].astype(str).tolist() if len(documents) else []
    statuses = documents["status"].astype(str).tolist() if len(documents) else []
    by_key: dict[str, tuple[str, str]] = {}
    for doc_id, status in zip(ids, statuses):
        by_key.setdefault(doc_key(doc_id), (doc_id, status))
    rows = []
    for key in sorted(golds):
        g = golds[key]
        doc_id, status = by_key.get(key, (None, NOT_IN_CORPUS))
        rows.append((key, g.get("source"), len(g.get("mentions", [])), len(g.get("quotes", [])), doc_id, status,
                     status in ANALYSED_STATUSES))
    return pd.DataFrame(rows, columns=cols).astype({"gold_mentions": "int64", "gold_quotes": "int64",
                                                    "in_corpus": bool})


GOLD_FOLDER = "gold"  # a corpus's own annotations, kept beside its articles (helpers.corpus never reads them)


def find_gold(corpus_dir: str | Path, gold_dir: str | Path | None = None) -> tuple[dict[str, dict], str]:
    """Return the gold annotations for a corpus and one line saying where they came from, or that there are none.

    `gold_dir` None means the corpus's own `gold/` folder. A folder that is missing or holds no usable gold file
    gives ({}, a line saying so): evaluation then has nothing to score.
    """
    from .. import evaluate

    folder = Path(corpus_dir) / GOLD_FOLDER
    if gold_dir is not None:
        try:
            folder = paths.resolve_corpus(gold_dir, what="gold folder")  # relative to the project root, else the cwd
        except FileNotFoundError:
            folder = Path(gold_dir)  # read_gold says it is missing
    where = paths.display_path(folder)
    try:
        golds = evaluate.read_gold(folder)
    except evaluate.GoldError as err:
        return {}, f"No gold annotations for this corpus ({err}): scores are skipped."
    return golds, f"gold:   {where} ({counted(len(golds), 'annotated article')})"


def coverage_line(all_gold: dict[str, dict], gold: dict[str, dict]) -> str:
    """Return one line on how many gold articles are in the corpus and scored (from `gold_in_corpus`)."""
    if not all_gold:
        return "No gold annotations, so nothing is scored below."
    if not gold:
        return (f"None of the {counted(len(all_gold), 'gold article')} is an analysed article of this corpus: "
                "scores are skipped (check that CORPUS_DIR holds the annotated articles).")
    return f"{len(gold)} of {counted(len(all_gold), 'gold article')} are in the corpus and scored below."


def gold_in_corpus(golds: dict[str, dict], coverage: pd.DataFrame) -> dict[str, dict]:
    """Return the gold documents that have an analysed article in the corpus (per `gold_coverage`)."""
    keep = set(coverage.loc[coverage["in_corpus"], "doc"]) if len(coverage) else set()
    return {k: g for k, g in golds.items() if k in keep}


def score_overview(result: dict) -> pd.DataFrame:
    """Return an `evaluate.score` result as a table: task, metric, value, and the counts it rests on."""
    c = result.get("counts", {})
    basis = {"mentions": f"{c.get('m_gold', 0)} gold / {c.get('m_pred', 0)} predicted mentions",
             "quotes": f"{c.get('q_gold', 0)} gold / {c.get('q_pred', 0)} predicted quotes"}
    rows = [(task, name, round(float(result.get(key, 0.0)), 3), basis[task]) for task, name, key in SCORE_ROWS]
    return pd.DataFrame(rows, columns=["task", "metric", "value", "based on"])


def document_scores(by_document: pd.DataFrame) -> pd.DataFrame:
    """Return the main per-article scores of `evaluate.score_by_document`, rounded, one row per gold document."""
    cols = {"doc": "doc", "m_gold": "gold mentions", "m_pred": "predicted mentions",
            "mention_lenient_f1": "lenient F1", "mention_strict_f1": "strict F1", "linking_acc": "linking",
            "entity_count_f1": "entity-count F1", "q_gold": "gold quotes", "q_pred": "predicted quotes",
            "quote_f1": "quotes F1", "speaker_acc": "speaker acc.", "kind_acc": "kind acc."}
    df = by_document.reindex(columns=list(cols)).rename(columns=cols)
    floats = [c for c in df.columns if c not in ("doc",) and not c.startswith(("gold", "predicted"))]
    return df.astype({c: float for c in floats}).round(3).sort_values("doc", kind="stable").reset_index(drop=True)


def _cause_rank(causes: pd.Series) -> pd.Series:
    """Return each cause's position in ERROR_CAUSE_ORDER (unknown causes last)."""
    return causes.map({c: i for i, c in enumerate(ERROR_CAUSE_ORDER)}).fillna(len(ERROR_CAUSE_ORDER)).astype(int)


def error_causes(errors: pd.DataFrame) -> pd.DataFrame:
    """Return the errors per cause: cause, errors, documents, most frequent first (ties in ERROR_CAUSE_ORDER)."""
    if errors.empty:
        return pd.DataFrame({"cause": pd.Series(dtype=object), "errors": pd.Series(dtype="int64"),
                             "documents": pd.Series(dtype="int64")})
    g = errors.groupby("cause").agg(errors=("cause", "size"), documents=("doc", "nunique")).reset_index()
    g = g.assign(_rank=_cause_rank(g["cause"])).sort_values(["errors", "_rank", "cause"], ascending=[False, True, True])
    return g.drop(columns="_rank").reset_index(drop=True)


def error_summary(errors: pd.DataFrame, *, what: str = "mention", shown: int | None = None) -> str:
    """Return one line saying how many errors there are, in how many documents, and how many rows are listed."""
    if errors.empty:
        return f"No {what} errors."
    n, docs = len(errors), errors["doc"].nunique()
    listed = f"; the first {shown} are listed" if shown is not None and shown < n else ""
    return f"{n} {what} error{'s' if n != 1 else ''} in {docs} document{'s' if docs != 1 else ''}{listed}."


def errors_by_cause(errors: pd.DataFrame, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Return the error rows grouped by cause (in `error_causes` order), then by document and position, readable columns only."""
    cols = columns or (QUOTE_ERROR_VIEW if "gold_kind" in errors.columns else MENTION_ERROR_VIEW)
    if errors.empty:
        return errors.reindex(columns=cols).reset_index(drop=True)
    order = {c: i for i, c in enumerate(error_causes(errors)["cause"])}
    pos = errors["gold_start"].fillna(errors["pred_start"])
    df = errors.assign(_rank=errors["cause"].map(order), _pos=pos)
    return df.sort_values(["_rank", "doc", "_pos"], kind="stable")[cols].reset_index(drop=True)


def comparison_table(comparison: pd.DataFrame, *, metrics: dict[str, str] | None = None) -> pd.DataFrame:
    """Return `evaluate.compare` output as metric rows x system columns (rounded), plus the first system's gain over the second."""
    metrics = metrics or COMPARISON_METRICS
    keep = [m for m in metrics if m in comparison.columns]
    df = comparison[keep].T.astype(float).round(3)
    df.index = pd.Index([metrics[m] for m in keep], name="metric")
    df.columns.name = None
    if df.shape[1] >= 2:
        df[f"gain ({df.columns[0]} - {df.columns[1]})"] = (df.iloc[:, 0] - df.iloc[:, 1]).round(3)
    return df


def comparison_long(comparison: pd.DataFrame, *, metrics: dict[str, str] | None = None,
                    complete: bool = True) -> pd.DataFrame:
    """Return `evaluate.compare` output as (system, metric, value) rows; with complete=True only metrics every system has."""
    metrics = metrics or COMPARISON_METRICS
    rows = [(system, label, float(comparison.loc[system, m])) for m, label in metrics.items()
            if m in comparison.columns for system in comparison.index]
    df = pd.DataFrame(rows, columns=["system", "metric", "value"])
    if complete and len(df):
        df = df[df.groupby("metric", sort=False)["value"].transform(lambda v: v.notna().all())]
    return df.dropna(subset=["value"]).reset_index(drop=True)
