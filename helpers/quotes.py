"""Quotes: quotation spans, cue verbs, speakers (names, pronouns, unnamed sources) and speaker descriptors.

Tables (columns in `helpers.tables.SCHEMAS`):

- quotes: doc_id, quote_id, paragraph_id, kind (direct / indirect / mixed), content, start, end (raw offsets of the
  content: `raw[start:end] == content`), cue (the cue word(s) as written, empty for a continuation), speaker (canonical
  name, empty for an unnamed source), speaker_mention (the words that name the speaker, e.g. "he", "experts"),
  speaker_label (PERSON / ORGANIZATION / GPE, or UNNAMED), is_continuation, flags ("|"-joined: unbalanced,
  unclosed_paragraph, unattributed), n_words, sentiment (VADER compound score of the content).
- speakers: one row per speaker and document. Named speakers carry their canonical name; an unnamed source is keyed by
  its mention words (speaker = speaker_mention, `is_named` False). descriptor / role / affiliation come from the title
  before the name ("US President Joe Biden") and the apposition after it ("X, an analyst at Y"). share_of_voice = the
  speaker's quoted words / all quoted words of the document.
- speaker_mentions: doc_id, speaker, canonical, label, count — entities mentioned inside each speaker's quotes.

Conventions (those of the development gold):
- direct quote content is the text inside the marks (punctuation inside the marks included);
- indirect content is the reported clause without the complementiser "that" and without the attribution;
- a reported clause holding quoted fragments is one `mixed` quote; the fragments are not quotes of their own;
- a quoted sentence after the attribution in a new sentence is a continuation (same speaker, no cue, no mention); the
  second part of a quote split by its attribution inside one sentence keeps the cue and mention;
- a paragraph that is entirely a quotation, without attribution, continues the previous paragraph's speaker;
- short quoted fragments with no cue verb and no first/second person words (titles, nicknames, scare quotes) are not
  statements.

The rules use the grammar of attribution only (cue verbs from `data/cue_verbs.csv`, positions, commas, POS tags,
apposition, pronoun agreement); names come from the mentions table (its `canonical` column).
"""
from __future__ import annotations

import csv
import functools
import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import resources, tables

DATA_DIR = Path(__file__).with_name("data")

QUOTE_COLUMNS = tables.SCHEMAS["quotes"]  # the schemas are defined in helpers/tables.py
SPEAKER_COLUMNS = tables.SCHEMAS["speakers"]
SPEAKER_MENTION_COLUMNS = tables.SCHEMAS["speaker_mentions"]
MENTION_COLUMNS = ["doc_id", "mention_id", "sentence_id", "start", "end", "text", "label", "canonical"]

# ---------------------------------------------------------------- lexicons
OPEN_MARKS = "\u201c\u201e\u00ab\u201f"
CLOSE_MARKS = "\u201d\u00bb"
STRAIGHT = '"\u2033'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT
DASHES = ("\u2014", "\u2015", "\u2013", "--", "-")
SPEAKER_LABELS = ("PERSON", "ORGANIZATION", "GPE")
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s"}
FIRST_SECOND_PERSON = frozenset("i me my mine myself we us our ours ourselves you your yours yourself".split())
AUX = frozenset("has have had is was were are be been being will would shall should can could may might must do does "
                "did also later then still again further repeatedly previously once now recently reportedly "
                "publicly separately earlier not n't never".split())
APPOSITIVE_RELATIVE = frozenset("who whose which".split())
RELATIVE = frozenset("who whom whose which that when where while because although though if as since".split())
FINITE = ("VBD", "VBZ", "VBP", "MD")
CLAUSE_START_POS = ("DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "CD", "JJ", "JJS", "JJR", "EX", "RB", "PDT", "``")
UNAMBIGUOUS_CUES = frozenset("said says told tells according".split())
PASSIVE_BE = frozenset("was were is are be been being".split())
TIME_WORDS = frozenset("yesterday today tonight earlier later meanwhile now then also however monday tuesday wednesday "
                       "thursday friday saturday sunday".split())
TO_SPEAK = frozenset("on continued continues continue went goes".split())
SUBORDINATORS = frozenset("until unless before after because although though if when while once since as so whether "
                          "than like".split())
SUBJECT_POS = ("DT", "PDT", "PRP", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "CC", "``", "''")
COORD_NP_POS = ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "PRP$", "IN", "(", ")")
QUANTIFIER_PRONOUNS = frozenset("some many others several most".split())
TITLE_STOP_POS = ("VB", "MD", "IN", "CC", ",", ".", ":", "``", "''", "WDT", "WP", "TO")


@dataclass(frozen=True)
class CueLexicon:
    """Cue verb forms and their properties, read from `data/cue_verbs.csv`."""

    lemma: dict[str, str]
    tell: frozenset[str]
    gerund: frozenset[str]
    phrase_only: frozenset[str] = frozenset()


def _read_data_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@functools.cache
def cue_lexicon() -> CueLexicon:
    """Return the cue verb lexicon (form -> lemma, tell-type forms, gerund-taking forms), loaded once."""
    lemma, tell, gerund, phrase_only = {}, set(), set(), set()
    for row in _read_data_rows("cue_verbs.csv"):
        for form in row["forms"].split("|"):
            form = form.strip().lower()
            lemma.setdefault(form, row["lemma"])
            if row.get("tell", "0").strip() == "1":
                tell.add(form)
            if row.get("gerund", "0").strip() == "1":
                gerund.add(form)
            if (row.get("clause") or "1").strip() == "0":
                phrase_only.add(form)
    return CueLexicon(lemma=lemma, tell=frozenset(tell), gerund=frozenset(gerund), phrase_only=frozenset(phrase_only))


@functools.cache
def source_nouns() -> frozenset[str]:
    """Return the head nouns of unnamed sources ("experts", "police", ...), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in _read_data_rows("source_nouns.csv"))


@functools.cache
def document_nouns() -> frozenset[str]:
    """Return the source nouns that are texts speaking for their authors ("report", "study"), loaded once."""
    return frozenset(r["noun"].strip().lower() for r in _read_data_rows("source_nouns.csv")
                     if (r.get("kind") or "").strip() == "document")


@functools.cache
def name_genders() -> dict[str, str]:
    """Return first name -> 'm' / 'f' for names NLTK's names corpus gives one gender only, loaded once."""
    from nltk.corpus import names

    male = set(resources.load_or_explain(lambda: names.words("male.txt"), "names"))
    female = set(resources.load_or_explain(lambda: names.words("female.txt"), "names"))
    out = {n: "m" for n in male - female}
    out.update({n: "f" for n in female - male})
    return out


@functools.cache
def sentiment_analyzer():
    """Return NLTK's VADER analyzer, loaded once per process."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return resources.load_or_explain(SentimentIntensityAnalyzer, "vader_lexicon")


# ---------------------------------------------------------------- data carried through the analysis
@dataclass
class Tok:
    start: int
    end: int
    text: str
    norm: str
    pos: str
    in_quote: bool = False
    paren: bool = False


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    canonical: str


@dataclass
class SpeakerRef:
    """Who a quote is attributed to, before pronoun resolution: a mention, a pronoun or unnamed words."""

    kind: str  # "mention", "pronoun", "unnamed"
    text: str  # the speaker mention as written
    start: int
    mention: Mention | None = None


@dataclass
class QuoteSpan:
    """A pair of quotation marks: content bounds (raw) and flags."""

    open: int  # index of the opening mark (or content start when it is missing)
    close: int  # index of the closing mark (or content end when it is missing)
    cstart: int
    cend: int
    paragraph_id: int
    flags: list[str] = field(default_factory=list)
    at_para_start: bool = False
    whole_para: bool = False


@dataclass
class Quote:
    kind: str
    cstart: int
    cend: int
    paragraph_id: int
    cue: str | None
    ref: SpeakerRef | None
    flags: list[str] = field(default_factory=list)
    is_continuation: bool = False
    span: QuoteSpan | None = None
    speaker: str | None = None
    label: str | None = None


# ---------------------------------------------------------------- quotation marks
def _mark_role(raw: str, i: int, lo: int, hi: int) -> str:
    """Return 'open', 'close' or 'ambig' for the quotation mark at raw[i] from its shape and neighbours."""
    ch = raw[i]
    if ch in OPEN_MARKS:
        return "open"
    if ch in CLOSE_MARKS:
        return "close"
    prev = raw[i - 1] if i > lo else " "
    nxt = raw[i + 1] if i + 1 < hi else " "
    if (prev.isspace() or prev in "([{\u2014\u2013-/") and not nxt.isspace():
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}\u2014\u2013-":
        return "close"
    return "ambig"


def quote_spans(raw: str, lo: int, hi: int, *, paragraph_id: int = 0) -> list[QuoteSpan]:
    """Pair the double quotation marks of one paragraph raw[lo:hi]; unbalanced marks are flagged, never raised."""
    marks = [(i, _mark_role(raw, i, lo, hi)) for i in range(lo, hi) if raw[i] in ALL_MARKS]
    spans: list[QuoteSpan] = []
    inside: int | None = None
    for i, role in marks:
        if inside is None:
            if role in ("open", "ambig"):
                inside = i
            elif not spans and len(raw[lo:i].split()) >= 3:  # closing mark with no opening one: quote from the start
                spans.append(_span(raw, lo - 1, i, paragraph_id, ["unbalanced"]))
        elif role in ("close", "ambig"):
            spans.append(_span(raw, inside, i, paragraph_id, []))
            inside = None
        else:  # an opening mark while a quote is open: the previous one was never closed
            spans.append(_span(raw, inside, i, paragraph_id, ["unbalanced"], close_missing=True))
            inside = i
    if inside is not None:
        spans.append(_span(raw, inside, hi, paragraph_id, ["unclosed_paragraph"], close_missing=True))
    for s in spans:
        s.at_para_start = not raw[lo:s.open].strip()
        s.whole_para = s.at_para_start and not re.sub(r"[\W_]", "", raw[s.close + 1:hi] if s.close < hi else "")
    return [s for s in spans if s.cend > s.cstart]


def _span(raw: str, o: int, c: int, pid: int, flags: list[str], close_missing: bool = False) -> QuoteSpan:
    cs, ce = o + 1, c
    while cs < ce and raw[cs].isspace():
        cs += 1
    while ce > cs and raw[ce - 1].isspace():
        ce -= 1
    if close_missing:  # the content stops at the paragraph end or before the next opening mark
        return QuoteSpan(open=o, close=c - 1 if c > cs else c, cstart=cs, cend=ce, paragraph_id=pid, flags=flags)
    return QuoteSpan(open=max(o, 0), close=c, cstart=cs, cend=ce, paragraph_id=pid, flags=flags)


# ---------------------------------------------------------------- document context
class _Doc:
    """Per-document lookups: tokens as lists, mentions, sentences that never split inside a quote."""

    def __init__(self, raw: str, seg, mentions: pd.DataFrame):
        self.raw = raw
        tk = seg.tokens
        self.toks = [Tok(int(s), int(e), t, n.replace("\u2019", "'"), p) for s, e, t, n, p in
                     zip(tk["start"].tolist(), tk["end"].tolist(), tk["text"].tolist(), tk["norm"].tolist(),
                         tk["pos"].tolist())]
        self.tok_starts = [t.start for t in self.toks]
        ms = []
        if mentions is not None and len(mentions):
            for s, e, t, lab, can in zip(mentions["start"].tolist(), mentions["end"].tolist(), mentions["text"].tolist(),
                                         mentions["label"].tolist(), mentions["canonical"].tolist()):
                ms.append(Mention(int(s), int(e), str(t), str(lab).upper(),
                                  str(can) if isinstance(can, str) and can else str(t)))
        self.mentions = sorted(ms, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.max_mention_len = max((m.end - m.start for m in self.mentions), default=0)
        self.paragraphs = list(zip(seg.paragraphs["paragraph_id"].tolist(), seg.paragraphs["start"].tolist(),
                                   seg.paragraphs["end"].tolist(), seg.paragraphs["is_title"].tolist(),
                                   seg.paragraphs["is_heading"].tolist()))
        self.sent_spans = list(zip(seg.sentences["paragraph_id"].tolist(), seg.sentences["start"].tolist(),
                                   seg.sentences["end"].tolist()))

    def described(self) -> dict[str, list[tuple[int, int, Mention]]]:
        """Head noun -> [(position, n, mention)] of organisations whose multi-word name ends with that noun and of
        persons whose title ends with it, built once per document (see `_described`)."""
        if getattr(self, "_described", None) is None:
            out: dict[str, list] = {}
            for n, m in enumerate(self.mentions):
                words = m.canonical.split()
                if m.label == "ORGANIZATION" and len(words) > 1:
                    out.setdefault(words[-1].lower(), []).append((m.start, n, m))
                if m.label == "ORGANIZATION":
                    for noun in self._org_type_nouns(m):
                        out.setdefault(noun, []).append((m.start, n, m))
                elif m.label == "PERSON":
                    sp = pre_title(self, m)
                    title = self.raw[sp[0]:sp[1]].lower().split() if sp else []
                    if title and not ROLE_QUALIFIERS & set(title):
                        out.setdefault(title[-1], []).append((m.start, n, m))
                    sp = post_apposition(self, m)  # ", the Government commissioner responsible for defence"
                    words = re.split(r"\s+(?:of|at|for|with|from|in|on|to|responsible|who|whose)\b|,",
                                     self.raw[sp[0]:sp[1]].lower())[0].split() if sp else []
                    if words and words[0] in ("the", "a", "an") and not ROLE_QUALIFIERS & set(words):
                        out.setdefault(words[-1], []).append((m.start, n, m))
            for v in out.values():
                v.sort(key=lambda x: (x[0], x[1]))
            self._described = {k: [(p, m) for p, _, m in v] for k, v in out.items()}
        return self._described

    def _org_type_nouns(self, m: Mention) -> list[str]:
        """Common nouns that introduce an organisation and can later refer to it: a noun in apposition right before
        the name ("news site, Znak.com", "newspaper The Hindu") and "website"/"site" for a domain name."""
        out = []
        if DOMAIN.search(m.canonical):
            out += ["website", "site"]
        a, _ = self.tok_range(m.start, m.start + 1)
        k = a - 1
        if k >= 0 and self.toks[k].pos == ",":
            k -= 1
        if k >= 0 and self.toks[k].pos == "NN" and self.toks[k].text.islower() and not self.toks[k].in_quote \
                and self.toks[k].norm in MEDIA_NOUNS | {"site"}:
            noun = self.toks[k].norm
            out += ["website", "site"] if noun in ("site", "website") else [noun]
        return out

    def tok_range(self, lo: int, hi: int) -> tuple[int, int]:
        """Token indices [a, b) of the tokens starting inside raw[lo:hi]."""
        from bisect import bisect_left

        return bisect_left(self.tok_starts, lo), bisect_left(self.tok_starts, hi)

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions lying inside raw[lo:hi]."""
        from bisect import bisect_left

        i, j = bisect_left(self.mention_starts, lo), bisect_left(self.mention_starts, hi)
        return [m for m in self.mentions[i:j] if m.end <= hi]


