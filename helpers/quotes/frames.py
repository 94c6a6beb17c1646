"""Registry of attribution frames and the analysis of one sentence.

A frame is a function plus a record (`context.frame`: name, construction, example sentences). `analyse_sentence`
walks `PASSES` in order: first every quotation is offered to the frames that find its cue after it, then to those
that find it before it, then every unused cue is offered to the reported-speech frames (`reported.py`). Within a pass
the first frame that returns something wins. To add a frame: write a function of the pass's site (`QuoteSite` or
`CueSite`) with `@frame(...)` and put its name in `PASSES` where it must be tried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain

from ..grammar import ALL_MARKS, AUX, FINITE, FIRST_SECOND_PERSON, NAMING_MARKERS, RELATIVE, SUBORDINATORS
from .context import Attribution, CueSite, FRAMES, QuoteSite, Sentence, frame
from .cues import is_cue
from .document import Doc
from .lexicon import cue_lexicon, document_nouns
from .marks import QuoteSpan, bracketed_gloss, statement_like, name_in_marks
from .model import Quote, SpeakerRef
from .phrases import finite_verb, infinitive_request, np_before
from .registry import Rule, ordered
from .reported import according_to, leading_cue, listener_request, relative_clause_cue, trailing_cue
from .speakers import speaker_from_np
from .subjects import inverted_speaker, main_subject, subject


@dataclass
class SentenceResult:
    """What the analysis of one sentence adds: attributions of quotations (by index in the paragraph's spans, all
    found so far), reported-speech quotes, and quotations absorbed into a mixed report."""

    direct: dict[int, Attribution]
    quotes: list[Quote] = field(default_factory=list)
    absorbed: set[int] = field(default_factory=set)


# ---------------------------------------------------------------- pass 1: the cue follows the quotation
@frame("quote_then_inverted_cue", construction="'\"...,\" says X.': an inverted cue right after the quotation, "
       "then the speaker", examples=('"The water is safe to drink again," said Maria Lopez, the city engineer.',))
def quote_then_inverted_cue(site: QuoteSite) -> Attribution | None:
    """The first cue after the quotation opens the attribution: the speaker follows it."""
    if site.ci != site.j:
        return None
    ref = inverted_speaker(site.s.d, site.ci, site.s.b)
    return Attribution(ref, site.cue, "quote_then_inverted_cue", site.ci) if ref is not None else None


@frame("quote_then_cue", construction="'\"...,\" X said.': the speaker and then the cue right after the quotation",
       examples=('"We have run out of beds," the doctors said on Monday.',
                 '"Prices will fall by the summer," Tom Reed told the radio station.'))
def quote_then_cue(site: QuoteSite) -> Attribution | None:
    """The noun phrase between the quotation and the cue is the speaker."""
    if site.ci == site.j:
        return None
    lo, hi = np_before(site.s.d, site.ci, site.j)
    ref = speaker_from_np(site.s.d, lo, hi) if lo == site.j else None
    return Attribution(ref, site.cue, "quote_then_cue", site.ci) if ref is not None else None


# ---------------------------------------------------------------- pass 2: the cue (or a colon) comes before
@frame("cue_then_quote", construction="'X said: \"...\"' / 'X said, \"...\"': the last unused cue before the "
       "quotation, with nothing but a listener or adverbials between",
       examples=('Anna Berg said on Friday: "We are not giving up on this project."',
                 'Speaking to reporters, Tom Reed said, "The strike is over."'))
def cue_then_quote(site: QuoteSite) -> Attribution | None:
    """The cue's subject speaks the quotation after it."""
    s, ci = site.s, site.ci
    if ci < 0 or bracketed_gloss(s.d, site.q):
        return None  # (a bracketed gloss is a term inside the report, not the quoted words of the cue's subject)
    d, toks, pb = s.d, s.d.toks, site.pb
    if finite_verb(d, ci + 1, pb, limit=40) and not site.colon:
        return None
    between = [t for t in toks[ci + 1:pb] if re.match(r"\w", t.text)]
    if len(between) >= 2 and between[0].norm == "that":
        return None  # "adding that <clause> \"fragment\"": a mixed report, found in the reported-speech pass
    if len(between) >= 2 and between[0].norm == "not" and between[1].pos == "VBG" and not site.colon:
        return None  # "said not allowing X constituted \"...\"": a reported clause with a gerund subject
    if toks[ci].norm in s.lex.tell and not site.colon and infinitive_request(d, ci, pb):
        return None  # "asking X to be \"patient\"": an infinitive request quoting words, a mixed report
    ref = subject(d, ci, site.pa if site.pa > s.a else s.a)
    if ref is None and ci > s.a:
        ref = main_subject(d, s.a, ci)
    if ref is None:
        return None
    # "X told reporters <clause>: \"...\"" also reports the clause before the colon: the cue stays available
    return Attribution(ref, site.cue, "cue_then_quote", -1 if site.colon else ci)


