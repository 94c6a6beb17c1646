"""What a frame looks at: the sentence being analysed, one quotation or one cue in it, and what a frame returns.

Frames are registered in `FRAMES` with the `frame` decorator; the order in which they are tried is `frames.PASSES`
(sentence frames) and `continuation.ORDER` (quotations without a cue of their own).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..grammar import FINITE
from .cues import passive_agent
from .document import Doc
from .lexicon import CueLexicon
from .marks import QuoteSpan
from .model import SpeakerRef, Tok
from .phrases import skip_adverbials
from .registry import Rule, rule


FRAMES: dict[str, Rule] = {}


def frame(name: str, *, construction: str, examples: tuple[str, ...]):
    """Register an attribution frame (see `registry.rule`)."""
    return rule(FRAMES, name, kind="frame", construction=construction, examples=examples)


@dataclass(frozen=True)
class Attribution:
    """A direct quotation's attribution: who, by which cue word(s), found by which frame."""

    ref: SpeakerRef
    cue: str
    frame: str
    cue_index: int = -1  # the cue token this attribution uses up (-1: none, the cue may still frame a report)


@dataclass
class Sentence:
    """One sentence under analysis: raw bounds, token range [a, b), its cues and the quotations it holds."""

    d: Doc
    s_lo: int
    s_hi: int
    a: int
    b: int
    pid: int
    spans: list[QuoteSpan]
    sq: list[tuple[int, QuoteSpan]]  # (index in spans, span) of the quotations in the sentence
    cues: list[tuple[int, str]]  # (token index, cue text)
    lex: CueLexicon

    @property
    def toks(self) -> list[Tok]:
        """The document's tokens."""
        return self.d.toks


@dataclass
class QuoteSite:
    """A quotation of the sentence, for the frames that attribute it (pass 1: cue after it; pass 2: cue before)."""

    s: Sentence
    k: int  # index of the quotation in the paragraph's spans
    q: QuoteSpan
    ci: int = -1  # pass 1: the first unused cue after the quotation; pass 2: the last one before it (-1: none)
    cue: str = ""
    j: int = -1  # pass 1: the first token after the quotation and its punctuation
    pa: int = -1  # pass 2: tokens [pa, pb) between the previous quotation (or the sentence start) and this one
    pb: int = -1
    attributed: dict[int, Attribution] | None = None  # pass 2: attributions found so far in the paragraph

    @cached_property
    def colon(self) -> bool:
        """Whether the quotation follows a colon."""
        return self.s.d.raw[:self.q.open].rstrip().endswith(":")


@dataclass
class CueSite:
    """A cue of the sentence, for the reported-speech frames (pass 3)."""

    s: Sentence
    ci: int
    cue: str
    before: SpeakerRef | None  # the speaker of the report or quotation just before the cue in the sentence

    @property
    def tok(self) -> Tok:
        """The cue token."""
        return self.s.d.toks[self.ci]

    @cached_property
    def opening(self) -> tuple[int, bool] | None:
        """`cue_opening` of this cue, computed once for all frames."""
        return cue_opening(self)

    @cached_property
    def clause_start(self) -> tuple[int, bool] | None:
        """`clause_opening` of this cue, computed once for all frames."""
        return clause_opening(self)


def cue_opening(site: CueSite) -> tuple[int, bool] | None:
    """Where the words after a cue begin once a passive agent ("was told by X"), a listener ("told reporters") and
    time or place adverbials are skipped: (token index, whether a listener was skipped), or None at the sentence end."""
    d, ci, b = site.s.d, site.ci, site.s.b
    toks = d.toks
    j = ci + 1
    if j >= b:
        return None
    listener = False
    agent = passive_agent(d, ci, b)
    if agent is not None:  # "he was told by X that ...": the report follows the agent
        j = agent[1]
    elif toks[ci].norm in site.s.lex.tell and toks[j].norm != "that":  # skip the listener: "told the press"
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
    return (j, listener) if j < b else None


def is_listener_request(site: CueSite) -> bool:
    """Whether a listener is followed by a to-infinitive ("asking the council to be ...")."""
    opening = site.opening
    if opening is None:
        return False
    j, listener = opening
    toks, b = site.s.d.toks, site.s.b
    return listener and toks[j].norm == "to" and j + 1 < b and toks[j + 1].pos == "VB"


# cues that report an account by a wh-clause ("explained why ...", "told reporters how ..."), and those wh-words
WH_CUES = frozenset("explain tell recount recall reveal describe".split())
WH_COMPLEMENTS = frozenset(("why", "how"))


def clause_opening(site: CueSite) -> tuple[int, bool] | None:
    """Where the reported clause after a cue starts and whether "that" introduced it (after "out" in "pointed out"),
    or None when no clause can follow (sentence end, a quotation without "that", a listener request)."""
    if site.opening is None or is_listener_request(site):
        return None
    j, _ = site.opening
    toks, b = site.s.d.toks, site.s.b
    if toks[j].pos == "RP" and toks[j].norm == "out":  # "pointed out (that) ..."
        j += 1
        if j >= b:
            return None
    had_that = j < b and toks[j].norm == "that"
    if had_that:
        j += 1
    elif j + 1 < b and toks[j].norm in WH_COMPLEMENTS and site.s.lex.lemma.get(site.tok.norm) in WH_CUES \
            and not toks[j].in_quote:
        return j, True  # "explained why the plant closed", "told reporters how ...": the wh-clause is the report
    if j >= b or toks[j].in_quote and not had_that:
        return None
    return j, had_that


def verb_phrase_report(site: CueSite) -> bool:
    """Whether the cue is followed directly by a finite verb with no "that" and no listener ("which analysts say
    could ..."): the report is a verb phrase whose subject is a relative pronoun before the speaker."""
    opening, start = site.opening, site.clause_start
    if start is None:
        return False
    j, had_that = start
    t = site.s.d.toks[j]
    return not had_that and not opening[1] and t.pos in ("MD", "VBZ", "VBD", "VBP") and t.norm not in ("is", "was")
