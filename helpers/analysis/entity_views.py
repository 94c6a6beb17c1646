"""Views of the entity tables for notebook 02: label counts, top entities, co-occurrence, timelines, aliases, actors."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from .documents import locate_paragraphs, timeline_counts


LABEL_ORDER = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "NORP")
ENTITY_COUNT_COLUMNS = ["canonical", "label", "mentions", "documents"]


def _label_rank(labels: pd.Series) -> pd.Series:
    """Return each label's position in LABEL_ORDER (unknown labels last)."""
    return labels.map({lab: i for i, lab in enumerate(LABEL_ORDER)}).fillna(len(LABEL_ORDER)).astype(int)


def label_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return, per entity label, the number of mentions, distinct entities and documents (in LABEL_ORDER)."""
    if mentions.empty:
        return pd.DataFrame({"label": pd.Series(dtype=object), "mentions": pd.Series(dtype="int64"),
                             "entities": pd.Series(dtype="int64"), "documents": pd.Series(dtype="int64")})
    g = mentions.groupby("label").agg(mentions=("canonical", "size"), entities=("canonical", "nunique"),
                                      documents=("doc_id", "nunique")).reset_index()
    g = g.assign(_rank=_label_rank(g["label"])).sort_values(["_rank", "label"])
    return g.drop(columns="_rank").reset_index(drop=True)


def count_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return mentions and documents per entity (canonical, label), most mentioned first, ties alphabetical."""
    from .. import entities

    counts = entities.count_entities(mentions)[ENTITY_COUNT_COLUMNS]
    counts = counts.sort_values(["mentions", "documents", "canonical", "label"], ascending=[False, False, True, True])
    return counts.reset_index(drop=True)


