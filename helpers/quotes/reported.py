"""Reported (indirect) speech frames: "X said (that) <clause>", "<clause>, X said", "according to X, <clause>"."""
from __future__ import annotations

from .cues import is_clause_cue, is_cue, passive_agent
from .document import Doc
from .lexicon import (
    ALL_MARKS, AUX, CLAUSE_START_POS, CONTRAST_PREPS, COORDINATORS, CueLexicon, FINITE, GERUND_LINKS, RELATIVE,
    TIME_NOUNS, TIME_WORDS, cue_lexicon
)
from .model import Quote, SpeakerRef
from .phrases import (
    content_bounds, finite_verb, finite_verb_past_apposition, gerund_after_prep, np_after, np_before, np_then_verb,
    quantifier_len, rest_is_attribution, skip_adverbials
)
from .speakers import speaker_from_np
from .subjects import inverted_speaker, main_subject, subject


def trailing(d: Doc, ci: int, a: int, b: int, s_lo: int, cue: str) -> Quote | None:
    """'<clause>, X said.' / '<clause>, says X, ...' -> indirect quote of the clause before the attribution."""
    toks = d.toks
    if ci > a and toks[ci - 1].pos == ",":  # inverted: ", says X"
        lo, hi = np_after(d, ci, b)
        ref = inverted_speaker(d, ci, b)
        comma = ci - 1
        rest = hi
    else:
        lo, hi = np_before(d, ci, a)
        if lo <= a or toks[lo - 1].pos != ",":
            return None
        ref = speaker_from_np(d, lo, hi)
        comma = lo - 1
        rest = ci + 1
    if ref is None:
        return None
    end = toks[comma].start
    flags = []
    second = None
    if rest < b and toks[rest].text == ";":
        pass  # "<A>, X said; <a new clause>": the attribution closes the report
    elif not rest_is_attribution(d, rest, b):
        if not (rest < b and toks[rest].pos == "," and finite_verb(d, rest + 1, b, limit=40)):
            return None
        if rest + 2 < b and toks[rest + 1].norm in ("and", "but") and \
                (np_then_verb(d, rest + 2, b) or toks[rest + 2].pos == "VBG" and finite_verb(d, rest + 3, b)):
            # "<A>, X said, and <B>": two reports with one attribution
            bs, be = content_bounds(d, toks[rest + 2].start, report_end(d, rest + 2, a, b, toks[b - 1].end))
            if be - bs >= 10:
                second = Quote("indirect", bs, be, 0, cue, ref)
        else:
            end = toks[b - 1].end  # "<A>, officials said, <B>.": the report runs around its attribution
            flags = ["interrupted"]
            if comma > a and toks[comma - 1].norm in ("which", "who", "that", "whom") and rest + 1 < b:
                # "fighters which, the statement said, nations refuse to take back": the attribution sits inside a
                # relative clause; only the clause after it is reported
                cs, ce = content_bounds(d, toks[rest + 1].start, end)
                if ce - cs >= 10:
                    return Quote("indirect", cs, ce, 0, cue, ref)
    start = s_lo
    for k in range(comma - 1, a - 1, -1):  # "<A>; his death, they reported, was ...": the report starts after ";"
        if toks[k].text == ";" and not toks[k].in_quote:
            start = toks[k].end
            break
    cs, ce = content_bounds(d, start, end)
    if ce - cs < 10 or not (finite_verb(d, *d.tok_range(cs, ce), limit=60)
                            or finite_verb_past_apposition(d, *d.tok_range(cs, ce))):
        return None
    q = Quote("indirect", cs, ce, 0, cue, ref, flags=flags)
    q.second = second
    return q