def _merge_sentences(sents: list[tuple[int, int]], spans: list[QuoteSpan], d: "_Doc | None" = None
                     ) -> list[tuple[int, int]]:
    """Join sentences whose boundary falls inside a quotation, and a quotation ending in "?" or "!" with the
    lower-case attribution the splitter cut off after it ('"Who would do that?" wrote X.')."""
    out: list[list[int]] = []
    for s, e in sents:
        if out and (any(q.open < s <= q.close for q in spans)
                    or _cut_attribution(d, out[-1][0], out[-1][1], s, e, spans)):
            out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _cut_attribution(d: "_Doc | None", lo: int, hi: int, s: int, e: int, spans: list[QuoteSpan]) -> bool:
    """Whether sentence raw[lo:hi] ends with a quotation closed after "?" or "!" and the next sentence raw[s:e] is its
    attribution: it begins with a lower-case word (a sentence never does), or it is a short clause whose only verb
    is a cue ('"Who would do that?" Anna Berg asked.')."""
    if d is None:
        return False
    raw = d.raw
    body = raw[lo:hi].rstrip()
    if len(body) < 2 or body[-1] not in CLOSE_MARKS + STRAIGHT or body[-2] not in "?!":
        return False
    if not any(q.close == lo + len(body) - 1 for q in spans):
        return False
    nxt = raw[s:s + 1]
    if nxt.isalpha() and nxt.islower():
        return True
    a, b = d.tok_range(s, e)
    words = [t for t in d.toks[a:b] if t.pos not in (",", ".", ":")]
    if not words or len(words) > 12 or words[0].text in ALL_MARKS:
        return False
    lex = cue_lexicon()
    verbs = [t for t in words if t.pos in FINITE or t.pos.startswith("VB")]
    return len(verbs) == 1 and verbs[0].norm in lex.lemma and verbs[0].pos in ("VBD", "VBZ", "VBP")




# ---------------------------------------------------------------- noun phrases and speakers
def _is_cue(d: _Doc, i: int, a: int, b: int) -> str | None:
    """Return the cue text if token i is a cue verb (or 'according to') outside quotes and parentheses."""
    t = d.toks[i]
    if t.in_quote or t.paren:
        return None
    lex = cue_lexicon()
    if t.norm == "effect" and i - 2 > a and d.toks[i - 1].norm == "the" and d.toks[i - 2].norm == "to" \
            and _document_subject(d, i - 2, a):
        return t.text  # "issued a statement to the effect (that) <clause>": the statement reports the clause
    if t.norm not in lex.lemma:
        return None
    if t.norm == "according":
        if i + 1 < b and d.toks[i + 1].norm == "to":
            return d.raw[t.start:d.toks[i + 1].end]
        return None
    if not (t.pos.startswith("VB") or t.norm in UNAMBIGUOUS_CUES or _noun_tagged_cue(d, i, a, b)
            or t.norm in ("read", "reads") and i + 1 < b and (d.toks[i + 1].pos in (",", ":") or _in_part(d, i, b))):
        return None
    if i > a and d.toks[i - 1].norm in PASSIVE_BE and t.pos == "VBN" and _passive_agent(d, i, b) is None:
        return None  # "he was told": the speaker is elsewhere (unless named in a "by" phrase)
    if t.pos == "VBG" and i > a and d.toks[i - 1].pos != ",":
        k = i - 1
        while k >= a and i - k <= 8 and d.toks[k].pos not in (",", ":", ".") and not d.toks[k].pos.startswith("VB"):
            if d.toks[k].norm in SIGN_NOUNS:
                return None  # "a banner (from X) saying \"...\"": the words on a sign are a slogan, not a report
            k -= 1  # "a banner saying \"...\"": the words on a sign are a slogan, not a report
    if t.norm in ("read", "reads") and not _document_subject(d, i, a):
        return None  # "a statement which read, \"...\"": a text reads its words; a person reading does not report
    if t.norm == "referred" and not (i + 1 < b and d.toks[i + 1].norm == "to"):
        return None
    if i > a and d.toks[i - 1].norm in ("the", "a", "an", "this", "that", "his", "her", "its", "their"):
        return None
    if i > a and d.toks[i - 1].norm in ("not", "n't", "never"):
        return None  # a negated report attributes nothing
    if i > a and d.toks[i - 1].norm == "to" and not (i - 2 >= a and d.toks[i - 2].norm in TO_SPEAK):
        return None  # "agreed to add", "refused to say": not a report; "went on to say" is
    return t.text


def _in_part(d: _Doc, i: int, b: int) -> bool:
    """Whether cue i is followed by "in part"/"in full" and a colon ("the summary read in part: ...")."""
    return i + 3 < b and d.toks[i + 1].norm == "in" and d.toks[i + 2].norm in ("part", "full") \
        and d.toks[i + 3].pos in (",", ":")


def _passive_agent(d: _Doc, i: int, b: int) -> tuple[int, int] | None:
    """The token range of the agent of a passive cue ("he was told by Minister X of/that ..."), or None."""
    toks = d.toks
    if not (i > 0 and toks[i - 1].norm in PASSIVE_BE and i + 2 < b):
        return None
    by = i + 1
    if toks[by].norm == "as" and toks[i].norm in cue_lexicon().phrase_only:
        # "was described as \"knife-obsessed\" by the police": the agent follows the framed phrase
        by += 1
        while by < b and by - i < 16 and (toks[by].in_quote or toks[by].text in ALL_MARKS
                                          or toks[by].pos in ("DT", "JJ", "NN", "NNS", "``", "''")):
            by += 1
    if not (by + 1 < b and toks[by].norm == "by"):
        return None
    i = by - 1
    k = i + 2
    while k < b and k - i < 10 and toks[k].pos in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS") \
            and not toks[k].in_quote:
        k += 1
    return (i + 2, k) if k > i + 2 else None


def _document_subject(d: _Doc, i: int, a: int) -> bool:
    """Whether a document noun ("statement", "report") heads the subject before token i, directly or through
    "which"."""
    docs = document_nouns()
    for k in range(i - 1, max(a, i - 9) - 1, -1):
        t = d.toks[k]
        if t.pos in (",", ".", ":") or t.in_quote:
            return False
        if t.norm in docs and t.pos.startswith("NN"):
            return True
    return False


def _noun_tagged_cue(d: _Doc, i: int, a: int, b: int) -> bool:
    """Whether a plain cue form tagged as a noun is the verb after a plural subject at the clause start ("Sources
    report she is ...", "Analysts estimate the cost will ..."): subject, cue, then a reported clause."""
    toks = d.toks
    t = toks[i]
    if t.pos != "NN" or t.norm.endswith("s") or i - 1 < a or i + 1 >= b or toks[i - 1].pos not in ("NNS", "NNPS"):
        return False
    if i - 2 >= a and toks[i - 2].pos not in (",", ":", "DT", "JJ", "CD") and not toks[i - 2].text in ALL_MARKS:
        return False
    return toks[i + 1].norm == "that" or _np_then_verb(d, i + 1, b)


def _speaker_from_np(d: _Doc, lo: int, hi: int) -> SpeakerRef | None:
    """Return the speaker named by tokens [lo, hi) (a name, a pronoun or unnamed-source words), or None."""
    toks = d.toks
    while lo < hi and (toks[lo].pos in (",", ":", "``", "''", ".") or toks[lo].text in ALL_MARKS
                       or toks[lo].norm in ("-", "--") or toks[lo].norm in TIME_WORDS):
        lo += 1
    while hi > lo and (toks[hi - 1].pos in (",", ":", "``", "''", ".") or toks[hi - 1].text in ALL_MARKS):
        hi -= 1
    if hi <= lo or hi - lo > 24:
        return None
    words = toks[lo:hi]
    if hi - lo == 1 and words[0].norm in PRONOUNS:
        if words[0].norm in ("i", "we"):
            return None  # the writer or an interviewee outside quotation marks: nobody the article attributes
        return SpeakerRef("pronoun", words[0].text, words[0].start)
    if hi - lo == 1 and words[0].norm in QUANTIFIER_PRONOUNS:  # "while some say ...": an unnamed source
        return SpeakerRef("unnamed", words[0].text, words[0].start)
    if words[0].pos.startswith(("VB", "IN", "TO", "CC", "RB", "WDT", "WP", "CD", "MD")) and words[0].norm != "of" \
            and not (words[0].pos == "CD" and len(words) > 1 and words[1].pos.startswith("NN")):  # "One MP told ..."
        return None
    start, end = words[0].start, words[-1].end
    ms = [m for m in d.mentions_in(start, end) if m.label in SPEAKER_LABELS + ("NORP", "LOCATION")]
    person_starts = {m.start for m in ms if m.label == "PERSON"}
    fin = [k for k, w in enumerate(words) if w.pos in FINITE and not w.paren and not _title_word(words, k, person_starts)]
    if fin == [len(words) - 1] or fin == [len(words) - 2] and words[-1].pos in ("IN", "TO", "RP"):
        # "the protesters Wikinews interviewed said", "the people we spoke to said": a contact relative clause (its
        # own subject and verb) after the head noun; the head speaks, the mention keeps the whole phrase
        k = j = fin[0]
        if j >= 1 and words[j - 1].pos == "PRP":
            j -= 1
        else:
            while j >= 1 and words[j - 1].pos in ("NNP", "NNPS") and k - j < 5:
                j -= 1
        if j < k and j >= 2 and words[j - 1].pos in ("NN", "NNS"):
            ref = _speaker_from_np(d, lo, lo + j)
            if ref is not None and ref.kind != "pronoun":
                return SpeakerRef(ref.kind, d.raw[start:end], start, ref.mention)
        return None
    if fin or any(w.in_quote for w in words):
        return None
    persons = [m for m in ms if m.label == "PERSON"]
    first = next((m for m in ms if m.start == start and m.label in ("PERSON", "ORGANIZATION")), None)
    if first is not None and not (persons and persons[-1] is not first and persons[-1].end == end):
        # (not "Road Transport and Bridges Minister Obaidul Quader": a name ending the phrase is its head)
        k = next((k for k, w in enumerate(words) if w.start >= first.end), None)
        if k is not None and words[k].norm == "and" and k + 1 < len(words):
            # "Trump and his supporters claimed": a coordinated subject speaks through its first, named conjunct
            return SpeakerRef("mention", d.raw[start:end], start, first)
    nouns = source_nouns()
    named = [m for m in ms if m.label in ("PERSON", "ORGANIZATION")]
    src = [w for w in words if w.norm in nouns and w.pos.startswith("NN")
           and not any(m.start <= w.start < m.end for m in named)]  # "Ministry of Health" is a name
    # "state press agency PAP": a source noun in apposition before the organisation's name names it
    appositive_org = bool(src) and src[-1].pos == "NN" and any(
        m.label == "ORGANIZATION" and m.start > src[-1].start and m.end == end
        and not any(w.pos in ("IN", "TO", "POS", ",") for w in words if src[0].start < w.start < m.start)
        for m in named)
    media = next((k for k, w in enumerate(words) if w.norm in MEDIA_NOUNS and w.pos == "NN"), None)
    if media is not None and media + 1 < len(words) and all(
            w.text[:1].isupper() and w.pos in ("NNP", "NNPS", "DT", "NN", "JJ") for w in words[media + 1:]) \
            and not any(m.label in ("PERSON", "ORGANIZATION") and m.start >= words[media + 1].start for m in ms):
        # "newspaper The Hindu reported": a media noun in apposition before a capitalised title names the outlet,
        # even when the tagger did not take the title for an organisation
        name = d.raw[words[media + 1].start:end]
        m = Mention(words[media + 1].start, end, name, "ORGANIZATION", name)
        return SpeakerRef("mention", d.raw[start:end], start, m)
    if src and not ms and (len(words) == 1 and words[0].norm == "police"
                           or 2 <= len(words) <= 4 and words[0].norm in DEFINITE and words[-1] is src[-1]):
        # "The website further reported", "Police said": a source noun that names an organisation introduced
        # earlier ("news site, Znak.com", "Thames Valley Police") refers to it; with modifiers, only to the one
        # whose name holds them ("the emergencies ministry" -> Emergencies Ministry)
        found = _described(d, src[-1].norm, start)
        if found is not None and found.label == "ORGANIZATION" and all(
                w.norm in found.canonical.lower().split() for w in words[1:-1]):
            return SpeakerRef("mention", d.raw[start:end], start, found)
    if src and not appositive_org and not any(
            m.start > src[0].start and not any(w.norm == "for" for w in words if src[0].start < w.start < m.start)
            for m in persons):  # "a spokesman for X", "the account for X": the source is not X
        # "a UN report", "a statement released by the Supreme Court": a document speaks for the organisation that
        # the phrase names as its author
        after = [w for w in words if w.start > src[-1].start and w.norm not in TIME_WORDS]
        if src[-1].norm in document_nouns() and not (after and after[0].pos.startswith("NN")):
            orgs = [m for m in named if m.label == "ORGANIZATION"]
            if orgs:
                return SpeakerRef("mention", d.raw[start:end], start, orgs[0])
        if src[-1].norm in document_nouns() and after and after[0].norm in ("on", "about", "regarding", "concerning"):
            end = src[-1].end  # "The family's statement on the death read": the topic is not part of the source
        return SpeakerRef("unnamed", d.raw[start:end], start)
    if persons:
        m = persons[0]
        last = persons[-1]
        if last is not m and last.end == end and not any(
                w.pos in ("CC", ",", ":", "(", ")", "IN") for w in words if m.end <= w.start < last.start):
            # "Trump adviser John Bolton", "Mysore Divisional Railway Manager Aparna Garg": the name that ends the
            # noun phrase is its head; a name before it (joined by title words, no conjunction) is a modifier
            m = last
        return SpeakerRef("mention", d.raw[start:m.end], start, m)
    head = words[-1]
    # "the party", "the commissioner", "Chelyabinsk's governor": a definite description whose head noun names a role
    # or an organisation the article names elsewhere (the names only as possessive modifiers)
    if head.pos in ("NN", "NNS") and head.text.islower() and (words[0].norm in DEFINITE or ms) and hi - lo <= 5:
        found = _described(d, head.norm, start)
        # "The Wooster professor": a name as a plain modifier of a role noun still describes the person holding it
        if found is not None and (all(_followed_by_possessive(d, m) for m in ms)
                                  or found.label == "PERSON" and words[0].norm in DEFINITE):
            if found.label == "PERSON" and not ms and not _title_holds(d, found, words[1:-1]):
                # "the local health minister" is not "Prime Minister X": a noun modifier the title lacks
                return SpeakerRef("unnamed", d.raw[start:end], start)
            return SpeakerRef("mention", d.raw[start:end], start, found)
    # a place name as a speaker is an institution named by its building ("the White House", "National Hurricane
    # Center" tagged as a facility)
    orgs = [m for m in ms if m.label == "ORGANIZATION"] or [m for m in ms if m.label == "GPE"] \
        or [m for m in ms if m.label == "LOCATION"]
    if orgs:
        m = orgs[0]
        return SpeakerRef("mention", d.raw[start:max(m.end, end if len(ms) == 1 else m.end)], start, m)
    names = words[1:] if words[0].norm == "the" and len(words) > 1 else words
    if not ms and len(words) == 1 and words[0].pos == "NNS" and words[0].text[:1].isupper() and words[0].text.isalpha() \
            and not _english_plural(words[0].norm):
        # "Reuters reported": a capitalised name the tagger took for a plural, not an English word
        return SpeakerRef("mention", words[0].text, start, Mention(start, end, words[0].text, "ORGANIZATION",
                                                                    words[0].text))
    if not ms and len(names) <= 5 and names[-1].pos in ("NNP", "NNPS") and all(
            w.pos in ("NNP", "NNPS", "JJ") and w.text[:1].isupper() and w.text.isalpha()
            and w.norm not in TIME_WORDS and w.norm not in NOT_NAMES for w in names):
        # "Business Insider reported", "The Daily Telegraph reported": a proper name the entity tagger missed is
        # still a named speaker (its own words as the name)
        name = d.raw[names[0].start:end]
        return SpeakerRef("mention", d.raw[start:end], start, Mention(names[0].start, end, name, "ORGANIZATION", name))
    return None


