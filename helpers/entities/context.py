"""Context votes: what the words around one occurrence of an unknown name say about its type."""
from __future__ import annotations

from typing import NamedTuple

from .candidates import Span
from ..grammar import ARTICLES, NAME_COORDINATORS, ORG_PREPOSITIONS, PERIODICAL_WORDS
from .lexicon import ORG_NOUNS, SPEECH_VERBS, first_name_keys
from .units import Unit


class Votes(NamedTuple):
    """Person and organisation votes of one occurrence, a label from coordination, and how many votes are strong."""

    per: float = 0.0
    org: float = 0.0
    coord: str | None = None
    strong: int = 0


def _neighbours(units: list[Unit], sp: Span) -> tuple[Unit | None, Unit | None, Unit | None]:
    """Return the unit before and the two after a span, within its sentence (None outside it)."""
    i, j = sp.i, sp.j
    sid = units[i].sid
    p1 = units[i - 1] if i > 0 and units[i - 1].sid == sid else None
    n1 = units[j] if j < len(units) and units[j].sid == sid else None
    n2 = units[j + 1] if j + 1 < len(units) and units[j + 1].sid == sid else None
    return p1, n1, n2


def _before(p1: Unit, n1: Unit | None) -> tuple[float, float, int]:
    """Votes from the word before a name: `said X` (person), `via X` / `at X` (organisation), `singer X` (person)."""
    if p1.key in SPEECH_VERBS:
        return 1, 0, 0
    if p1.key in ORG_PREPOSITIONS or p1.text in PERIODICAL_WORDS:
        return 0, 1, 1
    if p1.pos in ("NN",) and p1.text.islower():
        if p1.key in ORG_NOUNS:
            return 0, 1, 1
        if n1 is None or not (n1.text.islower() and n1.pos.startswith("NN")):
            return 1, 0, 1
    return 0, 0, 0


def _apposition(units: list[Unit], sp: Span) -> tuple[float, float, int]:
    """Votes from an apposition after a comma: `X, a professor` (person), `X, the ... group` (organisation)."""
    window = [u.key for u in units[sp.j + 1:sp.j + 8] if u.sid == units[sp.i].sid]
    if window and window[0] in ARTICLES:
        if any(w in ORG_NOUNS for w in window[1:]):
            return 0, 2, 1
        if any(w in SPEECH_VERBS for w in window):
            return 0, 0, 0
        if len(window) > 1 and window[1].isalpha():
            return 1, 0, 0
    return 0, 0, 0


def votes(units: list[Unit], sp: Span, accepted_starts: dict[int, str]) -> Votes:
    """Return the votes of one occurrence's context: titles, speech verbs, appositions, organisation nouns,
    coordination with a typed name that follows (`accepted_starts`: first unit -> label of typed spans)."""
    per = org = 0.0
    strong = 0
    coord = None
    j = sp.j
    p1, n1, n2 = _neighbours(units, sp)
    if sp.after_title:
        per += 2; strong += 1
    if p1 is not None:
        a, b, c = _before(p1, n1)
        per += a; org += b; strong += c
    if n1 is not None:
        if n1.key in SPEECH_VERBS:
            per += 1
        if n1.key in NAME_COORDINATORS and (j + 1) in accepted_starts:
            coord = accepted_starts[j + 1]
        if n1.key in ("'s", "'") and n2 is not None and n2.cap and n2.key in first_name_keys():
            org += 1; strong += 1
        if n1.key == ",":
            a, b, c = _apposition(units, sp)
            per += a; org += b; strong += c
        if n1.pos in ("VBD", "VBZ") and n1.text.islower() and n1.key not in SPEECH_VERBS:
            org += 0.5
        if p1 is not None and p1.key in ("on", "via") and n1.key in (".", ",", ";"):
            org += 0.5; strong += 1
    return Votes(per, org, coord, strong)


def org_votes(units: list[Unit], sp: Span, ends: dict[int, Span]) -> float:
    """Return organisation votes for an unknown multi-word name from one occurrence: an organisation noun just
    before or after it ("newspaper X Y", "the X Y party"), "via" before it, or brackets right after an
    organisation name ("Court of Appeal (Berufungsgericht)")."""
    i, j = sp.i, sp.j
    sid = units[i].sid
    p1 = units[i - 1] if i > 0 and units[i - 1].sid == sid else None
    n1 = units[j] if j < len(units) and units[j].sid == sid else None
    out = 0.0
    if p1 is not None and p1.text.islower() and (p1.key in ORG_NOUNS or p1.key == "via" or p1.key in PERIODICAL_WORDS):
        out += 1
    if n1 is not None and n1.text.islower() and n1.key in ORG_NOUNS:
        out += 1
    if p1 is not None and p1.text == "(" and (i - 1) in ends and ends[i - 1].label == "ORGANIZATION":
        out += 1
    return out
