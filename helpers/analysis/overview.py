"""Views across a corpus for notebook 05: dates, unnamed sources, gender balance, comparisons by outlet and month."""
from __future__ import annotations

import pandas as pd

from .documents import ANALYSED_STATUSES, counted
from .quote_views import speaker_mention_matrix


def documents_per_month(documents: pd.DataFrame) -> pd.DataFrame:
    """Return analysed documents per month (YYYY-MM) from the first to the last dated month, empty months as 0."""
    cols = {"month": pd.Series(dtype=object), "documents": pd.Series(dtype="int64")}
    if documents.empty:
        return pd.DataFrame(cols)
    ok = documents[documents["status"].isin(ANALYSED_STATUSES)]
    dates = pd.to_datetime(ok["date"], errors="coerce", format="%Y-%m-%d").dropna()
    if dates.empty:
        return pd.DataFrame(cols)
    counts = dates.dt.to_period("M").value_counts()
    months = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
    counts = counts.reindex(months, fill_value=0)
    return pd.DataFrame({"month": [str(m) for m in months], "documents": counts.to_numpy(dtype="int64")})


def date_summary(documents: pd.DataFrame) -> str:
    """Return one sentence on the dates of the analysed documents: how many are dated, the range, or the single date."""
    ok = documents[documents["status"].isin(ANALYSED_STATUSES)] if len(documents) else documents
    if ok.empty:
        return "No analysed documents."
    dates = pd.to_datetime(ok["date"], errors="coerce", format="%Y-%m-%d").dropna()
    undated = len(ok) - len(dates)
    tail = f"; {undated} without a date" if undated else ""
    if dates.empty:
        return f"{len(ok)} analysed documents, none with a date."
    days = sorted(dates.dt.strftime("%Y-%m-%d").unique())
    noun = "document" if len(dates) == 1 else "documents"
    if len(days) == 1:
        return f"{len(dates)} dated {noun}, only one date in this corpus: {days[0]}{tail}."
    months = dates.dt.to_period("M").nunique()
    return (f"{len(dates)} dated {noun} on {len(days)} dates from {days[0]} to {days[-1]} "
            f"({months} months with articles){tail}.")


SOURCE_KINDS = ("named", "unnamed source", "unresolved")


def source_kinds(quotes: pd.DataFrame) -> pd.Series:
    """Classify each quote's speaker: named, unnamed source ('experts', speaker_label UNNAMED) or unresolved (a pronoun or no attribution)."""
    if quotes.empty:
        return pd.Series(dtype=object, index=quotes.index)
    named = quotes["speaker"].fillna("").astype(str).str.strip().ne("")
    unnamed = quotes["speaker_label"].fillna("").astype(str).str.upper().eq("UNNAMED")
    kind = pd.Series(SOURCE_KINDS[2], index=quotes.index, dtype=object)
    return kind.mask(unnamed, SOURCE_KINDS[1]).mask(named, SOURCE_KINDS[0])


def source_kind_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return quotes, words and documents per source kind (named, unnamed source, unresolved) with their shares."""
    cols = ["source", "quotes", "words", "documents", "share_of_quotes", "share_of_words"]
    kinds = source_kinds(quotes)
    rows = []
    for k in SOURCE_KINDS:
        sub = quotes[kinds == k] if len(quotes) else quotes
        rows.append((k, len(sub), int(sub["n_words"].sum()) if len(sub) else 0, int(sub["doc_id"].nunique()) if len(sub) else 0))
    df = pd.DataFrame(rows, columns=cols[:4])
    tq, tw = df["quotes"].sum(), df["words"].sum()
    df["share_of_quotes"] = (df["quotes"] / tq).round(3) if tq else 0.0
    df["share_of_words"] = (df["words"] / tw).round(3) if tw else 0.0
    return df


def unnamed_by_document(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return per document with quotes: quotes, named, unnamed (sources), unresolved and share_unnamed, highest share first."""
    cols = {"doc_id": pd.Series(dtype=object), **{c: pd.Series(dtype="int64") for c in
                                                  ("quotes", "named", "unnamed", "unresolved")},
            "share_unnamed": pd.Series(dtype=float)}
    if quotes.empty:
        return pd.DataFrame(cols)
    kinds = source_kinds(quotes)
    wide = pd.crosstab(quotes["doc_id"], kinds).reindex(columns=list(SOURCE_KINDS), fill_value=0).astype("int64")
    wide.columns = ["named", "unnamed", "unresolved"]
    wide["quotes"] = wide.sum(axis=1)
    wide = wide.reset_index()
    wide.columns.name = None
    wide["share_unnamed"] = (wide["unnamed"] / wide["quotes"]).round(3)
    wide = wide.sort_values(["share_unnamed", "quotes", "doc_id"], ascending=[False, False, True])
    return wide[list(cols)].reset_index(drop=True)


