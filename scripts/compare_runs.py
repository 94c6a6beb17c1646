"""Compare two pipeline output folders table by table: identical apart from added columns?

usage: python scripts/compare_runs.py BASE_DIR NEW_DIR

For refactors that must preserve behaviour: every table file in BASE_DIR (CSV or Parquet) must exist in
NEW_DIR with the same rows in the same order and the same values in every column BASE_DIR has; columns that only
NEW_DIR has are listed, not compared. Exits 1 on the first difference found in each table, 0 when all match.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def read_table(path: Path) -> pd.DataFrame:
    """Read one table file as strings, so the comparison is of the written values."""
    if path.suffix == ".parquet":
        return pd.read_parquet(path).astype(str)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def compare_table(base: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Differences between two versions of one table, as readable lines (empty when they match)."""
    problems = []
    missing = [c for c in base.columns if c not in new.columns]
    if missing:
        problems.append(f"columns missing in new: {missing}")
    if len(base) != len(new):
        problems.append(f"row count {len(base)} -> {len(new)}")
        return problems
    for column in (c for c in base.columns if c in new.columns):
        differ = base[column].to_numpy() != new[column].to_numpy()
        if differ.any():
            row = int(differ.argmax())
            problems.append(f"column {column!r}: {int(differ.sum())} rows differ, first at row {row}: "
                            f"{base[column].iloc[row]!r} -> {new[column].iloc[row]!r}")
    return problems


def main(argv: list[str]) -> int:
    base_dir, new_dir = map(Path, argv)
    failed = False
    for base_file in sorted(p for p in base_dir.iterdir() if p.suffix in (".csv", ".parquet")):
        new_file = new_dir / base_file.name
        if not new_file.exists():
            print(f"{base_file.name}: missing in {new_dir}")
            failed = True
            continue
        base, new = read_table(base_file), read_table(new_file)
        problems = compare_table(base, new)
        added = [c for c in new.columns if c not in base.columns]
        status = "DIFFERENT" if problems else "identical"
        print(f"{base_file.name}: {status} ({len(base)} rows)" + (f"; new columns {added}" if added else ""))
        for line in problems:
            print(f"    {line}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
