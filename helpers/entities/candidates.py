"""Candidate spans: runs of capitalised units, joined inside names and cut where two names meet or a title ends."""
from __future__ import annotations

from typing import NamedTuple

from ..grammar import CLOSING_QUOTES, NAME_PARTICLES, OF_WORDS, OPENING_QUOTES
from .lexicon import first_name_keys, gazetteer, head, is_english, key
from .units import Unit


class Span(NamedTuple):
    """A candidate or typed mention: units i..j-1 and what the rules decided about it (immutable: a new Span per
    decision)."""

    i: int  # first unit
    j: int  # one past the last unit
    after_title: bool = False
    the_prefix: bool = False  # a capitalised "The" preceded the span mid-sentence ("The Quillnet")
    label: str | None = None
    canonical: str | None = None
    evidence: str = ""  # name of the typing evidence rule that gave the label (helpers.entities.typing.ORDER)
    strong: bool = False  # typed from the name itself (gazetteer, head word, acronym, definition), not context

    def typed(self, label: str | None, canonical: str | None, evidence: str, *, strong: bool) -> "Span":
        """Return this span with a label, a canonical name and the evidence that decided them."""
        return Span(self.i, self.j, self.after_title, self.the_prefix, label, canonical, evidence, strong)


def surface(raw: str, units: list[Unit], sp: Span) -> str:
    """Return the raw text of a span."""
    return raw[units[sp.i].start:units[sp.j - 1].end]


def plain(s: str) -> str:
    """Return a surface form without editorial brackets and with single spaces."""
    return " ".join(s.replace("[", "").replace("]", "").split())


def known(units: list[Unit], i: int, j: int) -> bool:
    """Whether units i..j-1 are a name of the gazetteer."""
    return key(" ".join(u.text for u in units[i:j])) in gazetteer().names


def _connector(units: list[Unit], i: int, j: int, has_of: bool) -> tuple[int, bool]:
    """Return (units to join, has_of) when lower-case unit j continues the name begun at unit i, else (0, has_of)."""
    n = len(units)
    v, sid = units[j], units[i].sid
    nxt = units[j + 1] if j + 1 < n else None
    nxt2 = units[j + 2] if j + 2 < n else None
    if nxt is None or nxt.sid != sid:
        return 0, has_of
    if v.text == "'" and units[j - 1].text.endswith("s") and v.start == units[j - 1].end and nxt.cap \
            and (head(nxt.key) or ("",))[0] == "ORGANIZATION" and (j + 2 >= n or not units[j + 2].cap):
        return 1, has_of  # a plural possessive inside an organisation name ("Harbour Workers' Union")
    titles = gazetteer().titles
    prev_head = head(units[j - 1].key)
    # of/for after an organisation head, or after a title inside such a name ("Office of the UN High
    # Commissioner for Human Rights", "Office of the Director of National Intelligence")
    of_ok = prev_head and prev_head[2] or has_of and units[j - 1].key.rstrip(".") in titles
    if v.key in OF_WORDS and of_ok:
        if nxt.cap:
            return 1, True
        if nxt.key == "the" and nxt2 is not None and nxt2.cap and nxt2.sid == sid:
            return 2, True
    if has_of and v.key == "in" and nxt.cap and prev_head and prev_head[3] == "field":
        return 1, has_of  # "Institute for Research in Environmental Sciences", "Centre for Studies in Ethics"
    if has_of and v.key == "at" and nxt.cap and _campus(units, j + 1):
        return 1, has_of  # "University of Colorado at Boulder": a campus named after the of-name
    if v.key in ("and", "&") and nxt.cap and (v.key == "&" or (has_of or j - i <= 2) and _joins_and(units, j, has_of)):
        return 1, has_of
    if v.key in NAME_PARTICLES and v.text.islower() and nxt.cap and units[j - 1].cap \
            and units[j - 1].key not in titles:
        return 1, has_of
    return 0, has_of