@frame("statement_colon", construction="'The palace issued the following statement from the king: \"...\"': a "
       "document noun right before the colon frames the quotation without a cue verb",
       examples=('Nordbank issued the following statement: "Our branches will open as usual on Monday."',))
def statement_colon(site: QuoteSite) -> Attribution | None:
    """A document noun (or "statement from X") before the colon: X, else the clause subject, speaks."""
    if site.ci >= 0 or not site.colon:
        return None
    got = statement_attribution(site.s.d, site.s.a, site.pa, site.pb)
    return Attribution(got[0], got[1], "statement_colon") if got is not None else None


@frame("colon_clause", construction="'She turned to the team: \"...\"': a statement-like quotation after a colon "
       "that ends a clause whose verb is no cue is the direct quote of that clause's subject",
       examples=('Maria Lopez turned to the volunteers: "You kept the shelter open through the storm."',))
def colon_clause(site: QuoteSite) -> Attribution | None:
    """The subject of the clause before the colon speaks the quotation."""
    if site.ci >= 0 or not site.colon:
        return None
    got = colon_attribution(site.s.d, site.s.a, site.pa, site.pb, site.q)
    return Attribution(got[0], got[1], "colon_clause") if got is not None else None


def previous_attribution(site: QuoteSite) -> tuple[Attribution, list] | None:
    """The attribution of the quotation right before this one in the sentence and the words between them."""
    s = site.s
    prev_close = max([p.close for _, p in s.sq if p.close < site.q.open] + [s.s_lo - 1])
    prev = [j for j, p in s.sq if p.close == prev_close and j in site.attributed]
    gap = [t for t in s.d.toks[site.pa:site.pb] if re.match(r"\w", t.text)]
    return (site.attributed[prev[0]], gap) if prev and gap else None


@frame("coordinated_quote", construction="'called her a \"x\" and a \"y\"': a quotation joined to the previous "
       "one by 'and'/'or' shares its frame",
       examples=('Tom Reed called the plan "reckless" and "a waste of public money".',))
def coordinated_quote(site: QuoteSite) -> Attribution | None:
    """Only "and"/"or" (and articles) between two quotations: the second has the first one's attribution."""
    if site.ci >= 0:
        return None
    found = previous_attribution(site)
    if found is None:
        return None
    prev, gap = found
    if gap[0].norm in ("and", "or") and len(gap) <= 2 and all(t.norm in ("and", "or", "a", "an", "the") for t in gap):
        return Attribution(prev.ref, prev.cue, "coordinated_quote")
    return None


@frame("naming_as", construction="'described the \"plan\" as \"...\"': a naming verb's object and its 'as' "
       "phrase are one frame",
       examples=('Anna Berg described the "reform" as "a step backwards for every tenant".',))
def naming_as(site: QuoteSite) -> Attribution | None:
    """A quotation after "as" following a quotation framed by a naming verb shares its attribution."""
    if site.ci >= 0:
        return None
    found = previous_attribution(site)
    if found is None:
        return None
    prev, gap = found
    toks = site.s.d.toks[site.pa:site.pb]
    if gap[0].norm == "as" and len(gap) <= 4 and prev.cue.lower() in site.s.lex.naming \
            and not any(t.pos in FINITE or t.pos in (",", ".", ":") for t in toks):
        return Attribution(prev.ref, prev.cue, "naming_as")
    return None


# ---------------------------------------------------------------- the order in which frames are tried
PASSES: tuple[tuple[str, tuple[Rule, ...]], ...] = (
    ("cue after the quotation", ordered(FRAMES, [quote_then_inverted_cue, quote_then_cue], partial=True)),
    ("cue or colon before the quotation", ordered(FRAMES, [
        cue_then_quote, statement_colon, colon_clause, coordinated_quote, naming_as], partial=True)),
    ("reported speech", ordered(FRAMES, [
        according_to, listener_request, relative_clause_cue, leading_cue, trailing_cue], partial=True)),
)
ORDER: tuple[Rule, ...] = tuple(r for _, rules in PASSES for r in rules)