def unnamed_sources(quotes: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """Return the words that stand for unnamed sources ('experts', 'officials'), lower-cased: words, quotes, documents."""
    cols = {"words": pd.Series(dtype=object), "quotes": pd.Series(dtype="int64"), "documents": pd.Series(dtype="int64")}
    if quotes.empty:
        return pd.DataFrame(cols)
    unnamed = quotes[source_kinds(quotes) == SOURCE_KINDS[1]]
    if unnamed.empty:
        return pd.DataFrame(cols)
    words = unnamed["speaker_mention"].fillna("").astype(str).str.strip().str.lower().replace("", "(unknown)")
    g = unnamed.assign(words=words).groupby("words").agg(quotes=("words", "size"), documents=("doc_id", "nunique"))
    g = g.reset_index().sort_values(["quotes", "documents", "words"], ascending=[False, False, True])
    return g.head(n).reset_index(drop=True)


def quoted_speaker_topics(speaker_mentions: pd.DataFrame, speakers: list[str], *, n_entities: int = 12,
                          keep_empty: bool = False) -> pd.DataFrame:
    """Return a speaker x entity table of mentions inside the quotes of the given speakers (rows in that order)."""
    sm = speaker_mentions[speaker_mentions["speaker"].isin(speakers)] if len(speaker_mentions) else speaker_mentions
    m = speaker_mention_matrix(sm, n_speakers=len(speakers), n_entities=n_entities) if len(sm) else pd.DataFrame()
    if m.empty:
        return pd.DataFrame(index=pd.Index([], name="speaker"), columns=pd.Index([], name="mentioned entity"),
                            dtype="int64")
    m = m.reindex(index=speakers, fill_value=0)
    if not keep_empty:
        m = m[m.sum(axis=1) > 0]
    m.index.name = "speaker"
    return m.astype("int64")


def speaker_topics(speaker_mentions: pd.DataFrame, speakers: list[str], *, n: int = 5) -> pd.DataFrame:
    """Return, per given speaker (in that order), the entities most mentioned in their quotes as 'name (count)' text."""
    rows = []
    sm = speaker_mentions if len(speaker_mentions) else pd.DataFrame(columns=["speaker", "canonical", "count"])
    sm = sm[sm["speaker"].astype(str) != sm["canonical"].astype(str)]
    for s in speakers:
        g = sm[sm["speaker"] == s].groupby("canonical")["count"].sum().reset_index()
        total = int(g["count"].sum())
        g = g.sort_values(["count", "canonical"], ascending=[False, True]).head(n)
        rows.append((s, total, ", ".join(f"{c} ({k})" for c, k in zip(g["canonical"], g["count"]))))
    return pd.DataFrame(rows, columns=["speaker", "entity mentions", "talks about"]).astype({"entity mentions": "int64"})


# ================================================================ gender of voices (notebooks 03 and 05)
GENDER_ORDER = ("female", "male", "unknown")
GENDER_COLUMNS = ["gender", "voices", "quotes", "words", "share_of_voices", "share_of_words"]


def person_speakers(speakers: pd.DataFrame) -> pd.DataFrame:
    """Return the speakers that are people: named speakers labelled PERSON (organisations, places and unnamed sources left out)."""
    if speakers.empty:
        return speakers
    return speakers[speakers["is_named"].astype(bool) & speakers["label"].fillna("").eq("PERSON")]


def gender_balance(speakers: pd.DataFrame, *, people_only: bool = True) -> pd.DataFrame:
    """Return voices (speaker rows: a person quoted in an article), quotes and quoted words per gender, with shares.

    Rows always in GENDER_ORDER (zeros included); `people_only` keeps named PERSON speakers (`person_speakers`).
    """
    df = person_speakers(speakers) if people_only else speakers
    if "gender" not in df.columns:
        df = df.assign(gender="unknown")
    g = df.assign(gender=df["gender"].fillna("unknown")).groupby("gender").agg(
        voices=("speaker", "size"), quotes=("n_quotes", "sum"), words=("n_words", "sum"))
    g = g.reindex(list(GENDER_ORDER), fill_value=0).astype("int64")
    tv, tw = g["voices"].sum(), g["words"].sum()
    g["share_of_voices"] = (g["voices"] / tv).round(3) if tv else 0.0
    g["share_of_words"] = (g["words"] / tw).round(3) if tw else 0.0
    return g.reset_index().rename(columns={"index": "gender"})[GENDER_COLUMNS]


def gender_evidence_counts(speakers: pd.DataFrame) -> pd.DataFrame:
    """Return how many person voices each kind of evidence decided, by gender: evidence x gender counts."""
    from .. import gender as gender_mod

    df = person_speakers(speakers)
    if df.empty or "gender_evidence" not in df.columns:
        return pd.DataFrame(0, index=pd.Index(list(gender_mod.EVIDENCE), name="evidence"),
                            columns=list(GENDER_ORDER), dtype="int64")
    t = pd.crosstab(df["gender_evidence"].fillna("unknown"), df["gender"].fillna("unknown"))
    t = t.reindex(index=list(gender_mod.EVIDENCE), columns=list(GENDER_ORDER), fill_value=0).astype("int64")
    t.index.name, t.columns.name = "evidence", None
    return t


def gender_summary(balance: pd.DataFrame) -> str:
    """Return one sentence on the gender balance of the voices (from `gender_balance`)."""
    total = int(balance["voices"].sum())
    if not total:
        return "No person is quoted by name, so there is no gender balance to show."
    b = balance.set_index("gender")
    known = int(b.loc["female", "voices"] + b.loc["male", "voices"])
    parts = [f"{counted(total, 'person voice')}: {int(b.loc['female', 'voices'])} female, "
             f"{int(b.loc['male', 'voices'])} male, {int(b.loc['unknown', 'voices'])} unknown"]
    if known:
        parts.append(f"women have {b.loc['female', 'voices'] / known:.0%} of the voices and "
                     f"{b.loc['female', 'words'] / max(1, b.loc['female', 'words'] + b.loc['male', 'words']):.0%} "
                     "of the quoted words whose speaker's gender is known")
    return "; ".join(parts) + "."


# ================================================================ comparisons across outlets and over time (notebook 05)
COMPARISONS = ("outlet", "month")


def document_groups(documents: pd.DataFrame, by: str) -> pd.Series:
    """Return each analysed document's group for a comparison (index doc_id): its `outlet`, or its month (YYYY-MM) of `date`."""
    if by not in COMPARISONS:
        raise ValueError(f"unknown comparison {by!r}: use one of {', '.join(COMPARISONS)}")
    ok = documents[documents["status"].isin(ANALYSED_STATUSES)] if len(documents) else documents
    if by == "outlet":
        values = ok["outlet"].fillna("").astype(str).str.strip() if len(ok) else pd.Series(dtype=object)
    else:
        dates = pd.to_datetime(ok["date"], errors="coerce", format="%Y-%m-%d") if len(ok) else pd.Series(dtype=object)
        values = dates.dt.strftime("%Y-%m").fillna("") if len(ok) else pd.Series(dtype=object)
    groups = pd.Series(values.to_numpy(dtype=object), index=pd.Index(ok["doc_id"].to_numpy(), name="doc_id"), dtype=object)
    return groups[groups.ne("")]


def can_compare(documents: pd.DataFrame, by: str) -> bool:
    """Whether the corpus has the column for a comparison with at least two different values among analysed documents."""
    return document_groups(documents, by).nunique() >= 2


def comparison_note(documents: pd.DataFrame, by: str) -> str:
    """Return one line saying whether a comparison by outlet / month can be made on this corpus, and on what."""
    groups = document_groups(documents, by)
    what = {"outlet": "outlets", "month": "months"}[by]
    column = {"outlet": "an `outlet`", "month": "a `date`"}[by]
    if groups.nunique() >= 2:
        missing = int(documents["status"].isin(ANALYSED_STATUSES).sum()) - len(groups)
        tail = f"; {counted(missing, 'article')} without one left out" if missing else ""
        return f"Comparing {groups.nunique()} {what} ({counted(len(groups), 'article')}{tail})."
    if groups.empty:
        return (f"No comparison across {what}: no article of this corpus has {column} "
                f"({'a column of .csv/.jsonl corpora' if by == 'outlet' else 'a header line or column'}).")
    return f"No comparison across {what}: every dated article of this corpus has the same one ({groups.iloc[0]})."


def _grouped(table: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return the rows of a per-document table whose document has a group, with that group in a `group` column."""
    groups = document_groups(documents, by)
    if table.empty:
        return table.assign(group=pd.Series(dtype=object))
    g = table["doc_id"].map(groups)
    return table.assign(group=g)[g.notna()]


def unnamed_share_by(quotes: pd.DataFrame, documents: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Return per outlet or month: articles, quotes, quotes from unnamed sources and their share (group order)."""
    cols = ["group", "articles", "quotes", "unnamed", "share_unnamed"]
    q = _grouped(quotes, documents, by)
    groups = document_groups(documents, by)
    if groups.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "group" else float if c == "share_unnamed" else "int64")
                             for c in cols})
    articles = groups.value_counts()
    n = q.groupby("group").size() if len(q) else pd.Series(dtype="int64")
    unnamed = q[source_kinds(q) == SOURCE_KINDS[1]].groupby("group").size() if len(q) else pd.Series(dtype="int64")
    order = sorted(articles.index)
    df = pd.DataFrame({"group": order, "articles": articles.reindex(order).to_numpy(dtype="int64"),
                       "quotes": n.reindex(order, fill_value=0).to_numpy(dtype="int64"),
                       "unnamed": unnamed.reindex(order, fill_value=0).to_numpy(dtype="int64")})
    df["share_unnamed"] = (df["unnamed"] / df["quotes"].where(df["quotes"] > 0)).round(3)
    return df[cols]