def runs(units: list[Unit]) -> list[tuple[int, int]]:
    """Return maximal runs of name units (capitalised words, joined by particles and of/for/and inside names)."""
    out = []
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
        while j < n and not units[j - 1].brk and units[j].sid == u.sid:
            if units[j].cap:
                j += 1
                continue
            step, has_of = _connector(units, i, j, has_of)
            if not step:
                break
            j += step
        out.extend(_cut_run(units, i, j))
        i = j
    return out


def _campus(units: list[Unit], k: int) -> bool:
    """Whether the capitalised words from unit k are a place name that ends the run ("... at Boulder")."""
    g = gazetteer()
    e = k
    while e < len(units) and units[e].cap and units[e].sid == units[k].sid and e - k < 3:
        e += 1
    if e < len(units) and units[e].cap and units[e].sid == units[k].sid:
        return False
    name = key(" ".join(u.text for u in units[k:e]))
    return (g.names.get(name) or g.weak_names.get(name) or ("",))[0] == "GPE" or name in g.all_cities


def _joins_and(units: list[Unit], j: int, has_of: bool) -> bool:
    """Whether `and` at unit j continues a name ("Institute of Allergy and Infectious Diseases"), not a list."""
    g = gazetteer()
    left, right = units[j - 1].key, units[j + 1].key
    if g.names.get(left, ("",))[0] in ("GPE", "LOCATION", "ORGANIZATION") or right in first_name_keys():
        return False
    k = j + 1
    while k < len(units) and units[k].cap:
        k += 1
    if units[k - 1].key in g.heads and g.heads[units[k - 1].key][0] == "ORGANIZATION" and k - (j + 1) <= 2:
        return True  # "Food and Agriculture Organization"
    if units[k - 1].key in g.heads and g.heads[units[k - 1].key][3] == "facility" and k - (j + 1) <= 3:
        return True  # "Research and Referral Hospital", "Baylor Scott and White Medical Center"
    return has_of and k - (j + 1) <= 2 and not head(units[k - 1].key) \
        or (head(units[k - 1].key) or ("", "", 0, ""))[3] == "field"


def _after_title_of(units: list[Unit], i: int) -> bool:
    """Whether unit i follows a title and of/to/the ("President of", "Ambassador to the")."""
    k = i - 1
    steps = 0
    while k >= 0 and units[k].key in ("of", "to", "the") and units[k].sid == units[i].sid and steps < 2:
        k -= 1; steps += 1
    return steps >= 1 and k >= 0 and units[k].cap and units[k].key.rstrip(".") in gazetteer().titles \
        and units[k].sid == units[i].sid


def _place_before_person(units: list[Unit], i: int, c: int) -> int | None:
    """Return where a place or group name ending at unit c starts (i <= a < c), if any ("United States Jane Roe")."""
    names = gazetteer().names
    return next((a for a in range(i, c) if names.get(key(" ".join(u.text for u in units[a:c])), ("",))[0]
                 in ("GPE", "LOCATION", "NORP")), None)


