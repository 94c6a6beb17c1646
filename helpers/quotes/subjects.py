"""The subject of a cue: the noun phrase before it, a passive agent, an apposition, the main clause subject.

Resolvers registered here (`RULES`, tried where `subject` and `inverted_speaker` look next to the subject) name a
speaker from an apposition around the subject noun phrase; the noun phrase itself is resolved by
`speakers.speaker_from_np` (registry `speakers.ORDER`).
"""
from __future__ import annotations

from ..grammar import CONTRAST_PREPS, FINITE
from .cues import passive_agent
from .document import Doc
from .model import SpeakerRef
from .phrases import finite_verb, gerund_after_prep, np_after, np_before, trim_np_after
from .registry import Rule, ordered, rule
from .speakers import dateline_end, speaker_from_np


RULES: dict[str, Rule] = {}


def subject_resolver(name: str, *, construction: str, examples: tuple[str, ...]):
    """Register a resolver that finds the speaker next to the subject noun phrase (see `registry.rule`)."""
    return rule(RULES, name, kind="resolver", construction=construction, examples=examples)


def inverted_speaker(d: Doc, ci: int, b: int) -> SpeakerRef | None:
    """The speaker after an inverted cue ("says X"), or the person named in apposition after it."""
    lo, hi = np_after(d, ci, b)
    ref = speaker_from_np(d, lo, trim_np_after(d, lo, hi))
    if ref is not None and ref.kind == "unnamed":
        return inverted_apposition(d, lo, hi, b) or ref
    return ref


@subject_resolver("inverted_apposition", construction="an unnamed descriptor after an inverted cue, followed by a "
                  "person's name in apposition ('argued the union's lawyer, Jo Roe'): that person",
                  examples=('"The contract is void," argued the union\'s lawyer, Tom Reed.',))
def inverted_apposition(d: Doc, lo: int, hi: int, b: int) -> SpeakerRef | None:
    """A person's name in apposition right after the descriptor tokens [lo, hi) that follow an inverted cue."""
    toks = d.toks
    if not (hi + 1 < b and toks[hi].pos == ","):
        return None
    lo2, hi2 = np_after(d, hi, b)
    ms = [m for m in d.mentions_in(toks[lo2].start, toks[hi2 - 1].end) if m.label == "PERSON"] if hi2 > lo2 else []
    if ms and ms[0].start == toks[lo2].start and ms[0].end == toks[hi2 - 1].end \
            and (hi2 >= b or toks[hi2].pos in (".", ",", ":")):
        return SpeakerRef("mention", d.raw[toks[lo].start:ms[0].end], toks[lo].start, ms[0], "inverted_apposition")
    return None


def subject(d: Doc, c: int, a: int) -> SpeakerRef | None:
    """Return the subject of the clause whose verb is cue token c (nearest noun phrase, else the sentence subject)."""
    agent = passive_agent(d, c, len(d.toks))
    if agent is not None:  # "he was told by X": the agent speaks
        return speaker_from_np(d, *agent)
    if c - 2 > a and d.toks[c - 1].norm == "who" and d.toks[c - 2].pos == ",":
        # "..., such as former governor X, who denounced ...": the relative pronoun's antecedent speaks
        lo2, hi2 = np_before(d, c - 2, a)
        ref = speaker_from_np(d, lo2, hi2) if hi2 > lo2 else None
        if ref is not None and ref.kind == "mention" and ref.mention is not None and ref.mention.label == "PERSON":
            return ref
    lo, hi = np_before(d, c, a)
    if hi == lo and c - 1 > a and d.toks[c - 1].text == ")":
        # "Rep. Jo Roe (D-Wis.) said": a party and state tag between the name and the cue is skipped
        op = next((k for k in range(c - 2, max(a, c - 8) - 1, -1) if d.toks[k].text == "("), None)
        if op is not None and op > a:
            lo, hi = np_before(d, op, a)
    if d.toks[c].pos == "VBG" and hi == c:
        # "despite the website claiming ...": the noun phrase between a preposition and the gerund is its subject
        k = next((k for k in range(c - 1, max(a, c - 8) - 1, -1) if d.toks[k].pos == "IN"), None)
        if k is not None and k >= lo and d.toks[k].norm in CONTRAST_PREPS and gerund_after_prep(d, k, c + 1) == c:
            ref = speaker_from_np(d, k + 1, c)
            if ref is not None:
                return ref
    if hi == lo and c - 1 > a and d.toks[c].pos == "VBG" and d.toks[c - 1].pos == ",":
        # "X paraphrased Y, commenting: ...": a free participial adjunct takes the subject of the main clause, not the
        # object or apposition right before its comma
        main = main_subject(d, a, c)
        if main is not None:
            return main
    if hi - lo >= 2 and d.toks[lo].norm == "with" and d.toks[c].pos == "VBG":
        lo += 1  # "..., with Berg describing the ...": the noun phrase after "with" is the gerund's subject
    ref = speaker_from_np(d, lo, hi) if hi > lo else None
    appo = apposition_name(d, lo, hi, a, ref)
    if appo is not None:
        return appo
    if ref is not None and not (ref.kind == "unnamed" and d.toks[lo].norm in ("the", "a", "an") and lo > a
                                and not finite_verb(d, a, lo, limit=lo - a)):
        return ref  # (after a complete clause, "..., however, a report concluded" is its own subject)
    return main_subject(d, a, c) or ref


