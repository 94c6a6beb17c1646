"""PolNeAR as a benchmark of speech attribution: read its BRAT files, decide which attributions are speech, run
the pipeline and score its quotes at statement level.

    python -m helpers.evaluate --polnear PATH/TO/PolNeAR --split train [--limit N] [--out DIR] [--jobs N]

PolNeAR (Newell, Margolin & Ruths, LREC 2018; github networkdynamics/PolNeAR) annotates every *attribution* of
1,008 US political news articles: a Source, a Cue and a Content span (BRAT standoff, `data/<split>/text/*.txt` and
`data/<split>/attributions/*.ann`). Only the split that is asked for is read (`data/<split>` only; a folder of
another split, or a file that `data/metadata.tsv` lists under another split, is refused with a message).

Files. `<article>_<annotator>.ann` pairs with `<article>.txt`. Articles of the inter-annotator agreement study
have one .ann per annotator (train: 16 articles with 5-6 annotations each, hence 919 .ann files for 840 texts);
one annotation per article is scored, the first annotator that `metadata.tsv` lists for it (else the first
file name), so that no article weighs six times; the others are listed as set aside. An .ann without its .txt,
a .txt without an .ann, unreadable lines, spans outside the text and span texts that differ from the text file
are reported in the `problems` table (an .ann whose spans mostly differ from its text is not scored).

Tables (`read_polnear`):

- texts: doc_id (`<article>.txt`), article, annotator, n_annotations, n_attributions, text.
- attributions: doc_id, attribution_id (the BRAT event id), type (`Attribution` / `Attribution-no-source`),
  source_spans / cue_spans / content_spans (`start-end;start-end`, raw character offsets; a discontinuous span has
  several pieces, and `Content2` pieces join the content), source_text, cue_text, content_text, content_start,
  content_end, frame (order of the parts, e.g. `S C Q` = source, cue, content; `Q C S` = quote first, inverted),
  kind, is_speech, speech_reason, cue_lemma, source_kind (`named` / `pronoun` / `description` / `none`),
  source_name (the name a named source gives, else empty).
- problems: file, line, severity (`error`: not scored / `note`: scored or set aside on purpose), problem.

Definitions (see the README's Benchmarks section):

- kind, from the gold offsets: the letters and digits of the content inside quotation marks (curly, straight,
  `''`/```` ``...'' ````, guillemets, `‘...’` pairs; a content whose opening mark sits just before it counts as
  inside) over all its letters and digits: all -> `direct`, some -> `mixed`, none -> `indirect`.
- speech: an attribution whose content holds quoted words (kind direct or mixed: `speech_reason` =
  "quotation marks"), or whose cue holds a form of the benchmark's frozen speech-cue list (`data/benchmark_speech_cues.csv`, any
  word of the cue: `said`, `also told`, `said in a statement`, `according to`: "speech cue"). Every other
  attribution (beliefs, findings, wishes: `believe`, `show`, `found`, `want`, and verbs the lexicon does not hold)
  is *non-speech*: neither a target nor an error. The list is frozen, so the targets stay the same while the
  pipeline's own lexicon grows; `cue_forms=` (CLI `--cues`) scores against another list (the report prints the
  target count).
- statements: a predicted statement is a group of quote rows: the rows that share a `statement_id` when the
  quotes table has that column, else consecutive rows of one paragraph with the same speaker (or speaker
  mention) whose gap holds no letters (`"..." "..."`) or is the attribution of both pieces: at most 120
  characters holding the first row's cue exactly once, the second row having the same cue or none
  (`"...," X said, "..."` and `"...," X said. "..."`, but not `"...," X said. X added, "..."`). Its span is the
  union of its rows' spans.
- match: each speech attribution (in text order) takes the unused predicted statement sharing most characters
  with its content, provided they share at least half of the shorter of the two (the project's quote definition).
  A predicted statement that matches no speech attribution but overlaps a non-speech attribution's content more
  than any speech one is *ignored*; otherwise it is a false positive.
- P = matched / (predicted statements - ignored); R = matched / speech attributions.
- speaker accuracy on named sources: over matched statements whose gold source is `named`, the share whose
  predicted `speaker` (else `speaker_mention`) names it: same last word, and the words before it agree when both
  have some (`Ted Cruz` = `Sen. Ted Cruz` = `Cruz`; `Bill Clinton` != `Hillary Clinton`); titles are ignored.
  A source is named when the head of its first noun phrase is a capitalised name (`Sen. Ted Cruz (R-Texas)`,
  `the Republican National Committee`; a span-initial single word only when the article also writes it
  capitalised mid-sentence, so `Officials said` is not named), or when a lower-case head is followed by a
  name in apposition (`his spokesman, Jason Miller`). `the Clinton campaign` and pronouns are not named.
"""
from __future__ import annotations

import csv
import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pandas as pd

from . import paths
from .benchmarks import (BenchmarkError, Span, analyse_texts, clip, half_of_shorter, merge_spans, parse_spans, prf,
                         span_length, spans_overlap, spans_text, write_tables)

SPLITS = ("train", "dev", "test")  # the core dataset's compartments; quality-control ones are not benchmarks
ATTRIBUTION_TYPES = ("Attribution", "Attribution-no-source")
ROLES = ("Source", "Cue", "Content")
KINDS = ("direct", "indirect", "mixed")
TEXT_COLUMNS = ["doc_id", "article", "annotator", "n_annotations", "n_attributions", "text"]
ATTRIBUTION_COLUMNS = ["doc_id", "attribution_id", "type", "source_spans", "source_text", "cue_spans", "cue_text",
                       "content_spans", "content_start", "content_end", "content_text", "frame", "kind", "is_speech",
                       "speech_reason", "cue_lemma", "source_kind", "source_name"]
PROBLEM_COLUMNS = ["file", "line", "severity", "problem"]
MAX_GAP = 120  # characters between two pieces of one statement split by its attribution