def _english_plural(w: str) -> bool:
    """Whether a plural-looking word (or its singular) is an English dictionary word."""
    vocab = resources.english_words()
    return w in vocab or w[:-1] in vocab or w.endswith("es") and w[:-2] in vocab \
        or w.endswith("ies") and w[:-3] + "y" in vocab


NOT_NAMES = frozenset("january february march april may june july august september october november december "
                      "i mr mrs ms dr".split())


DEFINITE = frozenset("the this that".split())
MEDIA_NOUNS = frozenset("newspaper magazine tabloid broadcaster website agency outlet daily weekly channel".split())
DOMAIN = re.compile(r"\w\.(?:com|org|net|ru|info|io|news|co|de|fr|in|uk)$", re.I)
SIGN_NOUNS = frozenset("banner banners sign signs placard placards poster posters slogan slogans t-shirt t-shirts "
                       "shirt shirts flag flags billboard billboards graffiti sticker stickers".split())
ROLE_QUALIFIERS = frozenset("deputy vice assistant former acting associate ex interim junior".split())


def _followed_by_possessive(d: _Doc, m: Mention) -> bool:
    a, _ = d.tok_range(m.end, m.end + 1)
    return a < len(d.toks) and d.toks[a].norm in ("'s", "'")


def _described(d: _Doc, head: str, pos: int) -> Mention | None:
    """The entity a definite description's head noun refers to: the nearest organisation before pos whose name ends
    with that noun ("the party" -> "Thai Raksa Chart Party"), else a person whose title ends with it ("the governor" ->
    "Regional governor Boris Dubrovsky", never a "Deputy Governor"); the nearest one before pos, else the first
    after it."""
    index = d.described()
    cands = index.get(head)
    if not cands:
        return None
    i = bisect_left(cands, (pos,))
    return cands[i - 1][1] if i else cands[0][1]


def _title_holds(d: _Doc, person: Mention, modifiers: list[Tok]) -> bool:
    """Whether every lowercase noun modifier of a role description occurs in the title before a person's name (the
    six tokens before it) or in the name itself."""
    nouns = [w.norm for w in modifiers if w.pos in ("NN", "NNS") and w.text.islower()]
    if not nouns:
        return True
    a, _ = d.tok_range(person.start, person.end)
    title = {t.norm for t in d.toks[max(0, a - 6):a]} | set(person.text.lower().split())
    return all(n in title for n in nouns)


def _title_word(words: list[Tok], k: int, person_starts: set[int]) -> bool:
    """Whether a lower-case word the tagger took for a verb is a title noun before a name ("Caloundra coach Geoff
    Ingram", "club captain Jo Roe"): it follows a noun or adjective and a person's name starts right after it."""
    w = words[k]
    return w.pos in ("VBP", "VBZ") and w.text.islower() and 0 < k < len(words) - 1 \
        and words[k + 1].start in person_starts and words[k - 1].pos in ("NN", "NNS", "NNP", "NNPS", "JJ", "POS")


def _np_before(d: _Doc, c: int, a: int) -> tuple[int, int]:
    """Return the token range of the noun phrase that ends right before cue token c (auxiliaries skipped)."""
    toks = d.toks
    hi = c
    while hi > a and (toks[hi - 1].norm in AUX or toks[hi - 1].pos in ("RB", "MD", "TO", "RP")):
        if toks[hi - 1].norm == "to" and hi - 3 >= a and toks[hi - 2].norm == "on" and \
                toks[hi - 3].norm in ("went", "goes", "go", "going"):
            hi -= 3
            continue
        hi -= 1
    lo = hi
    while lo > a and not (toks[lo - 1].pos in (",", ":", ".", "CC", "WDT", "WP") or toks[lo - 1].text in ALL_MARKS
                          or toks[lo - 1].norm in ("--", ";") or toks[lo - 1].text in DASHES
                          or toks[lo - 1].norm in ("because", "while", "although", "though", "if", "as", "when",
                                                   "since", "after", "before", "whereas")):
        lo -= 1
    if a < lo - 1 < hi - 1 and toks[lo - 1].norm == "and" and toks[lo].pos in ("DT", "NNP", "NNPS", "NNS", "NN", "PRP$"):
        # "The Committee and the Security Service said": a coordinated subject, when the conjunct before "and" is a
        # noun phrase of its own (no verb), not the end of a clause
        k = lo - 1
        while k > a and k - lo < 12 and toks[k - 1].pos in COORD_NP_POS and not toks[k - 1].in_quote \
                and (toks[k - 1].pos != "IN" or toks[k - 1].norm in ("of", "from", "at", "for", "in")):
            k -= 1
        boundary = k == a or toks[k - 1].pos in (",", ":", ".") or toks[k - 1].text in ALL_MARKS
        if k < lo - 1 and boundary and toks[k].pos in ("DT", "NNP", "NNPS", "NNS", "NN", "JJ", "PRP$") \
                and toks[lo - 2].pos in ("NNP", "NNPS", "NNS", "NN", ")"):
            lo = k
    return lo, hi


def _np_after(d: _Doc, c: int, b: int) -> tuple[int, int]:
    """Return the token range of the noun phrase right after cue token c, up to punctuation."""
    toks = d.toks
    hi = c + 1
    while hi < b and not (toks[hi].pos in (",", ":", ".") or toks[hi].text in ALL_MARKS or toks[hi].norm == ";"):
        hi += 1
    return c + 1, hi


def _inverted_speaker(d: _Doc, ci: int, b: int) -> SpeakerRef | None:
    """The speaker after an inverted cue ("says X"); an unnamed descriptor followed by a person's name in apposition
    ("argued the government's lawyer, Richard Keen") is that person."""
    toks = d.toks
    lo, hi = _np_after(d, ci, b)
    ref = _speaker_from_np(d, lo, _trim_np_after(d, lo, hi))
    if ref is not None and ref.kind == "unnamed" and hi + 1 < b and toks[hi].pos == ",":
        lo2, hi2 = _np_after(d, hi, b)
        ms = [m for m in d.mentions_in(toks[lo2].start, toks[hi2 - 1].end) if m.label == "PERSON"] if hi2 > lo2 else []
        if ms and ms[0].start == toks[lo2].start and ms[0].end == toks[hi2 - 1].end \
                and (hi2 >= b or toks[hi2].pos in (".", ",", ":")):
            return SpeakerRef("mention", d.raw[toks[lo].start:ms[0].end], toks[lo].start, ms[0])
    return ref


def _trim_np_after(d: _Doc, lo: int, hi: int) -> int:
    """Cut adverbials after the name in an inverted attribution ("wrote X on Twitter")."""
    toks = d.toks
    ms = d.mentions_in(toks[lo].start, toks[hi - 1].end) if hi > lo else []
    persons = [m for m in ms if m.label == "PERSON"]
    for k in range(lo, hi):
        if toks[k].pos in ("IN", "TO") and toks[k].norm not in ("of", "for") and not (persons and toks[k].start < persons[0].start):
            return k
    return hi


def _subject(d: _Doc, c: int, a: int) -> SpeakerRef | None:
    """Return the subject of the clause whose verb is cue token c (nearest noun phrase, else the sentence subject)."""
    agent = _passive_agent(d, c, len(d.toks))
    if agent is not None:  # "he was told by X": the agent speaks
        return _speaker_from_np(d, *agent)
    if c - 2 > a and d.toks[c - 1].norm == "who" and d.toks[c - 2].pos == ",":
        # "..., such as former governor X, who denounced ...": the relative pronoun's antecedent speaks
        lo2, hi2 = _np_before(d, c - 2, a)
        ref = _speaker_from_np(d, lo2, hi2) if hi2 > lo2 else None
        if ref is not None and ref.kind == "mention" and ref.mention is not None and ref.mention.label == "PERSON":
            return ref
    lo, hi = _np_before(d, c, a)
    if d.toks[c].pos == "VBG" and hi == c:
        # "despite Znak.com claiming ...": the noun phrase between a preposition and the gerund is its subject
        k = next((k for k in range(c - 1, max(a, c - 8) - 1, -1) if d.toks[k].pos == "IN"), None)
        if k is not None and k >= lo and d.toks[k].norm in CONTRAST_PREPS and _gerund_after_prep(d, k, c + 1) == c:
            ref = _speaker_from_np(d, k + 1, c)
            if ref is not None:
                return ref
    if hi == lo and c - 1 > a and d.toks[c].pos == "VBG" and d.toks[c - 1].pos == ",":
        # "X paraphrased Y, commenting: ...": a free participial adjunct takes the subject of the main clause, not the
        # object or apposition right before its comma
        main = _main_subject(d, a, c)
        if main is not None:
            return main
    if hi - lo >= 2 and d.toks[lo].norm == "with" and d.toks[c].pos == "VBG":
        lo += 1  # "..., with Zinichev describing the ...": the noun phrase after "with" is the gerund's subject
    ref = _speaker_from_np(d, lo, hi) if hi > lo else None
    appo = _apposition_name(d, lo, hi, a, ref)
    if appo is not None:
        return appo
    if ref is not None and not (ref.kind == "unnamed" and d.toks[lo].norm in ("the", "a", "an") and lo > a
                                and not _finite_verb(d, a, lo, limit=lo - a)):
        return ref  # (after a complete clause, "..., however, a report concluded" is its own subject)
    return _main_subject(d, a, c) or ref


