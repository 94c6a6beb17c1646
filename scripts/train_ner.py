"""Train the CRF entity recogniser of helpers/ner_model.py on CoNLL-2003 English train; measure it on held-out train documents.

    python scripts/train_ner.py --conll PATH/TO/eng.train                 # final model -> helpers/data/ner_crf.crfsuite
    python scripts/train_ner.py --conll PATH/TO/eng.train --evaluate      # 80/20 split by document, prints F1 per type

Training is deterministic: documents are read in file order, the split is a seeded shuffle (`--seed`), and CRFsuite's
L-BFGS has no randomness. Each CoNLL document is rebuilt as readable text (one paragraph per sentence, no space
before punctuation), segmented and POS-tagged by helpers.text exactly as an article is, and the gold entities are
aligned to the project's tokens by character offsets. Use the train split only: never validation or test.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import ner_model, paths  # noqa: E402


def examples(path: str, *, limit: int | None = None) -> list[ner_model.Example]:
    """Return the examples of a CoNLL file (optionally its first `limit` documents)."""
    docs = ner_model.read_conll(path)[:limit]
    return [ner_model.make_example(d) for d in docs]


def predicted(ex: ner_model.Example, model: Path) -> list[tuple]:
    """Return (doc, start, end, type) of the spans the model finds in an example."""
    spans = ner_model.predict_spans(ex.tokens, raw=ex.raw, model=model)
    return [(ex.doc_id, s, e, t) for s, e, t in zip(spans["start"], spans["end"], spans["tag"])]


def evaluate(exs: list[ner_model.Example], *, held_out: float, seed: int, params: dict) -> None:
    """Train on one part of the documents and print typed exact scores on the other."""
    train_idx, test_idx = ner_model.split_documents(len(exs), held_out=held_out, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "heldout.crfsuite"
        t0 = time.perf_counter()
        ner_model.train([exs[i] for i in train_idx], model, params=params)
        print(f"trained on {len(train_idx)} documents in {time.perf_counter() - t0:.0f} s; "
              f"scoring {len(test_idx)} held-out documents (seed {seed})")
        gold, pred = [], []
        for i in test_idx:
            ex = exs[i]
            gold += [(ex.doc_id, s, e, t) for s, e, t in ex.gold]
            pred += predicted(ex, model)
        ner_model.crf_tagger.cache_clear()
        ner_model.fast_crf.cache_clear()
    for title, types in (("PER/ORG/LOC", ("PER", "ORG", "LOC")), ("all four", ner_model.TYPES)):
        table = ner_model.score_spans(gold, pred, types=types)
        print(f"\ntyped exact match over {title}:")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))


def parse_params(items: list[str]) -> dict:
    """Return CRFsuite parameters from NAME=VALUE strings."""
    out = {}
    for item in items:
        name, _, value = item.partition("=")
        out[name] = float(value) if "." in value or "e" in value else int(value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conll", required=True, help="CoNLL-2003 English TRAIN file (eng.train)")
    parser.add_argument("--evaluate", action="store_true", help="train on part of the documents, score the rest")
    parser.add_argument("--held-out", type=float, default=0.2, help="share of documents held out (default 0.2)")
    parser.add_argument("--seed", type=int, default=2003)
    parser.add_argument("--limit", type=int, help="use only the first N documents (quick checks)")
    parser.add_argument("--out", default=str(ner_model.MODEL_FILE), help="model file to write")
    parser.add_argument("--param", action="append", default=[], help="CRFsuite parameter NAME=VALUE (repeatable)")
    args = parser.parse_args(argv)
    name = Path(args.conll).name.lower()
    if any(w in name for w in ("testa", "testb", "test", "valid", "dev")):
        print(f"error: {args.conll} looks like a validation or test split; train on eng.train only", file=sys.stderr)
        return 2
    params = parse_params(args.param)
    t0 = time.perf_counter()
    exs = examples(args.conll, limit=args.limit)
    print(f"{len(exs)} documents, {sum(len(e.tags) for e in exs)} tokens, features in {time.perf_counter() - t0:.0f} s")
    if args.evaluate:
        evaluate(exs, held_out=args.held_out, seed=args.seed, params=params)
        return 0
    t0 = time.perf_counter()
    out = ner_model.train(exs, args.out, params=params)
    print(f"trained on all {len(exs)} documents in {time.perf_counter() - t0:.0f} s -> {paths.display_path(out)} "
          f"({out.stat().st_size / 1e6:.1f} MB); parameters {dict(ner_model.TRAIN_PARAMS, **params)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