OPEN_DOUBLE = "\u201c\u201e\u00ab\u2039"
CLOSE_DOUBLE = "\u201d\u00bb\u203a"
ANY_MARK = OPEN_DOUBLE + CLOSE_DOUBLE + '"'
PRONOUNS = frozenset("i you he she it we they me him her us them who one this that these those".split())
CUT_WORDS = frozenset("who whom whose which that".split())
ANN_NAME = re.compile(r"(?P<article>.+)_(?P<annotator>[0-9A-Za-z]{2,8})\Z")


@dataclass
class PolnearData:
    """One split of PolNeAR as tables (see the module docstring)."""

    split: str
    texts: pd.DataFrame
    attributions: pd.DataFrame
    problems: pd.DataFrame
    set_aside: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- BRAT standoff
def parse_ann(content: str, *, name: str = "") -> tuple[dict[str, dict], list[dict], list[dict]]:
    """Return (spans by id, events, problems) of one BRAT .ann text.

    A span line is `T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<text>`; an event line is
    `E<n>\\t<Type>:<T id> <Role>:<T id> ...`. Notes (`#`), attributes, relations and normalisations are skipped;
    a line that follows a span line without an id continues that span's text (BRAT writes line breaks as they
    are). Any other line is reported as a problem and skipped.
    """
    spans: dict[str, dict] = {}
    events: list[dict] = []
    problems: list[dict] = []
    after_span = False
    for n, line in enumerate(content.split("\n"), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        ident = fields[0].strip()
        kind, number = ident[:1], ident[1:]
        if kind == "T" and number.isdigit():
            span = _span_line(fields)
            if span is None:
                problems.append(_problem(name, n, "error", f"malformed span line: {clip(line, 60)!r}"))
                after_span = False
                continue
            spans[ident] = dict(span, line=n)
            after_span = True
        elif kind == "E" and number.isdigit():
            event = _event_line(fields)
            if event is None:
                problems.append(_problem(name, n, "error", f"malformed event line: {clip(line, 60)!r}"))
            else:
                events.append(dict(event, id=ident, line=n))
            after_span = False
        elif kind in "#ARMN*" and (number.isdigit() or kind in "#*"):
            after_span = False
        elif after_span:
            continue  # the previous span's text went on over a line break
        else:
            problems.append(_problem(name, n, "error", f"unrecognised line: {clip(line, 60)!r}"))
    return spans, events, problems


def _span_line(fields: list[str]) -> dict | None:
    """Return type, segments and text of a span line's fields, None when malformed."""
    if len(fields) < 2:
        return None
    head = fields[1].split(" ", 1)
    if len(head) != 2:
        return None
    segments = []
    for part in head[1].split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            return None
        s, e = int(bits[0]), int(bits[1])
        if e < s:
            return None
        segments.append((s, e))
    return {"type": head[0], "segments": segments, "text": fields[2] if len(fields) > 2 else ""}


def _event_line(fields: list[str]) -> dict | None:
    """Return type and role arguments of an event line's fields, None when malformed."""
    if len(fields) < 2 or not fields[1].strip():
        return None
    parts = fields[1].split()
    if any(p.count(":") != 1 for p in parts):
        return None
    etype = parts[0].split(":")[0]
    args: dict[str, list[str]] = {}
    for p in parts[1:]:
        role, ref = p.split(":")
        args.setdefault(re.sub(r"\d+\Z", "", role), []).append(ref)
    return {"type": etype, "args": args}


def _problem(file: str, line: int | None, severity: str, problem: str) -> dict:
    return {"file": file, "line": line, "severity": severity, "problem": problem}


# ---------------------------------------------------------------- kind and speech
def quoted_share(raw: str, segments: Sequence[Span]) -> tuple[int, int]:
    """Return (letters and digits inside quotation marks, all letters and digits) of a (multi-piece) span.

    The marks are followed from the first piece to the last, through the gaps between pieces (the attribution
    that splits a quotation, `,\u201d he said, \u201c`), so a quotation opened in one piece goes on in the next.
    """
    pieces = merge_spans(segments)
    if not pieces:
        return 0, 0
    inside_total, total = 0, 0
    inside, single = _opens_before(raw, pieces[0][0]), False
    k, i, end = 0, pieces[0][0], pieces[-1][1]
    while i < end:
        while k < len(pieces) and i >= pieces[k][1]:
            k += 1
        counted = pieces[k][0] <= i < pieces[k][1]
        ch, two = raw[i], raw[i:i + 2]
        if two in ("''", "``"):
            inside = (two == "``") or not inside
            i += 2
            continue
        if ch in OPEN_DOUBLE:
            inside = True
        elif ch in CLOSE_DOUBLE:
            inside, single = False, False
        elif ch == '"':
            inside = not inside
        elif ch == "\u2018" and not inside:
            single = True
        elif ch == "\u2019" and single and not (i + 1 < len(raw) and raw[i + 1].isalpha()):
            single = False
        elif ch.isalnum() and counted:
            total += 1
            inside_total += inside or single
        i += 1
    return inside_total, total


def _opens_before(raw: str, s: int) -> bool:
    """Whether an opening quotation mark stands just before offset s (the content leaves its mark out)."""
    j = s
    while j > 0 and raw[j - 1] in " \t":
        j -= 1
    if j >= 2 and raw[j - 2:j] == "``":
        return True
    if j >= 2 and raw[j - 2:j] == "''":
        return j == 2 or raw[j - 3].isspace() or raw[j - 3] in "([\u2014-"
    if j >= 1:
        ch = raw[j - 1]
        if ch in OPEN_DOUBLE:
            return True
        if ch == '"':
            return j == 1 or not raw[j - 2].isalnum() and raw[j - 2] not in ".,!?;:"
    return False


def quote_kind(raw: str, segments: Sequence[Span]) -> str:
    """Return `direct`, `mixed` or `indirect`: whether quotation marks cover all, part or none of a content."""
    inside, total = quoted_share(raw, segments)
    if inside and inside == total:
        return "direct"
    return "mixed" if inside else "indirect"


@functools.cache
def cue_forms(path: str | None = None) -> dict[str, str]:
    """Return form -> lemma of a cue lexicon file (default: the frozen `data/benchmark_speech_cues.csv`)."""
    if path is None:
        path = str(paths.DATA_DIR / "benchmark_speech_cues.csv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")))
    if not rows or "forms" not in rows[0] or "lemma" not in rows[0]:
        raise BenchmarkError(f"cue lexicon {path} has no 'lemma' and 'forms' columns")
    out: dict[str, str] = {}
    for row in rows:
        for form in row["forms"].split("|"):
            out.setdefault(form.strip().lower(), row["lemma"])
    return out