def top_entities(entity_counts: pd.DataFrame, *, n: int = 10, per_label: bool = True, by: str = "mentions",
                 labels: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return the `n` entities with most `by` (mentions or documents), per label (in LABEL_ORDER) or overall."""
    other = "documents" if by == "mentions" else "mentions"
    df = entity_counts[ENTITY_COUNT_COLUMNS]
    if labels is not None:
        df = df[df["label"].isin(labels)]
    df = df.sort_values([by, other, "canonical", "label"], ascending=[False, False, True, True])
    if per_label:
        df = df.groupby("label", sort=False).head(n)
        df = df.assign(_rank=_label_rank(df["label"])).sort_values(
            ["_rank", "label", by, other, "canonical"], ascending=[True, True, False, False, True]).drop(columns="_rank")
    else:
        df = df.head(n)
    return df.reset_index(drop=True)


def entity_coverage(entity_counts: pd.DataFrame, n_documents: int, *, n: int = 20) -> pd.DataFrame:
    """Return the `n` entities found in most documents, with the share of the corpus's documents they appear in."""
    df = top_entities(entity_counts, n=n, per_label=False, by="documents")
    share = df["documents"] / n_documents if n_documents else df["documents"] * 0.0
    return df.assign(share_of_documents=share.round(3))


def cooccurrence_pairs(mentions: pd.DataFrame, *, unit: tuple[str, ...] = ("doc_id", "sentence_id"),
                       entities: list[str] | None = None) -> pd.DataFrame:
    """Return every pair of entities named in the same unit (default: sentence): entity_a, entity_b, units, documents."""
    cols = ["entity_a", "entity_b", "sentences" if unit[-1] == "sentence_id" else "units", "documents"]
    df = mentions if entities is None else mentions[mentions["canonical"].isin(entities)]
    counts: Counter = Counter()
    docs: dict[tuple[str, str], set] = {}
    for key, g in df.groupby(list(unit), sort=True):
        names = sorted(set(g["canonical"]))
        doc = key[0] if isinstance(key, tuple) else key
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                counts[(a, b)] += 1
                docs.setdefault((a, b), set()).add(doc)
    rows = [(a, b, c, len(docs[(a, b)])) for (a, b), c in counts.items()]
    out = pd.DataFrame(rows, columns=cols)
    out = out.astype({cols[2]: "int64", "documents": "int64"})
    return out.sort_values([cols[2], "documents", "entity_a", "entity_b"],
                           ascending=[False, False, True, True]).reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    """Return a symmetric entity x entity table of co-occurrence counts for `entities` (in that order; 0 on the diagonal)."""
    value = pairs.columns[2] if len(pairs.columns) > 2 else "sentences"
    m = pd.DataFrame(0, index=pd.Index(entities, name="entity"), columns=pd.Index(entities, name="entity"), dtype="int64")
    keep = set(entities)
    for a, b, c in zip(pairs.get("entity_a", []), pairs.get("entity_b", []), pairs.get(value, [])):
        if a in keep and b in keep:
            m.loc[a, b] = m.loc[b, a] = int(c)
    return m

def entity_timeline(mentions: pd.DataFrame, paragraphs: pd.DataFrame, *, n: int = 8, entities: list[str] | None = None,
                    relative: bool = False, bins: int = 10) -> pd.DataFrame:
    """Return mentions of the `n` most mentioned entities per paragraph (or relative position bin): canonical, position, mentions."""
    order = entities if entities is not None else count_entities(mentions)["canonical"].drop_duplicates().head(n).tolist()
    rows = mentions.assign(paragraph_id=locate_paragraphs(mentions, paragraphs))
    return timeline_counts(rows, "canonical", order, paragraphs, relative=relative, bins=bins,
                     extra={"mentions": ("start", "size")})


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return every surface form with the entity it resolves to (most mentioned entities first): canonical, label, surface, mentions, documents, ambiguous."""
    from .. import entities

    cols = ["canonical", "label", "surface", "mentions", "documents", "ambiguous"]
    df = entities.alias_table(mentions)
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("mentions", "documents") else
                                          bool if c == "ambiguous" else object) for c in cols})
    df = df.astype({"mentions": "int64", "documents": "int64"})
    df["ambiguous"] = df["surface"].map(df.groupby("surface")["canonical"].nunique()).gt(1)
    total = df.groupby(["canonical", "label"])["mentions"].transform("sum")
    df = df.assign(_total=total, _other=df["surface"] != df["canonical"])
    df = df.sort_values(["_total", "canonical", "label", "_other", "mentions", "surface"],
                        ascending=[False, True, True, True, False, True])
    return df[cols].reset_index(drop=True)


def actor_folds(actors: pd.DataFrame) -> pd.DataFrame:
    """Return the metonym folds of the actors view: text, canonical, actor, actor_label, fold_rule, count, documents."""
    cols = ["text", "canonical", "actor", "actor_label", "fold_rule", "count", "documents"]
    folded = actors[actors["fold_rule"].fillna("").astype(str).ne("")]
    if folded.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("count", "documents") else object) for c in cols})
    g = folded.groupby(cols[:5]).agg(count=("start", "size"), documents=("doc_id", "nunique")).reset_index()
    return g.sort_values(["count", "actor", "text", "canonical"], ascending=[False, True, True, True]).reset_index(drop=True)


def actor_counts(actors: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """Return the `n` most mentioned actors after folding: actor, actor_label, mentions, as_written, folded."""
    cols = ["actor", "actor_label", "mentions", "as_written", "folded"]
    if actors.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in cols[:2] else "int64") for c in cols})
    folded = actors["fold_rule"].fillna("").astype(str).ne("")
    g = actors.assign(_folded=folded).groupby(["actor", "actor_label"]).agg(
        mentions=("start", "size"), folded=("_folded", "sum")).reset_index()
    g["folded"] = g["folded"].astype("int64")
    g["as_written"] = g["mentions"] - g["folded"]
    g = g.sort_values(["mentions", "actor", "actor_label"], ascending=[False, True, True]).head(n)
    return g[cols].reset_index(drop=True)