def _apposition_name(d: _Doc, lo: int, hi: int, a: int, ref: SpeakerRef | None) -> SpeakerRef | None:
    """A person's name next to a descriptor apposition before the cue is the speaker:
    "<descriptor>, Jane Roe, said" (empty noun phrase after the comma) and "... Jane Roe, the chief officer of X
    said" (a determiner-led descriptor after a name)."""
    toks = d.toks
    if hi == lo and hi > a and toks[hi - 1].pos == ",":
        end = hi - 1
    elif hi > lo > a and toks[lo].norm in ("the", "a", "an") and toks[lo - 1].pos == "," \
            and not (ref is not None and ref.kind == "mention" and ref.mention is not None
                     and ref.mention.label == "PERSON" and ref.mention.start == toks[lo + 1].start):
        end = lo - 1
    else:
        return None
    if end <= a:
        return None
    ms = [m for m in d.mentions_in(toks[a].start, toks[end - 1].end) if m.label == "PERSON"]
    if not ms or ms[-1].end != toks[end - 1].end:
        return None
    m = ms[-1]
    lo2, _ = _np_before(d, end, a)
    if lo2 > a and toks[lo2 - 1].norm in ("who", "which", "that", "whom", "whose"):
        return None  # ", who both worked for X, tweeted": the name is an object inside a relative clause
    start = toks[lo2].start if toks[lo2].start <= m.start and lo2 < end and toks[lo2].pos not in ("IN",) \
        and not toks[lo2].pos.startswith("VB") else m.start
    if any(t.pos in FINITE for t in toks[lo2:end] if m.start > t.start >= start):
        start = m.start
    return SpeakerRef("mention", d.raw[start:m.end], start, m)


def _main_subject(d: _Doc, a: int, c: int) -> SpeakerRef | None:
    """Return the first noun phrase of the sentence that can speak: comma-separated intro phrases are skipped."""
    toks = d.toks
    k = a
    for x in range(c - 1, a - 1, -1):  # a semicolon starts a new clause with its own subject
        if toks[x].text == ";" and not toks[x].in_quote:
            k = x + 1
            break
    while k < c:
        seg_end = k
        while seg_end < c and not (toks[seg_end].pos in (",", ":") or toks[seg_end].in_quote):
            if toks[seg_end].pos.startswith("VB") or toks[seg_end].pos == "MD":
                break
            seg_end += 1
        ref = _speaker_from_np(d, k, seg_end) if seg_end > k else None
        if ref is not None and ref.kind == "unnamed" and seg_end + 1 < c and toks[seg_end].pos == ",":
            # "One activist, Nur Khan Liton, on Sunday told ...": a name in apposition after the descriptor speaks
            e2 = seg_end + 1
            while e2 < c and toks[e2].pos not in (",", ":") and not toks[e2].in_quote:
                e2 += 1
            appo = _speaker_from_np(d, seg_end + 1, e2) if e2 < c and toks[e2].pos == "," else None
            if appo is not None and appo.kind == "mention" and appo.mention is not None \
                    and appo.mention.label == "PERSON" and appo.mention.start == toks[seg_end + 1].start:
                return appo
        if ref is not None:
            if ref.kind == "mention" and ref.mention is not None and ref.mention.label == "PERSON":
                cut = ref.mention.end
                ref = SpeakerRef(ref.kind, d.raw[ref.start:cut], ref.start, ref.mention)
            return ref
        if seg_end < c and toks[seg_end].pos == ",":
            k = seg_end + 1
            continue
        if toks[k].pos == "IN" and toks[k].norm not in ("of", "that"):
            # "In a press release issued the next day, X ...": an introductory adverbial (with its own participle)
            nxt = next((x for x in range(seg_end, min(c, seg_end + 15)) if toks[x].pos == "," and not toks[x].in_quote),
                       None)
            if nxt is not None:
                k = nxt + 1
                continue
        return None
    return None


def _finite_verb(d: _Doc, lo: int, hi: int, *, limit: int = 25) -> bool:
    """Whether tokens [lo, hi) hold a finite verb outside quotes and parentheses before any relative word."""
    for k in range(lo, min(hi, lo + limit)):
        t = d.toks[k]
        if t.paren:
            continue
        if t.norm in RELATIVE and k > lo:
            return False
        if t.pos in FINITE:
            return True
    return False


def _finite_verb_past_apposition(d: _Doc, lo: int, hi: int, *, limit: int = 80) -> bool:
    """Whether the subject before the first finite verb of tokens [lo, hi) is a noun phrase with comma-bounded
    participle appositions ("Don Imus, known to fans as the I-Man, died ..."): the appositions are skipped."""
    toks = d.toks
    k, hi = lo, min(hi, lo + limit)
    while k < hi:
        t = toks[k]
        if t.paren or t.in_quote:
            k += 1
            continue
        if t.pos == "," and k + 1 < hi and toks[k + 1].pos in ("VBN", "VBG"):
            k += 1
            while k < hi and toks[k].pos != ",":
                k += 1
            k += 1
            continue
        if t.pos in FINITE:
            return True
        if t.norm in RELATIVE and k > lo or t.pos.startswith("VB"):
            return False
        k += 1
    return False


def _past_as_participle(d: _Doc, j: int, k: int) -> bool:
    """Whether token k is a simple past the tagger took for a participle right after a plain plural or numeral
    subject that starts at j ("indicate one million people marched/VBN in London")."""
    toks = d.toks
    return k - j >= 1 and toks[k].pos == "VBN" and toks[k].norm.endswith("ed") and toks[k - 1].pos in ("NNS", "CD") \
        and all(t.pos in ("DT", "CD", "JJ", "NNS", "NN", "RB") for t in toks[j:k])


SUBJECT_PREPS = frozenset("on in at from for over with about near inside outside".split())


def _np_then_verb(d: _Doc, j: int, b: int, *, loose: bool = False) -> bool:
    """Whether tokens from j read as a subject noun phrase followed by a finite verb ("the new drugs were ...").

    loose (after a listener, "told the press a ..."): the subject may hold participles and prepositional phrases."""
    noun = of_seen = False
    for k in range(j, min(b, j + 25)):
        t = d.toks[k]
        if t.pos in FINITE or _past_as_participle(d, j, k):
            return k > j
        if t.pos == "EX" and k == j:  # "reported there were ..."
            continue
        if t.norm in RELATIVE and k > j and t.norm not in ("as", "since"):
            return False
        # inside the subject: "a nearly 24-hour search involving three helicopters over the bay had ..."
        if loose and noun and (t.norm in SUBORDINATORS or t.pos == "PRP"):
            return False  # "protests every week until Sweden joined", "something about the fish they eat"
        if loose and noun and t.pos in ("VBG", "VBN", "IN"):
            continue
        if t.pos == "RB" and k + 1 < b and d.toks[k + 1].pos in ("CD", "JJ", "JJS", "JJR"):
            continue  # "nearly 24", "very large"
        if t.pos == "RB" and k > j and k + 1 < b and d.toks[k + 1].pos in FINITE:
            continue  # "this too was", "the plan still is"
        if t.pos in ("VBN", "VBG") and of_seen:
            continue  # "the chances of those trapped being found alive were ..."
        if t.pos == "IN" and noun and t.norm in SUBJECT_PREPS and k + 1 < b and d.toks[k + 1].pos in SUBJECT_POS \
                and d.toks[k + 1].pos != "PRP":
            of_seen = True  # "the drilling on Cypriot waters is ...": a prepositional phrase inside the subject
            continue
        if of_seen and t.pos == "PRP":
            return False  # "a note to the letter he sent": a contact relative clause, not the reported clause
        of_seen = of_seen or t.norm == "of"
        if t.pos not in SUBJECT_POS and t.norm != "of" and not t.paren and t.text not in ("-", "%"):
            return False
        noun = noun or t.pos.startswith("NN") or t.pos in ("CD", "PRP")
    return False


# ---------------------------------------------------------------- sentence analysis
def _content_bounds(d: _Doc, lo: int, hi: int) -> tuple[int, int]:
    """Trim a raw span to reported content: no spaces, leading 'that', trailing comma or final full stop."""
    raw = d.raw
    while lo < hi and raw[lo].isspace():
        lo += 1
    while hi > lo and (raw[hi - 1].isspace() or raw[hi - 1] in ",;:-\u2014\u2013"):
        hi -= 1
    if hi > lo and raw[hi - 1] == "." and not raw[lo:hi - 1].rstrip().endswith("."):
        hi -= 1
    m = re.match(r"that\s+", raw[lo:hi])
    if m:
        lo += m.end()
    return lo, hi


def _analyse_sentence(d: _Doc, s_lo: int, s_hi: int, spans: list[QuoteSpan], pid: int,
                      direct: dict[int, tuple[SpeakerRef, str, bool]], out: list[Quote]) -> None:
    """Attribute the quotes of one sentence and find its indirect and mixed quotes."""
    a, b = d.tok_range(s_lo, s_hi)
    toks = d.toks
    lex = cue_lexicon()
    cues = [(i, cue) for i in range(a, b) if (cue := _is_cue(d, i, a, b))]
    sq0 = [q for q in spans if s_lo <= q.open < s_hi]
    if not cues and not any(d.raw[:q.open].rstrip().endswith(":") for q in sq0):
        return
    used: set[int] = set()
    sq = [(k, q) for k, q in enumerate(spans) if s_lo <= q.open < s_hi or s_lo < q.cstart < s_hi]
    # 1. attribution after a quote: "...," says X / "...," X said
    for k, q in sq:
        ta, _ = d.tok_range(q.close + 1, s_hi)
        j = ta
        while j < b and (toks[j].pos in (",", ":") or toks[j].text in ALL_MARKS) and not toks[j].in_quote:
            j += 1
        if j >= b or toks[j].in_quote:
            continue
        stop = j
        while stop < b and not toks[stop].in_quote and toks[stop].pos not in (".", ":") and stop - j < 14:
            stop += 1
        for ci, cue in cues:
            if ci < j or ci >= stop or ci in used:
                continue
            if ci == j:  # inverted: says X
                ref = _inverted_speaker(d, ci, b)
            else:
                lo, hi = _np_before(d, ci, j)
                ref = _speaker_from_np(d, lo, hi) if lo == j else None
            if ref is not None:
                direct[k] = (ref, cue, True)
                used.add(ci)
            break
    # 2. attribution before a quote: X said, "..." / X said: "..."
    for k, q in sq:
        if k in direct:
            continue
        prev_close = max([p.close for _, p in sq if p.close < q.open] + [s_lo - 1])
        pa, pb = d.tok_range(prev_close + 1, q.open)
        cands = [(ci, cue) for ci, cue in cues if pa <= ci < pb and ci not in used]
        if not cands and d.raw[:q.open].rstrip().endswith(":"):
            got = _statement_frame(d, a, pa, pb) or _colon_frame(d, a, pa, pb, q)
            if got is not None:
                direct[k] = got
                continue
        if not cands:
            prev = [j for j, p in sq if p.close == prev_close and j in direct]
            gap = [t for t in toks[pa:pb] if re.match(r"\w", t.text)]
            if prev and gap and gap[0].norm in ("and", "or") and len(gap) <= 2 \
                    and all(t.norm in ("and", "or", "a", "an", "the") for t in gap):
                direct[k] = direct[prev[0]]  # 'termed her a "corrupt oaf" and a "lousy traitor"': one frame
            elif prev and gap and gap[0].norm == "as" and len(gap) <= 4 and direct[prev[0]][1].lower() in \
                    NAMING_VERBS and not any(t.pos in FINITE or t.pos in (",", ".", ":") for t in toks[pa:pb]):
                direct[k] = direct[prev[0]]  # 'describing the "threat" as making it "impossible"': one frame
            continue
        ci, cue = cands[-1]
        if _bracketed_gloss(d, q):
            continue  # the gloss is a term inside the report, not the quoted words of the cue's subject
        colon = d.raw[:q.open].rstrip().endswith(":")
        if _finite_verb(d, ci + 1, pb, limit=40) and not colon:
            continue
        between = [t for t in toks[ci + 1:pb] if re.match(r"\w", t.text)]
        if len(between) >= 2 and between[0].norm == "that":
            continue  # "adding that <clause> \"fragment\"": a mixed report, found below
        if len(between) >= 2 and between[0].norm == "not" and between[1].pos == "VBG" and not colon:
            continue  # "said not allowing X constituted \"...\"": a reported clause with a gerund subject, below
        if toks[ci].norm in lex.tell and not colon and _infinitive_request(d, ci, pb):
            continue  # "asking X to be \"patient\"": an infinitive request quoting words, a mixed report found below
        ref = _subject(d, ci, pa if pa > a else a)
        if ref is None and ci > a:
            ref = _main_subject(d, a, ci)
        if ref is None:
            continue
        direct[k] = (ref, cue, False)
        if not colon:  # "X told reporters <clause>: \"...\"" also reports the clause before the colon
            used.add(ci)
    # 3. reported speech
    quoted = [(q.open, q.close) for _, q in sq]
    prev_ref: SpeakerRef | None = None
    for ci, cue in cues:
        if ci in used:
            continue
        t = toks[ci]
        q = None
        if t.norm in lex.phrase_only and not (t.norm in lex.gerund and ci + 1 < b and toks[ci + 1].pos == "VBG"):
            continue  # (a framing verb with a gerund object reports it: "described witnessing ...")
        if t.norm == "according":
            q = _according(d, ci, a, b, s_lo, s_hi, cue)
        else:
            before = prev_ref
            if before is None:  # '"...," she said, asking X to ...': the gerund continues the attribution before it
                before = next((direct[k][0] for k, p in reversed(sq) if k in direct and p.close < t.start), None)
            q = _leading(d, ci, a, b, s_hi, cue, lex, before) or _trailing(d, ci, a, b, s_lo, cue)
        if q is None:
            continue
        # a reported clause that is only a quotation is the direct quote, attributed by this cue
        inner = [(k, p) for k, p in sq if p.cstart >= q.cstart - 1 and p.cend <= q.cend + 1]
        if inner:
            outside = d.raw[q.cstart:q.cend]
            for _, p in inner:
                outside = outside.replace(d.raw[p.open:p.close + 1], " ")
            if not re.search(r"\w", outside):
                for k, _ in inner:
                    direct.setdefault(k, (q.ref, cue, False))
                used.add(ci)
                continue
            for k, p in inner:
                spans[k].flags.append("absorbed")
                if not _named_term(d, p):
                    q.kind = "mixed"
                    direct[k] = (q.ref, cue, False)
        if any(o.kind != "direct" and o.cstart < q.cend and q.cstart < o.cend for o in out):
            continue
        if any(p.cstart <= q.cstart and q.cend <= p.cend for _, p in sq):
            continue
        used.add(ci)
        out.append(q)
        prev_ref = q.ref
        q.paragraph_id = pid
        second = getattr(q, "second", None)
        if second is not None and not any(second.cstart <= p.cstart and p.cend <= second.cend for _, p in sq):
            second.paragraph_id = pid
            out.append(second)