@subject_resolver("apposition_name", construction="a person's name next to a descriptor apposition before the cue: "
                  "'<descriptor>, Jane Roe, said' and 'Jane Roe, the head of X, said'",
                  examples=("A spokeswoman for the airline, Maria Lopez, said the flights would resume on Monday.",))
def apposition_name(d: Doc, lo: int, hi: int, a: int, ref: SpeakerRef | None) -> SpeakerRef | None:
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
    lo2, _ = np_before(d, end, a)
    if lo2 > a and toks[lo2 - 1].norm in ("who", "which", "that", "whom", "whose"):
        return None  # ", who both worked for X, tweeted": the name is an object inside a relative clause
    start = toks[lo2].start if toks[lo2].start <= m.start and lo2 < end and toks[lo2].pos not in ("IN",) \
        and not toks[lo2].pos.startswith("VB") else m.start
    if any(t.pos in FINITE for t in toks[lo2:end] if m.start > t.start >= start):
        start = m.start
    return SpeakerRef("mention", d.raw[start:m.end], start, m, "apposition_name")


def main_subject(d: Doc, a: int, c: int) -> SpeakerRef | None:
    """Return the first noun phrase of the sentence that can speak: comma-separated intro phrases are skipped."""
    toks = d.toks
    k = a
    for x in range(c - 1, a - 1, -1):  # a semicolon starts a new clause with its own subject
        if toks[x].text == ";" and not toks[x].in_quote:
            k = x + 1
            break
    k = dateline_end(d, k, c)  # "LINDEN, Minn. - Jo Roe said": the dateline is no subject
    while k < c:
        seg_end = k
        while seg_end < c and not (toks[seg_end].pos in (",", ":") or toks[seg_end].in_quote):
            if toks[seg_end].pos.startswith("VB") or toks[seg_end].pos == "MD":
                break
            seg_end += 1
        ref = speaker_from_np(d, k, seg_end) if seg_end > k else None
        if ref is not None and ref.kind == "unnamed" and seg_end + 1 < c and toks[seg_end].pos == ",":
            # "One activist, Jo Roe, on Sunday told ...": a name in apposition after the descriptor speaks
            e2 = seg_end + 1
            while e2 < c and toks[e2].pos not in (",", ":") and not toks[e2].in_quote:
                e2 += 1
            appo = speaker_from_np(d, seg_end + 1, e2) if e2 < c and toks[e2].pos == "," else None
            if appo is not None and appo.kind == "mention" and appo.mention is not None \
                    and (appo.mention.label == "PERSON" or ref.rule == "unnamed_description") \
                    and appo.start == toks[seg_end + 1].start:
                return appo
        if ref is not None:
            if ref.kind == "mention" and ref.mention is not None and ref.mention.label == "PERSON":
                cut = ref.mention.end
                ref = SpeakerRef(ref.kind, d.raw[ref.start:cut], ref.start, ref.mention, ref.rule)
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


ORDER: tuple[Rule, ...] = ordered(RULES, [apposition_name, inverted_apposition])
