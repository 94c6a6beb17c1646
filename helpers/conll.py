"""CoNLL-2003 as a benchmark of entity mentions: read CoNLL-format files, rebuild readable text with offsets, run
the pipeline and score typed and untyped mentions.

    python -m helpers.evaluate --conll PATH/TO/eng.train [--limit N] [--out DIR] [--jobs N]

Format read: one token per line, columns separated by spaces or tabs, the first column the token and the last the
NER tag (so `token POS chunk NER` as in CoNLL-2003, or just `token NER`); a blank line ends a sentence;
`-DOCSTART-` starts a document (a file without it is one document). Tags are `O`, `B-X`, `I-X` in IOB1 (`I-`
starts a name, `B-` only separates two adjacent names of one type) or IOB2 (every name starts with `B-`), or
IOBES (`S-`, `E-`): all are read the same way. Lines that cannot be read (one column, an unknown tag) give a row
in the `problems` table and their token is kept as `O`.

Text: each document is rebuilt sentence by sentence, one sentence per paragraph (sentences separated by a blank
line, so that headlines, bylines and datelines stay lines of their own); tokens are joined by a space except
before closing punctuation (`, . ; : ! ? ) ] } %` and clitics `'s n't 're 've 'll 'd 'm`), after opening
brackets and `$`, and inside straight double quotes (`" x "` -> `"x"`). Every token keeps its start/end offsets
in that text, and gold names are the spans from their first token's start to their last token's end.

Labels: the pipeline's PERSON -> PER, ORGANIZATION -> ORG, GPE and LOCATION -> LOC, NORP -> MISC; other labels are
not scored (counted as ignored). Scores (P/R/F1), two ways: over PER/ORG/LOC (gold and predicted MISC left out)
and over all four types:

- typed exact: same start, end and type;
- typed lenient: each gold name (in text order) takes the first unused prediction of the same type that overlaps it;
- untyped: the same two without types.

What CoNLL counts differently from the pipeline's conventions (so not all differences are errors of the pipeline):
sports clubs named after their town are ORG (`Swansea 1 Lincoln 2`), while national teams stay LOC (`England`,
`Japan`); seats of power are LOC (`White House`, `Kremlin`) and time zones MISC (`GMT`); nationality and group
adjectives (`German`, `British`, `Iraqi`) are MISC, where the pipeline gives NORP only to some; MISC also
holds events, works, products, languages and competitions (`Euro 96`, `Serie A`) that the pipeline does not type;
datelines in capitals (`BRUSSELS 1996-08-22`) are LOC; titles are outside PER spans (`President Bill Clinton` ->
`Bill Clinton`), like the pipeline's; results tables and sports scores make up a large part of the documents.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .benchmarks import BenchmarkError, analyse_texts, clip, prf, write_tables

LABEL_MAP: dict[str, str] = {"PERSON": "PER", "ORGANIZATION": "ORG", "GPE": "LOC", "LOCATION": "LOC", "NORP": "MISC"}
TYPES_3 = ("PER", "ORG", "LOC")
TYPES_4 = ("PER", "ORG", "LOC", "MISC")
DOCSTART = "-DOCSTART-"
TAG = re.compile(r"(?:O|[BIES]-[A-Za-z]+)\Z")
NO_SPACE_BEFORE = frozenset(", . ; : ! ? ) ] } % 's 're 've 'll 'd 'm n't ' ...".split())
NO_SPACE_AFTER = frozenset("( [ { $".split())
TOKEN_COLUMNS = ["doc_id", "sentence", "token_id", "token", "tag", "start", "end", "line"]
ENTITY_COLUMNS = ["doc_id", "start", "end", "type", "text"]
PROBLEM_COLUMNS = ["line", "problem"]
NONE = "NONE"


@dataclass
class ConllData:
    """A CoNLL file as tables: documents (doc_id, n_sentences, n_tokens, text), tokens, gold entities, problems."""

    path: str
    documents: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    problems: pd.DataFrame
    scheme: str  # IOB1, IOB2, IOBES or "no names"


# ---------------------------------------------------------------- reading
def parse_conll(content: str, *, name: str = "file") -> tuple[list[list[list[tuple[str, str, int]]]], list[dict]]:
    """Return documents (lists of sentences of (token, tag, line number)) and problems of a CoNLL text."""
    docs: list[list[list[tuple[str, str, int]]]] = []
    problems: list[dict] = []
    sentence: list[tuple[str, str, int]] = []
    current: list[list[tuple[str, str, int]]] | None = None

    def end_sentence() -> None:
        nonlocal sentence, current
        if sentence:
            if current is None:
                current = []
                docs.append(current)
            current.append(sentence)
        sentence = []

    saw_docstart = False
    for n, line in enumerate(content.split("\n"), 1):
        fields = line.split()
        if not fields:
            end_sentence()
            continue
        if fields[0] == DOCSTART:
            end_sentence()
            saw_docstart = True
            current = []
            docs.append(current)
            continue
        if len(fields) < 2:
            problems.append({"line": n, "problem": f"{name}: only one column ({clip(line, 40)!r}): token kept as O"})
            sentence.append((fields[0], "O", n))
            continue
        tag = fields[-1]
        if not TAG.match(tag):
            problems.append({"line": n, "problem": f"{name}: unknown tag {tag!r}: token kept as O"})
            tag = "O"
        sentence.append((fields[0], tag.upper() if tag == "o" else tag, n))
    end_sentence()
    empty = sum(1 for d in docs if not d)
    if empty:
        problems.append({"line": None, "problem": f"{name}: {empty} empty document(s) skipped"})
    if docs and not saw_docstart:
        problems.append({"line": None, "problem": f"{name}: no {DOCSTART} line: the file is read as one document"})
    return [d for d in docs if d], problems


def entity_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Return (first token, last token + 1, type) of the names in a tag sequence, IOB1, IOB2 or IOBES."""
    out: list[tuple[int, int, str]] = []
    start, etype = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, t = tag.partition("-")
        continues = prefix in ("I", "E") and etype == t and start is not None
        if start is not None and not continues:
            out.append((start, i, etype))
            start, etype = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
            start, etype = i, t
        if prefix in ("E", "S") and start is not None:
            out.append((start, i + 1, etype))
            start, etype = None, None
    return out


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return one sentence's text and each token's (start, end) in it (see the module docstring for the rules)."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    in_quote = False
    glue_next = True
    for tok in tokens:
        low = tok.lower()
        glue = glue_next or low in NO_SPACE_BEFORE or (tok == '"' and in_quote)
        if tok == '"':
            in_quote = not in_quote
        if not glue:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        glue_next = tok in NO_SPACE_AFTER or (tok == '"' and in_quote)
    return "".join(parts), offsets


