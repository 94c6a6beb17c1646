"""Benchmark of the pipeline: throughput, time per stage and peak memory, with one job and with all cores.

    python -m helpers.bench CORPUS_DIR [--jobs N ...] [--format parquet|csv] [--limit N]

prints figures only (a benchmark, not a test: nothing is asserted about time). Peak memory is the largest sum of the
resident memory of the pipeline's process and its workers, sampled every 50 ms (shared pages count once per process,
so it is an upper bound).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import paths, pipeline


@dataclass(frozen=True)
class BenchResult:
    """Figures of one pipeline run."""

    jobs: int
    seconds: float
    articles: int
    tokens: int
    stage_ms: dict[str, float]  # mean milliseconds per article and stage (summed over workers)
    peak_mib: float

    @property
    def articles_per_s(self) -> float:
        """Analysed articles per second of wall time."""
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        """Tokens per second of wall time."""
        return self.tokens / self.seconds if self.seconds else 0.0


class PeakMemory:
    """Sample the resident memory of this process plus its children in a thread; `peak_mib` is the largest sum."""

    def __init__(self, *, interval: float = 0.05):
        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:  # fall back to the largest single process (getrusage) when psutil is missing
            return
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_mib = max(self.peak_mib, total / 2**20)
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        if not self.peak_mib:
            usage = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            self.peak_mib = usage / 1024


def bench_run(corpus_dir: str | Path, *, jobs: int, fmt: str = "parquet", limit: int | None = None) -> BenchResult:
    """Run the pipeline once on a corpus into a temporary folder and return its figures."""
    with tempfile.TemporaryDirectory(prefix="bench-") as out, PeakMemory() as mem:
        summary = pipeline.run_corpus(corpus_dir, out, fmt=fmt, jobs=jobs, progress=False, limit=limit)
    n = max(1, summary.n_ok)
    return BenchResult(jobs=jobs, seconds=summary.seconds, articles=summary.n_ok, tokens=summary.n_tokens,
                       stage_ms={k: 1000 * v / n for k, v in summary.stage_seconds.items()}, peak_mib=mem.peak_mib)


def format_result(r: BenchResult) -> str:
    """Return the printed lines of one run."""
    stages = ", ".join(f"{k} {v:.1f}" for k, v in r.stage_ms.items())
    other = 1000 * r.seconds * r.jobs / max(1, r.articles) - sum(r.stage_ms.values())
    return (f"jobs={r.jobs}: {r.articles} articles in {r.seconds:.2f} s = {r.articles_per_s:.1f} articles/s, "
            f"{r.tokens_per_s:,.0f} tokens/s, peak memory {r.peak_mib:,.0f} MiB\n"
            f"  ms per article and stage: {stages}; reading, conversion, writing and waiting ~{max(0.0, other):.1f}")


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of the benchmark."""
    p = argparse.ArgumentParser(prog="python -m helpers.bench", description="Benchmark the pipeline on a corpus.")
    p.add_argument("corpus", help="a corpus folder or file (as for helpers.pipeline)")
    p.add_argument("--jobs", type=int, nargs="+", default=None,
                   help="job counts to run (default: 1 and all cores)")
    p.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p.add_argument("--limit", type=int, default=None, help="analyse only the first N documents")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    args = build_parser().parse_args(argv)
    corpus_dir = Path(args.corpus)
    if not corpus_dir.exists():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    cores = pipeline.default_jobs()
    jobs = args.jobs or sorted({1, cores})
    print(f"corpus {paths.user_path(corpus_dir)}, {cores} cores available, format {args.format}")
    pipeline.warm_up()  # model loading is paid once per process, not per run: keep it out of the figures
    for n in jobs:
        print(format_result(bench_run(corpus_dir, jobs=n, fmt=args.format, limit=args.limit)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