def _statement_frame(d: _Doc, a: int, pa: int, pb: int) -> tuple[SpeakerRef, str, bool] | None:
    """'The palace issued the following statement from the king: "..."': a document noun right before the colon
    (or followed only by "from X") frames a direct quote without a cue verb; X, else the clause subject, speaks."""
    toks = d.toks
    hi = pb
    while hi > pa and (toks[hi - 1].pos == ":" or toks[hi - 1].text in ALL_MARKS):
        hi -= 1
    docs = document_nouns()
    for k in range(hi - 1, max(pa, hi - 8) - 1, -1):
        t = toks[k]
        if t.in_quote or t.pos in (",", ".", ":"):
            return None
        if t.norm in docs and t.pos.startswith("NN"):
            break
    else:
        return None
    ref = None
    if k + 1 < hi and toks[k + 1].norm in ("from", "by"):
        ref = _speaker_from_np(d, k + 2, hi)
    elif k + 1 != hi:
        return None
    if ref is None:
        v = next((j for j in range(k - 1, max(a, k - 6) - 1, -1) if toks[j].pos in ("VBD", "VBZ", "VBP")), None)
        if v is None or v <= a:
            return None
        ref = _subject(d, v, a)
    return (ref, t.text, False) if ref is not None else None


def _colon_frame(d: _Doc, a: int, pa: int, pb: int, q: QuoteSpan) -> tuple[SpeakerRef, str, bool] | None:
    """'In his message, he praised Soleimani's lifepath: "He was ..."': a statement-like quotation after a colon that
    ends a clause whose finite verb is not a cue is the direct quote of that clause's subject (a person or a named
    organisation; not 'it')."""
    toks = d.toks
    if not _statement_like(d.raw, q):
        return None
    hi = pb
    while hi > pa and (toks[hi - 1].pos == ":" or toks[hi - 1].text in ALL_MARKS):
        hi -= 1
    v = None
    for j in range(hi - 1, max(pa, hi - 12) - 1, -1):
        t = toks[j]
        if t.in_quote or t.paren or t.pos in (".", ":") or t.norm in RELATIVE or t.norm in SUBORDINATORS:
            return None
        if t.pos in ("VBD", "VBZ", "VBP"):
            v = j
            break
    if v is None or v <= a or toks[v].norm in AUX:
        return None
    ref = _subject(d, v, a)
    if ref is None or ref.kind == "pronoun" and ref.text.lower() not in ("he", "she", "they"):
        return None
    return ref, toks[v].text, False


def _infinitive_request(d: _Doc, ci: int, b: int) -> bool:
    """Whether a listener verb is followed by its object and a to-infinitive ("asking Cengiz to be ...")."""
    toks = d.toks
    k = ci + 1
    while k < b and k - ci <= 4 and toks[k].pos in ("DT", "PRP$", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP"):
        k += 1
    return ci + 1 < k < b - 1 and toks[k].norm == "to" and toks[k + 1].pos == "VB"


NAMING_VERBS = frozenset("describe describes described describing call calls called calling term terms termed dub dubs "
                         "dubbed know known refer refers referred label labels labelled labeled".split())


def _bracketed_gloss(d: _Doc, p: QuoteSpan) -> bool:
    """Whether a short quotation is alone inside parentheses ('anti-Brexit ("British exit")'): a gloss."""
    return d.raw[:p.open].rstrip().endswith("(") and d.raw[p.close + 1:p.close + 3].lstrip().startswith(")") \
        and len(re.findall(r"[\w']+", d.raw[p.cstart:p.cend])) <= 4


def _named_term(d: _Doc, p: QuoteSpan) -> bool:
    """Whether a short quotation is a term introduced by a naming frame inside a report ("what the scientists describe
    as an \"upside-down river\"", "so-called \"...\"", "known as \"...\""): a name, not the speaker's words."""
    words = re.findall(r"[\w']+", d.raw[p.cstart:p.cend].lower())
    if not words or len(words) > 4 or any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words):
        return False
    if _bracketed_gloss(d, p):
        return True  # 'an anti-Brexit ("British exit") march': a bracketed gloss of a term
    a, _ = d.tok_range(p.open, p.open + 1)
    prev = [t for t in d.toks[max(0, a - 4):a] if not t.in_quote]
    norms = [t.norm for t in prev]
    if norms and norms[-1] in ("so-called", "dubbed", "termed", "named"):
        return True
    while norms and norms[-1] in ("a", "an", "the"):
        norms.pop()
    return len(norms) >= 2 and norms[-1] == "as" and norms[-2] in NAMING_VERBS


def _rest_is_attribution(d: _Doc, lo: int, b: int) -> bool:
    """Whether tokens [lo, b) after a trailing attribution hold no new main clause."""
    for k in range(lo, b):
        t = d.toks[k]
        if t.in_quote or t.paren:
            continue
        if t.norm in APPOSITIVE_RELATIVE and k > lo and d.toks[k - 1].pos == ",":
            return True
        if t.pos == "," and k + 1 < b and d.toks[k + 1].pos == "VBG":
            return True
        if t.pos in FINITE:
            return False
    return True


def _trailing(d: _Doc, ci: int, a: int, b: int, s_lo: int, cue: str) -> Quote | None:
    """'<clause>, X said.' / '<clause>, says X, ...' -> indirect quote of the clause before the attribution."""
    toks = d.toks
    if ci > a and toks[ci - 1].pos == ",":  # inverted: ", says X"
        lo, hi = _np_after(d, ci, b)
        ref = _inverted_speaker(d, ci, b)
        comma = ci - 1
        rest = hi
    else:
        lo, hi = _np_before(d, ci, a)
        if lo <= a or toks[lo - 1].pos != ",":
            return None
        ref = _speaker_from_np(d, lo, hi)
        comma = lo - 1
        rest = ci + 1
    if ref is None:
        return None
    end = toks[comma].start
    flags = []
    second = None
    if rest < b and toks[rest].text == ";":
        pass  # "<A>, X said; <a new clause>": the attribution closes the report
    elif not _rest_is_attribution(d, rest, b):
        if not (rest < b and toks[rest].pos == "," and _finite_verb(d, rest + 1, b, limit=40)):
            return None
        if rest + 2 < b and toks[rest + 1].norm in ("and", "but") and \
                (_np_then_verb(d, rest + 2, b) or toks[rest + 2].pos == "VBG" and _finite_verb(d, rest + 3, b)):
            # "<A>, X said, and <B>": two reports with one attribution
            bs, be = _content_bounds(d, toks[rest + 2].start, _report_end(d, rest + 2, a, b, toks[b - 1].end))
            if be - bs >= 10:
                second = Quote("indirect", bs, be, 0, cue, ref)
        else:
            end = toks[b - 1].end  # "<A>, officials said, <B>.": the report runs around its attribution
            flags = ["interrupted"]
            if comma > a and toks[comma - 1].norm in ("which", "who", "that", "whom") and rest + 1 < b:
                # "fighters which, the statement said, nations refuse to take back": the attribution sits inside a
                # relative clause; only the clause after it is reported
                cs, ce = _content_bounds(d, toks[rest + 1].start, end)
                if ce - cs >= 10:
                    return Quote("indirect", cs, ce, 0, cue, ref)
    start = s_lo
    for k in range(comma - 1, a - 1, -1):  # "<A>; his death, they reported, was ...": the report starts after ";"
        if toks[k].text == ";" and not toks[k].in_quote:
            start = toks[k].end
            break
    cs, ce = _content_bounds(d, start, end)
    if ce - cs < 10 or not (_finite_verb(d, *d.tok_range(cs, ce), limit=60)
                            or _finite_verb_past_apposition(d, *d.tok_range(cs, ce))):
        return None
    q = Quote("indirect", cs, ce, 0, cue, ref, flags=flags)
    q.second = second
    return q


def _leading(d: _Doc, ci: int, a: int, b: int, s_hi: int, cue: str, lex: CueLexicon,
             prev_ref: SpeakerRef | None) -> Quote | None:
    """'X said (that) <clause>' / 'X told reporters <clause>' / ', adding that <clause>' -> indirect quote."""
    toks = d.toks
    t = toks[ci]
    j = ci + 1
    if j >= b:
        return None
    listener = False
    agent = _passive_agent(d, ci, b)
    if agent is not None:  # "he was told by X that ...": the report follows the agent
        j = agent[1]
    elif t.norm in lex.tell and toks[j].norm != "that":  # skip the listener: "told the press", "tells TRT World"
        k = j
        if k < b and toks[k].pos in ("DT", "PRP$"):
            k += 1
        while k < b and toks[k].pos in ("JJ", "NN", "NNS", "NNP", "NNPS", "PRP") and k - j < 4:
            k += 1
            if toks[k - 1].pos == "PRP":
                break
        if k > j and not (k < b and toks[k].pos in FINITE):  # "promised each victim will be paid": no listener
            j, listener = k, True
    j = _skip_adverbials(d, j, b)
    if j >= b:
        return None
    if listener and toks[j].norm == "to" and j + 1 < b and toks[j + 1].pos == "VB":
        # "asking Cengiz to be \"patient\"": an infinitive request is a report only when it quotes the speaker
        if not any(tk.in_quote for tk in toks[j + 1:b]):
            return None
        cs, ce = _content_bounds(d, toks[ci + 1].start, toks[b - 1].end)
        ref = prev_ref if t.pos == "VBG" and ci > a and toks[ci - 1].pos == "," else None
        ref = ref or _subject(d, ci, a)
        return Quote("indirect", cs, ce, 0, cue, ref) if ref is not None else None
    if toks[j].pos == "RP" and toks[j].norm == "out":  # "pointed out (that) ..."
        j += 1
        if j >= b:
            return None
    had_that = j < b and toks[j].norm == "that"
    if had_that:
        j += 1
    if j >= b or toks[j].in_quote and not had_that:
        return None
    if not had_that and not listener and toks[j].pos in ("MD", "VBZ", "VBD", "VBP") and toks[j].norm not in ("is", "was"):
        # "proclamations which analysts say could have ...", "which X has said may be ready": the relative pronoun
        # before the speaker is the subject of the reported clause; the report is the verb phrase after the cue
        lo, hi = _np_before(d, ci, a)
        if a < lo < hi and toks[lo - 1].norm in ("which", "that", "who") and toks[lo - 1].pos in ("WDT", "WP", "IN"):
            ref = _speaker_from_np(d, lo, hi)
            cs, ce = _content_bounds(d, toks[j].start, _report_end(d, j, a, b, s_hi))
            if ref is not None and ce - cs >= 8:
                return Quote("indirect", cs, ce, 0, cue, ref)
        return None
    c_lo = toks[j].start
    j += _quantifier_len(d, j, b)  # "said at least ten people died": the clause starts with its quantified subject
    first = toks[j]
    gerund = t.norm in lex.gerund and first.pos == "VBG"
    # "reported being told (off the record) <clause>": a passive report of a report
    gerund = gerund or (first.norm == "being" and j + 1 < b and toks[j + 1].norm in lex.lemma
                        and toks[j + 1].pos in ("VBN", "VBD") and _finite_verb(d, j + 2, b, limit=30))
    # "said not allowing gay citizens to marry constituted ...": a negated gerund phrase as the reported subject
    neg_gerund = first.norm == "not" and j + 1 < b and toks[j + 1].pos == "VBG" and not gerund
    if neg_gerund:  # its verb may be tagged as a participle or adjective ("constituted/JJ")
        if not any(tk.pos in FINITE or tk.pos in ("VBN", "JJ") and tk.norm.endswith("ed")
                   for tk in toks[j + 2:min(b, j + 30)] if not tk.in_quote):
            return None
    elif not gerund:
        if had_that and first.pos in ("IN", "RB") and first.norm not in RELATIVE:
            pass  # "revealed that in December, X accepted ...": an introductory phrase after "that"
        elif first.pos not in CLAUSE_START_POS and not first.text in ALL_MARKS:
            return None
        if not had_that and first.pos == "RB":
            return None
        if not (_finite_verb(d, j, b, limit=30) or _np_then_verb(d, j, b)) \
                or not had_that and not _np_then_verb(d, j, b, loose=listener):
            return None
    # content: to the sentence end, a semicolon, or a colon that introduces a quotation
    end = _report_end(d, j, a, b, s_hi)
    cs, ce = _content_bounds(d, c_lo, end)
    if ce - cs < 8:
        return None
    ref = None
    if t.pos == "VBG" and ci > a and (toks[ci - 1].pos == "," or toks[ci - 1].norm in GERUND_LINKS and ci - 1 > a
                                      and toks[ci - 2].pos == ","):  # ", adding ..." / ", while noting ..."
        semi = any(tk.text == ";" and not tk.in_quote for tk in toks[a:ci])
        ref = _main_subject(d, a, ci) if semi else prev_ref or _main_subject(d, a, ci)
    if ref is None and t.norm == "effect":  # "X issued a statement to the effect ...": X, the issuer, speaks
        v = next((k for k in range(ci - 1, max(a, ci - 8) - 1, -1) if toks[k].pos in FINITE), None)
        ref = _subject(d, v, a) if v is not None and v > a else None
    if ref is None:
        ref = _subject(d, ci, a)
    if ref is None:
        return None
    return Quote("indirect", cs, ce, 0, cue, ref)