def cue_lemma(cue: str, forms: dict[str, str]) -> str:
    """Return the lexicon lemma of the first cue word that is a known form ('' when none is)."""
    for word in re.findall(r"[a-z]+(?:'[a-z]+)?", cue.lower().replace("\u2019", "'")):
        if word in forms:
            return forms[word]
    return ""


def speech_reason(kind: str, lemma: str) -> str:
    """Return why an attribution is speech ("quotation marks" / "speech cue") or "not speech"."""
    if kind in ("direct", "mixed"):
        return "quotation marks"
    return "speech cue" if lemma else "not speech"


# ---------------------------------------------------------------- sources
@functools.cache
def _titles() -> frozenset[str]:
    from .quotes.lexicon import read_data_rows

    titles = {r["title"].strip().lower().rstrip(".") for r in read_data_rows("titles.csv")}
    return frozenset(titles | {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "gen", "col", "sgt", "rev", "st"})


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s,;:()\[\]\u201c\u201d\"\u2014\u2013]+|[,;:()\[\]\u201c\u201d\"\u2014\u2013]", text)


def _capitalised(w: str) -> bool:
    return w[:1].isupper()


PREPOSITIONS = frozenset("in of for at from with on to by about".split())
CONNECTORS = frozenset("of for and de van von al bin".split())
DETERMINERS = frozenset("the a an".split())


def source_name(source: str, article: str = "") -> tuple[str, str]:
    """Return (name, kind) of a source span's text: kind `named`, `pronoun`, `description` or `none`."""
    if not source.strip():
        return "", "none"
    words = _words(source)
    first: list[str] = []
    rest: list[str] = []
    for k, w in enumerate(words):
        if w in {",", "(", "\u2014", "\u2013", ";", ":", "["} or w.lower() in CUT_WORDS:
            rest = words[k + 1:] if w == "," else []
            break
        if w.lower() in PREPOSITIONS and w.islower() and first and (
                not _capitalised(first[-1]) or (len(first) == 1 and first[0].lower().rstrip(".") not in _titles())):
            break  # "a spokesman for X", "Authorities in X": the head comes before the preposition
        first.append(w)
    first = [re.sub(r"['\u2019]s?\Z", "", w) for w in first if w not in {"\u201c", "\u201d", '"'}]
    first = [w for w in first if w]
    if not first:
        return "", "description"
    if len(first) == 1 and first[0].lower() in PRONOUNS:
        return "", "pronoun"
    if _capitalised(first[-1]) and first[-1].lower() not in PRONOUNS:
        run = _name_run(first, from_end=True)
        if len(run) == 1 and len(first) == 1 and not _capitalised_mid_sentence(run[0], article):
            return "", "description"
        if run:
            return " ".join(run), "named"
    if rest and _capitalised(rest[0]) and rest[0].lower() not in DETERMINERS:
        run = _name_run(rest, from_end=False)
        if run:
            return " ".join(run), "named"
    return "", "description"


def _name_run(words: list[str], *, from_end: bool) -> list[str]:
    """Return the run of capitalised words (joined by of/for/de...) at the end (or start) of words, titles cut."""
    seq = list(reversed(words)) if from_end else list(words)
    run: list[str] = []
    for w in seq:
        if _capitalised(w) and w.lower() not in DETERMINERS:
            run.append(w)
        elif w in CONNECTORS and run:
            run.append(w)
        else:
            break
    if from_end:
        run.reverse()
    if "of" in run:  # "Rep. Lee Zeldin of New York": a person's place, not part of the name ("University of Texas")
        k = len(run) - 1 - run[::-1].index("of")
        before = [w.lower().rstrip(".") for w in run[:k]]
        names = [w for w in before if w not in _titles()]
        if names and len(names) < len(before) or len(names) >= 2 and _first_name(run[0]):
            run = run[:k]
    while run and (run[0] in CONNECTORS or (len(run) > 1 and run[0].lower().rstrip(".") in _titles())):
        run.pop(0)
    while run and run[-1] in CONNECTORS:
        run.pop()
    return run


def _first_name(word: str) -> bool:
    from . import resources

    return word in resources.first_names()


def _capitalised_mid_sentence(word: str, article: str) -> bool:
    """Whether the article writes the word capitalised after a lower-case word or a comma (a name, not a noun)."""
    return bool(re.search(r"[a-z,] " + re.escape(word) + r"\b", article))


def _name_words(name: str) -> list[str]:
    from .evaluate import norm

    words = norm(name).split()
    while len(words) > 1 and words[0].rstrip(".") in _titles():
        words.pop(0)
    return words


def same_speaker(predicted: str, gold_name: str) -> bool:
    """Whether a predicted speaker names a gold source name: same last word, and the words before it agree."""
    p, g = _name_words(predicted), _name_words(gold_name)
    if not p or not g or p[-1] != g[-1]:
        return False
    before_p, before_g = set(p[:-1]), set(g[:-1])
    return not before_p or not before_g or bool(before_p & before_g)


