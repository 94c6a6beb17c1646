"""Views over the pipeline's tables: word counts, collocations, keyword in context, cleaning changes, lengths.

Each function takes tables (pandas DataFrames as documented in `helpers.tables`) and returns a new table.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from . import text

_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


def content_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return the tokens that carry content: alphabetic, not stopwords, not editorial brackets, longer than one letter."""
    norm = tokens["norm"].astype(str)
    mask = ~tokens["is_stop"] & norm.str.contains(_WORDLIKE) & (norm.str.len() > 1) & ~norm.str.startswith("'")
    return tokens[mask]


def top_words(tokens: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """Return the `n` most frequent content words: word, count, documents (ties broken alphabetically)."""
    ct = content_tokens(tokens)
    if ct.empty:
        return pd.DataFrame(columns=["word", "count", "documents"])
    g = ct.groupby("norm").agg(count=("norm", "size"), documents=("doc_id", "nunique")).reset_index()
    g = g.rename(columns={"norm": "word"}).sort_values(["count", "word"], ascending=[False, True])
    return g.head(n).reset_index(drop=True)


def collocations(tokens: pd.DataFrame, *, n: int = 15, min_freq: int = 2, measure: str = "likelihood_ratio") -> pd.DataFrame:
    """Return the strongest bigram collocations of content words (NLTK's finder, per sentence): bigram, score, count."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    ct = content_tokens(tokens)
    sents = [g["norm"].tolist() for _, g in ct.groupby(["doc_id", "sentence_id"], sort=True)]
    finder = BigramCollocationFinder.from_documents(sents)
    finder.apply_freq_filter(min_freq)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    rows = [(f"{a} {b}", round(score, 3), finder.ngram_fd[(a, b)]) for (a, b), score in scored]
    df = pd.DataFrame(rows, columns=["bigram", "score", "count"])
    return df.sort_values(["score", "bigram"], ascending=[False, True]).head(n).reset_index(drop=True)


def keyword_in_context(documents: pd.DataFrame, tokens: pd.DataFrame, term: str, *, width: int = 45) -> pd.DataFrame:
    """Return every occurrence of `term` (one or more words, case-insensitive) with its left and right context."""
    words = [w.lower() for w in re.findall(r"\w+(?:[-'.]\w+)*\.?", text.normalise(term).text)] or [term.lower()]
    texts = dict(zip(documents["doc_id"], documents["text"]))
    rows = []
    for doc_id, g in tokens.groupby("doc_id", sort=False):
        norms, starts, ends = g["norm"].tolist(), g["start"].tolist(), g["end"].tolist()
        raw = texts.get(doc_id, "")
        for i in range(len(norms) - len(words) + 1):
            if norms[i:i + len(words)] == words:
                s, e = starts[i], ends[i + len(words) - 1]
                left = raw[max(0, s - width):s].replace("\n", " ")
                right = raw[e:e + width].replace("\n", " ")
                rows.append((doc_id, s, e, left.rjust(width), raw[s:e], right.ljust(width)))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "keyword", "right"])


def change_kind(raw: str, new: str) -> str:
    """Classify one cleaning change (quotation mark, apostrophe, dash, space, invisible, mojibake, ellipsis, other)."""
    if not new:
        return "invisible character removed"
    if raw.isspace() or (new == " " and not raw.strip()):
        return "whitespace"
    if new == '"':
        return "quotation mark"
    if new == "'":
        return "apostrophe / single quote"
    if new.strip() == "-":
        return "dash"
    if new == "...":
        return "ellipsis"
    if len(raw) > 1 and len(new) >= 1:
        return "mojibake / Unicode composition"
    return "other"


def cleaning_changes(documents: pd.DataFrame) -> pd.DataFrame:
    """Return every change the normalised working copy makes: doc_id, start, end, raw, cleaned, kind."""
    rows = []
    for doc_id, raw in zip(documents["doc_id"], documents["text"]):
        if not isinstance(raw, str):
            continue
        for s, e, r, new in text.normalise(raw).changes():
            rows.append((doc_id, s, e, r, new, change_kind(r, new)))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "raw", "cleaned", "kind"])


def sentence_lengths(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Return each sentence's length in word tokens (punctuation excluded): doc_id, sentence_id, n_words."""
    words = tokens[tokens["norm"].astype(str).str.contains(_WORDLIKE)]
    n = words.groupby(["doc_id", "sentence_id"]).size().rename("n_words")
    out = sentences[["doc_id", "sentence_id"]].merge(n.reset_index(), on=["doc_id", "sentence_id"], how="left")
    out["n_words"] = out["n_words"].fillna(0).astype("int64")
    return out


def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """Return the documents table without the text: one row per document with status and sizes."""
    cols = [c for c in ["doc_id", "date", "title", "status", "error", "n_paragraphs", "n_sentences", "n_tokens"]
            if c in documents.columns]
    return documents[cols].reset_index(drop=True)


def status_counts(documents: pd.DataFrame) -> pd.DataFrame:
    """Return how many documents have each load/analysis status."""
    c = Counter(documents["status"])
    return pd.DataFrame(sorted(c.items()), columns=["status", "documents"])


# ================================================================ entity views (notebook 02)
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
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("canonical", "label") else "int64")
                             for c in ENTITY_COUNT_COLUMNS})
    g = mentions.groupby(["canonical", "label"]).agg(mentions=("start", "size"), documents=("doc_id", "nunique"))
    g = g.reset_index().sort_values(["mentions", "documents", "canonical", "label"], ascending=[False, False, True, True])
    return g[ENTITY_COUNT_COLUMNS].reset_index(drop=True)


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