def read_conll(path: str | Path, *, limit: int | None = None, separator: str = "\n\n") -> ConllData:
    """Read a CoNLL-format file into documents (rebuilt text), tokens with offsets, gold entities and problems.

    `separator` goes between sentences: a blank line (each sentence a paragraph, the default) or "\n".
    """
    path = Path(path)
    if not path.is_file():
        raise BenchmarkError(f"CoNLL file not found: {path}")
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        content = path.read_text(encoding="latin-1")  # the original CoNLL-2003 files are Latin-1
    docs, problems = parse_conll(content, name=path.name)
    if not docs:
        raise BenchmarkError(f"no tokens in {path}: not a CoNLL file")
    if limit is not None:
        docs = docs[:max(0, limit)]
    doc_rows, tok_rows, ent_rows = [], [], []
    starts = Counter()
    for d, sentences in enumerate(docs, 1):
        doc_id = f"{path.stem}-{d:04d}"
        texts, pos, n_tok = [], 0, 0
        for s, sent in enumerate(sentences):
            words = [t for t, _, _ in sent]
            tags = [g for _, g, _ in sent]
            text, offs = detokenise(words)
            for k, ((tok, tag, line), (a, b)) in enumerate(zip(sent, offs)):
                tok_rows.append([doc_id, s, k, tok, tag, pos + a, pos + b, line])
            for i, j, t in entity_spans(tags):
                a, b = pos + offs[i][0], pos + offs[j - 1][1]
                ent_rows.append([doc_id, a, b, t, text[offs[i][0]:offs[j - 1][1]]])
                starts[tags[i][:1]] += 1
            texts.append(text)
            pos += len(text) + len(separator)
            n_tok += len(sent)
        doc_rows.append([doc_id, len(sentences), n_tok, separator.join(texts) + "\n"])
    scheme = ("IOBES" if starts["S"] or starts["E"] else "IOB1" if starts["I"] > starts["B"] else "IOB2" if starts["B"]
              else "no names")
    return ConllData(path=str(path), documents=pd.DataFrame(doc_rows, columns=["doc_id", "n_sentences", "n_tokens", "text"]),
                     tokens=pd.DataFrame(tok_rows, columns=TOKEN_COLUMNS),
                     entities=pd.DataFrame(ent_rows, columns=ENTITY_COLUMNS),
                     problems=pd.DataFrame(problems, columns=PROBLEM_COLUMNS), scheme=scheme)


