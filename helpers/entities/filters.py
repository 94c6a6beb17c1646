"""Candidate filters: capitalised spans that are not names (dates, storms, wars, holidays, sentence-initial words)
or that begin with a word that is not part of the name (a weekday, a month, an honour, an occupation).

Each filter is a named function `(context, span) -> list[Span] | None`: None when it does not apply, else the spans
that replace the candidate ([] drops it). `CANDIDATE_FILTERS` is the order they are tried in; the first that
applies decides. A new filter is a function here plus one line in that list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import resources
from .candidates import Span, known, plain, surface, trim
from ..grammar import FUNCTION_TAGS, OCCUPATION_SUFFIXES, POSSESSIVES
from .lexicon import (CAMEL, EVENT_WORDS, MONTHS, OPERATION_WORDS, OBSERVANCE_WORDS, ROMAN, STORM_WORDS, WAR_WORDS, WEEKDAYS, first_name_keys,
                      gazetteer, is_english, key, time_zones)
from .units import Unit


@dataclass(frozen=True)
class CandidateContext:
    """What the filters need to know about a document besides the span itself."""

    raw: str
    units: list[Unit]
    mid_caps: frozenset[str]  # words seen capitalised in mid-sentence (a sentence-initial one is then a name too)
    storms: frozenset[str]  # names of storms ("Hurricane Dorian" ... "Dorian"): events, not entities


def candidate_context(raw: str, units: list[Unit], spans: list[Span]) -> CandidateContext:
    """Return the filter context of a document's candidate spans."""
    mid_caps = {units[sp.i].key for sp in spans if not units[sp.i].initial}
    mid_caps |= {u.key for sp in spans for u in units[sp.i + 1:sp.j]}
    storms = set()
    for sp in spans:
        if units[sp.i].key in STORM_WORDS and sp.j - sp.i >= 2 and not known(units, sp.i, sp.j):
            k = sp.i + 1 + (units[sp.i].key == "tropical" and units[sp.i + 1].key in STORM_WORDS)
            storms.update(v.key for v in units[k:sp.j])
    return CandidateContext(raw, units, frozenset(mid_caps), frozenset(storms))


def _rest(c: CandidateContext, sp: Span, *, after_title: bool | None = None) -> list[Span]:
    """Return the span without its first word (trimmed)."""
    return trim(c.units, Span(sp.i + 1, sp.j, sp.after_title if after_title is None else after_title))


