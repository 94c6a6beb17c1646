"""From speaker references to speakers: canonical names, pronoun antecedents, document issuers."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

import pandas as pd

from ..grammar import DEFINITE, FINITE, PRONOUNS
from ..resources import english_words
from .document import Doc
from .lexicon import (
    COURT_DECISIONS, COURT_DOCUMENTS, COURT_WORDS, WORK_NOUNS, cue_lexicon, document_nouns, name_genders
)
from .model import Mention, Quote, SPEAKER_LABELS, SpeakerRef, Tok
from .registry import Rule, ordered, rule


RULES: dict[str, Rule] = {}


def late_resolver(name: str, *, construction: str, examples: tuple[str, ...]):
    """Register a resolver applied during speaker resolution, after the noun-phrase resolvers (see `registry.rule`)."""
    return rule(RULES, name, kind="resolver", construction=construction, examples=examples)


def gender(canonical: str) -> str | None:
    """The gender NLTK's names give the first word of a name ('m' / 'f'), or None when unknown or ambiguous."""
    first = canonical.split()[0] if canonical.split() else ""
    return name_genders().get(first)


class Inside:
    """Whether a raw span lies inside one of a set of spans, by bisection (spans sorted by start, running max end)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end, top = [], -1
        for _, e in spans:
            top = max(top, e)
            self.max_end.append(top)

    def __call__(self, lo: int, hi: int) -> bool:
        """Whether raw[lo:hi] lies inside one of the spans."""
        i = bisect_right(self.starts, lo)
        return i > 0 and self.max_end[i - 1] >= hi


class Antecedents:
    """Person antecedents of "he" / "she" by position, kept sorted per gender so a look-up is a bisection.

    `best(g, pos)` is the latest compatible candidate before pos (name of unknown gender or of gender g), preferring
    candidates that are the subject of a clause when there is any before pos."""

    def __init__(self):
        self.all = {"m": [], "f": []}
        self.subj = {"m": [], "f": []}

    def add(self, pos: int, name: str, subj: bool) -> None:
        """Add a person mention at pos (name: full canonical; subj: the subject of a clause)."""
        g = gender(name)
        for k in ("m", "f"):
            if g in (None, k):
                insort(self.all[k], (pos, name, subj))
                if subj:
                    insort(self.subj[k], (pos, name, subj))

    def best(self, g: str, pos: int) -> tuple[int, str, bool] | None:
        """The latest candidate of gender g (or unknown) before pos, clause subjects first."""
        for lst in (self.subj[g], self.all[g]):
            i = bisect_left(lst, (pos,))
            if i:
                return lst[i - 1]
        return None


class SpeakerContext:
    """What speaker resolution looks up in one document: full names, pronoun antecedents, organisations, sentences
    and the quotes resolved so far."""

    def __init__(self, d: Doc, found: list[Quote], mentions: pd.DataFrame | None):
        self.d = d
        inside = Inside([(q.cstart, q.cend) for q in found])
        self.full = full_names(d, mentions)
        # antecedents: person mentions outside every quote, flagged when they are the subject of a clause
        self.cands = Antecedents()
        for m in d.mentions:
            if m.label == "PERSON" and not inside(m.start, m.end):
                self.cands.add(m.start, self.full.get(m.canonical, m.canonical), is_subject(d, m))
        # subjects of reported clauses ("the broadcaster revealed X accepted ..."): antecedents of a pronoun in the
        # next sentence when no speaker or clause subject stands between them
        in_direct = Inside([(q.cstart, q.cend) for q in found if q.kind == "direct"])
        self.reported = [(m.start, self.full.get(m.canonical, m.canonical)) for m in d.mentions
                         if m.label == "PERSON" and inside(m.start, m.end) and not in_direct(m.start, m.end)
                         and not d.toks[d.tok_range(m.start, m.end)[0]].in_quote and is_subject(d, m)]
        self.reported_starts = [pos for pos, _ in self.reported]
        self.sent_starts = [s for _, s, _ in d.sent_spans]
        self.orgs = [m for m in d.mentions if m.label == "ORGANIZATION" and not inside(m.start, m.end)]
        self.org_starts = [m.start for m in self.orgs]
        self.by_para: dict[int, list[tuple[int, Quote]]] = {}
        for n, p in enumerate(found):
            self.by_para.setdefault(p.paragraph_id, []).append((n, p))
        self.done: list[Quote] = []

    def personal(self, q: Quote, ref: SpeakerRef, g: str) -> tuple[int, str, bool] | None:
        """The antecedent of "he"/"she": the latest compatible person (a clause subject preferred), else the subject
        of a reported clause in this or the previous sentence."""
        best = self.cands.best(g, ref.start)
        si = bisect_right(self.sent_starts, ref.start) - 1
        window = self.sent_starts[si - 1] if si >= 1 else 0
        reported = self.reported
        if (best is None or best[0] < window or not best[2]) and reported:
            i = bisect_left(self.reported_starts, ref.start)
            while i > 0 and reported[i - 1][0] >= window:
                if gender(reported[i - 1][1]) in (None, g) and not q.cstart <= reported[i - 1][0] < q.cend:
                    return reported[i - 1][0], reported[i - 1][1], True
                i -= 1
        return best

    def collective(self, q: Quote) -> Quote | None:
        """The antecedent of "they": the latest organisation or state speaker of the last three paragraphs."""
        prev = [(n, p) for pid in range(q.paragraph_id - 2, q.paragraph_id + 1) for n, p in self.by_para.get(pid, ())
                if p.cstart < q.cstart and p.speaker and p.label in ("ORGANIZATION", "GPE")]
        return max(prev, key=lambda x: x[0])[1] if prev else None

    def neuter(self, ref: SpeakerRef) -> Mention | None:
        """The antecedent of "it": the latest organisation mentioned before, outside quotes."""
        i = bisect_left(self.org_starts, ref.start)
        while i > 0 and self.orgs[i - 1].end > ref.start:
            i -= 1
        return self.orgs[i - 1] if i else None


def resolve(d: Doc, found: list[Quote], mentions: pd.DataFrame | None) -> None:
    """Give every quote its speaker: canonical names, resolved pronouns, inherited speakers of continuations."""
    ctx = SpeakerContext(d, found, mentions)
    for q in sorted(found, key=lambda x: x.cstart):
        ref = q.ref
        if ref is None:
            continue
        if ref.kind == "inherit":
            previous_speaker(q)
            continue
        if ref.kind == "mention":
            m = ref.mention
            q.speaker = ctx.full.get(m.canonical, m.canonical) if m.label == "PERSON" else m.canonical
            q.label = m.label
        elif ref.kind == "pronoun":
            resolve_pronoun(ctx, q, ref)
        else:
            q.label = "UNNAMED"
            issuer = document_issuer(d, ref, ctx.sent_starts, ctx.done)
            if issuer is not None:
                q.speaker, q.label, q.resolver = issuer.speaker, issuer.label, "document_issuer"
        ctx.done.append(q)
        if q.label == "PERSON" and q.speaker and ref.kind in ("mention", "pronoun"):
            ctx.cands.add(ref.start, q.speaker, True)  # a speaker is the topic the next pronoun most likely continues


def resolve_pronoun(ctx: SpeakerContext, q: Quote, ref: SpeakerRef) -> None:
    """Give a quote attributed to a pronoun the speaker its antecedent names (left empty when none is found)."""
    pr = ref.text.lower()
    g = PRONOUNS.get(pr)
    if g in ("m", "f"):
        best = ctx.personal(q, ref, g)
        if best:
            q.speaker, q.label = best[1], "PERSON"
    elif pr == "they":
        p = ctx.collective(q)
        if p is not None:
            q.speaker, q.label = p.speaker, p.label
    elif pr == "it":
        m = ctx.neuter(ref)
        if m is not None:
            q.speaker, q.label = m.canonical, "ORGANIZATION"


@late_resolver("previous_speaker", construction="a continuation (a quotation with no cue after a quote, or a "
               "paragraph that is all quotation) has the speaker of the quote it continues",
               examples=('"We lost the first game," said Tom Reed. "We will not lose the second one."',))
def previous_speaker(q: Quote) -> None:
    """Copy the speaker of the quote a continuation continues."""
    src = q.speaker_from
    q.speaker, q.label = (src.speaker, src.label) if src else (None, None)


@late_resolver("document_issuer", construction="a definite document noun ('the statement', 'the ruling') as an "
               "unnamed source is the organisation or person that issued it, named in an earlier sentence",
               examples=("Nordbank said in a statement that it would close ten branches. The statement also said "
                         "that no staff would lose their jobs.",))
def document_issuer(d: Doc, ref: SpeakerRef, sent_starts: list[int], done: list[Quote]) -> Quote | None:
    """The earlier quote whose issuer a bare definite document noun refers back to: "X, in a statement, announced ...
    The statement also said ..." -> X. The noun's latest earlier occurrence outside quotation marks must lie in the
    sentence of a quote with a named speaker."""
    words = ref.text.lower().split()
    court_doc = len(words) == 5 and words[2] == "of" and words[3] in DEFINITE \
        and words[4] in COURT_DOCUMENTS | COURT_DECISIONS  # "the summary of the decision read: ..."
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


def is_subject(d: Doc, m: Mention) -> bool:
    """Whether a mention is the subject of a clause: followed by a verb, possibly after an apposition."""
    a, b = d.tok_range(m.end, len(d.raw))
    toks = d.toks
    k = a
    if k < len(toks) and toks[k].norm == "of":  # "Crown Prince X of Norland accepted ..."
        j = k + 1
        while j < len(toks) and j - k < 6 and toks[j].pos in ("DT", "NNP", "NNPS"):
            j += 1
        if j > k + 1 and j < len(toks) and toks[j].pos in FINITE:
            return True
    if k + 1 < len(toks) and toks[k].pos == "," and (toks[k + 1].pos.startswith("VB") or toks[k + 1].pos == "MD"):
        return True  # the name is itself the apposition: "Another actor, Jane Roe, would ..."
    if k < len(toks) and toks[k].pos == ",":  # apposition: ", a voice actor, would ..."
        k += 1
        while k < len(toks) and k - a < 25 and toks[k].pos not in (",", "."):
            k += 1
        k += 1
    while k < len(toks) and toks[k].pos in ("RB", "MD"):
        return True if toks[k].pos == "MD" else next_is_verb(toks, k + 1)
    return k < len(toks) and (toks[k].pos.startswith("VB") or toks[k].pos == "MD")


def next_is_verb(toks: list[Tok], k: int) -> bool:
    """Whether token k exists and is a verb."""
    return k < len(toks) and toks[k].pos.startswith("VB")


def clean_person_names(d: Doc) -> dict[str, str]:
    """Map a person canonical holding a title fragment or a work's noun to the person's name: "State Jo Roe"
    (from "Secretary of State Jo Roe") -> "Jo Roe"; "Jane Roe Show", when the text also calls the person
    "Jane Roe" -> "Jane Roe"."""
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
            out[c] = " ".join(w[1:])  # "Secretary of State Jo Roe": "State" ends the title
        elif len(w) >= 3 and w[-1].lower() in WORK_NOUNS:
            shorter = [t for t in ts if len(t.split()) >= 2 and c.startswith(t + " ")]
            if shorter:
                out[c] = max(shorter, key=len)
        elif len(w) >= 2:
            cut = headline_name(d, c)
            if cut:
                out[c] = cut
    return out


def headline_name(d: Doc, canonical: str) -> str | None:
    """The name inside a person canonical that a title-case headline glued words onto ("Jo Roe Promises Action",
    "Jo Roe Says Tax"): the canonical is written out only in headline-style lines, and a shorter form of it (the
    first k words, or their last word) is a person mention in an ordinary line and no dropped word is; the longest
    such form."""
    full = [m for m in d.mentions if m.label == "PERSON" and m.canonical == canonical and m.text == canonical]
    if not full or not all(headline_line(d.raw, m.start) for m in full):
        return None
    w = canonical.split()
    elsewhere = {m.text for m in d.mentions if m.label == "PERSON" and m.text != canonical
                 and not headline_line(d.raw, m.start)}
    words_elsewhere = {x for t in elsewhere for x in t.split()}
    for k in range(1, len(w)):
        if w[k] not in words_elsewhere and headline_verb(w[k]) \
                and (" ".join(w[:k]) in elsewhere or w[k - 1] in elsewhere):
            return " ".join(w[:k])  # "Jo Roe Says Trump ...": the name ends before the headline's verb
    for k in range(len(w) - 1, 0, -1):
        if any(x in words_elsewhere for x in w[k:]):
            return None  # a dropped word is part of the name as the article writes it
        if " ".join(w[:k]) in elsewhere or w[k - 1] in elsewhere:
            return " ".join(w[:k])
    return None


def headline_verb(word: str) -> bool:
    """Whether a capitalised headline word is a verb in the third person: a cue form ("Says", "Tells") or an
    English word plus "s" ("Joins", "Defends")."""
    low = word.lower()
    return low in cue_lexicon().lemma or low.endswith("s") and len(low) > 3 and low[:-1] in english_words()


def headline_line(raw: str, pos: int) -> bool:
    """Whether the line holding raw offset pos is written in title case (a headline: at least four words of four or
    more letters, nearly all capitalised)."""
    lo, hi = raw.rfind("\n", 0, pos) + 1, raw.find("\n", pos)
    words = [x for x in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", raw[lo:hi if hi >= 0 else len(raw)]) if len(x) >= 4]
    return len(words) >= 4 and sum(x[0].isupper() for x in words) >= 0.85 * len(words)


def full_names(d: Doc, mentions: pd.DataFrame | None) -> dict[str, str]:
    """Map a person canonical to the person name to report: the fuller name the entity linker resolves a one-word
    canonical to, or the canonical cleared of a title fragment or a work's noun (clean_person_names)."""
    clean = clean_person_names(d)
    out = linked_full_names(d, mentions)
    for k, v in list(out.items()):
        out[k] = clean.get(v, v)
    for k, v in clean.items():
        out.setdefault(k, v)
    return out


def linked_full_names(d: Doc, mentions: pd.DataFrame | None) -> dict[str, str]:
    """Map a one-word person canonical to the fuller person name the entity linker resolves it to."""
    people = {m.canonical for m in d.mentions if m.label == "PERSON"}
    single = [p for p in people if " " not in p]
    if not single or mentions is None or not len(mentions):
        return {}
    try:
        from ..entities import resolve_name
    except ImportError:  # the entity linker is not installed: canonical names are used as they are
        return {}
    out = {}
    for p in single:
        full = resolve_name(p, mentions, label="PERSON")
        if full and full != p:
            out[p] = full
    return out


# ---------------------------------------------------------------- resolvers applied after the noun-phrase resolvers
ORDER: tuple[Rule, ...] = ordered(RULES, [previous_speaker, document_issuer])
