"""Views of the quote tables for notebook 03: speakers, share of voice, cues, sentiment, roles, most quoted."""
from __future__ import annotations

import re

import pandas as pd

from .. import paths
from .documents import paragraph_numbers, timeline_counts
from .words import cue_lemmas


QUOTE_KINDS = ("direct", "indirect", "mixed")
UNNAMED_PREFIX = "unnamed: "
UNATTRIBUTED = "(unattributed)"


def speaker_names(quotes: pd.DataFrame) -> pd.Series:
    """Return a display name per quote: the canonical speaker, 'unnamed: <words>' for an unnamed source, else '(unattributed)'."""
    spk = quotes["speaker"].fillna("").astype(str).str.strip()
    words = quotes["speaker_mention"].fillna("").astype(str).str.strip() if "speaker_mention" in quotes else spk
    unnamed = (UNNAMED_PREFIX + words.str.lower()).where(words.ne(""), UNATTRIBUTED)
    return spk.where(spk.ne(""), unnamed).astype(object)


def quotes_view(quotes: pd.DataFrame, paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the quotes in reading order with a display speaker: doc_id, quote_id, paragraph_id, speaker, kind, cue, n_words, sentiment, content.

    With the paragraphs table, `paragraph` (as a reader counts: 1 = first body paragraph) replaces `paragraph_id`.
    """
    cols = ["doc_id", "quote_id", "paragraph_id", "speaker", "kind", "cue", "n_words", "sentiment", "content"]
    if paragraphs is not None:
        numbers = paragraph_numbers(paragraphs)
        quotes = quotes.merge(numbers, on=["doc_id", "paragraph_id"], how="left") if len(quotes) else \
            quotes.assign(paragraph=pd.Series(dtype="int64"))
        quotes = quotes.drop(columns="paragraph_id").rename(columns={"paragraph": "paragraph_id"})
        out = quotes_view(quotes)
        return out.rename(columns={"paragraph_id": "paragraph"})
    df = quotes.assign(speaker=speaker_names(quotes)) if len(quotes) else quotes.reindex(columns=cols)
    return df.sort_values(["doc_id", "start", "quote_id"])[cols].reset_index(drop=True) if len(df) else df[cols]


def share_of_voice(quotes: pd.DataFrame, *, n: int | None = None, other: bool = True) -> pd.DataFrame:
    """Return words quoted per speaker by kind (direct, indirect, mixed), total, quotes and share of all quoted words; beyond `n` speakers, one 'other' row (or none)."""
    cols = ["speaker", *QUOTE_KINDS, "words", "quotes", "share"]
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "speaker" else float if c == "share" else "int64")
                             for c in cols})
    df = quotes.assign(speaker=speaker_names(quotes))
    wide = df.pivot_table(index="speaker", columns="kind", values="n_words", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(QUOTE_KINDS), fill_value=0).astype("int64")
    wide["words"] = wide.sum(axis=1)
    wide["quotes"] = df.groupby("speaker").size()
    wide = wide.reset_index().sort_values(["words", "quotes", "speaker"], ascending=[False, False, True])
    total = wide["words"].sum()
    if n is not None and len(wide) > n and not other:
        wide = wide.iloc[:n]
    elif n is not None and len(wide) > n:
        rest = wide.iloc[n:]
        rest_row = {"speaker": f"(other {len(rest)} speakers)", **{c: int(rest[c].sum()) for c in [*QUOTE_KINDS, "words", "quotes"]}}
        wide = pd.concat([wide.iloc[:n], pd.DataFrame([rest_row])], ignore_index=True)
    wide["share"] = (wide["words"] / total).round(3) if total else 0.0
    wide.columns.name = None
    return wide[cols].reset_index(drop=True)


def speaker_mention_matrix(speaker_mentions: pd.DataFrame, *, speakers: pd.DataFrame | None = None,
                           n_speakers: int = 10, n_entities: int = 12, exclude_self: bool = True) -> pd.DataFrame:
    """Return a speaker x mentioned-entity table of mention counts inside each speaker's quotes (largest rows and columns)."""
    df = speaker_mentions.assign(speaker=speaker_mentions["speaker"].fillna("").astype(str))
    if speakers is not None and "is_named" in speakers.columns and len(df):
        unnamed = set(zip(speakers.loc[~speakers["is_named"].astype(bool), "doc_id"],
                          speakers.loc[~speakers["is_named"].astype(bool), "speaker"]))
        is_unnamed = [(d, s) in unnamed for d, s in zip(df["doc_id"], df["speaker"])]
        df.loc[is_unnamed, "speaker"] = UNNAMED_PREFIX + df.loc[is_unnamed, "speaker"].str.lower()
    df.loc[df["speaker"].eq(""), "speaker"] = UNATTRIBUTED
    if exclude_self:
        df = df[df["speaker"] != df["canonical"]]
    if df.empty:
        return pd.DataFrame(dtype="int64")
    m = df.pivot_table(index="speaker", columns="canonical", values="count", aggfunc="sum", fill_value=0).astype("int64")
    rows = m.sum(axis=1).reset_index(name="t").sort_values(["t", "speaker"], ascending=[False, True])["speaker"]
    cols = m.sum(axis=0).reset_index(name="t").sort_values(["t", "canonical"], ascending=[False, True])["canonical"]
    m = m.loc[rows.head(n_speakers).tolist(), cols.head(n_entities).tolist()]
    m.index.name, m.columns.name = "speaker", "mentioned entity"
    return m


def speaker_timeline(quotes: pd.DataFrame, paragraphs: pd.DataFrame | None = None, *, n: int = 10,
                     relative: bool = False, bins: int = 10) -> pd.DataFrame:
    """Return quotes and words per speaker, paragraph (or relative position bin) and kind: speaker, position, kind, quotes, words."""
    df = quotes.assign(speaker=speaker_names(quotes)) if len(quotes) else quotes.assign(speaker=pd.Series(dtype=object))
    order = share_of_voice(quotes)["speaker"].head(n).tolist()
    return timeline_counts(df, "speaker", order, paragraphs if paragraphs is not None else pd.DataFrame(
        columns=["doc_id", "paragraph_id"]), relative=relative, bins=bins,
        extra={"by": "kind", "quotes": ("start", "size"), "words": ("n_words", "sum")})




def cue_lemma(cue: str, lemmas: dict[str, str]) -> str:
    """Return the lemma of a cue as written ('told reporters' -> 'tell'); unknown cues are lower-cased."""
    words = re.findall(r"[a-z]+", str(cue).lower())
    for w in reversed(words):
        if w in lemmas:
            return lemmas[w]
    return " ".join(words)


def cue_verb_counts(quotes: pd.DataFrame, *, n: int | None = None, lemmatise: bool = True) -> pd.DataFrame:
    """Return how many quotes each cue verb introduces, by kind: cue, direct, indirect, mixed, quotes (quotes without a cue left out)."""
    cols = ["cue", *QUOTE_KINDS, "quotes"]
    cue = quotes["cue"].fillna("").astype(str).str.strip() if len(quotes) else pd.Series(dtype=object)
    df = quotes[cue.ne("")] if len(quotes) else quotes
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "cue" else "int64") for c in cols})
    lemmas = cue_lemmas()
    cues = df["cue"].astype(str).map(lambda c: cue_lemma(c, lemmas) if lemmatise else c.lower().strip())
    wide = pd.crosstab(cues.rename("cue"), df["kind"]).reindex(columns=list(QUOTE_KINDS), fill_value=0).astype("int64")
    wide["quotes"] = wide.sum(axis=1)
    wide = wide.reset_index().sort_values(["quotes", "cue"], ascending=[False, True])
    wide.columns.name = None
    return (wide.head(n) if n else wide)[cols].reset_index(drop=True)


