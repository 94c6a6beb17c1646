"""Speaker descriptors (title before a name, apposition after it) and definite descriptions that refer back."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..grammar import ALL_MARKS, FINITE
from .document import Doc
from .lexicon import DOMAIN, MEDIA_NOUNS, ROLE_QUALIFIERS
from .model import Mention, Tok


@dataclass(frozen=True)
class Descriptor:
    """How an article introduces a speaker: the words around the name, split into role and affiliation."""

    descriptor: str | None = None
    role: str | None = None
    affiliation: str | None = None


_DETERMINERS = re.compile(r"^(?:the|a|an|another|its|his|her|their)\s+", re.I)
_ROLE_SPLIT = re.compile(r",?\s+and\s+(?=(?:a|an|the)\s)", re.I)
_AFFILIATION_CUT = re.compile(r"\s+(?:at|of|for|with|from)\s+", re.I)


def pre_title(d: Doc, m: Mention) -> tuple[int, int] | None:
    """Return the raw span of the title words right before a name ("US President" Jo Roe), or None."""
    a, _ = d.tok_range(m.start, m.start + 1)
    k = a
    toks = d.toks
    while k > 0 and a - k < 10:
        t = toks[k - 1]
        if "\n" in d.raw[t.end:toks[k].start]:
            break
        if t.pos.startswith(("VB", "MD", "CC", "WDT", "WP", "TO", "RB", "PRP")) or t.in_quote and not toks[a].in_quote:
            break
        if t.pos in (",", ".", ":", "``", "''") or t.text in ALL_MARKS or (t.pos == "IN" and t.norm != "of"):
            break
        if t.pos == "DT":
            k -= 1
            break
        k -= 1
    while k < a and toks[k].norm in ("of", "'s", "(", ")"):
        k += 1
    if k >= a or not any(t.pos.startswith("NN") for t in toks[k:a]) \
            or toks[a - 1].pos not in ("NN", "NNS", "NNP", "NNPS", ")"):
        return None
    if any(x.label == "PERSON" for x in d.mentions_in(toks[k].start, toks[a - 1].end)):
        return None
    return toks[k].start, toks[a - 1].end


def post_apposition(d: Doc, m: Mention) -> tuple[int, int] | None:
    """Return the raw span of the apposition or 'of ...' phrase right after a name (", an analyst at X"), or None."""
    a, _ = d.tok_range(m.end, m.end + 1)
    toks = d.toks
    if a >= len(toks):
        return None
    if toks[a].norm == "of":
        k = a + 1
        while k < len(toks) and toks[k].pos not in (",", ".", ":") and not toks[k].pos.startswith(("VB", "MD")) \
                and toks[k].text not in ALL_MARKS:
            k += 1
        return (toks[a].start, toks[k - 1].end) if k > a + 1 else None
    if toks[a].pos != "," or a + 1 >= len(toks):
        return None
    first = toks[a + 1]
    if not (first.norm in ("a", "an", "the") or first.pos in ("JJ", "NN", "NNS") or first.pos == "NNP" and
            a + 2 < len(toks) and toks[a + 2].pos in ("NN", "NNS")):
        return None
    k = a + 1
    while k < len(toks) and toks[k].pos not in (",", ".", ":") and toks[k].text not in ALL_MARKS and \
            toks[k].pos not in FINITE:
        k += 1
    if k >= len(toks) or toks[k].pos in FINITE or k - a > 30:
        return None
    if toks[k].pos == "," and k + 1 < len(toks) and toks[k + 1].norm in ("who", "whose"):
        e = k + 1
        while e < len(toks) and toks[e].pos not in (",", ".") and toks[e].text not in ALL_MARKS:
            e += 1
        k = e
    if any(x.label == "PERSON" for x in d.mentions_in(toks[a + 1].start, toks[k - 1].end)):
        return None
    return toks[a + 1].start, toks[k - 1].end


def split_descriptor(text: str, affiliations: list[str], *, before_name: bool) -> Descriptor:
    """Split descriptor words into role(s) and affiliation, e.g. "an analyst at X" -> ("analyst", "X")."""
    text = text.strip()
    if not text:
        return Descriptor()
    if before_name:
        aff = affiliations[-1] if affiliations else None
        role = text
        if aff:
            role = re.sub(r"\s*(?:of\s+(?:the\s+)?)?" + re.escape(aff) + r"(?:['\u2019]s)?\s*", " ", role)
        role = _DETERMINERS.sub("", role.strip()).strip(" ,")
        return Descriptor(text, role or None, aff)
    if text.lower().startswith("of "):
        aff = re.sub(r"\s*\([^)]*\)\s*$", "", _DETERMINERS.sub("", text[3:].strip()))
        return Descriptor(text, None, aff or None)
    main = re.split(r",\s*(?:who|whose)\b", text)[0]
    roles, aff = [], None
    for part in _ROLE_SPLIT.split(main):
        part = _DETERMINERS.sub("", part.strip())
        cut = _AFFILIATION_CUT.search(part)
        if cut:
            if aff is None:
                aff = _DETERMINERS.sub("", part[cut.end():].strip())
            part = part[:cut.start()]
        if part:
            roles.append(part.strip())
    return Descriptor(text, "; ".join(roles) or None, aff)


def person_mentions(d: Doc, full: dict[str, str]) -> dict[str, list[Mention]]:
    """Person mentions by (full) canonical name, in text order."""
    out: dict[str, list[Mention]] = {}
    for m in d.mentions:
        if m.label == "PERSON":
            out.setdefault(full.get(m.canonical, m.canonical), []).append(m)
    return out


def describe_speaker(d: Doc, canonical: str, full: dict[str, str],
                     by_name: dict[str, list[Mention]] | None = None) -> Descriptor:
    """Return the descriptor of a named speaker from the title before and the apposition after its mentions.

    by_name (`person_mentions`) spares a scan of all mentions per speaker in long documents."""
    pre, post = Descriptor(), Descriptor()
    if by_name is None:
        by_name = person_mentions(d, full)
    for m in by_name.get(canonical, ()):
        if pre.descriptor is None and (sp := pre_title(d, m)):
            affs = [x.text for x in d.mentions_in(*sp) if x.label in ("ORGANIZATION", "GPE", "NORP")]
            affs = [x.text for x in d.mentions_in(*sp) if x.label == "ORGANIZATION"] or affs[:1]
            pre = split_descriptor(d.raw[sp[0]:sp[1]], affs, before_name=True)
        if post.descriptor is None and (sp := post_apposition(d, m)):
            post = split_descriptor(d.raw[sp[0]:sp[1]], [], before_name=False)
        if pre.descriptor and post.descriptor:
            break
    text = ", ".join(x for x in (pre.descriptor, post.descriptor) if x) or None
    role = "; ".join(x for x in (pre.role, post.role) if x) or None
    return Descriptor(text, role, post.affiliation or pre.affiliation)


def followed_by_possessive(d: Doc, m: Mention) -> bool:
    """Whether a possessive "'s" / "'" follows the mention ("Riga's mayor")."""
    a, _ = d.tok_range(m.end, m.end + 1)
    return a < len(d.toks) and d.toks[a].norm in ("'s", "'")


def described_index(d: Doc) -> dict[str, list[tuple[int, Mention]]]:
    """Head noun -> [(position, mention)] of organisations whose multi-word name ends with that noun and of persons
    whose title ends with it, built once per document (kept in `d.descriptions`)."""
    if d.descriptions is None:
        out: dict[str, list] = {}
        for n, m in enumerate(d.mentions):
            words = m.canonical.split()
            if m.label == "ORGANIZATION" and len(words) > 1:
                out.setdefault(words[-1].lower(), []).append((m.start, n, m))
            if m.label == "ORGANIZATION":
                for noun in org_type_nouns(d, m):
                    out.setdefault(noun, []).append((m.start, n, m))
            elif m.label == "PERSON":
                sp = pre_title(d, m)
                title = d.raw[sp[0]:sp[1]].lower().split() if sp else []
                if title and not ROLE_QUALIFIERS & set(title):
                    out.setdefault(title[-1], []).append((m.start, n, m))
                sp = post_apposition(d, m)  # ", the Government commissioner responsible for defence"
                words = re.split(r"\s+(?:of|at|for|with|from|in|on|to|responsible|who|whose)\b|,",
                                 d.raw[sp[0]:sp[1]].lower())[0].split() if sp else []
                if words and words[0] in ("the", "a", "an") and not ROLE_QUALIFIERS & set(words):
                    out.setdefault(words[-1], []).append((m.start, n, m))
        for v in out.values():
            v.sort(key=lambda x: (x[0], x[1]))
        d.descriptions = {k: [(p, m) for p, _, m in v] for k, v in out.items()}
    return d.descriptions


def org_type_nouns(d: Doc, m: Mention) -> list[str]:
    """Common nouns that introduce an organisation and can later refer to it: a noun in apposition right before
    the name ("news site, Newsline.net", "newspaper The Courier") and "website"/"site" for a domain name."""
    out = []
    if DOMAIN.search(m.canonical):
        out += ["website", "site"]
    a, _ = d.tok_range(m.start, m.start + 1)
    k = a - 1
    if k >= 0 and d.toks[k].pos == ",":
        k -= 1
    if k >= 0 and d.toks[k].pos == "NN" and d.toks[k].text.islower() and not d.toks[k].in_quote \
            and d.toks[k].norm in MEDIA_NOUNS | {"site"}:
        noun = d.toks[k].norm
        out += ["website", "site"] if noun in ("site", "website") else [noun]
    return out


def described(d: Doc, head: str, pos: int) -> Mention | None:
    """The entity a definite description's head noun refers to: the nearest organisation before pos whose name ends
    with that noun ("the party" -> "Green Future Party"), else a person whose title ends with it ("the governor" ->
    "Regional governor Jo Roe", never a "Deputy Governor"); the nearest one before pos, else the first
    after it."""
    index = described_index(d)
    cands = index.get(head)
    if not cands:
        return None
    i = bisect_left(cands, (pos,))
    return cands[i - 1][1] if i else cands[0][1]


def title_holds(d: Doc, person: Mention, modifiers: list[Tok]) -> bool:
    """Whether every lowercase noun modifier of a role description occurs in the title before a person's name (the
    six tokens before it) or in the name itself."""
    nouns = [w.norm for w in modifiers if w.pos in ("NN", "NNS") and w.text.islower()]
    if not nouns:
        return True
    a, _ = d.tok_range(person.start, person.end)
    title = {t.norm for t in d.toks[max(0, a - 6):a]} | set(person.text.lower().split())
    return all(n in title for n in nouns)
