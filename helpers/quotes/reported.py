"""Reported (indirect) speech frames: "X said (that) <clause>", "<clause>, X said", "according to X, <clause>".

Each frame is a function of a `CueSite` (one cue of the sentence) returning an indirect `Quote` or None; they are
tried in the order of the reported-speech pass of `frames.PASSES`.
"""
from __future__ import annotations

from ..grammar import (
    ALL_MARKS, AUX, CLAUSE_START_POS, CONTRAST_PREPS, COORDINATORS, FINITE, GERUND_LINKS, RELATIVE, TIME_NOUNS,
    TIME_WORDS
)
from .context import CueSite, frame, is_listener_request, verb_phrase_report
from .cues import is_clause_cue, is_cue
from .document import Doc
from .lexicon import cue_lexicon
from .model import Quote, SpeakerRef
from .phrases import (
    content_bounds, finite_verb, finite_verb_past_apposition, gerund_after_prep, np_after, np_before, np_then_verb,
    quantifier_len, rest_is_attribution
)
from .speakers import speaker_from_np
from .subjects import inverted_speaker, main_subject, subject


@frame("according_to", construction="'According to X, <clause>.' and '<clause>(,) according to X.'",
       examples=("According to witnesses, the blaze started in the kitchen of the old restaurant.",
                 "The new line will open in the spring of next year, according to the transport ministry."))
def according_to(site: CueSite) -> Quote | None:
    """'According to X' before or after the reported clause."""
    if site.tok.norm != "according":
        return None
    s = site.s
    d, ci, a, b, toks = s.d, site.ci, s.a, s.b, s.d.toks
    lo, hi = np_after(d, ci + 1, b)
    while hi + 1 < b and toks[hi].pos == "," and toks[hi - 1].pos == "CD" and toks[hi + 1].pos == "CD":
        hi = np_after(d, hi, b)[1]  # "a March 14, 2019 press release": the comma of a date
    mid = None
    if ci > a + 1 and toks[ci - 1].pos == ",":
        # "Rescuers, working in the cold, according to the ministry recovered ten survivors": the source ends at the
        # main verb that follows it; the whole sentence is the report
        v = next((k for k in range(lo + 1, hi) if toks[k].pos in ("VBD", "VBZ", "VBP", "MD")), None)
        if v is not None and all(t.pos in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "POS", "PRP$") for t in toks[lo:v]):
            hi = mid = v
    ref = speaker_from_np(d, lo, source_end(site, lo, hi))
    if ref is None:
        return None
    if mid is not None:
        cs, ce = content_bounds(d, s.s_lo, report_end(d, mid, a, b, toks[b - 1].end))
    elif ci == a or (ci > a and all(toks[k].pos in (",", "RB", "CC") for k in range(a, ci))):
        if hi >= b or toks[hi].pos != ",":
            return None
        cs, ce = content_bounds(d, toks[hi].end, report_end(d, hi + 1, a, b, toks[b - 1].end))
    else:
        if hi < b and toks[hi].pos not in (".",):
            return None
        cs, ce = content_bounds(d, s.s_lo, toks[ci].start)
    if ce - cs < 10:
        return None
    return Quote("indirect", cs, ce, s.pid, site.cue, ref, frame="according_to")


def source_end(site: CueSite, lo: int, hi: int) -> int:
    """End of the source after "according to": a trailing time adverbial ("officials on Saturday") is cut off."""
    toks = site.s.d.toks
    np_hi = hi
    while np_hi - lo > 2 and (toks[np_hi - 1].norm in TIME_NOUNS or toks[np_hi - 1].norm in TIME_WORDS):
        k = np_hi - 1
        while k > lo and toks[k - 1].pos == "DT":
            k -= 1
        if toks[k - 1].norm in ("on", "in", "at", "during", "last", "this", "earlier"):
            np_hi = k - 1
        else:
            break
    return np_hi


@frame("listener_request", construction="a listener verb with its object and a to-infinitive that quotes words "
       "('urged the council to be \"patient\"'): a request, reported only when it holds quoted words",
       examples=('Anna Berg asked the council to be "patient and fair" with the tenants.',
                 '"Stay calm," she said, asking the players to be "patient" with the referee.'))