def calendar_word(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A month, a day name or a time zone alone is no entity ("Monday", "UTC")."""
    u = c.units[sp.i]
    if sp.j - sp.i == 1 and (u.key in gazetteer().calendar_words or u.text in time_zones()):
        return []
    return None


def storm(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A named storm is an event ("Hurricane X", "Tropical Storm X")."""
    if c.units[sp.i].key in STORM_WORDS and sp.j - sp.i >= 2 and not known(c.units, sp.i, sp.j):
        return []
    return None


def leading_function_word(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A capitalised conjunction, adverb or determiner ("Although X ...") is never part of a name."""
    u = c.units[sp.i]
    if u.pos in FUNCTION_TAGS and is_english(u.key) and u.key not in first_name_keys() \
            and u.key not in gazetteer().names and not known(c.units, sp.i, sp.j):
        return _rest(c, sp) if sp.j - sp.i >= 2 else []
    return None


def honour(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A two-word honour before a name is a title; alone it is no entity."""
    if sp.j - sp.i >= 2 and f"{c.units[sp.i].key} {c.units[sp.i + 1].key}" in gazetteer().titles:
        return trim(c.units, Span(sp.i + 2, sp.j, True)) if sp.j - sp.i > 2 else []
    return None


def possessive_observance(c: CandidateContext, sp: Span) -> list[Span] | None:
    """An observance named with a possessive ("International Women's Day") is no entity."""
    u = c.units
    if sp.j + 1 < len(u) and u[sp.j].text in POSSESSIVES \
            and u[sp.j + 1].key in OBSERVANCE_WORDS and u[sp.j + 1].cap and not known(u, sp.i, sp.j):
        return []
    return None


def war(c: CandidateContext, sp: Span) -> list[Span] | None:
    """Wars are events, not entities ("Civil War", "World War II")."""
    u = c.units
    if sp.j - sp.i >= 2 and (u[sp.j - 1].key in WAR_WORDS or sp.j - sp.i >= 3 and u[sp.j - 2].key in WAR_WORDS
                             and ROMAN.match(u[sp.j - 1].text)) and not known(u, sp.i, sp.j):
        return []
    return None


def named_event(c: CandidateContext, sp: Span) -> list[Span] | None:
    """Operations, summits, games and festivals are events, not entities ("Operation Blue Harbour", "Oslo Summit")."""
    u = c.units
    if sp.j - sp.i >= 2 and (u[sp.i].key in OPERATION_WORDS or u[sp.j - 1].key in EVENT_WORDS) \
            and not known(u, sp.i, sp.j):
        return []
    return None


def holiday(c: CandidateContext, sp: Span) -> list[Span] | None:
    """Holidays and observances ("Labor Day", "New Year's Eve") are not entities (but a person's name may end so)."""
    u = c.units
    if sp.j - sp.i >= 2 and u[sp.j - 1].key in OBSERVANCE_WORDS and not known(u, sp.i, sp.j) \
            and not any(v.key in first_name_keys() for v in u[sp.i:sp.j - 1]):
        return []
    return None


def occupation(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A capitalised occupation before a name is a title ("Photographer X Y", "YouTuber X Y")."""
    u = c.units[sp.i]
    firsts = first_name_keys()
    if sp.j - sp.i >= 3 and u.key.endswith(OCCUPATION_SUFFIXES) and u.key not in firsts \
            and not known(c.units, sp.i, sp.j) and (CAMEL.search(u.text) or is_english(u.key)
                                                    and c.units[sp.i + 1].key in firsts):
        return _rest(c, sp, after_title=True)
    return None


def leading_weekday(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A weekday before a known name or a person ("On Sunday X defeated ...") is not part of it."""
    u = c.units
    if sp.j - sp.i >= 2 and u[sp.i].key in WEEKDAYS and not known(u, sp.i, sp.j) and (
            known(u, sp.i + 1, sp.j) or u[sp.i + 1].key in first_name_keys()):
        return _rest(c, sp)
    return None


def leading_month(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A month before a name ("In January X Y ...") or a wish ("May God ...") is not part of it."""
    u = c.units[sp.i]
    firsts = first_name_keys()
    if sp.j - sp.i >= 2 and u.key in MONTHS and not known(c.units, sp.i, sp.j) and (
            u.key not in firsts or u.initial and c.units[sp.i + 1].key not in firsts and u.key == "may"):
        return _rest(c, sp)
    return None


def sentence_initial_word(c: CandidateContext, sp: Span) -> list[Span] | None:
    """A common word capitalised only because it starts a sentence is not part of a name."""
    u = c.units[sp.i]
    if not u.initial:
        return None
    names = gazetteer().names
    acronym = u.text.isupper() and len(u.text) >= 2
    multi_first = u.key in first_name_keys() and sp.j - sp.i >= 2
    common = not acronym and not multi_first and (u.key in resources.stopword_set()
                                                  or (is_english(u.key) and u.key not in c.mid_caps))
    if common and u.key not in names and key(plain(surface(c.raw, c.units, sp))) not in names:
        return _rest(c, sp) if sp.j - sp.i > 1 else []
    return None


CandidateFilter = Callable[[CandidateContext, Span], "list[Span] | None"]
# the order candidate filters are tried in: the first that applies decides what becomes of a span
CANDIDATE_FILTERS: tuple[CandidateFilter, ...] = (
    calendar_word, storm, leading_function_word, honour, possessive_observance, war, named_event, holiday, occupation,
    leading_weekday, leading_month, sentence_initial_word,
)
# filters that apply to spans of two or more units only (not tried on one-unit spans)
SEVERAL_UNITS_ONLY = frozenset({storm, honour, war, named_event, holiday, occupation, leading_weekday, leading_month})
_FILTERS_BY_SIZE = {True: CANDIDATE_FILTERS,
                    False: tuple(f for f in CANDIDATE_FILTERS if f not in SEVERAL_UNITS_ONLY)}


def filter_candidates(raw: str, units: list[Unit], spans: list[Span]) -> list[Span]:
    """Return the candidates that may be names, walking `CANDIDATE_FILTERS`; then drop later mentions of storms."""
    c = candidate_context(raw, units, spans)
    kept: list[Span] = []
    for sp in spans:
        for rule in _FILTERS_BY_SIZE[sp.j - sp.i > 1]:
            out = rule(c, sp)
            if out is not None:
                kept.extend(out)
                break
        else:
            kept.append(sp)
    names = gazetteer().names
    return [sp for sp in kept if not (sp.j - sp.i == 1 and units[sp.i].key in c.storms
                                      and units[sp.i].key not in names)]
