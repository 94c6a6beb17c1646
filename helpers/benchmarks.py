"""Public benchmarks: what PolNeAR (`helpers.polnear`) and CoNLL-2003 (`helpers.conll`) scoring share, and the
entry point that prints the figures of both.

    python -m helpers.benchmarks [--polnear PATH/TO/PolNeAR] [--conll PATH/TO/eng.train] [--limit N] [--jobs N]

Without arguments it looks for the data beside the project (`../bench/polnear`, `../bench/conll2003/eng.train`,
see `BENCH_DIR`) and skips, with a message, a benchmark whose data is absent. Only the PolNeAR **train** split is
read by this entry point; the data never goes into the repository.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pandas as pd

from . import paths

BENCH_DIR: Path = paths.ROOT.parent / "bench"  # public benchmark data beside a checkout, if present
DEFAULT_POLNEAR: Path = BENCH_DIR / "polnear"
DEFAULT_CONLL: Path = BENCH_DIR / "conll2003" / "eng.train"

Span = tuple[int, int]


class BenchmarkError(ValueError):
    """Raised when benchmark data is missing, malformed beyond use, or of a split that was not asked for."""


# ---------------------------------------------------------------- spans and scores
def span_length(spans: Sequence[Span]) -> int:
    """Return the number of characters covered by a list of (start, end) spans (overlaps counted once)."""
    return sum(e - s for s, e in merge_spans(spans))


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Return sorted spans with overlapping or touching ones merged."""
    out: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def spans_overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Return the number of characters two lists of spans share."""
    total = 0
    for s1, e1 in merge_spans(a):
        for s2, e2 in merge_spans(b):
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def half_of_shorter(a: Sequence[Span], b: Sequence[Span]) -> bool:
    """Whether two (multi-piece) spans share at least half of the shorter one's characters (and at least one)."""
    o = spans_overlap(a, b)
    return o > 0 and o >= 0.5 * min(span_length(a), span_length(b))


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Return (precision, recall, F1), 0.0 where undefined."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spans_text(spans: Sequence[Span]) -> str:
    """Return spans as `start-end;start-end` (how multi-piece spans are written in the tables)."""
    return ";".join(f"{s}-{e}" for s, e in spans)


def parse_spans(value: object) -> list[Span]:
    """Return the spans of a `start-end;start-end` cell ([] when empty)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    out = []
    for part in filter(None, text.split(";")):
        s, e = part.split("-")
        out.append((int(s), int(e)))
    return out


def clip(text: str, n: int = 90) -> str:
    """Return text on one line, cut to n characters with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


# ---------------------------------------------------------------- running the pipeline
def analyse_texts(docs: Iterable[tuple[str, str]], *, jobs: int = 1) -> Iterator[tuple[str, dict[str, pd.DataFrame]]]:
    """Yield (doc_id, per-document tables) for (doc_id, text) pairs, analysed by the pipeline's per-document function.

    Uses `helpers.pipeline.iter_prepared` (the corpus runner's own path, parallel with jobs > 1); a document whose
    analysis fails gives empty tables and a message on stderr, never a silent gap.
    """
    from . import corpus, pipeline, resources

    resources.ensure_nltk_data(download=True)
    documents = (corpus.make_document(doc_id, text) for doc_id, text in docs)
    for doc, prepared, _ in pipeline.iter_prepared(documents, jobs=jobs, fmt="csv"):
        if doc.status not in corpus.ANALYSABLE:
            print(f"warning: {doc.doc_id} was not analysed ({doc.status}: {doc.error})", file=sys.stderr)
        yield doc.doc_id, {k: v for k, v in prepared.items() if not k.startswith("_")}


def write_tables(out_dir: str | Path, named: dict[str, pd.DataFrame]) -> list[Path]:
    """Write each table as CSV into out_dir (created) and return the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in named.items():
        path = out / f"{name}.csv"
        df.to_csv(path, index=False)
        written.append(path)
    return written


# ---------------------------------------------------------------- entry point
def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the benchmark entry point."""
    p = argparse.ArgumentParser(prog="python -m helpers.benchmarks",
                                description="Print the pipeline's figures on the public benchmarks that are present.")
    p.add_argument("--polnear", default=str(DEFAULT_POLNEAR), help="PolNeAR folder (holding data/train)")
    p.add_argument("--conll", default=str(DEFAULT_CONLL), help="CoNLL-2003 file (the train split, eng.train)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N documents of each benchmark")
    p.add_argument("--jobs", type=int, default=1, help="worker processes for the pipeline (default 1)")
    p.add_argument("--out", default=None, help="write the tables into OUT/polnear and OUT/conll")
    return p


def main(argv: list[str] | None = None) -> int:
    """Print the figures of every benchmark whose data is present; exit 0 unless a present benchmark fails."""
    from . import conll, polnear

    args = build_parser().parse_args(argv)
    status = 0
    ran = 0
    if Path(args.polnear).exists():
        try:
            result = polnear.evaluate(args.polnear, split="train", limit=args.limit, jobs=args.jobs)
        except BenchmarkError as err:
            print(f"error: PolNeAR: {err}", file=sys.stderr)
            status = 1
        else:
            print("\n".join(polnear.report_lines(result)))
            if args.out:
                polnear.write_result(result, Path(args.out) / "polnear")
            ran += 1
    else:
        print(f"PolNeAR skipped: {paths.display_path(args.polnear)} not found (pass --polnear PATH)")
    if Path(args.conll).exists():
        try:
            result = conll.evaluate(args.conll, limit=args.limit, jobs=args.jobs)
        except BenchmarkError as err:
            print(f"error: CoNLL: {err}", file=sys.stderr)
            status = 1
        else:
            print()
            print("\n".join(conll.report_lines(result)))
            if args.out:
                conll.write_result(result, Path(args.out) / "conll")
            ran += 1
    else:
        print(f"CoNLL-2003 skipped: {paths.display_path(args.conll)} not found (pass --conll PATH)")
    if not ran and status == 0:
        print("no benchmark data found: nothing to measure")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