# ---------------------------------------------------------------- the walk over one sentence
def analyse_sentence(d: Doc, s_lo: int, s_hi: int, spans: list[QuoteSpan], pid: int,
                     direct: dict[int, Attribution], earlier: list[Quote]) -> SentenceResult:
    """Attribute the quotations of one sentence and find its reported (indirect and mixed) quotes."""
    a, b = d.tok_range(s_lo, s_hi)
    cues = [(i, cue) for i in range(a, b) if (cue := is_cue(d, i, a, b))]
    if not cues and not any(d.raw[:q.open].rstrip().endswith(":") for q in spans if s_lo <= q.open < s_hi):
        return SentenceResult(direct)
    sq = [(k, q) for k, q in enumerate(spans) if s_lo <= q.open < s_hi or s_lo < q.cstart < s_hi]
    s = Sentence(d, s_lo, s_hi, a, b, pid, spans, sq, cues, cue_lexicon())
    out = SentenceResult(dict(direct))
    used: set[int] = set()
    cue_after_quotes(s, out, used)
    cue_before_quotes(s, out, used)
    reported_speech(s, out, used, earlier)
    return out


def cue_after_quotes(s: Sentence, out: SentenceResult, used: set[int]) -> None:
    """Pass 1: offer each quotation and the first unused cue right after it to the frames of the pass."""
    toks, b = s.d.toks, s.b
    for k, q in s.sq:
        if name_in_marks(s.d, q):
            continue  # (a title or a name in marks is not a statement)
        j, _ = s.d.tok_range(q.close + 1, s.s_hi)
        while j < b and (toks[j].pos in (",", ":") or toks[j].text in ALL_MARKS) and not toks[j].in_quote:
            j += 1
        if j >= b or toks[j].in_quote:
            continue
        stop = j
        while stop < b and not toks[stop].in_quote and toks[stop].pos not in (".", ":") and stop - j < 14:
            stop += 1
        ci, cue = next(((ci, cue) for ci, cue in s.cues if j <= ci < stop and ci not in used), (-1, ""))
        if ci < 0:
            continue
        att = first_attribution(PASSES[0][1], QuoteSite(s, k, q, ci=ci, cue=cue, j=j))
        if att is not None:
            out.direct[k] = att
            used.add(ci)


def cue_before_quotes(s: Sentence, out: SentenceResult, used: set[int]) -> None:
    """Pass 2: offer each quotation not yet attributed, with the last unused cue before it, to the frames."""
    for k, q in s.sq:
        if k in out.direct or name_in_marks(s.d, q):
            continue  # (a title or a name in marks is not a statement: the cue stays free for a report)
        prev_close = max([p.close for _, p in s.sq if p.close < q.open] + [s.s_lo - 1])
        pa, pb = s.d.tok_range(prev_close + 1, q.open)
        ci, cue = next(((ci, cue) for ci, cue in reversed(s.cues) if pa <= ci < pb and ci not in used), (-1, ""))
        att = first_attribution(PASSES[1][1], QuoteSite(s, k, q, ci=ci, cue=cue, pa=pa, pb=pb,
                                                          attributed=out.direct))
        if att is not None:
            out.direct[k] = att
            if att.cue_index >= 0:
                used.add(att.cue_index)


def first_attribution(rules: tuple[Rule, ...], site: QuoteSite) -> Attribution | None:
    """The attribution of the first frame in `rules` that attributes the quotation."""
    for r in rules:
        att = r.func(site)
        if att is not None:
            return att
    return None


