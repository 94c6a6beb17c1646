"""Document-level views shared by every notebook: counts in words, the documents table, picking one article, paragraphs as a reader numbers them."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from .. import corpus


def counted(n: int, noun: str, *, plural: str | None = None) -> str:
    """Return `n` with `noun`, in the plural (`plural`, else noun + 's') unless n is 1: '1 document', '3 documents'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents table without the text: one row per document with status and sizes."""
    cols = [c for c in ["doc_id", "date", "title", "status", "error", "n_paragraphs", "n_sentences", "n_tokens"]
            if c in documents.columns]
    return documents[cols].reset_index(drop=True)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Return how many documents have each load/analysis status."""
    c = Counter(documents["status"])
    return pd.DataFrame(sorted(c.items()), columns=["status", "documents"])

def paragraph_positions(paragraphs: pd.DataFrame, *, bins: int = 10) -> pd.DataFrame:
    """Return each body paragraph's index in its document and its relative position bin (0 = first tenth when bins=10)."""
    body = paragraphs
    if "is_title" in body.columns:
        body = body[~body["is_title"].astype(bool)]
    body = body.sort_values(["doc_id", "paragraph_id"])
    idx = body.groupby("doc_id", sort=False).cumcount()
    size = body.groupby("doc_id", sort=False)["paragraph_id"].transform("size")
    rel = ((idx / size) * bins).astype(int).clip(upper=bins - 1) / bins if len(body) else idx * 0.0
    return pd.DataFrame({"doc_id": body["doc_id"].to_numpy(), "paragraph_id": body["paragraph_id"].to_numpy(),
                         "relative": rel.to_numpy(dtype=float)})