def most_quoted_by(quotes: pd.DataFrame, documents: pd.DataFrame, *, by: str, n: int = 3,
                   labels: tuple[str, ...] = ("PERSON", "ORGANIZATION")) -> pd.DataFrame:
    """Return the `n` most quoted named speakers (of the given labels) of each outlet or month: group, rank, speaker, quotes, words, articles."""
    cols = ["group", "rank", "speaker", "quotes", "words", "articles"]
    q = _grouped(quotes, documents, by)
    q = q[q["speaker"].fillna("").astype(str).ne("")] if len(q) else q
    if labels and len(q):
        q = q[q["speaker_label"].isin(labels)]
    if q.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("group", "speaker") else "int64") for c in cols})
    g = q.groupby(["group", "speaker"]).agg(quotes=("start", "size"), words=("n_words", "sum"),
                                           articles=("doc_id", "nunique")).reset_index()
    g = g.sort_values(["group", "quotes", "words", "speaker"], ascending=[True, False, False, True])
    g["rank"] = g.groupby("group").cumcount() + 1
    return g[g["rank"] <= n][cols].reset_index(drop=True)


def gender_by(speakers: pd.DataFrame, documents: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Return person voices and quoted words per outlet or month and gender, with each gender's share within the group."""
    cols = ["group", "gender", "voices", "words", "share_of_voices", "share_of_words"]
    s = _grouped(person_speakers(speakers), documents, by)
    if s.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("group", "gender") else
                                          float if c.startswith("share") else "int64") for c in cols})
    s = s.assign(gender=s["gender"].fillna("unknown") if "gender" in s.columns else "unknown")
    g = s.groupby(["group", "gender"]).agg(voices=("speaker", "size"), words=("n_words", "sum"))
    index = pd.MultiIndex.from_product([sorted(s["group"].unique()), list(GENDER_ORDER)], names=["group", "gender"])
    g = g.reindex(index, fill_value=0).astype("int64").reset_index()
    for col in ("voices", "words"):
        total = g.groupby("group")[col].transform("sum")
        g[f"share_of_{col}"] = (g[col] / total.where(total > 0)).round(3)
    return g[cols]