def reported_speech(s: Sentence, out: SentenceResult, used: set[int], earlier: list[Quote]) -> None:
    """Pass 3: offer each unused cue to the reported-speech frames; keep reports that overlap no other."""
    toks, lex = s.d.toks, s.lex
    prev_ref: SpeakerRef | None = None
    for ci, cue in s.cues:
        t = toks[ci]
        if ci in used or t.norm in lex.phrase_only and not (t.norm in lex.gerund and ci + 1 < s.b
                                                            and toks[ci + 1].pos == "VBG"):
            continue  # (a framing verb with a gerund object reports it: "described witnessing ...")
        before = prev_ref
        if before is None:  # '"...," she said, asking X to ...': the gerund continues the attribution before it
            before = next((out.direct[k].ref for k, p in reversed(s.sq) if k in out.direct and p.close < t.start),
                          None)
        site = CueSite(s, ci, cue, before)
        q = next((q for r in PASSES[2][1] if (q := r.func(site)) is not None), None)
        if q is None or absorb_quotations(s, out, q, cue):
            if q is not None:
                used.add(ci)
            continue
        if any(o.kind != "direct" and o.cstart < q.cend and q.cstart < o.cend for o in chain(earlier, out.quotes)):
            continue
        if any(p.cstart <= q.cstart and q.cend <= p.cend for _, p in s.sq):
            continue
        used.add(ci)
        out.quotes.append(q)
        prev_ref = q.ref
        second = q.second
        if second is not None and not any(second.cstart <= p.cstart and p.cend <= second.cend for _, p in s.sq):
            out.quotes.append(second)


def absorb_quotations(s: Sentence, out: SentenceResult, q: Quote, cue: str) -> bool:
    """Deal with the quotations inside a report: a report that is only a quotation attributes it (True: the report
    itself is dropped); quoted fragments of a longer report make it `mixed` and are absorbed into it."""
    d = s.d
    inner = [(k, p) for k, p in s.sq if p.cstart >= q.cstart - 1 and p.cend <= q.cend + 1]
    if not inner:
        return False
    outside = d.raw[q.cstart:q.cend]
    for _, p in inner:
        outside = outside.replace(d.raw[p.open:p.close + 1], " ")
    if not re.search(r"\w", outside):
        for k, _ in inner:
            out.direct.setdefault(k, Attribution(q.ref, cue, q.frame))
        return True
    for k, p in inner:
        out.absorbed.add(k)
        if not named_term(d, p):
            q.kind = "mixed"
            out.direct[k] = Attribution(q.ref, cue, q.frame)
    return False


# ---------------------------------------------------------------- helpers of the frames
def statement_attribution(d: Doc, a: int, pa: int, pb: int) -> tuple[SpeakerRef, str] | None:
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
        ref = speaker_from_np(d, k + 2, hi)
    elif k + 1 != hi:
        return None
    if ref is None:
        v = next((j for j in range(k - 1, max(a, k - 6) - 1, -1) if toks[j].pos in ("VBD", "VBZ", "VBP")), None)
        if v is None or v <= a:
            return None
        ref = subject(d, v, a)
    return (ref, t.text) if ref is not None else None


def colon_attribution(d: Doc, a: int, pa: int, pb: int, q: QuoteSpan) -> tuple[SpeakerRef, str] | None:
    """'In her message, she praised the coach's career: "He was ..."': a statement-like quotation after a colon that
    ends a clause whose finite verb is not a cue is the direct quote of that clause's subject (a person or a named
    organisation; not 'it')."""
    toks = d.toks
    if not statement_like(d.raw, q):
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
    ref = subject(d, v, a)
    if ref is None or ref.kind == "pronoun" and ref.text.lower() not in ("he", "she", "they"):
        return None
    if ref.rule == "unnamed_description":
        return None  # the verb is no cue: only a speaker-like subject makes the clause an attribution
    return ref, toks[v].text


def named_term(d: Doc, p: QuoteSpan) -> bool:
    """Whether a short quotation is a term introduced by a naming frame inside a report ("what the scientists describe
    as an \"upside-down river\"", "so-called \"...\"", "known as \"...\""): a name, not the speaker's words."""
    words = re.findall(r"[\w']+", d.raw[p.cstart:p.cend].lower())
    if not words or len(words) > 4 or any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words):
        return False
    if bracketed_gloss(d, p):
        return True  # 'a pro-EV ("electric vehicle") rally': a bracketed gloss of a term
    a, _ = d.tok_range(p.open, p.open + 1)
    prev = [t for t in d.toks[max(0, a - 4):a] if not t.in_quote]
    norms = [t.norm for t in prev]
    if norms and norms[-1] in NAMING_MARKERS:
        return True
    while norms and norms[-1] in ("a", "an", "the"):
        norms.pop()
    return len(norms) >= 2 and norms[-1] == "as" and norms[-2] in cue_lexicon().naming