# ---------------------------------------------------------------- reading a split
def split_dir(root: str | Path, split: str) -> Path:
    """Return the folder of one split of a PolNeAR copy, refusing unknown splits and folders of another split."""
    if split not in SPLITS:
        raise BenchmarkError(f"unknown PolNeAR split {split!r}: the splits are {', '.join(SPLITS)}")
    root = Path(root)
    if not root.exists():
        raise BenchmarkError(f"PolNeAR folder not found: {root}")
    if root.name in SPLITS or root.name in ("annotator-training", "parc3-replication"):
        if root.name != split:
            raise BenchmarkError(f"{root} is PolNeAR's {root.name!r} split but --split {split} was asked: "
                                 f"refusing to read another split")
        folder = root
    else:
        candidates = [root / "data" / split, root / split]
        folder = next((c for c in candidates if c.is_dir()), None)
        if folder is None:
            raise BenchmarkError(f"no {split!r} split under {root} (looked for data/{split} and {split})")
    missing = [sub for sub in ("text", "attributions") if not (folder / sub).is_dir()]
    if missing:
        raise BenchmarkError(f"{folder} has no {' or '.join(missing)} folder: not a PolNeAR split")
    return folder


def read_metadata(folder: Path) -> dict[str, dict]:
    """Return article -> metadata row from the metadata.tsv beside the split folder ({} when absent)."""
    for path in (folder.parent / "metadata.tsv", folder / "metadata.tsv"):
        if path.is_file():
            with open(path, encoding="utf-8", newline="") as f:
                return {r["filename"]: r for r in csv.DictReader(f, delimiter="\t") if r.get("filename")}
    return {}


def read_polnear(root: str | Path, *, split: str = "train", limit: int | None = None,
                 cues: str | None = None) -> PolnearData:
    """Read one split of PolNeAR into the texts, attributions and problems tables (only that split's folder)."""
    folder = split_dir(root, split)
    meta = read_metadata(folder)
    problems: list[dict] = []
    texts = {p.stem: p for p in sorted((folder / "text").glob("*.txt"))}
    anns: dict[str, list[tuple[str, Path]]] = {}
    for p in sorted((folder / "attributions").glob("*.ann")):
        if p.stem in texts:
            anns.setdefault(p.stem, []).append(("", p))
            continue
        m = ANN_NAME.match(p.stem)
        if m and m["article"] in texts:
            anns.setdefault(m["article"], []).append((m["annotator"], p))
        else:
            problems.append(_problem(p.name, None, "error", "no text file for this annotation: not scored"))
    if not texts:
        raise BenchmarkError(f"no .txt files in {folder / 'text'}")
    articles = [a for a in texts if a in anns]
    for a in texts:
        if a not in anns:
            problems.append(_problem(texts[a].name, None, "error", "text without an annotation file: not scored"))
    refused = [a for a in articles if meta and a in meta and meta[a].get("compartment") not in (None, split)]
    for a in refused:
        problems.append(_problem(texts[a].name, None, "error",
                                 f"metadata.tsv lists it in the {meta[a]['compartment']!r} split: refused"))
    if refused:
        print(f"warning: {len(refused)} file(s) of another split found in {folder}: refused", file=sys.stderr)
    articles = [a for a in articles if a not in refused]
    if meta:
        for a in articles:
            if a not in meta:
                problems.append(_problem(texts[a].name, None, "note", "not listed in metadata.tsv"))
    if limit is not None:
        articles = articles[:max(0, limit)]
    forms = cue_forms(cues)
    text_rows, att_rows, set_aside = [], [], []
    for a in articles:
        chosen, others = _choose_annotation(anns[a], meta.get(a, {}).get("annotators", ""))
        set_aside += [p.name for _, p in others]
        for _, p in others:
            problems.append(_problem(p.name, None, "note", f"other annotation of an agreement-study article "
                                                           f"(scored: {chosen[1].name}): set aside"))
        raw = texts[a].read_text(encoding="utf-8")
        doc_id = f"{a}.txt"
        rows, probs = attributions_of(raw, chosen[1].read_text(encoding="utf-8"), doc_id=doc_id,
                                      name=chosen[1].name, forms=forms)
        problems += probs
        if any(pr["severity"] == "error" and pr["line"] is None for pr in probs):
            continue  # the annotation does not match its text
        att_rows += rows
        text_rows.append([doc_id, a, chosen[0], len(anns[a]), len(rows), raw])
    return PolnearData(split=split, texts=pd.DataFrame(text_rows, columns=TEXT_COLUMNS),
                       attributions=pd.DataFrame(att_rows, columns=ATTRIBUTION_COLUMNS),
                       problems=pd.DataFrame(problems, columns=PROBLEM_COLUMNS), set_aside=set_aside)


def _choose_annotation(files: list[tuple[str, Path]], listed: str) -> tuple[tuple[str, Path], list[tuple[str, Path]]]:
    """Return the annotation scored (first annotator listed in the metadata, else first file) and the others."""
    order = [x for x in listed.split("|") if x]
    ranked = sorted(files, key=lambda f: (order.index(f[0]) if f[0] in order else len(order), f[1].name))
    return ranked[0], ranked[1:]