def quote_sentiment(quotes: pd.DataFrame, *, n: int | None = None) -> pd.DataFrame:
    """Return one row per quote of the `n` most quoted speakers: speaker, quote_id, kind, n_words, sentiment (VADER compound)."""
    cols = ["speaker", "doc_id", "quote_id", "kind", "n_words", "sentiment"]
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c == "sentiment" else object) for c in cols})
    order = share_of_voice(quotes)["speaker"].tolist()
    order = order[:n] if n else order
    df = quotes.assign(speaker=speaker_names(quotes))
    df = df[df["speaker"].isin(order)].assign(_rank=lambda d: d["speaker"].map({s: i for i, s in enumerate(order)}))
    return df.sort_values(["_rank", "doc_id", "start", "quote_id"])[cols].reset_index(drop=True)


def speaker_sentiment(quotes: pd.DataFrame, *, n: int | None = None, short: int = 8) -> pd.DataFrame:
    """Return per speaker the quotes, words, mean/min/max VADER compound, and how many quotes are shorter than `short` words."""
    per = quote_sentiment(quotes, n=n)
    cols = ["speaker", "quotes", "words", "mean", "min", "max", "short_quotes"]
    if per.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "speaker" else float) for c in cols})
    g = per.groupby("speaker", sort=False).agg(quotes=("sentiment", "size"), words=("n_words", "sum"),
                                               mean=("sentiment", "mean"), min=("sentiment", "min"),
                                               max=("sentiment", "max"),
                                               short_quotes=("n_words", lambda s: int((s < short).sum())))
    return g.round(3).reset_index()[cols]


