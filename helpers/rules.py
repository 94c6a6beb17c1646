"""How often each named rule fires over a corpus, with one example each, and the registered rules that never fire.

    python -m helpers.rules CORPUS_OR_OUTPUT_DIR [--jobs N] [--limit N] [--csv FILE]

CORPUS_OR_OUTPUT_DIR is either a pipeline output folder (holding quotes.csv or quotes.parquet) or a corpus folder,
which is first run through the pipeline into a temporary folder. Counted:

- quote frames and speaker resolvers: the two halves of the quotes table's `rule` column ("<frame>/<resolver>"),
  against the registries `helpers.quotes.FRAME_ORDER` and `RESOLVER_ORDER` (rules that never fire are listed with 0);
- entity evidence: the values of the mentions table's `evidence` column, when the table has one.

`rule_counts` returns the same figures as a DataFrame for the notebooks; columns: part (frame / resolver / evidence),
rule, registered (the rule is in a registry; False for a value that no registry lists), n (rows it produced), share
(n / rows of its table), n_docs (documents where it fires), doc_id and example (the first row it produced: quote
content or mention text, cut to 80 characters).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import tables
from .quotes import FRAME_ORDER, RESOLVER_ORDER

COLUMNS = ["part", "rule", "registered", "n", "share", "n_docs", "doc_id", "example"]
EXAMPLE_CHARS = 80


def is_output_dir(path: str | Path) -> bool:
    """Whether a folder holds pipeline output (a quotes table) rather than a corpus."""
    path = Path(path)
    return (path / "quotes.csv").exists() or (path / "quotes.parquet").exists()


def read_output(out_dir: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The quotes table and, when present, the mentions table of a pipeline output folder."""
    q = tables.read_table(out_dir, "quotes")
    try:
        m = tables.read_table(out_dir, "mentions")
    except FileNotFoundError:
        m = None
    return q, m


def count_values(values: pd.Series, doc_ids: pd.Series, texts: pd.Series, *, part: str,
                 registered: list[str] | None) -> pd.DataFrame:
    """One row per value of `values` (and per registered name that never occurs): count, documents, first example."""
    df = pd.DataFrame({"rule": values.fillna("").astype(str).to_numpy(), "doc_id": doc_ids.to_numpy(),
                       "text": texts.fillna("").astype(str).to_numpy()})
    df = df[df["rule"] != ""]
    total = len(values)
    firsts = df.drop_duplicates("rule").set_index("rule")
    grouped = df.groupby("rule", sort=False).agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
    names = list(registered or []) + [r for r in grouped.index if r not in set(registered or [])]
    rows = []
    for name in names:
        n = int(grouped.loc[name, "n"]) if name in grouped.index else 0
        first = firsts.loc[name] if name in firsts.index else None
        rows.append({"part": part, "rule": name, "registered": registered is None or name in registered, "n": n,
                     "share": n / total if total else 0.0,
                     "n_docs": int(grouped.loc[name, "n_docs"]) if name in grouped.index else 0,
                     "doc_id": None if first is None else first["doc_id"],
                     "example": None if first is None else " ".join(first["text"].split())[:EXAMPLE_CHARS]})
    return pd.DataFrame(rows, columns=COLUMNS)


def rule_counts_of(quote_table: pd.DataFrame, mention_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rule counts of pipeline tables already in memory (see `rule_counts`)."""
    if "rule" not in quote_table.columns or len(quote_table) and quote_table["rule"].isna().all():
        raise ValueError("the quotes table has no `rule` values (written by an older version of the pipeline?)")
    parts = quote_table["rule"].fillna("").astype(str).str.partition("/")
    frame, resolver = parts[0], parts[2]
    out = [count_values(frame, quote_table["doc_id"], quote_table["content"], part="frame",
                        registered=[r.name for r in FRAME_ORDER]),
           count_values(resolver, quote_table["doc_id"], quote_table["content"], part="resolver",
                        registered=[r.name for r in RESOLVER_ORDER] + ["none"])]
    if mention_table is not None and "evidence" in mention_table.columns:
        out.append(count_values(mention_table["evidence"], mention_table["doc_id"], mention_table["text"],
                                part="evidence", registered=None))
    return pd.concat(out, ignore_index=True)


def rule_counts(path: str | Path, *, jobs: int | None = None, limit: int | None = None) -> pd.DataFrame:
    """How often each quote frame, speaker resolver and entity evidence fires over a corpus or a pipeline output
    folder, with one example each; registered rules that never fire have n = 0."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"not a folder: {path}")
    if is_output_dir(path):
        return rule_counts_of(*read_output(path))
    from . import pipeline

    with tempfile.TemporaryDirectory(prefix="rules-") as tmp:
        summary = pipeline.run_corpus(path, tmp, fmt="parquet", jobs=jobs, progress=False, limit=limit)
        if summary.n_ok == 0:
            raise ValueError(f"no document of {path} could be analysed")
        return rule_counts_of(*read_output(tmp))


def report_lines(counts: pd.DataFrame) -> list[str]:
    """The counts as readable lines: per part, rules by frequency with their example, then those that never fire."""
    lines = []
    for part, df in counts.groupby("part", sort=False):
        fired = df[df["n"] > 0].sort_values("n", ascending=False, kind="stable")
        lines.append(f"== {part}: {len(fired)} of {len(df)} fire")
        for r in fired.itertuples():
            mark = "" if r.registered else "  (not in a registry)"
            lines.append(f"{r.n:7d} {r.share:6.1%} {r.n_docs:5d} docs  {r.rule}{mark}")
            lines.append(f"{'':28}e.g. {r.doc_id}: {r.example}")
        never = df[(df["n"] == 0) & df["registered"]]["rule"].tolist()
        if never:
            lines.append(f"   never fire: {', '.join(never)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the rule counts of a corpus or output folder; exit 2 on a wrong argument."""
    p = argparse.ArgumentParser(prog="python -m helpers.rules", description=__doc__.splitlines()[0])
    p.add_argument("path", help="a corpus folder, or a pipeline output folder holding quotes.csv/.parquet")
    p.add_argument("--jobs", type=int, default=None, help="worker processes when a corpus is analysed first")
    p.add_argument("--limit", type=int, default=None, help="analyse at most N documents of a corpus")
    p.add_argument("--csv", default=None, help="also write the counts to this CSV file")
    args = p.parse_args(argv)
    try:
        counts = rule_counts(args.path, jobs=args.jobs, limit=args.limit)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(counts)))
    if args.csv:
        counts.to_csv(args.csv, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