def attributions_of(raw: str, ann: str, *, doc_id: str, name: str = "",
                    forms: dict[str, str] | None = None) -> tuple[list[list], list[dict]]:
    """Return (attribution rows, problems) of one article's text and .ann content."""
    forms = cue_forms(None) if forms is None else forms
    spans, events, problems = parse_ann(ann, name=name)
    bad, n_spans = 0, len(spans)
    for sid, sp in list(spans.items()):
        if any(e > len(raw) for _, e in sp["segments"]):
            problems.append(_problem(name, sp["line"], "error", f"span {sid} ends beyond the text "
                                                                f"({len(raw)} characters): skipped"))
            del spans[sid]
            bad += 1
            continue
        written = sp["text"]
        actual = " ".join(raw[s:e] for s, e in sp["segments"])
        if written and not actual.startswith(written) and " ".join(actual.split()) != " ".join(written.split()):
            problems.append(_problem(name, sp["line"], "error", f"span {sid} text differs from the text file"))
            bad += 1
    if n_spans and bad > n_spans / 2:
        problems.append(_problem(name, None, "error", f"{bad} of {n_spans} spans do not match the text file: "
                                                      "annotation and text do not belong together, not scored"))
        return [], problems
    rows = []
    for ev in events:
        if ev["type"] not in ATTRIBUTION_TYPES:
            continue
        parts: dict[str, list[Span]] = {r: [] for r in ROLES}
        missing = [ref for refs in ev["args"].values() for ref in refs if ref not in spans]
        if missing:
            problems.append(_problem(name, ev["line"], "error", f"event {ev['id']} refers to unknown span(s) "
                                                                f"{', '.join(missing)}"))
        for role, refs in ev["args"].items():
            if role in parts:
                for ref in refs:
                    if ref in spans:
                        parts[role] += spans[ref]["segments"]
        content = merge_spans(parts["Content"])
        if not content:
            problems.append(_problem(name, ev["line"], "note", f"event {ev['id']} has no content: not a statement"))
            continue
        source = merge_spans(parts["Source"])
        cue = merge_spans(parts["Cue"])
        kind = quote_kind(raw, content)
        source_text = " ".join(raw[s:e] for s, e in source)
        cue_text = " ".join(raw[s:e] for s, e in cue)
        lemma = cue_lemma(cue_text, forms)
        reason = speech_reason(kind, lemma)
        sname, skind = source_name(source_text, raw) if source else ("", "none")
        rows.append([doc_id, ev["id"], ev["type"], spans_text(source), source_text, spans_text(cue), cue_text,
                     spans_text(content), content[0][0], content[-1][1], " \u2026 ".join(raw[s:e] for s, e in content),
                     _frame(source, cue, content), kind, reason != "not speech", reason, lemma, skind, sname])
    return rows, problems


def _frame(source: list[Span], cue: list[Span], content: list[Span]) -> str:
    """Return the order of an attribution's parts: S (source), C (cue), Q (content), by their first offsets."""
    parts = [(sp[0][0], letter) for sp, letter in ((source, "S"), (cue, "C"), (content, "Q")) if sp]
    return " ".join(letter for _, letter in sorted(parts))


# ---------------------------------------------------------------- predicted statements
STATEMENT_COLUMNS = ["doc_id", "statement", "quote_ids", "spans", "start", "end", "kind", "speaker", "speaker_mention",
                     "cue", "rule", "n_rows", "content"]


def predicted_statements(quotes: pd.DataFrame, raw: str) -> pd.DataFrame:
    """Group one document's quote rows into statements (see the module docstring) with their spans."""
    if quotes is None or len(quotes) == 0:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    q = quotes.copy()
    q["start"] = pd.to_numeric(q["start"]).astype(int)
    q["end"] = pd.to_numeric(q["end"]).astype(int)
    q = q.sort_values(["start", "end"], kind="stable")
    groups: list[list[dict]] = []
    use_ids = "statement_id" in q.columns
    by_id: dict[str, list[dict]] = {}
    for r in q.to_dict("records"):
        if use_ids:  # rows sharing a statement_id are one statement; a row without one is a statement of its own
            key = _s(r.get("statement_id"))
            if key and key in by_id:
                by_id[key].append(r)
            else:
                groups.append([r])
                if key:
                    by_id[key] = groups[-1]
        elif groups and _same_statement(groups[-1][-1], r, raw):
            groups[-1].append(r)
        else:
            groups.append([r])
    rows = []
    for k, g in enumerate(groups):
        spans = merge_spans((r["start"], r["end"]) for r in g)
        kinds = {_s(r.get("kind")).lower() for r in g}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        first = g[0]
        rules = list(dict.fromkeys(_s(r.get("rule")) for r in g if _s(r.get("rule"))))
        cue = next((_s(r.get("cue")) for r in g if _s(r.get("cue"))), "")
        rows.append([_s(first.get("doc_id")), k, "|".join(_s(r.get("quote_id")) for r in g), spans_text(spans),
                     spans[0][0], spans[-1][1], kind, _s(first.get("speaker")), _s(first.get("speaker_mention")),
                     cue, "|".join(rules), len(g), " \u2026 ".join(raw[s:e] for s, e in spans)])
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def _s(v: object) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return ""
    return str(v)


def _same_statement(prev: dict, row: dict, raw: str) -> bool:
    """Whether a quote row continues the previous row's statement (the fallback grouping without statement_id)."""
    from .evaluate import norm

    if _s(prev.get("paragraph_id")) != _s(row.get("paragraph_id")) or row["start"] < prev["end"]:
        return False
    key = lambda r: norm(_s(r.get("speaker")) or _s(r.get("speaker_mention")))  # noqa: E731
    if not key(prev) or key(prev) != key(row):
        return False
    gap = raw[prev["end"]:row["start"]]
    if not any(ch.isalnum() for ch in gap):
        return True
    cue_prev, cue_row = _s(prev.get("cue")).lower(), _s(row.get("cue")).lower()
    if len(gap) > MAX_GAP or not cue_prev or cue_row not in ("", cue_prev):
        return False
    # the gap is the attribution of both pieces: it holds their one cue, once
    return len(re.findall(r"(?<![a-z])" + re.escape(cue_prev) + r"(?![a-z])", gap.lower())) == 1


# ---------------------------------------------------------------- scoring
ERROR_COLUMNS = ["doc_id", "cause", "detail", "construction", "attribution_id", "gold_kind", "gold_frame", "gold_cue", "gold_cue_lemma",
                 "gold_source", "gold_source_kind", "gold_source_name", "gold_spans", "gold_content", "statement",
                 "pred_kind", "pred_speaker", "pred_speaker_mention", "pred_cue", "pred_rule", "pred_spans",
                 "pred_content", "context"]
COUNTED_CAUSES = ("missed", "boundary (overlap below 50%)", "spurious", "extra piece of a found statement",
                  "wrong speaker")


@dataclass
class PolnearResult:
    """Scores and tables of one PolNeAR evaluation."""

    metrics: dict
    data: PolnearData
    statements: pd.DataFrame  # predicted statements
    matches: pd.DataFrame  # one row per speech attribution: found or not, speaker and kind checks
    errors: pd.DataFrame
    quotes: pd.DataFrame  # the pipeline's quote rows


