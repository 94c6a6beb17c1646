"""Data carried through quote extraction: tokens, mentions, speaker references and quotes."""
from __future__ import annotations

from dataclasses import dataclass, field


SPEAKER_LABELS = ("PERSON", "ORGANIZATION", "GPE")  # entity labels a speaker can have (besides UNNAMED)


@dataclass
class Tok:
    """A token of the document: raw offsets, text, normalised text, POS tag, inside quotation marks / brackets."""

    start: int
    end: int
    text: str
    norm: str
    pos: str
    in_quote: bool = False
    paren: bool = False


@dataclass
class Mention:
    """An entity mention from the mentions table (label upper-cased; canonical defaults to the text)."""

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
    rule: str = ""  # the resolver that named the speaker (speakers.ORDER), e.g. "person_name"


@dataclass
class Quote:
    """A quote found in a document; speaker and label are filled in by speaker resolution."""

    kind: str
    cstart: int
    cend: int
    paragraph_id: int
    cue: str | None
    ref: SpeakerRef | None
    flags: list[str] = field(default_factory=list)
    is_continuation: bool = False
    speaker: str | None = None
    label: str | None = None
    frame: str = ""  # the frame that found the quote (frames.PASSES, continuation.ORDER), e.g. "trailing_cue"
    resolver: str = ""  # set by resolution when it names the speaker by another route than ref.rule
    second: Quote | None = None  # a second report sharing this quote's attribution ("<A>, X said, and <B>")
    speaker_from: Quote | None = None  # the quote whose speaker a continuation inherits
    statement_of: Quote | None = None  # the quote whose statement this one goes on (its statement_id)