def _timeline(rows: pd.DataFrame, key: str, order: list[str], paragraphs: pd.DataFrame, *,
              relative: bool, bins: int, extra: dict) -> pd.DataFrame:
    """Count rows per (key, position); position is the paragraph_id or the relative position bin."""
    rows = rows[rows[key].isin(order)]
    if relative:
        pos = paragraph_positions(paragraphs, bins=bins)
        rows = rows.merge(pos, on=["doc_id", "paragraph_id"], how="inner").assign(position=lambda d: d["relative"])
    else:
        rows = rows.assign(position=rows["paragraph_id"])
    groups = [key, "position"] + ([extra.pop("by")] if "by" in extra else [])
    if rows.empty:
        cols = {c: pd.Series(dtype=object) for c in groups}
        cols["position"] = pd.Series(dtype=float if relative else "int64")
        cols.update({name: pd.Series(dtype="int64") for name in extra})
        return pd.DataFrame(cols)
    g = rows.groupby(groups).agg(**extra).reset_index()
    g["_rank"] = g[key].map({k: i for i, k in enumerate(order)})
    return g.sort_values(["_rank"] + groups[1:]).drop(columns="_rank").reset_index(drop=True)


def entity_timeline(mentions: pd.DataFrame, paragraphs: pd.DataFrame, *, n: int = 8, entities: list[str] | None = None,
                    relative: bool = False, bins: int = 10) -> pd.DataFrame:
    """Return mentions of the `n` most mentioned entities per paragraph (or relative position bin): canonical, position, mentions."""
    order = entities if entities is not None else count_entities(mentions)["canonical"].drop_duplicates().head(n).tolist()
    rows = mentions.assign(paragraph_id=locate_paragraphs(mentions, paragraphs))
    return _timeline(rows, "canonical", order, paragraphs, relative=relative, bins=bins,
                     extra={"mentions": ("start", "size")})


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return every surface form with the entity it resolves to (most mentioned entities first): canonical, label, surface, mentions, documents, ambiguous."""
    from . import entities

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
    return g.sort_values(["actor", "count", "text", "canonical"], ascending=[True, False, True, True]).reset_index(drop=True)


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


# ================================================================ quote views (notebook 03)
QUOTE_KINDS = ("direct", "indirect", "mixed")
UNNAMED_PREFIX = "unnamed: "
UNATTRIBUTED = "(unattributed)"


def speaker_names(quotes: pd.DataFrame) -> pd.Series:
    """Return a display name per quote: the canonical speaker, 'unnamed: <words>' for an unnamed source, else '(unattributed)'."""
    spk = quotes["speaker"].fillna("").astype(str).str.strip()
    words = quotes["speaker_mention"].fillna("").astype(str).str.strip() if "speaker_mention" in quotes else spk
    unnamed = (UNNAMED_PREFIX + words.str.lower()).where(words.ne(""), UNATTRIBUTED)
    return spk.where(spk.ne(""), unnamed).astype(object)


def quotes_view(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return the quotes in reading order with a display speaker: doc_id, quote_id, paragraph_id, speaker, kind, cue, n_words, sentiment, content."""
    cols = ["doc_id", "quote_id", "paragraph_id", "speaker", "kind", "cue", "n_words", "sentiment", "content"]
    df = quotes.assign(speaker=speaker_names(quotes)) if len(quotes) else quotes.reindex(columns=cols)
    return df.sort_values(["doc_id", "start", "quote_id"])[cols].reset_index(drop=True) if len(df) else df[cols]


def share_of_voice(quotes: pd.DataFrame, *, n: int | None = None) -> pd.DataFrame:
    """Return words quoted per speaker split by kind (direct, indirect, mixed), total, quotes and share; beyond `n` speakers, one 'other' row."""
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
    if n is not None and len(wide) > n:
        rest = wide.iloc[n:]
        other = {"speaker": f"(other {len(rest)} speakers)", **{c: int(rest[c].sum()) for c in [*QUOTE_KINDS, "words", "quotes"]}}
        wide = pd.concat([wide.iloc[:n], pd.DataFrame([other])], ignore_index=True)
    total = wide["words"].sum()
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
    return _timeline(df, "speaker", order, paragraphs if paragraphs is not None else pd.DataFrame(
        columns=["doc_id", "paragraph_id"]), relative=relative, bins=bins,
        extra={"by": "kind", "quotes": ("start", "size"), "words": ("n_words", "sum")})


def cue_lemmas() -> dict[str, str]:
    """Return inflected cue-verb form -> lemma, from helpers/data/cue_verbs.csv."""
    from . import paths

    df = pd.read_csv(paths.DATA_DIR / "cue_verbs.csv", comment="#", dtype=str, keep_default_na=False)
    return {form: lemma for lemma, forms in zip(df["lemma"], df["forms"]) for form in forms.split("|") if form}


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
    from . import paths

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


def unnamed_share(quotes: pd.DataFrame) -> pd.DataFrame:
    """Return quotes, words and documents attributed to named vs unnamed sources, with their shares."""
    cols = ["source", "quotes", "words", "documents", "share_of_quotes", "share_of_words"]
    named = quotes["speaker"].fillna("").astype(str).ne("") if len(quotes) else pd.Series(dtype=bool)
    rows = []
    for label, mask in (("named", named), ("unnamed", ~named)):
        sub = quotes[mask] if len(quotes) else quotes
        rows.append((label, len(sub), int(sub["n_words"].sum()) if len(sub) else 0,
                     sub["doc_id"].nunique() if len(sub) else 0))
    df = pd.DataFrame(rows, columns=cols[:4])
    tq, tw = df["quotes"].sum(), df["words"].sum()
    df["share_of_quotes"] = (df["quotes"] / tq).round(3) if tq else 0.0
    df["share_of_words"] = (df["words"] / tw).round(3) if tw else 0.0
    return df