def listener_request(site: CueSite) -> Quote | None:
    """'asked/urged X to <verb> \"...\"': the request after the cue is the report."""
    if site.tok.norm == "according" or not is_listener_request(site):
        return None
    s = site.s
    d, ci, a, b, toks = s.d, site.ci, s.a, s.b, s.d.toks
    j, _ = site.opening
    if not any(tk.in_quote for tk in toks[j + 1:b]):
        return None
    cs, ce = content_bounds(d, toks[ci + 1].start, toks[b - 1].end)
    ref = site.before if toks[ci].pos == "VBG" and ci > a and toks[ci - 1].pos == "," else None
    ref = ref or subject(d, ci, a)
    return Quote("indirect", cs, ce, s.pid, site.cue, ref, frame="listener_request") if ref is not None else None


@frame("relative_clause_cue", construction="a cue inside a relative clause whose pronoun is the subject of the "
       "report ('plans which experts say could fail'): the verb phrase after the cue is the report",
       examples=("The council approved new rules, which Anna Berg said would cut rents for older tenants.",))
def relative_clause_cue(site: CueSite) -> Quote | None:
    """'which X said could ...': the speaker is between the relative pronoun and the cue."""
    if site.tok.norm == "according" or not verb_phrase_report(site):
        return None
    s = site.s
    d, ci, a, b, toks = s.d, site.ci, s.a, s.b, s.d.toks
    j, _ = site.clause_start
    lo, hi = np_before(d, ci, a)
    if a < lo < hi and toks[lo - 1].norm in ("which", "that", "who") and toks[lo - 1].pos in ("WDT", "WP", "IN"):
        ref = speaker_from_np(d, lo, hi)
        cs, ce = content_bounds(d, toks[j].start, report_end(d, j, a, b, s.s_hi))
        if ref is not None and ce - cs >= 8:
            return Quote("indirect", cs, ce, s.pid, site.cue, ref, frame="relative_clause_cue")
    return None


@frame("leading_cue", construction="'X said (that) <clause>', 'X told reporters <clause>', ', adding that "
       "<clause>', 'X explained why <clause>': the reported clause follows the cue",
       examples=("Tom Reed said that the factory would hire forty new workers in the spring.",
                 "Tom Reed told reporters the bridge would reopen before the end of the month.",
                 "Anna Berg explained why the ferry had stopped running in the winter."))
def leading_cue(site: CueSite) -> Quote | None:
    """A cue followed by a reported clause (after "that", a listener or adverbials)."""
    if site.tok.norm == "according" or site.clause_start is None or verb_phrase_report(site):
        return None
    s = site.s
    d, b, toks = s.d, s.b, s.d.toks
    j, had_that = site.clause_start
    c_lo = toks[j].start
    j += quantifier_len(d, j, b)  # "said at least ten people died": the clause starts with its quantified subject
    if not clause_follows(site, j, had_that):
        return None
    # content: to the sentence end, a semicolon, or a colon that introduces a quotation
    cs, ce = content_bounds(d, c_lo, report_end(d, j, s.a, b, s.s_hi))
    if ce - cs < 8:
        return None
    ref = leading_speaker(site)
    return Quote("indirect", cs, ce, s.pid, site.cue, ref, frame="leading_cue") if ref is not None else None


def clause_follows(site: CueSite, j: int, had_that: bool) -> bool:
    """Whether token j starts a reported clause: a gerund clause the cue takes, a negated gerund subject, or a
    subject and a finite verb."""
    s = site.s
    d, b, toks, lex = s.d, s.b, s.d.toks, s.lex
    listener = site.opening[1]
    first = toks[j]
    gerund = site.tok.norm in lex.gerund and first.pos == "VBG"
    # "reported being told (off the record) <clause>": a passive report of a report
    gerund = gerund or (first.norm == "being" and j + 1 < b and toks[j + 1].norm in lex.lemma
                        and toks[j + 1].pos in ("VBN", "VBD") and finite_verb(d, j + 2, b, limit=30))
    if gerund:
        return True
    if had_that and first.norm in ("why", "how"):  # a wh-clause after an account cue (context.WH_CUES)
        return j + 1 < b and (toks[j + 1].pos in ("JJ", "RB", "JJR") or finite_verb(d, j + 1, b, limit=30))
    if first.norm == "not" and j + 1 < b and toks[j + 1].pos == "VBG":
        # "said not allowing them to vote was ...": a negated gerund phrase as the reported subject; its verb may be
        # tagged as a participle or adjective ("constituted/JJ")
        return any(tk.pos in FINITE or tk.pos in ("VBN", "JJ") and tk.norm.endswith("ed")
                   for tk in toks[j + 2:min(b, j + 30)] if not tk.in_quote)
    if had_that and first.pos in ("IN", "RB") and first.norm not in RELATIVE:
        pass  # "revealed that in December, X accepted ...": an introductory phrase after "that"
    elif first.pos not in CLAUSE_START_POS and first.text not in ALL_MARKS:
        return False
    if not had_that and first.pos == "RB":
        return False
    return (finite_verb(d, j, b, limit=30) or np_then_verb(d, j, b)) \
        and (had_that or np_then_verb(d, j, b, loose=listener))