# ---------------------------------------------------------------- scoring
def predicted_entities(mentions: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Return the pipeline's mentions mapped to CoNLL types (ENTITY_COLUMNS) and the number left out (other labels)."""
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame(columns=ENTITY_COLUMNS), 0
    labels = mentions["label"].astype(str).str.upper()
    mapped = labels.map(LABEL_MAP)
    keep = mentions[mapped.notna()]
    out = pd.DataFrame({"doc_id": keep["doc_id"].astype(str), "start": pd.to_numeric(keep["start"]).astype(int),
                        "end": pd.to_numeric(keep["end"]).astype(int), "type": mapped[mapped.notna()],
                        "text": keep["text"].astype(str)})
    return out.reset_index(drop=True), int(mapped.isna().sum())


def _by_doc(df: pd.DataFrame, types: tuple[str, ...]) -> dict[str, list[dict]]:
    df = df[df["type"].isin(types)]
    out: dict[str, list[dict]] = {}
    for r in df.sort_values(["doc_id", "start", "end"], kind="stable").to_dict("records"):
        out.setdefault(r["doc_id"], []).append(r)
    return out


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def scores(gold: pd.DataFrame, pred: pd.DataFrame, *, types: tuple[str, ...] = TYPES_3) -> pd.DataFrame:
    """Return P/R/F1 rows (typed exact, typed lenient per type and overall; untyped exact and lenient)."""
    g_docs, p_docs = _by_doc(gold, types), _by_doc(pred, types)
    c: Counter = Counter()
    for doc in set(g_docs) | set(p_docs):
        gs, ps = g_docs.get(doc, []), p_docs.get(doc, [])
        for t in types + ("ALL",):
            gt = [g for g in gs if t in ("ALL", g["type"])]
            pt = [p for p in ps if t in ("ALL", p["type"])]
            c[("gold", t)] += len(gt)
            c[("pred", t)] += len(pt)
            pk = {(p["start"], p["end"], p["type"]) for p in pt}
            c[("exact", t)] += sum((g["start"], g["end"], g["type"]) in pk for g in gt)
            c[("lenient", t)] += len(_lenient(gt, pt, typed=True))
        pk = Counter((p["start"], p["end"]) for p in ps)
        gk = Counter((g["start"], g["end"]) for g in gs)
        c[("exact", "untyped")] += sum((gk & pk).values())
        c[("lenient", "untyped")] += len(_lenient(gs, ps, typed=False))
    rows = []
    for t in types + ("ALL",):
        for how in ("exact", "lenient"):
            p, r, f = prf(c[(how, t)], c[("pred", t)], c[(how, t)], c[("gold", t)])
            rows.append({"type": t, "match": how, "precision": p, "recall": r, "f1": f,
                         "gold": c[("gold", t)], "pred": c[("pred", t)], "tp": c[(how, t)]})
    for how in ("exact", "lenient"):
        p, r, f = prf(c[(how, "untyped")], c[("pred", "ALL")], c[(how, "untyped")], c[("gold", "ALL")])
        rows.append({"type": "untyped", "match": how, "precision": p, "recall": r, "f1": f,
                     "gold": c[("gold", "ALL")], "pred": c[("pred", "ALL")], "tp": c[(how, "untyped")]})
    return pd.DataFrame(rows)


def _lenient(gs: list[dict], ps: list[dict], *, typed: bool) -> list[tuple[int, int]]:
    """Return (gold index, pred index): each gold takes the first unused overlapping prediction (of its type)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gs):
        for pi, p in enumerate(ps):
            if pi not in used and (not typed or p["type"] == g["type"]) and _overlap(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def align(gold: pd.DataFrame, pred: pd.DataFrame, docs: pd.DataFrame | None = None, *,
          types: tuple[str, ...] = TYPES_4) -> pd.DataFrame:
    """Return one row per gold or predicted name with its outcome: `correct`, `wrong type`, `wrong boundary`,
    `wrong type and boundary`, `missed` or `spurious` (gold names in order take the overlapping prediction that
    shares most: same span, then same type, then most characters) and, given the documents, its sentence."""
    g_docs, p_docs = _by_doc(gold, types), _by_doc(pred, types)
    texts = dict(zip(docs["doc_id"], docs["text"])) if docs is not None else {}
    rows = []
    for doc in sorted(set(g_docs) | set(p_docs)):
        gs, ps = g_docs.get(doc, []), p_docs.get(doc, [])
        used: set[int] = set()
        for g in gs:
            best, bi = None, None
            for pi, p in enumerate(ps):
                o = _overlap(g, p)
                if pi in used or not o:
                    continue
                key = ((g["start"], g["end"]) == (p["start"], p["end"]), g["type"] == p["type"], o)
                if best is None or key > best:
                    best, bi = key, pi
            if bi is None:
                rows.append(_row(doc, "missed", g, None, texts))
                continue
            used.add(bi)
            same_span, same_type, _ = best
            cause = ("correct" if same_span and same_type else "wrong boundary" if same_type
                     else "wrong type" if same_span else "wrong type and boundary")
            rows.append(_row(doc, cause, g, ps[bi], texts))
        rows += [_row(doc, "spurious", None, p, texts) for pi, p in enumerate(ps) if pi not in used]
    return pd.DataFrame(rows, columns=["doc_id", "cause", "line_shape", "gold_type", "gold_text", "gold_start", "gold_end",
                                       "pred_type", "pred_text", "pred_start", "pred_end", "sentence"])


def _row(doc: str, cause: str, g: dict | None, p: dict | None, texts: dict[str, str]) -> dict:
    at = (g or p)["start"]
    text = texts.get(doc, "")
    a = text.rfind("\n", 0, at) + 1 if text else 0
    b = text.find("\n", at) if text else -1
    line = text[a:b if b != -1 else len(text)].strip() if text else ""
    return {"doc_id": doc, "cause": cause, "line_shape": line_shape(line) if text else None,
            "gold_type": g["type"] if g else NONE, "gold_text": g["text"] if g else None,
            "gold_start": g["start"] if g else None, "gold_end": g["end"] if g else None,
            "pred_type": p["type"] if p else NONE, "pred_text": p["text"] if p else None,
            "pred_start": p["start"] if p else None, "pred_end": p["end"] if p else None,
            "sentence": clip(line, 200) if text else None}


def line_shape(line: str) -> str:
    """Return `capitals` (a line in capitals: headline, dateline, table heading), `table` (a results or table line:
    at least a third of its tokens are numbers) or `prose`."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return "capitals"
    tokens = line.split()
    if tokens and sum(bool(re.fullmatch(r"[-+]?[\d.,:/()-]+", t)) for t in tokens) >= len(tokens) / 3:
        return "table"
    return "prose"


def confusion(alignment: pd.DataFrame) -> pd.DataFrame:
    """Return gold type (rows) x predicted type (columns) counts of an alignment, NONE for unmatched names."""
    order = list(TYPES_4) + [NONE]
    table = pd.crosstab(alignment["gold_type"], alignment["pred_type"])
    return table.reindex(index=order, columns=order, fill_value=0).rename_axis(index="gold", columns="predicted")


def frequent_errors(alignment: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """Return the most frequent (cause, gold type, predicted type, text) errors with a count and an example."""
    err = alignment[alignment["cause"] != "correct"].copy()
    if not len(err):
        return pd.DataFrame(columns=["cause", "gold_type", "pred_type", "text", "count", "example"])
    err["text"] = err["gold_text"].fillna(err["pred_text"])
    err["example"] = err["sentence"]
    g = err.groupby(["cause", "gold_type", "pred_type", "text"], sort=False)
    out = g.agg(count=("doc_id", "size"), example=("example", "first")).reset_index()
    return out.sort_values("count", ascending=False, kind="stable").groupby("cause", sort=False).head(n)


# ---------------------------------------------------------------- running and reporting
@dataclass
class ConllResult:
    """Scores and tables of one CoNLL evaluation."""

    data: ConllData
    predicted: pd.DataFrame
    ignored_labels: int
    scores_3: pd.DataFrame
    scores_4: pd.DataFrame
    alignment: pd.DataFrame

    @property
    def metrics(self) -> dict:
        """Return the headline figures as a flat dict."""
        out = {"docs": len(self.data.documents), "gold": len(self.data.entities), "scheme": self.data.scheme,
               "predicted": len(self.predicted), "ignored_labels": self.ignored_labels}
        for name, table in (("3", self.scores_3), ("4", self.scores_4)):
            for r in table.to_dict("records"):
                out[f"{name}_{r['type']}_{r['match']}_f1"] = round(r["f1"], 4)
                out[f"{name}_{r['type']}_{r['match']}_p"] = round(r["precision"], 4)
                out[f"{name}_{r['type']}_{r['match']}_r"] = round(r["recall"], 4)
        return out


def score(data: ConllData, mentions: pd.DataFrame) -> ConllResult:
    """Score a mentions table (the pipeline's, for the documents of `data`)."""
    pred, ignored = predicted_entities(mentions)
    return ConllResult(data=data, predicted=pred, ignored_labels=ignored,
                       scores_3=scores(data.entities, pred, types=TYPES_3),
                       scores_4=scores(data.entities, pred, types=TYPES_4),
                       alignment=align(data.entities, pred, data.documents))


def evaluate(path: str | Path, *, limit: int | None = None, jobs: int = 1, separator: str = "\n\n") -> ConllResult:
    """Read a CoNLL file, run the pipeline on its documents and score the mentions."""
    data = read_conll(path, limit=limit, separator=separator)
    frames = [tables["mentions"] for _, tables in analyse_texts(zip(data.documents["doc_id"],
                                                                    data.documents["text"]), jobs=jobs)]
    mentions = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", "start", "end",
                                                                                          "label", "text"])
    return score(data, mentions)