def leading(d: Doc, ci: int, a: int, b: int, s_hi: int, cue: str, lex: CueLexicon,
             prev_ref: SpeakerRef | None) -> Quote | None:
    """'X said (that) <clause>' / 'X told reporters <clause>' / ', adding that <clause>' -> indirect quote."""
    toks = d.toks
    t = toks[ci]
    j = ci + 1
    if j >= b:
        return None
    listener = False
    agent = passive_agent(d, ci, b)
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
    j = skip_adverbials(d, j, b)
    if j >= b:
        return None
    if listener and toks[j].norm == "to" and j + 1 < b and toks[j + 1].pos == "VB":
        # "asking Cengiz to be \"patient\"": an infinitive request is a report only when it quotes the speaker
        if not any(tk.in_quote for tk in toks[j + 1:b]):
            return None
        cs, ce = content_bounds(d, toks[ci + 1].start, toks[b - 1].end)
        ref = prev_ref if t.pos == "VBG" and ci > a and toks[ci - 1].pos == "," else None
        ref = ref or subject(d, ci, a)
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
        lo, hi = np_before(d, ci, a)
        if a < lo < hi and toks[lo - 1].norm in ("which", "that", "who") and toks[lo - 1].pos in ("WDT", "WP", "IN"):
            ref = speaker_from_np(d, lo, hi)
            cs, ce = content_bounds(d, toks[j].start, report_end(d, j, a, b, s_hi))
            if ref is not None and ce - cs >= 8:
                return Quote("indirect", cs, ce, 0, cue, ref)
        return None
    c_lo = toks[j].start
    j += quantifier_len(d, j, b)  # "said at least ten people died": the clause starts with its quantified subject
    first = toks[j]
    gerund = t.norm in lex.gerund and first.pos == "VBG"
    # "reported being told (off the record) <clause>": a passive report of a report
    gerund = gerund or (first.norm == "being" and j + 1 < b and toks[j + 1].norm in lex.lemma
                        and toks[j + 1].pos in ("VBN", "VBD") and finite_verb(d, j + 2, b, limit=30))
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
        if not (finite_verb(d, j, b, limit=30) or np_then_verb(d, j, b)) \
                or not had_that and not np_then_verb(d, j, b, loose=listener):
            return None
    # content: to the sentence end, a semicolon, or a colon that introduces a quotation
    end = report_end(d, j, a, b, s_hi)
    cs, ce = content_bounds(d, c_lo, end)
    if ce - cs < 8:
        return None
    ref = None
    if t.pos == "VBG" and ci > a and (toks[ci - 1].pos == "," or toks[ci - 1].norm in GERUND_LINKS and ci - 1 > a
                                      and toks[ci - 2].pos == ","):  # ", adding ..." / ", while noting ..."
        semi = any(tk.text == ";" and not tk.in_quote for tk in toks[a:ci])
        ref = main_subject(d, a, ci) if semi else prev_ref or main_subject(d, a, ci)
    if ref is None and t.norm == "effect":  # "X issued a statement to the effect ...": X, the issuer, speaks
        v = next((k for k in range(ci - 1, max(a, ci - 8) - 1, -1) if toks[k].pos in FINITE), None)
        ref = subject(d, v, a) if v is not None and v > a else None
    if ref is None:
        ref = subject(d, ci, a)
    if ref is None:
        return None
    return Quote("indirect", cs, ce, 0, cue, ref)


def report_end(d: Doc, j: int, a: int, b: int, s_hi: int) -> int:
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
        if k > j and second_report(d, k, a, b):
            return tk.start  # "X said <A> while Y wrote <B>": the report ends where the next one begins
        if k > j and tk.text == "," and k + 2 < b:
            n = k + 1
            if toks[n].norm == "and" and toks[n + 1].pos == "VBD":
                n += 1  # "X noted <A>, and mentioned <B>": the subject's next speech act
            elif toks[n].pos != "VBG":
                continue
            if not toks[n].in_quote and is_cue(d, n, a, b) is not None and toks[n].norm not in cue_lexicon().phrase_only:
                return tk.start  # "X claimed <A>, insisting <B>": a free participle is a speech act of its own
    return toks[b - 1].end if b > j else s_hi


def second_report(d: Doc, k: int, a: int, b: int) -> bool:
    """Whether token k ("while", "whereas", "and", "but") starts a new reporting clause: a named or titled speaker
    followed directly by a finite cue verb ("... while Interior Minister Jane Roe wrote ...")."""
    toks = d.toks
    if toks[k].norm in CONTRAST_PREPS and not toks[k].in_quote and not toks[k].paren:
        c = gerund_after_prep(d, k, b)
        return c is not None and is_cue(d, c, a, b) is not None
    if toks[k].norm not in COORDINATORS or toks[k].in_quote or toks[k].paren:
        return False
    c = k + 1
    while c < b and toks[c].norm in AUX and toks[c].pos not in FINITE:  # "but also said", "and later added"
        c += 1
    if toks[k].norm in ("and", "but") and c < b and toks[c].pos in ("VBD", "VBZ") and is_cue(d, c, a, b) \
            and is_clause_cue(d, c, b):
        return True  # "X said A, but said B": a second report of the same subject
    for c in range(k + 2, min(b, k + 9)):
        if toks[c].pos in FINITE or toks[c].pos.startswith("VB"):
            if toks[c].pos not in ("VBD", "VBZ") or not is_cue(d, c, a, b):
                return False
            ref = speaker_from_np(d, k + 1, c)
            return ref is not None and ref.kind in ("mention", "unnamed")
        if toks[c].pos in (",", ":", ".") or toks[c].in_quote:
            return False
    return False


def according(d: Doc, ci: int, a: int, b: int, s_lo: int, s_hi: int, cue: str) -> Quote | None:
    """'According to X, <clause>.' and '<clause>(,) according to X.'"""
    toks = d.toks
    lo, hi = np_after(d, ci + 1, b)
    while hi + 1 < b and toks[hi].pos == "," and toks[hi - 1].pos == "CD" and toks[hi + 1].pos == "CD":
        hi = np_after(d, hi, b)[1]  # "a March 14, 2019 NATO press release": the comma of a date
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
    ref = speaker_from_np(d, lo, np_hi)
    if ref is None:
        return None
    if mid is not None:
        cs, ce = content_bounds(d, s_lo, report_end(d, mid, a, b, toks[b - 1].end))
    elif ci == a or (ci > a and all(toks[k].pos in (",", "RB", "CC") for k in range(a, ci))):
        if hi >= b or toks[hi].pos != ",":
            return None
        cs, ce = content_bounds(d, toks[hi].end, report_end(d, hi + 1, a, b, toks[b - 1].end))
    else:
        if hi < b and toks[hi].pos not in (".",):
            return None
        cs, ce = content_bounds(d, s_lo, toks[ci].start)
    if ce - cs < 10:
        return None
    return Quote("indirect", cs, ce, 0, cue, ref)