def paragraph_numbers(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return each paragraph's number as a reader counts them: doc_id, paragraph_id, paragraph (1 = first body paragraph, 0 = the title line)."""
    cols = ["doc_id", "paragraph_id", "paragraph"]
    if paragraphs is None or paragraphs.empty:
        return pd.DataFrame({"doc_id": pd.Series(dtype=object), "paragraph_id": pd.Series(dtype="int64"),
                             "paragraph": pd.Series(dtype="int64")})
    p = paragraphs.sort_values(["doc_id", "paragraph_id"])
    title = p["is_title"].astype(bool) if "is_title" in p.columns else pd.Series(False, index=p.index)
    number = (~title).astype("int64").groupby(p["doc_id"]).cumsum().where(~title, 0)
    return pd.DataFrame({"doc_id": p["doc_id"].to_numpy(), "paragraph_id": p["paragraph_id"].to_numpy(dtype="int64"),
                         "paragraph": number.to_numpy(dtype="int64")})[cols]


def body_paragraph_count(paragraphs: pd.DataFrame) -> int:
    """Return how many paragraphs a reader counts (the title line left out)."""
    if paragraphs is None or paragraphs.empty:
        return 0
    return int((~paragraphs["is_title"].astype(bool)).sum()) if "is_title" in paragraphs.columns else len(paragraphs)


def locate_paragraphs(spans: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.Series:
    """Return the paragraph_id containing each span's `start` offset (-1 when outside every paragraph)."""
    out = pd.Series(-1, index=spans.index, dtype="int64")
    for doc_id, g in spans.groupby("doc_id", sort=False):
        p = paragraphs[paragraphs["doc_id"] == doc_id].sort_values("start")
        if p.empty:
            continue
        starts, ends, ids = p["start"].to_numpy(), p["end"].to_numpy(), p["paragraph_id"].to_numpy()
        pos = starts.searchsorted(g["start"].to_numpy(), side="right") - 1
        ok = (pos >= 0) & (g["start"].to_numpy() < ends[pos.clip(0)])
        out.loc[g.index] = [int(ids[i]) if k else -1 for i, k in zip(pos, ok)]
    return out


def timeline_counts(rows: pd.DataFrame, key: str, order: list[str], paragraphs: pd.DataFrame, *,
              relative: bool, bins: int, extra: dict) -> pd.DataFrame:
    """Count rows per (key, position); position is the paragraph_id or the relative position bin."""
    rows = rows[rows[key].isin(order)]
    if relative:
        pos = paragraph_positions(paragraphs, bins=bins)
        rows = rows.merge(pos, on=["doc_id", "paragraph_id"], how="inner").assign(position=lambda d: d["relative"])
    else:  # paragraphs as a reader counts them: the first paragraph of the body is 1, a title line 0
        numbers = paragraph_numbers(paragraphs)
        rows = rows.merge(numbers, on=["doc_id", "paragraph_id"], how="left")
        rows = rows.assign(position=rows["paragraph"].fillna(rows["paragraph_id"] + 1).astype("int64"))
    groups = [key, "position"] + ([extra.pop("by")] if "by" in extra else [])
    if rows.empty:
        cols = {c: pd.Series(dtype=object) for c in groups}
        cols["position"] = pd.Series(dtype=float if relative else "int64")
        cols.update({name: pd.Series(dtype="int64") for name in extra})
        return pd.DataFrame(cols)
    g = rows.groupby(groups).agg(**extra).reset_index()
    g["_rank"] = g[key].map({k: i for i, k in enumerate(order)})
    return g.sort_values(["_rank"] + groups[1:]).drop(columns="_rank").reset_index(drop=True)

def pick_document(documents: pd.DataFrame, doc_id: str | None = None) -> pd.Series | None:
    """Return the documents row of `doc_id`, or of the first analysed document (None when no document was analysed)."""
    if doc_id is not None:
        rows = documents[documents["doc_id"] == doc_id]
        if rows.empty:
            raise KeyError(f"no document {doc_id!r} in this corpus (see the documents table for the doc_id values)")
        return rows.iloc[0]
    ok = documents[documents["status"].isin(corpus.ANALYSABLE)]
    return None if ok.empty else ok.iloc[0]


def choose_article(documents: pd.DataFrame, article: str | None) -> tuple[pd.Series | None, str]:
    """Return the documents row of `article` (a doc_id or a file base name) and a line saying which article is shown.

    When `article` is None or not an analysed document of this corpus, the first analysed document is shown and the
    line says so (None and NO_DOCUMENT when nothing was analysed).
    """
    from ..evaluate import doc_key

    ok = documents[documents["status"].isin(corpus.ANALYSABLE)] if len(documents) else documents
    if ok.empty:
        return None, NO_DOCUMENT
    if article:
        hit = ok[(ok["doc_id"] == article) | (ok["doc_id"].map(doc_key) == doc_key(article))]
        if len(hit):
            doc = hit.iloc[0]
            return doc, f"article: {doc.doc_id} ({doc.title or 'no title'}, {doc.date or 'no date'})"
    doc = ok.iloc[0]
    why = f"{article!r} is not an analysed article of this corpus; " if article else ""
    return doc, f"{why}article: {doc.doc_id} ({doc.title or 'no title'}, {doc.date or 'no date'}), the first analysed one"


NO_DOCUMENT = ("No article of this corpus could be analysed (notebook 01 lists each input with its status and "
               "error), so there is nothing to show for a single article.")


def describe_document(doc: pd.Series | None, **counts: int) -> str:
    """Return one line naming a document (title, date) and the given counts, or NO_DOCUMENT when `doc` is None."""
    if doc is None:
        return NO_DOCUMENT
    parts = [counted(n, what[:-1] if what.endswith("s") else what) for what, n in counts.items()]
    return f"document: {doc.doc_id} ({doc.title or 'no title'}, {doc.date or 'no date'})" + "".join(f", {p}" for p in parts)


def document_rows(table: pd.DataFrame, doc: pd.Series | None) -> pd.DataFrame:
    """Return the rows of a per-document table that belong to `doc` (none when `doc` is None)."""
    return table[table["doc_id"] == doc.doc_id] if doc is not None else table.iloc[0:0]


def problem_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the inputs whose status is not `ok`: doc_id, status, analysed (still analysed, e.g. bad_date), error."""
    bad = documents[documents["status"] != "ok"]
    return pd.DataFrame({"doc_id": bad["doc_id"].to_numpy(), "status": bad["status"].to_numpy(),
                         "analysed": bad["status"].isin(corpus.ANALYSABLE).to_numpy(dtype=bool),
                         "error": bad["error"].to_numpy()})

ANALYSED_STATUSES = tuple(sorted(corpus.ANALYSABLE))  # statuses of the documents the pipeline analysed
