"""Corpus-level views of the mentions: entity counts and the alias table."""
from __future__ import annotations

import pandas as pd

from .. import tables
from .candidates import plain


def count_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the entity_counts table: one row per (canonical, label) with mention and document counts."""
    if mentions is None or len(mentions) == 0:
        return tables.empty("entity_counts")
    df = mentions[["doc_id", "start", "label", "canonical"]]
    grouped = df.groupby(["canonical", "label"], sort=False)
    out = grouped.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
                      first_doc=("doc_id", "first"), first_start=("start", "first")).reset_index()
    out = out.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return tables.conform(out, "entity_counts")


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return every surface form with the canonical name it links to: surface, label, canonical, mentions, documents."""
    cols = ["surface", "label", "canonical", "mentions", "documents"]
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame({"surface": [plain(t) for t in mentions["text"].tolist()], "label": mentions["label"].tolist(),
                       "canonical": mentions["canonical"].tolist(), "doc_id": mentions["doc_id"].tolist()})
    out = df.groupby(["surface", "label", "canonical"], sort=False).agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique")).reset_index()
    return out.sort_values(["canonical", "mentions", "surface"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)[cols]