def _report_end(d: _Doc, j: int, a: int, b: int, s_hi: int) -> int:
    """Where a reported clause starting at token j ends: the sentence end, a semicolon (the next independent clause is
    the writer's), a colon that introduces a quotation, or the start of a second report ("... while Y wrote ...")."""
    toks = d.toks
    for k in range(j, b):
        tk = toks[k]
        if tk.in_quote or tk.paren:
            continue
        if tk.text == ";" and k > j:
            return tk.start
        if tk.text == ":" and k + 1 < b and toks[k + 1].text in ALL_MARKS and toks[k + 1].in_quote:
            return tk.start
        if k > j and _second_report(d, k, a, b):
            return tk.start  # "X said <A> while Y wrote <B>": the report ends where the next one begins
        if k > j and tk.text == "," and k + 2 < b:
            n = k + 1
            if toks[n].norm == "and" and toks[n + 1].pos == "VBD":
                n += 1  # "X noted <A>, and mentioned <B>": the subject's next speech act
            elif toks[n].pos != "VBG":
                continue
            if not toks[n].in_quote and _is_cue(d, n, a, b) is not None and toks[n].norm not in cue_lexicon().phrase_only:
                return tk.start  # "X claimed <A>, insisting <B>": a free participle is a speech act of its own
    return toks[b - 1].end if b > j else s_hi


QUANTIFIERS = {("at", "least"): 2, ("at", "most"): 2, ("more", "than"): 2, ("less", "than"): 2, ("fewer", "than"): 2,
               ("up", "to"): 2, ("about",): 1, ("nearly",): 1, ("almost",): 1, ("around",): 1, ("roughly",): 1,
               ("approximately",): 1, ("over",): 1, ("only",): 1}


NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
                         "hundreds thousand thousands million millions dozen dozens half".split())


def _quantifier_len(d: _Doc, j: int, b: int) -> int:
    """Length of a quantifier before a number that starts a reported clause ("at least 20 people", "nearly 300")."""
    toks = d.toks
    for n in (2, 1):
        if j + n < b and QUANTIFIERS.get(tuple(t.norm for t in toks[j:j + n])) == n and \
                (toks[j + n].pos == "CD" or toks[j + n].norm in NUMBER_WORDS):
            return n
    return 0


ADVERBIAL_PREPS = frozenset("on in at during via through to over with from".split())
TIME_NOUNS = frozenset("week month year weekend night morning afternoon evening monday tuesday wednesday thursday "
                       "friday saturday sunday".split())


def _skip_adverbials(d: _Doc, j: int, b: int) -> int:
    """Return the token after the time and place adverbials that may stand between a cue and its reported clause
    ("said on Monday they ...", "told reporters in a statement last week the ...", "indicated yesterday that ...")."""
    toks = d.toks
    for _ in range(4):
        k = j
        if k < b and toks[k].norm in TIME_WORDS and toks[k].norm not in ("also", "however", "now", "then"):
            k += 1
            if k < b and toks[k].norm in TIME_NOUNS:  # "said yesterday night that ...", "said Monday morning"
                k += 1
        elif k + 1 < b and toks[k].norm in ("last", "this", "next", "earlier", "later") and \
                toks[k + 1].norm in TIME_NOUNS:
            k += 2
        elif k + 1 < b and toks[k].norm in ADVERBIAL_PREPS and toks[k].pos in ("IN", "TO") and not toks[k].in_quote:
            k += 1
            if toks[k].pos in ("DT", "PRP$"):
                k += 1
            n0 = k
            while k < b and k - n0 < 6 and (toks[k].pos in ("JJ", "CD", "NN", "NNS", "NNP", "NNPS", "POS")
                                             or toks[k].text == "-") and not toks[k].in_quote:
                k += 1
            if k == n0 or not toks[k - 1].pos.startswith(("NN", "CD")):
                return j
        else:
            return j
        if k < b and toks[k].pos == "," and k + 1 < b and toks[k + 1].norm == "that":
            k += 1
        j = k
    return j


COORDINATORS = frozenset("while whereas and but".split())
GERUND_LINKS = frozenset("while when after before by".split())


CONTRAST_PREPS = frozenset("despite amid".split())


def _gerund_after_prep(d: _Doc, k: int, b: int) -> int | None:
    """The gerund after preposition token k and its noun-phrase subject ("despite Znak.com claiming"), or None."""
    toks = d.toks
    c = k + 1
    while c < b and c - k <= 6 and toks[c].pos in ("DT", "NNP", "NNPS", "NN", "NNS", "POS", "JJ") \
            and not toks[c].in_quote:
        c += 1
    return c if k + 1 < c < b and toks[c].pos == "VBG" else None


def _second_report(d: _Doc, k: int, a: int, b: int) -> bool:
    """Whether token k ("while", "whereas", "and", "but") starts a new reporting clause: a named or titled speaker
    followed directly by a finite cue verb ("... while Interior Minister Jane Roe wrote ...")."""
    toks = d.toks
    if toks[k].norm in CONTRAST_PREPS and not toks[k].in_quote and not toks[k].paren:
        c = _gerund_after_prep(d, k, b)
        return c is not None and _is_cue(d, c, a, b) is not None
    if toks[k].norm not in COORDINATORS or toks[k].in_quote or toks[k].paren:
        return False
    c = k + 1
    while c < b and toks[c].norm in AUX and toks[c].pos not in FINITE:  # "but also said", "and later added"
        c += 1
    if toks[k].norm in ("and", "but") and c < b and toks[c].pos in ("VBD", "VBZ") and _is_cue(d, c, a, b) \
            and _is_clause_cue(d, c, b):
        return True  # "X said A, but said B": a second report of the same subject
    for c in range(k + 2, min(b, k + 9)):
        if toks[c].pos in FINITE or toks[c].pos.startswith("VB"):
            if toks[c].pos not in ("VBD", "VBZ") or not _is_cue(d, c, a, b):
                return False
            ref = _speaker_from_np(d, k + 1, c)
            return ref is not None and ref.kind in ("mention", "unnamed")
        if toks[c].pos in (",", ":", ".") or toks[c].in_quote:
            return False
    return False


def _is_clause_cue(d: _Doc, c: int, b: int) -> bool:
    """Whether cue token c is followed by a reported clause ("that ...", or a subject and a finite verb)."""
    lex = cue_lexicon()
    toks = d.toks
    if toks[c].norm in lex.phrase_only:
        return False
    j = _skip_adverbials(d, c + 1, b)
    if j < b and toks[j].norm == "that":
        return True
    return j < b and toks[j].pos in CLAUSE_START_POS and _np_then_verb(d, j, b)


def _according(d: _Doc, ci: int, a: int, b: int, s_lo: int, s_hi: int, cue: str) -> Quote | None:
    """'According to X, <clause>.' and '<clause>(,) according to X.'"""
    toks = d.toks
    lo, hi = _np_after(d, ci + 1, b)
    while hi + 1 < b and toks[hi].pos == "," and toks[hi - 1].pos == "CD" and toks[hi + 1].pos == "CD":
        hi = _np_after(d, hi, b)[1]  # "a March 14, 2019 NATO press release": the comma of a date
    np_hi = hi
    mid = None
    if ci > a + 1 and toks[ci - 1].pos == ",":
        # "Rescuers, working in the cold, according to the ministry recovered ten survivors": the source ends at the
        # main verb that follows it; the whole sentence is the report
        v = next((k for k in range(lo + 1, hi) if toks[k].pos in ("VBD", "VBZ", "VBP", "MD")), None)
        if v is not None and all(t.pos in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "PRP$") for t in toks[lo:v]):
            np_hi = hi = mid = v
    while np_hi - lo > 2 and (toks[np_hi - 1].norm in TIME_NOUNS or toks[np_hi - 1].norm in TIME_WORDS):
        k = np_hi - 1  # "officials on Saturday", "the ministry last week": a time adverbial is not the source
        while k > lo and toks[k - 1].pos == "DT":
            k -= 1
        if toks[k - 1].norm in ("on", "in", "at", "during", "last", "this", "earlier"):
            np_hi = k - 1
        else:
            break
    ref = _speaker_from_np(d, lo, np_hi)
    if ref is None:
        return None
    if mid is not None:
        cs, ce = _content_bounds(d, s_lo, _report_end(d, mid, a, b, toks[b - 1].end))
    elif ci == a or (ci > a and all(toks[k].pos in (",", "RB", "CC") for k in range(a, ci))):
        if hi >= b or toks[hi].pos != ",":
            return None
        cs, ce = _content_bounds(d, toks[hi].end, _report_end(d, hi + 1, a, b, toks[b - 1].end))
    else:
        if hi < b and toks[hi].pos not in (".",):
            return None
        cs, ce = _content_bounds(d, s_lo, toks[ci].start)
    if ce - cs < 10:
        return None
    return Quote("indirect", cs, ce, 0, cue, ref)


# ---------------------------------------------------------------- the document
def _mark_tokens(d: _Doc, spans: list[QuoteSpan]) -> None:
    """Flag tokens inside quotation marks and inside parenthetical dashes or brackets."""
    toks = d.toks
    for q in spans:
        a, b = d.tok_range(q.open, q.close + 1)
        for k in range(a, b):
            toks[k].in_quote = True
    for _, s, e in d.sent_spans:
        a, b = d.tok_range(s, e)
        dash = [k for k in range(a, b) if toks[k].text in ("\u2014", "\u2013", "--") and not toks[k].in_quote]
        for x, y in zip(dash[::2], dash[1::2]):
            for k in range(x, y + 1):
                toks[k].paren = True
        depth = 0
        for k in range(a, b):
            if toks[k].text == "(":
                depth += 1
            if depth:
                toks[k].paren = True
            if toks[k].text == ")":
                depth = max(0, depth - 1)


