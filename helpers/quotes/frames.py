"""Attribution of one sentence: quotes attributed by a cue before or after them, and reported speech."""
from __future__ import annotations

import re

from .cues import is_cue
from .document import Doc
from .lexicon import (
    ALL_MARKS, AUX, FINITE, FIRST_SECOND_PERSON, NAMING_VERBS, RELATIVE, SUBORDINATORS, cue_lexicon, document_nouns
)
from .marks import QuoteSpan, bracketed_gloss, statement_like
from .model import Quote, SpeakerRef
from .phrases import finite_verb, infinitive_request, np_before
from .reported import according, leading, trailing
from .speakers import speaker_from_np
from .subjects import inverted_speaker, main_subject, subject


def analyse_sentence(d: Doc, s_lo: int, s_hi: int, spans: list[QuoteSpan], pid: int,
                      direct: dict[int, tuple[SpeakerRef, str, bool]], out: list[Quote]) -> None:
    """Attribute the quotes of one sentence and find its indirect and mixed quotes."""
    a, b = d.tok_range(s_lo, s_hi)
    toks = d.toks
    lex = cue_lexicon()
    cues = [(i, cue) for i in range(a, b) if (cue := is_cue(d, i, a, b))]
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
                ref = inverted_speaker(d, ci, b)
            else:
                lo, hi = np_before(d, ci, j)
                ref = speaker_from_np(d, lo, hi) if lo == j else None
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
            got = statement_frame(d, a, pa, pb) or colon_frame(d, a, pa, pb, q)
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
        if bracketed_gloss(d, q):
            continue  # the gloss is a term inside the report, not the quoted words of the cue's subject
        colon = d.raw[:q.open].rstrip().endswith(":")
        if finite_verb(d, ci + 1, pb, limit=40) and not colon:
            continue
        between = [t for t in toks[ci + 1:pb] if re.match(r"\w", t.text)]
        if len(between) >= 2 and between[0].norm == "that":
            continue  # "adding that <clause> \"fragment\"": a mixed report, found below
        if len(between) >= 2 and between[0].norm == "not" and between[1].pos == "VBG" and not colon:
            continue  # "said not allowing X constituted \"...\"": a reported clause with a gerund subject, below
        if toks[ci].norm in lex.tell and not colon and infinitive_request(d, ci, pb):
            continue  # "asking X to be \"patient\"": an infinitive request quoting words, a mixed report found below
        ref = subject(d, ci, pa if pa > a else a)
        if ref is None and ci > a:
            ref = main_subject(d, a, ci)
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
            q = according(d, ci, a, b, s_lo, s_hi, cue)
        else:
            before = prev_ref
            if before is None:  # '"...," she said, asking X to ...': the gerund continues the attribution before it
                before = next((direct[k][0] for k, p in reversed(sq) if k in direct and p.close < t.start), None)
            q = leading(d, ci, a, b, s_hi, cue, lex, before) or trailing(d, ci, a, b, s_lo, cue)
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
                if not named_term(d, p):
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


def statement_frame(d: Doc, a: int, pa: int, pb: int) -> tuple[SpeakerRef, str, bool] | None:
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
    return (ref, t.text, False) if ref is not None else None


def colon_frame(d: Doc, a: int, pa: int, pb: int, q: QuoteSpan) -> tuple[SpeakerRef, str, bool] | None:
    """'In his message, he praised Soleimani's lifepath: "He was ..."': a statement-like quotation after a colon that
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
    return ref, toks[v].text, False


def named_term(d: Doc, p: QuoteSpan) -> bool:
    """Whether a short quotation is a term introduced by a naming frame inside a report ("what the scientists describe
    as an \"upside-down river\"", "so-called \"...\"", "known as \"...\""): a name, not the speaker's words."""
    words = re.findall(r"[\w']+", d.raw[p.cstart:p.cend].lower())
    if not words or len(words) > 4 or any(w.split("'")[0] in FIRST_SECOND_PERSON for w in words):
        return False
    if bracketed_gloss(d, p):
        return True  # 'an anti-Brexit ("British exit") march': a bracketed gloss of a term
    a, _ = d.tok_range(p.open, p.open + 1)
    prev = [t for t in d.toks[max(0, a - 4):a] if not t.in_quote]
    norms = [t.norm for t in prev]
    if norms and norms[-1] in ("so-called", "dubbed", "termed", "named"):
        return True
    while norms and norms[-1] in ("a", "an", "the"):
        norms.pop()
    return len(norms) >= 2 and norms[-1] == "as" and norms[-2] in NAMING_VERBS