def leading_speaker(site: CueSite) -> SpeakerRef | None:
    """The speaker of a leading cue: the main subject for a free participle (", adding ..."), the issuer for "to
    the effect", else the cue's subject."""
    s = site.s
    d, ci, a, toks = s.d, site.ci, s.a, s.d.toks
    t = toks[ci]
    ref = None
    if t.pos == "VBG" and ci > a and (toks[ci - 1].pos == "," or toks[ci - 1].norm in GERUND_LINKS and ci - 1 > a
                                      and toks[ci - 2].pos == ","):  # ", adding ..." / ", while noting ..."
        semi = any(tk.text == ";" and not tk.in_quote for tk in toks[a:ci])
        ref = main_subject(d, a, ci) if semi else site.before or main_subject(d, a, ci)
    if ref is None and t.norm == "effect":  # "X issued a statement to the effect ...": X, the issuer, speaks
        v = next((k for k in range(ci - 1, max(a, ci - 8) - 1, -1) if toks[k].pos in FINITE), None)
        ref = subject(d, v, a) if v is not None and v > a else None
    return ref if ref is not None else subject(d, ci, a)


@frame("trailing_cue", construction="'<clause>, X said.' / '<clause>, says X.' / '<A>, X said, <B>.': the "
       "reported clause comes before the attribution (which may also interrupt it)",
       examples=("The new bridge will cost far more than planned, officials said on Tuesday.",
                 "Rents in the city rose by a third last year, says Maria Lopez, an economist at Nordbank."))
def trailing_cue(site: CueSite) -> Quote | None:
    """A comma-led attribution after (or inside) the reported clause."""
    if site.tok.norm == "according":
        return None
    s = site.s
    d, ci, a, b, toks = s.d, site.ci, s.a, s.b, s.d.toks
    if ci > a and toks[ci - 1].pos == ",":  # inverted: ", says X"
        ref, comma, rest = inverted_speaker(d, ci, b), ci - 1, np_after(d, ci, b)[1]
    else:
        lo, hi = np_before(d, ci, a)
        if lo <= a or toks[lo - 1].pos != ",":
            return None
        ref, comma, rest = speaker_from_np(d, lo, hi), lo - 1, ci + 1
    if ref is None:
        return None
    end, flags, second = toks[comma].start, [], None
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
                second = Quote("indirect", bs, be, s.pid, site.cue, ref, frame="trailing_cue")
        else:
            end = toks[b - 1].end  # "<A>, officials said, <B>.": the report runs around its attribution
            flags = ["interrupted"]
            if comma > a and toks[comma - 1].norm in ("which", "who", "that", "whom") and rest + 1 < b:
                # "fighters which, the statement said, nations refuse to take back": the attribution sits inside a
                # relative clause; only the clause after it is reported
                cs, ce = content_bounds(d, toks[rest + 1].start, end)
                if ce - cs >= 10:
                    return Quote("indirect", cs, ce, s.pid, site.cue, ref, frame="trailing_cue")
    cs, ce = content_bounds(d, report_start(site, comma), end)
    if ce - cs < 10 or not (finite_verb(d, *d.tok_range(cs, ce), limit=60)
                            or finite_verb_past_apposition(d, *d.tok_range(cs, ce))):
        return None
    return Quote("indirect", cs, ce, s.pid, site.cue, ref, flags=flags, frame="trailing_cue", second=second)


def report_start(site: CueSite, comma: int) -> int:
    """Where a report before its attribution starts: the sentence start, or after a semicolon ("<A>; his death, they
    reported, was ...")."""
    toks = site.s.d.toks
    for k in range(comma - 1, site.s.a - 1, -1):
        if toks[k].text == ";" and not toks[k].in_quote:
            return toks[k].end
    return site.s.s_lo


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
            if not toks[n].in_quote and is_cue(d, n, a, b) is not None \
                    and toks[n].norm not in cue_lexicon().phrase_only:
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


