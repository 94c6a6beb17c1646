"""Text: a normalised working copy with a map back to the raw text; paragraphs, headings, sentences, tokens.

Every table keeps `start`/`end` offsets into the raw text exactly as read, so `raw[start:end] == text`.

Tables:

- paragraphs: doc_id, paragraph_id, start, end, text, is_heading, is_title
  (`is_title`: the article's title line, a paragraph of its own; `is_heading`: a section heading)
- sentences: doc_id, paragraph_id, sentence_id, start, end, text
- tokens: doc_id, sentence_id, token_id, start, end, text, norm, pos, is_stop, is_editorial
  (`norm`: lower-cased normalised form; `pos`: Penn Treebank tag; `is_editorial`: inside square brackets)
"""
from __future__ import annotations

import functools
import re
import time
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import resources

PARAGRAPH_COLUMNS = ["doc_id", "paragraph_id", "start", "end", "text", "is_heading", "is_title"]
SENTENCE_COLUMNS = ["doc_id", "paragraph_id", "sentence_id", "start", "end", "text"]
TOKEN_COLUMNS = ["doc_id", "sentence_id", "token_id", "start", "end", "text", "norm", "pos", "is_stop", "is_editorial"]

# character replacements of the working copy (one raw character -> replacement string)
CHAR_MAP: dict[str, str] = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " - ", "\u2015": " - ", "\u2212": "-",
    "\u2026": "...",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
}
_TRANSLATE = str.maketrans(CHAR_MAP)
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2\u00c5\u00d0\u00d1\u00ef\u00ce\u00cf][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


@dataclass(frozen=True)
class Normalised:
    """A normalised working copy of a raw text with, per character, the raw span it came from."""

    raw: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the working copy to the corresponding span of the raw text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def changes(self) -> list[tuple[int, int, str, str]]:
        """Return the (raw start, raw end, raw text, normalised text) of every change cleaning made."""
        out: list[tuple[int, int, str, str]] = []
        i, n = 0, len(self.text)
        raw_pos = 0
        while i < n:
            s, e = self.starts[i], self.ends[i]
            if s > raw_pos:  # raw characters dropped before this one
                out.append((raw_pos, s, self.raw[raw_pos:s], ""))
            j = i + 1
            while j < n and (self.starts[j], self.ends[j]) == (s, e):
                j += 1
            piece = self.text[i:j]
            if self.raw[s:e] != piece:
                out.append((s, e, self.raw[s:e], piece))
            raw_pos = max(raw_pos, e)
            i = j
        if raw_pos < len(self.raw):
            out.append((raw_pos, len(self.raw), self.raw[raw_pos:], ""))
        merged: list[tuple[int, int, str, str]] = []
        for s, e, r, t in out:
            if merged and merged[-1][1] == s and not t and not merged[-1][3]:
                ps, _, pr, pt = merged[-1]
                merged[-1] = (ps, e, pr + r, pt)
            else:
                merged.append((s, e, r, t))
        return merged


def _fix_chunk(chunk: str) -> str:
    """Return a non-whitespace chunk with mojibake repaired and NFC applied (before the character map)."""
    if _MOJIBAKE_HINT.search(chunk):
        import ftfy

        chunk = ftfy.fix_encoding(chunk)
    return unicodedata.normalize("NFC", chunk)


# the only places where the working copy differs from the raw text: whitespace runs other than one plain space
# (collapsed to one space), ASCII quote stand-ins, and whitespace-delimited chunks containing a non-ASCII
# character; everything else is copied
_SPECIAL = re.compile(r"[^\S\n]*(?:[^\S\n ]| [^\S\n])[^\S\n]*|(?<!\S)\S*?[^\s\x00-\x7f]\S*|``|''|`")
# ASCII stand-ins for quotation marks (TeX style, and the forms NLTK's word tokenizer produces)
ASCII_QUOTES: dict[str, str] = {"``": '"', "''": '"', "`": "'"}


def normalise(raw: str) -> Normalised:
    """Return a working copy of `raw` (NFC, straight quotes, plain dashes and spaces, mojibake fixed) with its offset map."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(raw):
        s, e = m.span()
        if s > pos:  # unchanged stretch: copied one to one
            parts.append(raw[pos:s]); starts.extend(range(pos, s)); ends.extend(range(pos + 1, s + 1))
        pos = e
        chunk = m.group()
        if chunk[0].isspace():
            parts.append(" "); starts.append(s); ends.append(e)
            continue
        if chunk in ASCII_QUOTES:
            parts.append(ASCII_QUOTES[chunk]); starts.append(s); ends.append(e)
            continue
        fixed = _fix_chunk(chunk)
        if fixed != chunk:  # length may change: map the whole chunk as one block
            out = fixed.translate(_TRANSLATE)
            parts.append(out); starts.extend([s] * len(out)); ends.extend([e] * len(out))
            continue
        for k, ch in enumerate(chunk):
            rep = CHAR_MAP.get(ch, ch)
            parts.append(rep); starts.extend([s + k] * len(rep)); ends.extend([s + k + 1] * len(rep))
    if pos < len(raw):
        parts.append(raw[pos:]); starts.extend(range(pos, len(raw))); ends.extend(range(pos + 1, len(raw) + 1))
    return Normalised(raw=raw, text="".join(parts), starts=tuple(starts), ends=tuple(ends))


# ---------------------------------------------------------------- paragraphs
_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_FINAL_PUNCT = tuple(".!?:;,\"'\u201d\u2019)]\u2026")


def paragraph_spans(raw: str, *, start: int = 0) -> list[tuple[int, int]]:
    """Return the (start, end) raw spans of blank-line separated paragraphs from `start`, whitespace trimmed."""
    spans = []
    pos = start
    for m in _PARA_BREAK.finditer(raw, start):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    out = []
    for s, e in spans:
        seg = raw[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


def looks_like_heading(text: str) -> bool:
    """Whether a paragraph's text has the shape of a section heading (short, one line, no final punctuation)."""
    t = text.strip()
    words = t.split()
    return (0 < len(words) <= 12 and len(t) <= 100 and "\n" not in t and not t.endswith(_FINAL_PUNCT)
            and any(c.isalpha() for c in t) and (t[0].isupper() or t[0].isdigit()))


def paragraphs(raw: str, *, doc_id: str = "", body_start: int = 0, title_span: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return the paragraphs table of one document: the title (if any) and the body's paragraphs, headings flagged."""
    rows = []
    if title_span and title_span[0] >= 0 and title_span[1] > title_span[0]:
        s, e = title_span
        rows.append([doc_id, 0, s, e, raw[s:e], False, True])
    spans = paragraph_spans(raw, start=body_start)
    shapes = [looks_like_heading(raw[s:e]) for s, e in spans]
    for i, (s, e) in enumerate(spans):
        # a heading introduces body text: it is followed by a paragraph that is not heading-shaped
        is_heading = shapes[i] and i + 1 < len(spans) and not shapes[i + 1]
        rows.append([doc_id, len(rows), s, e, raw[s:e], is_heading, False])
    return _frame(rows, PARAGRAPH_COLUMNS, ints=("paragraph_id", "start", "end"), bools=("is_heading", "is_title"))


def _frame(rows: list, columns: list[str], *, ints: tuple[str, ...] = (), bools: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return rows as a DataFrame built column by column (int64, bool, else inferred), cheaper than astype."""
    cols = list(zip(*rows)) if rows else [()] * len(columns)
    data = {}
    for name, values in zip(columns, cols):
        if name in ints:
            data[name] = np.array(values, dtype="int64")
        elif name in bools:
            data[name] = np.array(values, dtype=bool)
        else:
            data[name] = _strings(list(values))
    return pd.DataFrame(data, columns=columns)


def _strings(values: list) -> list | np.ndarray:
    """Return a text column's values as given (pandas infers its string dtype), or an empty object array."""
    return values if values else np.array([], dtype=object)


# ---------------------------------------------------------------- sentences
EXTRA_ABBREVIATIONS = (
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres supt insp det rev fr st jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thurs fri "
    "inc ltd co corp bros dept univ assn approx vol vs etc al fig ft mt ave blvd rd "
    "u.s u.k u.n e.u u.s.a e.g i.e a.m p.m d.c"
).split()


@functools.cache
def sentence_tokenizer():
    """Return NLTK's English Punkt tokenizer (punkt_tab) with extra news abbreviations, loaded once per process."""
    from nltk.tokenize.punkt import PunktTokenizer

    tok = resources.load_or_explain(lambda: PunktTokenizer("english"), "punkt_tab")
    tok._params.abbrev_types.update(EXTRA_ABBREVIATIONS)
    return tok


_INITIAL_SPLIT = re.compile(r"(?:\b[A-Z]\.|\b(?:[A-Za-z]\.){2,})\s*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return sentence spans of one paragraph's working copy, using Punkt and repairing splits after initials."""
    spans = list(sentence_tokenizer().span_tokenize(text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            prev = _sentence_tail(text, *merged[-1])
            nxt = text[s:s + 1]
            next_word = (text[s:s + 40].split() or [""])[0].strip("\"'(").lower()
            # "John F. Kennedy", "the U.S. government": an initial followed by a capitalised name or lower-case
            # word; not "World War I. The ...", where a function word starts the next sentence
            if _INITIAL_SPLIT.search(prev) and (nxt[:1].islower() or re.search(r"\b[A-Z]\.\s*$", prev) and
                                                 len(prev.split()) > 1 and prev.split()[-2][:1].isupper()
                                                 and next_word not in resources.stopword_set()):
                merged[-1] = (merged[-1][0], e)
                continue
            if nxt[:1].islower() and not prev.rstrip().endswith(("?", "!", '?"', '!"')):
                merged[-1] = (merged[-1][0], e)
                continue
        merged.append((s, e))
    return merged


_TAIL_CHARS = 256


def _sentence_tail(text: str, start: int, end: int) -> str:
    """Return the end of a sentence span, long enough for the merge tests (its last two words, its final characters).

    Only the tail is looked at, so merging thousands of Punkt sentences into one (a long run of lower-case
    "sentences") stays linear instead of re-scanning an ever longer sentence.
    """
    if end - start <= _TAIL_CHARS:
        return text[start:end]
    tail = text[end - _TAIL_CHARS:end]
    return tail if len(tail.split()) >= 3 else text[start:end]


def sentences(raw: str, paras: pd.DataFrame, *, norm: Normalised | None = None, doc_id: str = "") -> pd.DataFrame:
    """Return the sentences table: Punkt sentences within each paragraph, with raw offsets."""
    norm = norm or normalise(raw)
    rows = []
    for pid, p_start, p_end in zip(paras["paragraph_id"].tolist(), paras["start"].tolist(), paras["end"].tolist()):
        ns, ne = _norm_span(norm, p_start, p_end)
        work = norm.text[ns:ne]
        for s, e in sentence_spans(work):
            rs, re_ = norm.raw_span(ns + s, ns + e)
            if re_ > rs:
                rows.append([doc_id, pid, len(rows), rs, re_, raw[rs:re_]])
    return _frame(rows, SENTENCE_COLUMNS, ints=("paragraph_id", "sentence_id", "start", "end"))


def _norm_span(norm: Normalised, raw_start: int, raw_end: int) -> tuple[int, int]:
    """Map a raw span to the span of the working copy that covers it."""
    i = bisect_right(norm.ends, raw_start)
    j = bisect_right(norm.starts, raw_end - 1) if raw_end > raw_start else i
    return i, max(i, j)


# ---------------------------------------------------------------- tokens
_ABBREV_TOKEN = "|".join(sorted({a for a in EXTRA_ABBREVIATIONS if "." not in a}, key=len, reverse=True))
TOKEN_RE = re.compile(
    r"(?:https?://|www\.)[^\s\"'<>()\[\]]+[^\s\"'<>()\[\].,;:!?]"  # URLs
    r"|[\w.+-]+@\w+(?:\.\w+)+"  # e-mail addresses
    r"|(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # U.S., e.g.
    r"|[A-Z]\.(?=[^\S\n]+[A-Z])"  # a middle initial: Emily W. Murphy
    rf"|(?i:(?<![\w.])(?:{_ABBREV_TOKEN})\.)(?=\s+[\w\d])"  # Dr. Smith, Oct. 31
    r"|\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?(?![\w])"  # numbers, 31st, 1990s
    r"|(?i:\w+(?=n't\b))|(?i:n't\b)"  # do n't
    r"|(?i:(?<=\w)'(?:s|re|ve|ll|d|m)\b)"  # clitics: Hamas 's
    r"|\w+(?:-\w+|'(?!(?:[sdmt]|re|ve|ll)\b)\w+|\.[a-z0-9]\w*)*"  # words, compounds, O'Brien, example.com; not "end.Next"
    r"|\.\.\.|--|[^\w\s]",
    re.UNICODE,
)


@functools.cache
def tagger():
    """Return NLTK's averaged perceptron tagger, loaded once per process."""
    from nltk.tag.perceptron import PerceptronTagger

    return resources.load_or_explain(lambda: PerceptronTagger(lang="eng"), "averaged_perceptron_tagger_eng")


class FastTagger:
    """NLTK's averaged perceptron model with the same features and a vectorised predict: identical tags, ~5x faster.

    NLTK sums, per class, the weights of the token's features in feature order and takes the best (score, class).
    Here the weights are one dense float64 row per feature (0.0 where NLTK has no weight, and adding 0.0 changes no
    sum), summed row after row in the same order, so every score is bit-for-bit NLTK's; classes are ordered from the
    largest name down so that `argmax` (first maximum) breaks ties like NLTK's `max(..., key=(score, label))`.
    """

    START, END = ("-START-", "-START2-"), ("-END-", "-END2-")

    def __init__(self, nltk_tagger):
        self.classes = sorted(nltk_tagger.classes, reverse=True)
        column = {c: i for i, c in enumerate(self.classes)}
        weights = nltk_tagger.model.weights
        self.index = {feat: i for i, feat in enumerate(weights)}
        self.weights = np.zeros((len(weights), len(self.classes)))
        for i, per_class in enumerate(weights.values()):
            for label, w in per_class.items():
                self.weights[i, column[label]] = w
        self.tagdict = nltk_tagger.tagdict
        self.normalize = nltk_tagger.normalize
        self._bias = self.index.get("bias")
        self._word_rows: dict = {}
        self._ctx_rows: dict = {}
        self._norms: dict = {}
        self._tag1: dict = {}
        self._tag2: dict = {}
        self._tag12: dict = {}

    def tag_words(self, words: list[str]) -> list[str]:
        """Return the tag of every word, exactly as `nltk_tagger.tag(words)` would.

        The 14 feature names of a word are not built as strings: the row of each one that depends on a single word
        or tag is looked up once per distinct word or tag and cached, and the rows are summed in NLTK's feature order.
        """
        index, weights, classes, tagdict = self.index, self.weights, self.classes, self.tagdict
        get = index.get
        word_rows, ctx_rows, norms = self._word_rows, self._ctx_rows, self._norms
        if len(ctx_rows) > 200_000 or len(word_rows) > 200_000 or len(norms) > 200_000:  # bounded memory
            word_rows.clear(); ctx_rows.clear(); norms.clear()
        ctx = [*self.START]
        for w in words:
            nw = norms.get(w)
            if nw is None:
                nw = norms[w] = self.normalize(w)
            ctx.append(nw)
        ctx += self.END
        tag1, tag2, tag12 = self._tag1, self._tag2, self._tag12
        bias = self._bias
        prev, prev2 = self.START
        out = []
        for j, word in enumerate(words, start=2):
            tag = tagdict.get(word)
            if not tag:
                wr = word_rows.get(word)
                if wr is None:
                    wr = word_rows[word] = (get("i suffix " + word[-3:]), get("i pref1 " + word[:1]))
                c = []
                for cw in ctx[j - 2:j + 3]:
                    r = ctx_rows.get(cw)
                    if r is None:
                        # i word, i-1 word, i-1 suffix, i-2 word, i+1 word, i+1 suffix, i+2 word
                        r = ctx_rows[cw] = (get("i word " + cw), get("i-1 word " + cw), get("i-1 suffix " + cw[-3:]),
                                            get("i-2 word " + cw), get("i+1 word " + cw),
                                            get("i+1 suffix " + cw[-3:]), get("i+2 word " + cw))
                    c.append(r)
                wm2, wm1, w0, wp1, wp2 = c
                t1 = tag1.get(prev, -1)
                if t1 == -1:
                    t1 = tag1[prev] = get("i-1 tag " + prev)
                t2 = tag2.get(prev2, -1)
                if t2 == -1:
                    t2 = tag2[prev2] = get("i-2 tag " + prev2)
                t12 = tag12.get((prev, prev2), -1)
                if t12 == -1:
                    t12 = tag12[(prev, prev2)] = get(f"i tag+i-2 tag {prev} {prev2}")
                feats = (bias, wr[0], wr[1], t1, t2, t12, w0[0], get(f"i-1 tag+i word {prev} {ctx[j]}"),
                         wm1[1], wm1[2], wm2[3], wp1[4], wp1[5], wp2[6])
                rows = [i for i in feats if i is not None]  # feature names never collide: each counts once
                tag = classes[int(weights[rows].sum(axis=0).argmax())] if rows else classes[0]
            out.append(tag)
            prev2, prev = prev, tag
        return out


@functools.cache
def fast_tagger() -> FastTagger:
    """Return the fast equivalent of `tagger()`, built once per process."""
    return FastTagger(tagger())


def tokenize_spans(text: str) -> list[tuple[int, int]]:
    """Return the token spans of a working-copy string."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


STAGE_SECONDS = {"tagging": 0.0}  # time spent in pos_tags by this process (read by the pipeline's stage timings)


def pos_tags(words: list[str]) -> list[str]:
    """Return Penn Treebank tags for words, tagging editorial brackets apart so they do not disturb the tagger."""
    started = time.perf_counter()
    try:
        return _pos_tags(words)
    finally:
        STAGE_SECONDS["tagging"] += time.perf_counter() - started


def _pos_tags(words: list[str]) -> list[str]:
    if "[" not in words and "]" not in words:
        return fast_tagger().tag_words([_tagger_form(w) for w in words])
    keep = [i for i, w in enumerate(words) if w not in ("[", "]")]
    tags = ["(" if w == "[" else ")" for w in words]
    if keep:
        tagged = fast_tagger().tag_words([_tagger_form(words[i]) for i in keep])
        for i, t in zip(keep, tagged):
            tags[i] = t
    return tags


def _tagger_form(word: str) -> str:
    """Return a token as the tagger was trained to see it (a straight double quote as ``)."""
    return "``" if word == '"' else word


def tokens(raw: str, sents: pd.DataFrame, *, norm: Normalised | None = None, doc_id: str = "") -> pd.DataFrame:
    """Return the tokens table: regex tokens of the working copy with raw offsets, POS tags and stopword flags."""
    norm = norm or normalise(raw)
    stop = resources.stopword_set()
    n_starts, n_ends, n_text = norm.starts, norm.ends, norm.text
    sent_col, start_col, end_col, text_col, norm_col, pos_col, editorial_col = [], [], [], [], [], [], []
    for sid, s_start, s_end in zip(sents["sentence_id"].tolist(), sents["start"].tolist(), sents["end"].tolist()):
        ns, ne = _norm_span(norm, s_start, s_end)
        work = n_text[ns:ne]
        spans = tokenize_spans(work)
        words = [work[a:b] for a, b in spans]
        pos_col += pos_tags(words)
        sent_col += [sid] * len(words)
        if "[" in words:  # editorial brackets: the tokens from "[" to its "]"
            depth = 0
            for w in words:
                if w == "[":
                    depth += 1
                editorial_col.append(depth > 0)
                if w == "]":
                    depth = max(0, depth - 1)
        else:
            editorial_col += [False] * len(words)
        for a, b in spans:
            if b > a:
                rs, re_ = n_starts[ns + a], n_ends[ns + b - 1]
            else:
                rs, re_ = norm.raw_span(ns + a, ns + b)
            start_col.append(rs); end_col.append(re_); text_col.append(raw[rs:re_])
        norm_col += [w.lower() for w in words]
    n = len(start_col)
    return pd.DataFrame({
        "doc_id": _strings([doc_id] * n), "sentence_id": np.array(sent_col, dtype="int64"),
        "token_id": np.arange(n, dtype="int64"), "start": np.array(start_col, dtype="int64"),
        "end": np.array(end_col, dtype="int64"), "text": _strings(text_col), "norm": _strings(norm_col),
        "pos": _strings(pos_col),
        "is_stop": np.array([w in stop for w in norm_col], dtype=bool),
        "is_editorial": np.array(editorial_col, dtype=bool)}, columns=TOKEN_COLUMNS)


@dataclass
class Segmented:
    """The text tables of one document, plus its working copy."""

    norm: Normalised
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame


def segment(raw: str, *, doc_id: str = "", body_start: int = 0, title_span: tuple[int, int] | None = None) -> Segmented:
    """Return the working copy and the paragraphs, sentences and tokens tables of one document."""
    norm = normalise(raw)
    paras = paragraphs(raw, doc_id=doc_id, body_start=body_start, title_span=title_span)
    sents = sentences(raw, paras, norm=norm, doc_id=doc_id)
    toks = tokens(raw, sents, norm=norm, doc_id=doc_id)
    return Segmented(norm=norm, paragraphs=paras, sentences=sents, tokens=toks)