def score_document(atts: pd.DataFrame, statements: pd.DataFrame, raw: str) -> tuple[list[dict], list[dict], Counter]:
    """Return (match rows, error rows, counts) of one document."""
    gold = [r for r in atts.to_dict("records") if r["is_speech"]]
    other = [parse_spans(r["content_spans"]) for r in atts.to_dict("records") if not r["is_speech"]]
    preds = statements.to_dict("records")
    g_spans = [parse_spans(g["content_spans"]) for g in gold]
    p_spans = [parse_spans(p["spans"]) for p in preds]
    used: dict[int, int] = {}
    pairs: dict[int, int] = {}
    for gi in sorted(range(len(gold)), key=lambda i: gold[i]["content_start"]):
        best, bi = 0, None
        for pi in range(len(preds)):
            if pi in used:
                continue
            o = spans_overlap(g_spans[gi], p_spans[pi])
            if o > best and half_of_shorter(g_spans[gi], p_spans[pi]):
                best, bi = o, pi
        if bi is not None:
            used[bi] = gi
            pairs[gi] = bi
    c: Counter = Counter(gold=len(gold), pred=len(preds), tp=len(pairs))
    matches, errors = [], []
    ctx = lambda s, e: clip(raw[max(0, s - 100):e + 60], 400)  # noqa: E731
    for gi, g in enumerate(gold):
        pi = pairs.get(gi)
        p = preds[pi] if pi is not None else None
        row = {"doc_id": g["doc_id"], "attribution_id": g["attribution_id"], "kind": g["kind"], "frame": g["frame"],
               "cue_lemma": g["cue_lemma"], "source_kind": g["source_kind"], "source_name": g["source_name"],
               "found": p is not None, "statement": p["statement"] if p else None,
               "pred_kind": p["kind"] if p else None, "kind_ok": (p["kind"] == g["kind"]) if p else None,
               "speaker_ok": None, "jaccard": None}
        c[f"gold_{g['kind']}"] += 1
        if p is not None:
            c[f"tp_{g['kind']}"] += 1
            c["kind_ok"] += p["kind"] == g["kind"]
            o = spans_overlap(g_spans[gi], p_spans[pi])
            row["jaccard"] = round(o / (span_length(g_spans[gi]) + span_length(p_spans[pi]) - o), 3)
            if g["source_kind"] == "named":
                ok = same_speaker(p["speaker"] or p["speaker_mention"], g["source_name"])
                row["speaker_ok"] = ok
                c["named"] += 1
                c["named_ok"] += ok
                if not ok:
                    detail = "speaker unnamed in the prediction" if not p["speaker"] else "another name"
                    errors.append(_error(g, p, "wrong speaker", detail, ctx))
            if p["kind"] != g["kind"]:
                errors.append(_error(g, p, "wrong kind", f"{g['kind']} predicted as {p['kind']}", ctx))
            if row["jaccard"] < 0.8:
                errors.append(_error(g, p, "loose boundary (matched)", f"jaccard {row['jaccard']}", ctx))
        matches.append(row)
    for pi, p in enumerate(preds):
        if pi in used:
            continue
        best_gold, gi_best = 0, None
        for gi in range(len(gold)):
            o = spans_overlap(g_spans[gi], p_spans[pi])
            if o > best_gold:
                best_gold, gi_best = o, gi
        best_other = max((spans_overlap(o_sp, p_spans[pi]) for o_sp in other), default=0)
        if best_other > best_gold:
            c["ignored"] += 1
            errors.append(_error(None, p, "ignored (non-speech attribution)", "", ctx))
        elif gi_best is not None and gi_best not in pairs:
            c["fp"] += 1
            errors.append(_error(gold[gi_best], p, "boundary (overlap below 50%)", "", ctx,
                                 construction(gold[gi_best], raw)))
        elif gi_best is not None:
            c["fp"] += 1
            errors.append(_error(gold[gi_best], p, "extra piece of a found statement", "", ctx))
        else:
            c["fp"] += 1
            errors.append(_error(None, p, "spurious", _spurious_detail(p), ctx))
    boundary_golds = {e["attribution_id"] for e in errors if e["cause"] == "boundary (overlap below 50%)"}
    for gi, g in enumerate(gold):
        if gi not in pairs and g["attribution_id"] not in boundary_golds:
            errors.append(_error(g, None, "missed", _missed_detail(g), ctx, construction(g, raw)))
    return matches, errors, c


def _spurious_detail(p: dict) -> str:
    return "unattributed" if not (p["speaker"] or p["speaker_mention"]) else ""


QUANTITY_SOURCE = re.compile(r"\b(?:percent|half|third|quarter|majority|most|many|some|few|number|plurality|share|"
                             r"respondents|all|both|none|each)\b|%|^\s*\d", re.I)
REQUEST_LEMMAS = frozenset("ask call urge promise propose demand vow suggest".split())
CONSTRUCTIONS = (
    "two-apostrophe quotation marks ('')", "headline (first paragraph)", "cue outside the lexicon",
    "no source (agentless, passive)", "quantity or poll source (N percent, most, some)",
    "question, request or proposal cue (ask, call for, urge, promise, suggest)",
    "noun-phrase content, no clause (claimed victory)", "unquoted clause before the attribution (..., X said)",
    "quotation before the attribution", "words between cue and content (said in a statement that)",
    "description, group or relative-pronoun source", "pronoun source", "named source, cue then content",
)