def _score_line(table: pd.DataFrame, t: str, how: str) -> str:
    r = table[(table["type"] == t) & (table["match"] == how)].iloc[0]
    return f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}"


def report_lines(result: ConllResult, *, examples: int = 5) -> list[str]:
    """Return a readable report of an evaluation."""
    d = result.data
    gold_counts = d.entities["type"].value_counts()
    lines = [f"CoNLL {Path(d.path).name}: {len(d.documents)} documents, {len(d.tokens)} tokens, {len(d.entities)} gold "
             f"names ({', '.join(f'{t} {gold_counts.get(t, 0)}' for t in TYPES_4)}; {d.scheme}); "
             f"{len(result.predicted)} predicted, {result.ignored_labels} with other labels ignored"
             + (f"; {len(d.problems)} problems" if len(d.problems) else "")]
    for name, table, types in (("PER/ORG/LOC", result.scores_3, TYPES_3),
                               ("all four (NORP as MISC)", result.scores_4, TYPES_4)):
        lines.append(f"over {name}: P/R/F1 typed exact {_score_line(table, 'ALL', 'exact')}, typed lenient "
                     f"{_score_line(table, 'ALL', 'lenient')}, untyped exact {_score_line(table, 'untyped', 'exact')}, "
                     f"untyped lenient {_score_line(table, 'untyped', 'lenient')}")
        lines.append("  per type (exact | lenient): " + "; ".join(
            f"{t} {_score_line(table, t, 'exact')} | {_score_line(table, t, 'lenient')}" for t in types))
    conf = confusion(result.alignment)
    lines.append("confusion (gold rows x predicted columns, names aligned by overlap):")
    lines += ["  " + ln for ln in conf.to_string().split("\n")]
    counts = result.alignment["cause"].value_counts()
    lines.append("outcomes: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if result.alignment["line_shape"].notna().any():
        shapes = pd.crosstab(result.alignment["line_shape"], result.alignment["cause"])
        lines.append("outcomes by line shape (capitals: headlines, datelines, headings; table: results lines):")
        lines += ["  " + ln for ln in shapes.to_string().split("\n")]
    freq = frequent_errors(result.alignment, n=examples)
    for cause in [c for c in counts.index if c != "correct"]:
        sub = freq[freq["cause"] == cause]
        lines.append(f"most frequent {cause}: " + "; ".join(
            f"{r['text']} ({r['gold_type']}->{r['pred_type']}) x{r['count']}" for r in sub.to_dict("records")))
    return lines


def write_result(result: ConllResult, out_dir: str | Path) -> list[Path]:
    """Write the evaluation's tables (scores, alignment, confusion, frequent errors, gold, predictions, problems)."""
    import json

    out = Path(out_dir)
    paths = write_tables(out, {
        "scores_per_org_loc": result.scores_3, "scores_all_four": result.scores_4, "alignment": result.alignment,
        "confusion": confusion(result.alignment).reset_index(), "frequent_errors": frequent_errors(result.alignment, n=50),
        "gold": result.data.entities, "predicted": result.predicted, "problems": result.data.problems,
        "documents": result.data.documents.drop(columns="text")})
    (out / "metrics.json").write_text(json.dumps(result.metrics, indent=1), encoding="utf-8")
    return paths + [out / "metrics.json"]


def cli(args) -> int:
    """Run the `--conll` evaluation of `helpers.evaluate` from parsed arguments; 2 on bad input."""
    try:
        result = evaluate(args.conll, limit=args.limit, jobs=args.jobs)
    except BenchmarkError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(result)))
    if args.out:
        write_result(result, args.out)
        print(f"tables written to {args.out}")
    return 0
