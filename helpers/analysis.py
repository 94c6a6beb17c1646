"""Views over the pipeline's tables for the notebooks: text (01), entities (02), quotes (03), evaluation (04), overview (05).

Each function takes tables (pandas DataFrames as documented in `helpers.tables`) and returns a new table or a sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from . import corpus, paths, text

_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)


_ACRONYM = re.compile(r"[A-Z](?:\.?[A-Z])+\.?\Z")  # US, UK, U.S., WHO: written in capitals, kept as written


def word_forms(tokens: pd.DataFrame) -> pd.Series:
    """Return each token's form for counting: the lower-cased `norm`, except acronyms kept as written (`US`, not `us`)."""
    text = tokens["text"].fillna("").astype(str)
    return tokens["norm"].astype(str).where(~text.str.match(_ACRONYM), text)


def reporting_verb_forms() -> frozenset[str]:
    """Return the inflected forms of the reporting (cue) verbs of helpers/data/cue_verbs.csv: said, says, told, according, ..."""
    return frozenset(cue_lemmas())


def is_reporting_verb(tokens: pd.DataFrame) -> pd.Series:
    """Whether each token is a reporting verb: a cue-verb form tagged as a verb (VB*), or `according` (of `according to`).

    The tag keeps nouns spelled like cue forms (`states`, `claims`, `comments`) as content words.
    """
    norm = tokens["norm"].astype(str)
    pos = tokens["pos"].fillna("").astype(str)
    return norm.isin(reporting_verb_forms()) & (pos.str.startswith("VB") | norm.eq("according"))


def content_tokens(tokens: pd.DataFrame, *, reporting_verbs: bool = False) -> pd.DataFrame:
    """Return the tokens that carry content, with their counting form in `word`.

    Content: with a letter, longer than one character, not a stopword (acronyms such as `US` are kept), not a
    clitic ('s), and (unless reporting_verbs=True) not a reporting verb (said, says, told, according).
    """
    norm = tokens["norm"].astype(str)
    words = word_forms(tokens)
    acronym = words.ne(norm)
    mask = (~tokens["is_stop"] | acronym) & norm.str.contains(_WORDLIKE) & (norm.str.len() > 1) & ~norm.str.startswith("'")
    if not reporting_verbs and len(tokens):
        mask &= ~is_reporting_verb(tokens)
    return tokens[mask].assign(word=words[mask])


def top_words(tokens: pd.DataFrame, *, n: int = 20) -> pd.DataFrame:
    """Return the `n` most frequent content words: word, count, documents (ties broken alphabetically)."""
    ct = content_tokens(tokens)
    if ct.empty:
        return pd.DataFrame(columns=["word", "count", "documents"])
    g = ct.groupby("word").agg(count=("word", "size"), documents=("doc_id", "nunique")).reset_index()
    g = g.sort_values(["count", "word"], ascending=[False, True])
    return g.head(n).reset_index(drop=True)


def collocations(tokens: pd.DataFrame, *, n: int = 15, min_freq: int = 2, measure: str = "likelihood_ratio") -> pd.DataFrame:
    """Return the strongest bigram collocations of content words (NLTK's finder, per sentence): bigram, score, count."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    ct = content_tokens(tokens)
    sents = [g["word"].tolist() for _, g in ct.groupby(["doc_id", "sentence_id"], sort=True)]
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


def length_summary(lengths: pd.DataFrame) -> str:
    """Return one line on sentence lengths (from `sentence_lengths`): how many, median and longest in words."""
    if lengths.empty:
        return "No sentences: no article of this corpus could be analysed."
    return (f"{counted(len(lengths), 'sentence')}, median {lengths['n_words'].median():.0f} words, "
            f"longest {counted(int(lengths['n_words'].max()), 'word')}")


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
    from . import entities

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


def _timeline(rows: pd.DataFrame, key: str, order: list[str], paragraphs: pd.DataFrame, *,
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
    return _timeline(df, "speaker", order, paragraphs if paragraphs is not None else pd.DataFrame(
        columns=["doc_id", "paragraph_id"]), relative=relative, bins=bins,
        extra={"by": "kind", "quotes": ("start", "size"), "words": ("n_words", "sum")})


def cue_lemmas() -> dict[str, str]:
    """Return inflected cue-verb form -> lemma, from helpers/data/cue_verbs.csv."""
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
    from .evaluate import doc_key

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


# ================================================================ evaluation views (notebook 04)
ANALYSED_STATUSES = tuple(sorted(corpus.ANALYSABLE))  # statuses of the documents the pipeline analysed
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
    from .evaluate import doc_key

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
    from . import evaluate

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


# ================================================================ corpus overview views (notebook 05)


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
    from . import gender as gender_mod

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