def construction(g: dict, raw: str) -> str:
    """Return the construction of a missed speech attribution: the first of `CONSTRUCTIONS` its gold shows.

    A diagnostic read off the gold annotation (marks, position, cue lemma, source words, POS tags of the content),
    to group misses for rule work; it is not part of the score.
    """
    from . import text as text_mod

    content, cue = parse_spans(g["content_spans"]), parse_spans(g["cue_spans"])
    first_break = raw.find("\n\n")
    if "''" in raw[max(0, content[0][0] - 3):content[-1][1] + 3]:
        return CONSTRUCTIONS[0]
    if first_break == -1 or content[0][0] < first_break:
        return CONSTRUCTIONS[1]
    if not g["cue_lemma"]:
        return CONSTRUCTIONS[2]
    if g["source_kind"] == "none":
        return CONSTRUCTIONS[3]
    if QUANTITY_SOURCE.search(g["source_text"] or ""):
        return CONSTRUCTIONS[4]
    if g["cue_lemma"] in REQUEST_LEMMAS:
        return CONSTRUCTIONS[5]
    if g["kind"] == "indirect":
        piece = raw[content[0][0]:content[-1][1]]
        words = [piece[a:b] for a, b in text_mod.tokenize_spans(piece)][:60]
        if words and not any(t in ("VBD", "VBZ", "VBP", "MD") for t in text_mod.pos_tags(words)):
            return CONSTRUCTIONS[6]
    if g["frame"].startswith("Q"):
        return CONSTRUCTIONS[7] if g["kind"] == "indirect" else CONSTRUCTIONS[8]
    if cue and cue[-1][1] < content[0][0] and re.search(r"[A-Za-z]{2,}",
                                                         re.sub(r"\bthat\b", "", raw[cue[-1][1]:content[0][0]])):
        return CONSTRUCTIONS[9]
    return {"description": CONSTRUCTIONS[10], "pronoun": CONSTRUCTIONS[11]}.get(g["source_kind"], CONSTRUCTIONS[12])


def _missed_detail(g: dict) -> str:
    cue = g["cue_lemma"] or "(no lexicon cue)"
    return f"{g['kind']}, cue {cue}, frame {g['frame']}, source {g['source_kind']}"


def _error(g: dict | None, p: dict | None, cause: str, detail: str, ctx, construction: str = "") -> dict:
    s = g["content_start"] if g else p["start"]
    e = g["content_end"] if g else p["end"]
    return {"doc_id": (g or p)["doc_id"], "cause": cause, "detail": detail, "construction": construction,
            "attribution_id": g["attribution_id"] if g else None, "gold_kind": g["kind"] if g else None,
            "gold_frame": g["frame"] if g else None, "gold_cue": g["cue_text"] if g else None,
            "gold_cue_lemma": g["cue_lemma"] if g else None, "gold_source": g["source_text"] if g else None,
            "gold_source_kind": g["source_kind"] if g else None, "gold_source_name": g["source_name"] if g else None,
            "gold_spans": g["content_spans"] if g else None, "gold_content": clip(g["content_text"], 300) if g else None,
            "statement": p["statement"] if p else None, "pred_kind": p["kind"] if p else None,
            "pred_speaker": p["speaker"] if p else None, "pred_speaker_mention": p["speaker_mention"] if p else None,
            "pred_cue": p["cue"] if p else None, "pred_rule": p["rule"] if p else None,
            "pred_spans": p["spans"] if p else None, "pred_content": clip(p["content"], 300) if p else None,
            "context": ctx(s, e)}


def score(data: PolnearData, quotes: pd.DataFrame) -> PolnearResult:
    """Score a quotes table (the pipeline's, for the texts of `data`) against the speech attributions."""
    by_doc_q = {k: v for k, v in quotes.groupby("doc_id", sort=False)} if len(quotes) else {}
    by_doc_a = {k: v for k, v in data.attributions.groupby("doc_id", sort=False)} if len(data.attributions) else {}
    total: Counter = Counter()
    all_matches, all_errors, all_statements = [], [], []
    empty_atts = pd.DataFrame(columns=ATTRIBUTION_COLUMNS)
    for doc_id, raw in zip(data.texts["doc_id"], data.texts["text"]):
        st = predicted_statements(by_doc_q.get(doc_id), raw)
        st["doc_id"] = doc_id
        m, e, c = score_document(by_doc_a.get(doc_id, empty_atts), st, raw)
        all_statements.append(st)
        all_matches += m
        all_errors += e
        total += c
    statements = pd.concat(all_statements, ignore_index=True) if all_statements else pd.DataFrame(columns=STATEMENT_COLUMNS)
    matches = pd.DataFrame(all_matches)
    errors = pd.DataFrame(all_errors, columns=ERROR_COLUMNS)
    return PolnearResult(metrics=metrics(data, total, statements, errors), data=data, statements=statements,
                         matches=matches, errors=errors, quotes=quotes)


def metrics(data: PolnearData, c: Counter, statements: pd.DataFrame, errors: pd.DataFrame) -> dict:
    """Return the figures of an evaluation from its counts and tables."""
    n_scored_pred = c["pred"] - c["ignored"]
    p, r, f = prf(c["tp"], n_scored_pred, c["tp"], c["gold"])
    atts = data.attributions
    out = {
        "split": data.split, "docs": len(data.texts), "attributions": len(atts),
        "speech": int(atts["is_speech"].sum()) if len(atts) else 0,
        "speech_by_reason": atts["speech_reason"].value_counts().to_dict() if len(atts) else {},
        "gold_by_kind": {k: c[f"gold_{k}"] for k in KINDS},
        "predicted_statements": c["pred"], "ignored": c["ignored"], "tp": c["tp"],
        "fp": n_scored_pred - c["tp"], "fn": c["gold"] - c["tp"],
        "precision": p, "recall": r, "f1": f,
        "recall_by_kind": {k: (c[f"tp_{k}"] / c[f"gold_{k}"] if c[f"gold_{k}"] else 0.0) for k in KINDS},
        "recall_quoted": prf(0, 0, c["tp_direct"] + c["tp_mixed"], c["gold_direct"] + c["gold_mixed"])[1],
        "named_sources": c["named"], "speaker_acc_named": c["named_ok"] / c["named"] if c["named"] else 0.0,
        "kind_acc": c["kind_ok"] / c["tp"] if c["tp"] else 0.0,
        "errors_by_cause": errors["cause"].value_counts().to_dict() if len(errors) else {},
        "set_aside_annotations": len(data.set_aside),
        "problems": int((data.problems["severity"] == "error").sum()) if len(data.problems) else 0,
    }
    if len(statements) and (statements["rule"] != "").any():
        out["by_rule"] = by_rule(statements, errors).to_dict("index")
    return out