def find_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the quotes table of one document (direct, indirect and mixed quotes with their speakers)."""
    quotes, _ = _find(doc, seg, mentions)
    return quotes


def _find(doc, seg, mentions):
    raw = doc.text
    d = _Doc(raw, seg, mentions)
    body = [(pid, s, e) for pid, s, e, is_title, is_heading in d.paragraphs if not is_title]
    spans_by_para = {pid: quote_spans(raw, s, e, paragraph_id=pid) for pid, s, e in body}
    all_spans = [q for pid, _, _ in body for q in spans_by_para[pid]]
    _mark_tokens(d, all_spans)
    sents_by_para: dict[int, list[tuple[int, int]]] = {}
    for pid, s, e in d.sent_spans:
        sents_by_para.setdefault(pid, []).append((s, e))
    found: list[Quote] = []
    prev_para_quotes: list[Quote] = []
    prev_unclosed = False
    for pid, p_lo, p_hi in body:
        spans = spans_by_para[pid]
        direct: dict[int, tuple[SpeakerRef, str, bool]] = {}
        indirect: list[Quote] = []
        sents = _merge_sentences(sents_by_para.get(pid, [(p_lo, p_hi)]), spans, d)
        sent_of = {}
        for si, (s, e) in enumerate(sents):
            _analyse_sentence(d, s, e, spans, pid, direct, indirect)
            for k, q in enumerate(spans):
                if s <= q.open < e or (q.open < s and s <= q.cstart < e):
                    sent_of.setdefault(k, si)
        para_quotes: list[Quote] = []
        last: Quote | None = None
        last_sent = -1
        for k, q in enumerate(spans):
            if "absorbed" in q.flags:
                continue
            if k in direct:
                ref, cue, _ = direct[k]
                qq = Quote("direct", q.cstart, q.cend, pid, cue, ref, flags=list(q.flags), span=q)
            elif last is not None and last.ref is not None and _statement_like(raw, q):
                same = sent_of.get(k, -2) == last_sent
                qq = Quote("direct", q.cstart, q.cend, pid, last.cue if same else None, last.ref, flags=list(q.flags),
                           span=q, is_continuation=not same)
                if not same:
                    qq.ref = SpeakerRef("inherit", "", q.open, None)
                    qq.speaker_from = last
            elif q.at_para_start and (q.whole_para or prev_unclosed) and prev_para_quotes and \
                    any(p.ref is not None for p in prev_para_quotes):
                src = [p for p in prev_para_quotes if p.ref is not None][-1]
                qq = Quote("direct", q.cstart, q.cend, pid, None, SpeakerRef("inherit", "", q.open, None),
                           flags=list(q.flags), span=q, is_continuation=True)
                qq.speaker_from = src
            else:
                qq = _fragment_quote(d, q, pid, sents, sent_of.get(k))
                if qq is None:
                    continue
            para_quotes.append(qq)
            last, last_sent = qq, sent_of.get(k, -1)
        para_quotes.extend(indirect)
        para_quotes.sort(key=lambda x: x.cstart)
        found.extend(para_quotes)
        if para_quotes:
            prev_para_quotes = para_quotes
        elif not d.paragraphs or True:
            prev_para_quotes = [] if spans or _has_words(raw, p_lo, p_hi) else prev_para_quotes
        prev_unclosed = bool(spans) and "unclosed_paragraph" in spans[-1].flags
    _resolve(d, found, mentions)
    return _quotes_frame(doc.doc_id, raw, found), (d, found)


def _statement_like(raw: str, q: QuoteSpan) -> bool:
    """Whether a quotation without its own cue reads as a statement (4+ words or first/second person words)."""
    words = re.findall(r"[\w']+", raw[q.cstart:q.cend].lower().replace("\u2019", "'"))
    return len(words) >= 4 or any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words)


def _has_words(raw: str, lo: int, hi: int) -> bool:
    return bool(re.search(r"\w", raw[lo:hi]))


def _fragment_quote(d: _Doc, q: QuoteSpan, pid: int, sents, si) -> Quote | None:
    """A quotation with no cue: a statement if it speaks in the first or second person inside a clause with a subject."""
    words = re.findall(r"[\w']+", d.raw[q.cstart:q.cend].lower().replace("\u2019", "'"))
    if not words:
        return None
    personal = any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words)
    if not personal or si is None:
        return None
    s_lo, _ = sents[si]
    a, _ = d.tok_range(s_lo, q.open)
    qa, _ = d.tok_range(q.open, q.open + 1)
    if qa <= a:
        return None
    ref = _main_subject(d, a, qa)
    if ref is None:
        return None
    verb = next((t.text for t in d.toks[a:qa] if t.pos.startswith("VB") and not t.in_quote), None)
    return Quote("direct", q.cstart, q.cend, pid, verb, ref, flags=list(q.flags), span=q)


# ---------------------------------------------------------------- speaker resolution
def _gender(canonical: str) -> str | None:
    first = canonical.split()[0] if canonical.split() else ""
    return name_genders().get(first)


class _Inside:
    """Whether a raw span lies inside one of a set of spans, by bisection (spans sorted by start, running max end)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end, top = [], -1
        for _, e in spans:
            top = max(top, e)
            self.max_end.append(top)

    def __call__(self, lo: int, hi: int) -> bool:
        i = bisect_right(self.starts, lo)
        return i > 0 and self.max_end[i - 1] >= hi


class _Antecedents:
    """Person antecedents of "he" / "she" by position, kept sorted per gender so a look-up is a bisection.

    `best(g, pos)` is the latest compatible candidate before pos (name of unknown gender or of gender g), preferring
    candidates that are the subject of a clause when there is any before pos."""

    def __init__(self):
        self.all = {"m": [], "f": []}
        self.subj = {"m": [], "f": []}

    def add(self, pos: int, name: str, subj: bool) -> None:
        g = _gender(name)
        for k in ("m", "f"):
            if g in (None, k):
                insort(self.all[k], (pos, name, subj))
                if subj:
                    insort(self.subj[k], (pos, name, subj))

    def best(self, g: str, pos: int) -> tuple[int, str, bool] | None:
        for lst in (self.subj[g], self.all[g]):
            i = bisect_left(lst, (pos,))
            if i:
                return lst[i - 1]
        return None


def _resolve(d: _Doc, found: list[Quote], mentions: pd.DataFrame | None) -> None:
    """Give every quote its speaker: canonical names, resolved pronouns, inherited speakers of continuations."""
    inside = _Inside([(q.cstart, q.cend) for q in found])
    full = _full_names(d, mentions)
    # antecedents: person mentions outside every quote, flagged when they are the subject of a clause
    cands = _Antecedents()
    for m in d.mentions:
        if m.label == "PERSON" and not inside(m.start, m.end):
            cands.add(m.start, full.get(m.canonical, m.canonical), _is_subject(d, m))
    # subjects of reported clauses ("PBS revealed X accepted ..."): antecedents of a pronoun in the next sentence
    # when no speaker or clause subject stands between them
    in_direct = _Inside([(q.cstart, q.cend) for q in found if q.kind == "direct"])
    reported = [(m.start, full.get(m.canonical, m.canonical)) for m in d.mentions
                if m.label == "PERSON" and inside(m.start, m.end) and not in_direct(m.start, m.end)
                and not d.toks[d.tok_range(m.start, m.end)[0]].in_quote and _is_subject(d, m)]
    reported_starts = [pos for pos, _ in reported]
    sent_starts = [s for _, s, _ in d.sent_spans]
    orgs = [m for m in d.mentions if m.label == "ORGANIZATION" and not inside(m.start, m.end)]
    org_starts = [m.start for m in orgs]
    by_para: dict[int, list[tuple[int, Quote]]] = {}
    for n, p in enumerate(found):
        by_para.setdefault(p.paragraph_id, []).append((n, p))
    done: list[Quote] = []
    for q in sorted(found, key=lambda x: x.cstart):
        ref = q.ref
        if ref is None:
            continue
        if ref.kind == "inherit":
            src = getattr(q, "speaker_from", None)
            q.speaker, q.label = (src.speaker, src.label) if src else (None, None)
            q.ref = SpeakerRef("inherit", "", ref.start)
            continue
        if ref.kind == "mention":
            m = ref.mention
            q.speaker = full.get(m.canonical, m.canonical) if m.label == "PERSON" else m.canonical
            q.label = m.label
        elif ref.kind == "pronoun":
            pr = ref.text.lower()
            g = PRONOUNS.get(pr)
            if g in ("m", "f"):
                best = cands.best(g, ref.start)
                si = bisect_right(sent_starts, ref.start) - 1
                window = sent_starts[si - 1] if si >= 1 else 0
                if (best is None or best[0] < window or not best[2]) and reported:
                    i = bisect_left(reported_starts, ref.start)
                    while i > 0 and reported[i - 1][0] >= window:
                        if _gender(reported[i - 1][1]) in (None, g) and not q.cstart <= reported[i - 1][0] < q.cend:
                            best = (reported[i - 1][0], reported[i - 1][1], True)
                            break
                        i -= 1
                if best:
                    q.speaker, q.label = best[1], "PERSON"
            elif pr == "they":  # the latest organisation or state speaker of the last three paragraphs
                prev = [(n, p) for pid in range(q.paragraph_id - 2, q.paragraph_id + 1) for n, p in by_para.get(pid, ())
                        if p.cstart < q.cstart and p.speaker and p.label in ("ORGANIZATION", "GPE")]
                if prev:
                    p = max(prev, key=lambda x: x[0])[1]
                    q.speaker, q.label = p.speaker, p.label
            elif pr == "it":  # the latest organisation mentioned before, outside quotes
                i = bisect_left(org_starts, ref.start)
                while i > 0 and orgs[i - 1].end > ref.start:
                    i -= 1
                if i:
                    q.speaker, q.label = orgs[i - 1].canonical, "ORGANIZATION"
        else:
            q.label = "UNNAMED"
            issuer = _document_issuer(d, ref, sent_starts, done)
            if issuer is not None:
                q.speaker, q.label = issuer.speaker, issuer.label
        done.append(q)
        if q.label == "PERSON" and q.speaker and ref.kind in ("mention", "pronoun"):
            cands.add(ref.start, q.speaker, True)  # a speaker is the topic the next pronoun most likely continues


COURT_DOCUMENTS = frozenset("ruling judgment judgement verdict".split())
COURT_WORDS = frozenset("court tribunal".split())


def _document_issuer(d: _Doc, ref: SpeakerRef, sent_starts: list[int], done: list[Quote]) -> Quote | None:
    """The earlier quote whose issuer a bare definite document noun refers back to: "X, in a statement, announced ...
    The statement also said ..." -> X. The noun's latest earlier occurrence outside quotation marks must lie in the
    sentence of a quote with a named speaker."""
    words = ref.text.lower().split()
    court_doc = len(words) == 5 and words[2] == "of" and words[3] in DEFINITE \
        and words[4] in COURT_DOCUMENTS | {"decision"}  # "the summary of the decision read: ..."
    if not court_doc and len(words) != 2 or words[0] not in DEFINITE or words[1] not in document_nouns():
        return None
    if words[1] in COURT_DOCUMENTS or court_doc:  # "according to the ruling": the court that issued it, named before
        court = [m for m in d.mentions_in(0, ref.start) if m.label == "ORGANIZATION"
                 and COURT_WORDS & set(m.canonical.lower().split())]
        if court:
            return Quote("indirect", 0, 0, 0, "", None, speaker=court[-1].canonical, label="ORGANIZATION")
    a, _ = d.tok_range(ref.start, ref.start + 1)
    for k in range(a - 1, max(-1, a - 400), -1):
        t = d.toks[k]
        if t.norm != words[1] or t.in_quote:
            continue
        # the earlier noun must be the medium of a speech act: "in a statement", "issued a statement"
        if k >= 1 and d.toks[k - 1].norm in DEFINITE and (k < 2 or d.toks[k - 2].norm not in ("in", "via", "through")):
            continue  # an earlier "the statement" refers back further itself
        if k < 2 or d.toks[k - 1].norm not in ("a", "an", "its", "his", "her", "their", "the") \
                or d.toks[k - 2].norm not in ("in", "issued", "released", "published", "made", "via", "through"):
            return None
        si = bisect_right(sent_starts, t.start) - 1
        lo = sent_starts[si] if si >= 0 else 0
        hi = sent_starts[si + 1] if si + 1 < len(sent_starts) else len(d.raw)
        for q2 in reversed(done):
            if q2.speaker and q2.label in SPEAKER_LABELS and q2.ref is not None and lo <= q2.ref.start < hi:
                return q2
        return None
    return None


def _is_subject(d: _Doc, m: Mention) -> bool:
    """Whether a mention is the subject of a clause: followed by a verb, possibly after an apposition."""
    a, b = d.tok_range(m.end, len(d.raw))
    toks = d.toks
    k = a
    if k < len(toks) and toks[k].norm == "of":  # "Crown Prince X of Saudi Arabia accepted ..."
        j = k + 1
        while j < len(toks) and j - k < 6 and toks[j].pos in ("DT", "NNP", "NNPS"):
            j += 1
        if j > k + 1 and j < len(toks) and toks[j].pos in FINITE:
            return True
    if k + 1 < len(toks) and toks[k].pos == "," and (toks[k + 1].pos.startswith("VB") or toks[k + 1].pos == "MD"):
        return True  # the name is itself the apposition: "Another voice actor, Lauren Landa, would ..."
    if k < len(toks) and toks[k].pos == ",":  # apposition: ", a voice actor, would ..."
        k += 1
        while k < len(toks) and k - a < 25 and toks[k].pos not in (",", "."):
            k += 1
        k += 1
    while k < len(toks) and toks[k].pos in ("RB", "MD"):
        return True if toks[k].pos == "MD" else _next_is_verb(toks, k + 1)
    return k < len(toks) and (toks[k].pos.startswith("VB") or toks[k].pos == "MD")


def _next_is_verb(toks: list[Tok], k: int) -> bool:
    return k < len(toks) and toks[k].pos.startswith("VB")


NAME_SUFFIX_NOUNS = frozenset("show shows series foundation awards award band hour program programme theatre theater "
                              "museum center centre school prize trophy festival".split())


def _clean_person_names(d: _Doc) -> dict[str, str]:
    """Map a person canonical holding a title fragment or a work's noun to the person's name: "State Mike Pompeo"
    (from "Secretary of State Mike Pompeo") -> "Mike Pompeo"; "Doris Day Show", when the text also calls the person
    "Doris Day" -> "Doris Day"."""
    texts: dict[str, set[str]] = {}
    after_of: set[str] = set()
    for m in d.mentions:
        if m.label != "PERSON":
            continue
        texts.setdefault(m.canonical, set()).add(m.text)
        if m.text == m.canonical and d.raw[max(0, m.start - 3):m.start].lower() == "of ":
            after_of.add(m.canonical)
    out = {}
    for c, ts in texts.items():
        w = c.split()
        if c in after_of and len(w) >= 3 and w[0][:1].isupper():
            out[c] = " ".join(w[1:])  # "Secretary of State Mike Pompeo": "State" ends the title
        elif len(w) >= 3 and w[-1].lower() in NAME_SUFFIX_NOUNS:
            shorter = [t for t in ts if len(t.split()) >= 2 and c.startswith(t + " ")]
            if shorter:
                out[c] = max(shorter, key=len)
    return out