def _cut_run(units: list[Unit], i: int, j: int) -> list[tuple[int, int]]:
    """Cut a run where two names meet: "X Center of Y University" -> both; "Amnesty International Lee Dunn" -> both."""
    firsts = first_name_keys()
    if j - i >= 3 and _after_title_of(units, i):
        # "President of India Ravi Dass", "Ambassador to the United Nations Ann Marr": the name of the
        # place or body that ends the title phrase is followed by the person's own name (two or more words)
        for c in range(j - 2, i, -1):
            if known(units, i, c) and not known(units, c, j) and not any(head(u.key) for u in units[c:j]) \
                    and all(u.cap and u.text not in ("[", "]") for u in units[c:j]) \
                    and not all(is_english(u.key) for u in units[c:j]):
                return [(i, c)] + _cut_run(units, c, j)
    for c in range(i + 1, j - 1):
        if units[c].key in firsts and j - c >= 2 and units[c - 1].cap:
            a = _place_before_person(units, i, c)  # "... of Scotland Mary Dunn", "United States Jane Roe"
            if a is not None:
                return ([(i, a)] if a > i else []) + [(a, c)] + _cut_run(units, c, j)
        left = head(units[c - 1].key)
        if not left or left[0] != "ORGANIZATION" and left[3] != "facility":
            continue
        right_last = head(units[j - 1].key)
        if units[c].key in OF_WORDS:
            right_any = any((head(u.key) or ("", "", False, ""))[1] == "any" for u in units[c + 1:j])
            if (right_last and right_last[1] in ("end", "any") and right_last[0] == "ORGANIZATION"
                and left[1] != "first" and right_last[3] != "field") \
                    or (left[3] == "facility" and not right_any):
                return [(i, c)] + _cut_run(units, c + 1, j)
        elif units[c].cap and left[1] == "end" and not right_last and c > i \
                and not any(u.key in ("of", "for", "and") for u in units[c:j]) \
                and (j - c >= 2 or units[c].key in firsts):
            return [(i, c)] + _cut_run(units, c, j)
    return [(i, j)]


def _title_stays(units: list[Unit], i: int, j: int, k: int, cur: int, flags: list[bool]) -> tuple[bool, int, int]:
    """Return (the title word at k stays inside the name, end of the title words, end of the words after them)."""
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
        rest_end == j or units[rest_end].key in OF_WORDS) and any(
        units[c].key in OF_WORDS and (head(units[c - 1].key) or ("", "", False))[2]
        and (head(units[c - 1].key) or ("",))[0] == "ORGANIZATION" for c in range(i + 1, k))
    # a title word followed, within the run, by a head word stays ("General Assembly", "Queen Mary University")
    stays = bool(head(last) and seg_end == j and not (cur < k and known(units, cur, k))) or prev_connector
    return stays, rest_end, seg_end


def split_titles(units: list[Unit], i: int, j: int) -> list[Span]:
    """Cut title words out of a run ("US President Jane Roe" -> US, Jane Roe); return the remaining spans."""
    titles = gazetteer().titles
    flags = [units[k].key.rstrip(".") in titles and units[k].cap for k in range(i, j)]
    if not any(flags):
        return [Span(i, j)]
    spans: list[Span] = []
    k = cur = i
    after_title = False
    while k < j:
        if not flags[k - i]:
            k += 1
            continue
        stays, rest_end, seg_end = _title_stays(units, i, j, k, cur, flags)
        if stays:
            k = seg_end
            continue
        if cur < k:
            spans.append(Span(cur, k, after_title=after_title))
        k = cur = rest_end
        after_title = True
    if cur < j:
        spans.append(Span(cur, j, after_title=after_title))
    return spans


def trim(units: list[Unit], sp: Span) -> list[Span]:
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
    return [Span(i, j, sp.after_title, the)]


def candidate_spans(units: list[Unit]) -> list[Span]:
    """Return the candidate spans of a document: runs, titles cut out, trimmed."""
    spans: list[Span] = []
    for i, j in runs(units):
        for sp in split_titles(units, i, j):
            spans.extend(trim(units, sp))
    return spans


def quoted(units: list[Unit], sp: Span) -> bool:
    """Whether a span is the whole content of a quotation ("Deep Sea Birds")."""
    before = units[sp.i - 1].text if sp.i > 0 else ""
    after = [u.text for u in units[sp.j:sp.j + 2]]
    return before in OPENING_QUOTES and bool(after) and (
        after[0] in CLOSING_QUOTES or len(after) > 1 and after[0] in ".,!?" and after[1] in CLOSING_QUOTES)


def all_common(units: list[Unit], sp: Span) -> bool:
    """Whether every word of a span is a common English word (a capitalised phrase, not a name)."""
    words = [u for u in units[sp.i:sp.j] if u.cap]
    return all(is_english(u.key) for u in words) and not any(u.key in first_name_keys() for u in words)
