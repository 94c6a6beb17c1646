"""Linking: the canonical name of every mention (the fullest form the article uses), and name resolution."""
from __future__ import annotations

import pandas as pd

from .candidates import Span, plain, surface
from .lexicon import LEGAL_FORMS, fold, gazetteer, key
from .units import Unit


def subsidiary(short: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Whether a longer organisation name is a national subsidiary of the short one, a distinct legal entity
    ("Borva" vs "Borva Ireland Limited"): the extra words hold a place name and end with a legal form."""
    if not longer or longer[-1].rstrip(".") not in LEGAL_FORMS or longer[:len(short)] != short:
        return False
    g = gazetteer()
    return any(g.names.get(w, ("",))[0] == "GPE" for w in longer[len(short):-1])


def contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether every word of `shorter` is a word of `longer` (order kept)."""
    it = iter(longer)
    return all(any(w == x for x in it) for w in shorter)


class _FullestForms:
    """The distinct person and organisation forms of an article, indexed so that a query only scans forms that
    may match: persons by word, organisations by every word prefix and suffix."""

    def __init__(self, forms: list[tuple[Span, str, str, list[str]]]):
        persons: dict[tuple[str, tuple[str, ...]], None] = {}
        orgs: dict[tuple[str, tuple[str, ...]], None] = {}
        for sp, _, p, ws in forms:
            if sp.label == "PERSON":
                persons.setdefault((p, tuple(ws)), None)
            elif sp.label == "ORGANIZATION" and len(ws) > 1:
                orgs.setdefault((sp.canonical or p, tuple(ws)), None)
        self.persons, self.orgs = list(persons), list(orgs)
        self.by_word: dict[str, list[int]] = {}
        for n, (_, pws) in enumerate(self.persons):
            for w in dict.fromkeys(pws):
                self.by_word.setdefault(w, []).append(n)
        self.by_edge: dict[tuple[str, ...], list[int]] = {}
        for n, (_, pws) in enumerate(self.orgs):
            for e in {pws[:m] for m in range(len(pws) + 1)} | {pws[m:] for m in range(len(pws) + 1)}:
                self.by_edge.setdefault(e, []).append(n)

    def person(self, name: str, ws: tuple[str, ...]) -> str:
        """Return the first of the longest person forms whose words contain `ws` in order."""
        best = name
        for n in (self.by_word.get(ws[0], []) if ws else range(len(self.persons))):
            p, pws = self.persons[n]
            if len(pws) > len(key(best).split()) and contains(pws, ws):
                best = p
        return best

    def organisation(self, canon: str, ws: tuple[str, ...]) -> str:
        """Return the first of the longest organisation names that begin or end with `ws` (not a subsidiary)."""
        best = canon
        for n in self.by_edge.get(ws, []):
            p, pws = self.orgs[n]
            if len(pws) > len(key(best).split()) and not subsidiary(ws, pws):
                best = p
        return best


def link(raw: str, units: list[Unit], spans: list[Span]) -> list[list]:
    """Give every span its canonical name (fullest form in the article) and return mention rows
    [sentence_id, start, end, text, label, canonical, evidence].

    A PERSON takes the first of the longest person forms of the article whose words contain its own words (in order);
    an ORGANIZATION the first of the longest organisation names that begin or end with its words. Each distinct
    query is answered once, so linking stays linear in the length of the article.
    """
    g = gazetteer()
    forms = []
    for sp in spans:
        s = surface(raw, units, sp)
        p = plain(s)
        forms.append((sp, s, p, [fold(key(w)) for w in p.split()]))
    index = _FullestForms(forms)
    cache: dict[tuple[str, str, tuple[str, ...]], str] = {}
    rows = []
    for sp, s, p, ws in forms:
        canon = sp.canonical or p
        if sp.label == "PERSON":
            q = ("P", p, tuple(ws))
            if q not in cache:
                cache[q] = index.person(p, tuple(ws))
            canon = cache[q]
        elif sp.label == "ORGANIZATION" and (not sp.canonical or
                                             g.names.get(key(p), ("",))[2:] == ("helpers/data/institutions.csv",)):
            q = ("O", canon, tuple(ws))
            if q not in cache:
                cache[q] = index.organisation(canon, tuple(ws))
            canon = cache[q]
            if sp.the_prefix and canon == p:
                canon = "The " + p
        rows.append([units[sp.i].sid, units[sp.i].start, units[sp.j - 1].end, s, sp.label, canon, sp.evidence])
    return rows


def resolve_name(name: str, mentions: pd.DataFrame, *, label: str | None = None) -> str | None:
    """Return the canonical name that a surface form (e.g. a surname) links to in a mentions table, or None."""
    if mentions is None or len(mentions) == 0 or not name:
        return None
    k = key(plain(name))
    ws = k.split()
    texts, canons, labels = mentions["text"].tolist(), mentions["canonical"].tolist(), mentions["label"].tolist()
    for t, c, lab in zip(texts, canons, labels):
        if (label is None or lab == label) and (key(plain(t)) == k or key(c) == k):
            return c
    best = None
    for c, lab in zip(canons, labels):
        if (label is None or lab == label) and lab in ("PERSON", "ORGANIZATION"):
            cws = key(c).split()
            if len(cws) > len(ws) and contains(cws, ws) and (best is None or len(c) > len(best)):
                best = c
    return best