def load_role_words() -> pd.DataFrame:
    """Return the role-word list (word, category) from helpers/data/role_words.csv, in priority order."""
    df = pd.read_csv(paths.DATA_DIR / "role_words.csv", comment="#", dtype=str, keep_default_na=False)
    return df.assign(word=df["word"].str.strip().str.lower(), category=df["category"].str.strip())


ROLE_OTHER, ROLE_UNNAMED = "other", "unnamed source"


def role_category(role: str | None, descriptor: str | None = None, *, named: bool = True,
                  role_words: pd.DataFrame | None = None) -> str:
    """Classify a speaker by the first category (in file order) with a word in the role, else the descriptor; unnamed sources apart."""
    if not named:
        return ROLE_UNNAMED
    rw = load_role_words() if role_words is None else role_words
    priority = list(dict.fromkeys(rw["category"]))
    by_word = dict(zip(rw["word"], rw["category"]))
    for phrase in (role, descriptor):
        words = re.findall(r"[a-z]+", str(phrase or "").lower())
        found = {by_word.get(w) or by_word.get(w[:-1] if w.endswith("s") else w) for w in words} - {None}
        if found:
            return min(found, key=priority.index)
    return ROLE_OTHER


def speaker_roles(speakers: pd.DataFrame) -> pd.DataFrame:
    """Return one row per speaker with its role category: speaker, descriptor, role, affiliation, category, documents, n_quotes, n_words."""
    cols = ["speaker", "descriptor", "role", "affiliation", "category", "documents", "n_quotes", "n_words"]
    if speakers.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in cols[5:] else object) for c in cols})
    rw = load_role_words()
    df = speakers.copy()
    for c in ("speaker", "descriptor", "role", "affiliation"):
        df[c] = df[c].fillna("").astype(str).str.strip()
    named = df["is_named"].astype(bool) if "is_named" in df.columns else df["speaker"].ne("")
    df["category"] = [role_category(r, d, named=k, role_words=rw) for r, d, k in zip(df["role"], df["descriptor"], named)]
    words = df["speaker"].where(df["speaker"].ne(""), df["descriptor"]).where(lambda w: w.ne(""), "source")
    df["speaker"] = df["speaker"].where(named, UNNAMED_PREFIX + words.str.lower())
    g = df.groupby(["speaker", "category"], sort=False).agg(
        descriptor=("descriptor", "first"), role=("role", "first"), affiliation=("affiliation", "first"),
        documents=("doc_id", "nunique"), n_quotes=("n_quotes", "sum"), n_words=("n_words", "sum")).reset_index()
    g = g.sort_values(["n_words", "n_quotes", "speaker"], ascending=[False, False, True])
    return g[cols].astype({c: "int64" for c in cols[5:]}).reset_index(drop=True)


def role_category_counts(roles: pd.DataFrame) -> pd.DataFrame:
    """Return speakers, quotes and words per role category (from `speaker_roles`), most words first."""
    cols = ["category", "speakers", "quotes", "words", "share_of_words"]
    if roles.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c == "category" else "int64") for c in cols})
    g = roles.groupby("category").agg(speakers=("speaker", "size"), quotes=("n_quotes", "sum"),
                                      words=("n_words", "sum")).reset_index()
    total = g["words"].sum()
    g["share_of_words"] = (g["words"] / total).round(3) if total else 0.0
    return g.sort_values(["words", "quotes", "category"], ascending=[False, False, True])[cols].reset_index(drop=True)


def most_quoted(quotes: pd.DataFrame, *, n: int = 15, labels: tuple[str, ...] = ("PERSON", "ORGANIZATION")) -> pd.DataFrame:
    """Return the `n` named speakers with most quotes (of the given speaker labels): speaker, label, quotes, words, documents."""
    cols = ["speaker", "label", "quotes", "words", "documents"]
    named = quotes[quotes["speaker"].fillna("").astype(str).ne("")] if len(quotes) else quotes
    if labels:
        named = named[named["speaker_label"].isin(labels)] if len(named) else named
    if named.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in cols[:2] else "int64") for c in cols})
    g = named.groupby(["speaker", "speaker_label"]).agg(quotes=("start", "size"), words=("n_words", "sum"),
                                                        documents=("doc_id", "nunique")).reset_index()
    g = g.rename(columns={"speaker_label": "label"})
    g = g.sort_values(["quotes", "words", "speaker", "label"], ascending=[False, False, True, True]).head(n)
    return g[cols].reset_index(drop=True)