def _full_names(d: _Doc, mentions: pd.DataFrame | None) -> dict[str, str]:
    """Map a person canonical to the person name to report: the fuller name the entity linker resolves a one-word
    canonical to, or the canonical cleared of a title fragment or a work's noun (_clean_person_names)."""
    clean = _clean_person_names(d)
    out = _linked_full_names(d, mentions)
    for k, v in list(out.items()):
        out[k] = clean.get(v, v)
    for k, v in clean.items():
        out.setdefault(k, v)
    return out


def _linked_full_names(d: _Doc, mentions: pd.DataFrame | None) -> dict[str, str]:
    """Map a one-word person canonical to the fuller person name the entity linker resolves it to."""
    people = {m.canonical for m in d.mentions if m.label == "PERSON"}
    single = [p for p in people if " " not in p]
    if not single or mentions is None or not len(mentions):
        return {}
    try:
        from .entities import resolve_name
    except ImportError:  # the entity linker is not installed: canonical names are used as they are
        return {}
    out = {}
    for p in single:
        full = resolve_name(p, mentions, label="PERSON")
        if full and full != p:
            out[p] = full
    return out


# ---------------------------------------------------------------- tables
def _quotes_frame(doc_id: str, raw: str, found: list[Quote]) -> pd.DataFrame:
    sia = sentiment_analyzer() if found else None
    rows: list[dict] = []
    for n, q in enumerate(sorted(found, key=lambda x: x.cstart)):
        content = raw[q.cstart:q.cend]
        ref = q.ref
        mention = ref.text if ref is not None and ref.kind != "inherit" else None
        flags = [f for f in dict.fromkeys(q.flags) if f != "absorbed"]
        if ref is None:
            flags.append("unattributed")
        rows.append({
            "doc_id": doc_id, "quote_id": n, "paragraph_id": q.paragraph_id, "kind": q.kind, "content": content,
            "start": q.cstart, "end": q.cend, "cue": q.cue or None, "speaker": q.speaker or None,
            "speaker_mention": mention or None, "speaker_label": q.label, "is_continuation": q.is_continuation,
            "flags": "|".join(flags) or None, "n_words": len(re.findall(r"\w+", content)),
            "sentiment": sia.polarity_scores(content)["compound"],
        })
    return _frame(rows, QUOTE_COLUMNS)


_NP_DTYPES = {"int": "int64", "float": "float64", "bool": bool, "str": object}


def _frame(rows: list[dict], schema: dict[str, str]) -> pd.DataFrame:
    """Build a table with the documented columns and dtypes straight from row dicts (no per-column conversion)."""
    data = {}
    for col, kind in schema.items():
        values = [r.get(col) for r in rows]
        if kind == "str":
            arr = np.empty(len(values), dtype=object)
            arr[:] = [None if v is None or v == "" else str(v) for v in values]
        elif kind == "int":
            arr = np.asarray([-1 if v is None else v for v in values], dtype="int64")
        else:
            arr = np.asarray(values, dtype=_NP_DTYPES[kind])
        data[col] = pd.Series(arr, dtype=object if kind == "str" else arr.dtype, copy=False)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)), copy=False)


# ---------------------------------------------------------------- descriptors
@dataclass(frozen=True)
class Descriptor:
    """How an article introduces a speaker: the words around the name, split into role and affiliation."""

    descriptor: str | None = None
    role: str | None = None
    affiliation: str | None = None


_DETERMINERS = re.compile(r"^(?:the|a|an|another|its|his|her|their)\s+", re.I)
_ROLE_SPLIT = re.compile(r",?\s+and\s+(?=(?:a|an|the)\s)", re.I)
_AFFILIATION_CUT = re.compile(r"\s+(?:at|of|for|with|from)\s+", re.I)


def pre_title(d: _Doc, m: Mention) -> tuple[int, int] | None:
    """Return the raw span of the title words right before a name ("US President" Joe Biden), or None."""
    a, _ = d.tok_range(m.start, m.start + 1)
    k = a
    toks = d.toks
    while k > 0 and a - k < 10:
        t = toks[k - 1]
        if "\n" in d.raw[t.end:toks[k].start]:
            break
        if t.pos.startswith(("VB", "MD", "CC", "WDT", "WP", "TO", "RB", "PRP")) or t.in_quote and not toks[a].in_quote:
            break
        if t.pos in (",", ".", ":", "``", "''") or t.text in ALL_MARKS or (t.pos == "IN" and t.norm != "of"):
            break
        if t.pos == "DT":
            k -= 1
            break
        k -= 1
    while k < a and toks[k].norm in ("of", "'s", "(", ")"):
        k += 1
    if k >= a or not any(t.pos.startswith("NN") for t in toks[k:a]) or toks[a - 1].pos not in ("NN", "NNS", "NNP", "NNPS", ")"):
        return None
    if any(x.label == "PERSON" for x in d.mentions_in(toks[k].start, toks[a - 1].end)):
        return None
    return toks[k].start, toks[a - 1].end


def post_apposition(d: _Doc, m: Mention) -> tuple[int, int] | None:
    """Return the raw span of the apposition or 'of ...' phrase right after a name (", an analyst at X"), or None."""
    a, _ = d.tok_range(m.end, m.end + 1)
    toks = d.toks
    if a >= len(toks):
        return None
    if toks[a].norm == "of":
        k = a + 1
        while k < len(toks) and toks[k].pos not in (",", ".", ":") and not toks[k].pos.startswith(("VB", "MD")) \
                and toks[k].text not in ALL_MARKS:
            k += 1
        return (toks[a].start, toks[k - 1].end) if k > a + 1 else None
    if toks[a].pos != "," or a + 1 >= len(toks):
        return None
    first = toks[a + 1]
    if not (first.norm in ("a", "an", "the") or first.pos in ("JJ", "NN", "NNS") or first.pos == "NNP" and
            a + 2 < len(toks) and toks[a + 2].pos in ("NN", "NNS")):
        return None
    k = a + 1
    while k < len(toks) and toks[k].pos not in (",", ".", ":") and toks[k].text not in ALL_MARKS and \
            toks[k].pos not in FINITE:
        k += 1
    if k >= len(toks) or toks[k].pos in FINITE or k - a > 30:
        return None
    if toks[k].pos == "," and k + 1 < len(toks) and toks[k + 1].norm in ("who", "whose"):
        e = k + 1
        while e < len(toks) and toks[e].pos not in (",", ".") and toks[e].text not in ALL_MARKS:
            e += 1
        k = e
    if any(x.label == "PERSON" for x in d.mentions_in(toks[a + 1].start, toks[k - 1].end)):
        return None
    return toks[a + 1].start, toks[k - 1].end


def split_descriptor(text: str, affiliations: list[str], *, before_name: bool) -> Descriptor:
    """Split descriptor words into role(s) and affiliation, e.g. "an analyst at X" -> ("analyst", "X")."""
    text = text.strip()
    if not text:
        return Descriptor()
    if before_name:
        aff = affiliations[-1] if affiliations else None
        role = text
        if aff:
            role = re.sub(r"\s*(?:of\s+(?:the\s+)?)?" + re.escape(aff) + r"(?:['\u2019]s)?\s*", " ", role)
        role = _DETERMINERS.sub("", role.strip()).strip(" ,")
        return Descriptor(text, role or None, aff)
    if text.lower().startswith("of "):
        aff = re.sub(r"\s*\([^)]*\)\s*$", "", _DETERMINERS.sub("", text[3:].strip()))
        return Descriptor(text, None, aff or None)
    main = re.split(r",\s*(?:who|whose)\b", text)[0]
    roles, aff = [], None
    for part in _ROLE_SPLIT.split(main):
        part = _DETERMINERS.sub("", part.strip())
        cut = _AFFILIATION_CUT.search(part)
        if cut:
            if aff is None:
                aff = _DETERMINERS.sub("", part[cut.end():].strip())
            part = part[:cut.start()]
        if part:
            roles.append(part.strip())
    return Descriptor(text, "; ".join(roles) or None, aff)


def _person_mentions(d: _Doc, full: dict[str, str]) -> dict[str, list[Mention]]:
    """Person mentions by (full) canonical name, in text order."""
    out: dict[str, list[Mention]] = {}
    for m in d.mentions:
        if m.label == "PERSON":
            out.setdefault(full.get(m.canonical, m.canonical), []).append(m)
    return out


def describe_speaker(d: _Doc, canonical: str, full: dict[str, str],
                     by_name: dict[str, list[Mention]] | None = None) -> Descriptor:
    """Return the descriptor of a named speaker from the title before and the apposition after its mentions.

    by_name (`_person_mentions`) spares a scan of all mentions per speaker in long documents."""
    pre, post = Descriptor(), Descriptor()
    if by_name is None:
        by_name = _person_mentions(d, full)
    for m in by_name.get(canonical, ()):
        if pre.descriptor is None and (sp := pre_title(d, m)):
            affs = [x.text for x in d.mentions_in(*sp) if x.label in ("ORGANIZATION", "GPE", "NORP")]
            affs = [x.text for x in d.mentions_in(*sp) if x.label == "ORGANIZATION"] or affs[:1]
            pre = split_descriptor(d.raw[sp[0]:sp[1]], affs, before_name=True)
        if post.descriptor is None and (sp := post_apposition(d, m)):
            post = split_descriptor(d.raw[sp[0]:sp[1]], [], before_name=False)
        if pre.descriptor and post.descriptor:
            break
    text = ", ".join(x for x in (pre.descriptor, post.descriptor) if x) or None
    role = "; ".join(x for x in (pre.role, post.role) if x) or None
    return Descriptor(text, role, post.affiliation or pre.affiliation)


# ---------------------------------------------------------------- speaker tables
def _records(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    """Return rows of chosen columns as tuples (missing values as None)."""
    lists = [[None if (v is None or v != v) else v for v in df[c].tolist()] for c in cols]
    return list(zip(*lists))


def speakers_table(quotes: pd.DataFrame, descriptors: dict[str, Descriptor] | None = None) -> pd.DataFrame:
    """Return one row per speaker and document: counts by kind, quoted words, share of voice and descriptor.

    Named speakers are keyed by canonical name; an unnamed source by its mention words (`is_named` False).
    """
    descriptors = descriptors or {}
    if not len(quotes):
        return tables.empty("speakers")
    totals: dict[str, int] = {}
    groups: dict[tuple[str, str], dict] = {}
    for doc_id, speaker, mention, label, kind, n in _records(
            quotes, ["doc_id", "speaker", "speaker_mention", "speaker_label", "kind", "n_words"]):
        totals[doc_id] = totals.get(doc_id, 0) + int(n)
        key = speaker or mention
        if not key:
            continue
        g = groups.setdefault((doc_id, key), {"doc_id": doc_id, "speaker": key, "is_named": bool(speaker),
                                              "label": label, "n_quotes": 0, "n_words": 0, "n_direct": 0,
                                              "n_indirect": 0, "n_mixed": 0})
        g["n_quotes"] += 1
        g["n_words"] += int(n)
        if f"n_{kind}" in g:
            g[f"n_{kind}"] += 1
    rows = []
    for (doc_id, key), g in groups.items():
        desc = descriptors.get(key, Descriptor()) if g["is_named"] else Descriptor()
        g.update(descriptor=desc.descriptor, role=desc.role, affiliation=desc.affiliation,
                 share_of_voice=g["n_words"] / totals[doc_id] if totals[doc_id] else 0.0)
        rows.append(g)
    return _frame(rows, SPEAKER_COLUMNS)


def speaker_mentions(quotes: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return which entities each speaker's quotes mention (mentions whose span lies inside a quote's content)."""
    if not len(quotes) or mentions is None or not len(mentions):
        return tables.empty("speaker_mentions")
    by_doc: dict[str, list[tuple]] = {}
    for n, m in enumerate(_records(mentions, ["doc_id", "start", "end", "canonical", "label", "text"])):
        by_doc.setdefault(m[0], []).append((m[1], n) + m)
    starts: dict[str, list] = {}
    for doc_id, ms in by_doc.items():  # sorted by start, so a quote's mentions are found by bisection
        ms.sort(key=lambda x: (x[0], x[1]))
        starts[doc_id] = [x[0] for x in ms]
    counts: dict[tuple, int] = {}
    for doc_id, s, e, speaker, mention in _records(quotes, ["doc_id", "start", "end", "speaker", "speaker_mention"]):
        key = speaker or mention
        if not key or doc_id not in by_doc:
            continue
        ms = by_doc[doc_id]
        inner = sorted(ms[bisect_left(starts[doc_id], s):bisect_right(starts[doc_id], e)], key=lambda x: x[1])
        for _, _, _, ms_, me, can, lab, txt in inner:
            if s <= ms_ and me <= e:
                k = (doc_id, key, can or txt, lab)
                counts[k] = counts.get(k, 0) + 1
    rows = [{"doc_id": k[0], "speaker": k[1], "canonical": k[2], "label": k[3], "count": n} for k, n in counts.items()]
    return _frame(rows, SPEAKER_MENTION_COLUMNS)


def analyse_quotes(doc, seg, mentions: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Return the quotes, speakers and speaker_mentions tables of one document."""
    quotes, (d, found) = _find(doc, seg, mentions)
    full = _full_names(d, mentions)
    named = {q.speaker for q in found if q.speaker and q.label == "PERSON"}
    by_name = _person_mentions(d, full)
    descriptors = {name: describe_speaker(d, name, full, by_name) for name in named}
    return {"quotes": quotes, "speakers": speakers_table(quotes, descriptors),
            "speaker_mentions": speaker_mentions(quotes, mentions)}
