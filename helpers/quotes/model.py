"""Data carried through quote extraction: tokens, mentions, speaker references and quotes."""
from __future__ import annotations

from dataclasses import dataclass, field

from .marks import QuoteSpan


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