def by_rule(statements: pd.DataFrame, errors: pd.DataFrame) -> pd.DataFrame:
    """Return per predicted `rule`: statements, errors by cause and precision (rule '' = no rule given)."""
    rules = statements.assign(rule=statements["rule"].replace("", "(none)"))
    table = rules.groupby("rule").size().rename("statements").to_frame()
    if len(errors):
        e = errors[errors["statement"].notna()].merge(
            rules[["doc_id", "statement", "rule"]], on=["doc_id", "statement"], how="left")
        table = table.join(pd.crosstab(e["rule"], e["cause"]), how="left").fillna(0).astype(int)
    wrong = sum(table[c] for c in ("spurious", "boundary (overlap below 50%)", "extra piece of a found statement")
                if c in table)
    ignored = table["ignored (non-speech attribution)"] if "ignored (non-speech attribution)" in table else 0
    scored = table["statements"] - ignored
    table["precision"] = ((scored - wrong) / scored.where(scored > 0)).round(3)
    return table.sort_values("statements", ascending=False)


# ---------------------------------------------------------------- running and reporting
def evaluate(root: str | Path, *, split: str = "train", limit: int | None = None, jobs: int = 1,
             cues: str | None = None) -> PolnearResult:
    """Read one PolNeAR split, run the pipeline on its texts and score its quotes."""
    data = read_polnear(root, split=split, limit=limit, cues=cues)
    quote_tables = []
    for doc_id, tables in analyse_texts(zip(data.texts["doc_id"], data.texts["text"]), jobs=jobs):
        quote_tables.append(tables["quotes"])
    quotes = pd.concat(quote_tables, ignore_index=True) if quote_tables else pd.DataFrame(columns=["doc_id"])
    return score(data, quotes)


def report_lines(result: PolnearResult, *, examples: int = 2) -> list[str]:
    """Return a readable report of an evaluation."""
    m = result.metrics
    f = lambda x: f"{x:.3f}"  # noqa: E731
    reasons = ", ".join(f"{v} {k}" for k, v in m["speech_by_reason"].items())
    lines = [
        f"PolNeAR {m['split']}: {m['docs']} articles, {m['attributions']} attributions, {m['speech']} speech "
        f"({reasons}); {m['set_aside_annotations']} extra annotations of agreement-study articles set aside"
        + (f"; {m['problems']} file problems (see problems.csv)" if m["problems"] else ""),
        f"speech statements: P/R/F1 = {f(m['precision'])}/{f(m['recall'])}/{f(m['f1'])} "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']}; {m['predicted_statements']} predicted statements, "
        f"{m['ignored']} on non-speech attributions ignored)",
        "recall by kind: " + ", ".join(f"{k} {f(m['recall_by_kind'][k])} (n={m['gold_by_kind'][k]})" for k in KINDS)
        + f"; on attributions with quotation marks (direct and mixed): {f(m['recall_quoted'])}",
        f"speaker accuracy on named sources: {f(m['speaker_acc_named'])} (n={m['named_sources']}); "
        f"kind accuracy on found statements: {f(m['kind_acc'])}",
        "errors by cause:",
    ]
    errors = result.errors
    for cause, n in m["errors_by_cause"].items():
        lines.append(f"  {n:6d}  {cause}")
        for ex in errors[errors["cause"] == cause].head(examples).to_dict("records"):
            what = _s(ex["gold_content"]) or _s(ex["pred_content"])
            who = f" [gold source: {_s(ex['gold_source']) or '-'}]" if _s(ex["attribution_id"]) else ""
            pred = (f" [predicted: {_s(ex['pred_speaker']) or _s(ex['pred_speaker_mention']) or '-'}]"
                    if _s(ex["statement"]) else "")
            lines.append(f"          e.g. {clip(what, 80)}{who}{pred}")
    missed = errors[errors["cause"] == "missed"]
    if len(missed):
        lines.append("missed speech by cue lemma (top 10): " + ", ".join(
            f"{k or '(none)'} {v}" for k, v in missed["gold_cue_lemma"].fillna("").value_counts().head(10).items()))
        lines.append("missed speech by frame: " + ", ".join(
            f"{k} {v}" for k, v in missed["gold_frame"].value_counts().head(8).items()))
        lines.append("missed speech by construction (a diagnostic read off the gold):")
        lines += [f"  {v:6d}  {k}" for k, v in missed["construction"].value_counts().items()]
        lines.append("missed speech by kind: " + ", ".join(
            f"{k} {v}" for k, v in missed["gold_kind"].value_counts().items()))
    if "by_rule" in m:
        lines.append("by predicted rule (statements, precision):")
        for rule, row in m["by_rule"].items():
            lines.append(f"  {rule}: {row['statements']}, {row['precision']}")
    return lines


def write_result(result: PolnearResult, out_dir: str | Path) -> list[Path]:
    """Write the evaluation's tables (attributions, texts without their text, statements, matches, errors,
    problems, quotes) and metrics.json into out_dir."""
    import json

    out = Path(out_dir)
    paths = write_tables(out, {
        "attributions": result.data.attributions, "texts": result.data.texts.drop(columns="text"),
        "statements": result.statements, "matches": result.matches, "errors": result.errors,
        "problems": result.data.problems, "quotes": result.quotes})
    (out / "metrics.json").write_text(json.dumps(result.metrics, indent=1, default=str), encoding="utf-8")
    return paths + [out / "metrics.json"]


def cli(args) -> int:
    """Run the `--polnear` evaluation of `helpers.evaluate` from parsed arguments; 2 on bad input."""
    try:
        result = evaluate(args.polnear, split=args.split, limit=args.limit, jobs=args.jobs, cues=args.cues)
    except BenchmarkError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(result)))
    if args.out:
        write_result(result, args.out)
        print(f"tables written to {args.out}")
    return 0
