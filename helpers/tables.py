"""Table definitions (columns and dtypes) and table I/O: conforming, streaming writers, reading back."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

# table -> {column: dtype}; dtypes are "int", "float", "bool", "str". Order is the column order on disk.
SCHEMAS: dict[str, dict[str, str]] = {
    "documents": {"doc_id": "str", "date": "str", "title": "str", "outlet": "str", "url": "str", "text": "str",
                  "body_start": "int", "title_start": "int", "title_end": "int", "status": "str", "error": "str",
                  "n_paragraphs": "int", "n_sentences": "int", "n_tokens": "int"},
    "paragraphs": {"doc_id": "str", "paragraph_id": "int", "start": "int", "end": "int", "text": "str",
                   "is_heading": "bool", "is_title": "bool"},
    "sentences": {"doc_id": "str", "paragraph_id": "int", "sentence_id": "int", "start": "int", "end": "int",
                  "text": "str"},
    "tokens": {"doc_id": "str", "sentence_id": "int", "token_id": "int", "start": "int", "end": "int", "text": "str",
               "norm": "str", "pos": "str", "is_stop": "bool", "is_editorial": "bool"},
}

_PANDAS = {"int": "int64", "float": "float64", "bool": "bool", "str": "object"}


def register(name: str, schema: dict[str, str]) -> None:
    """Add or replace the schema of a table (called by the modules that produce it)."""
    SCHEMAS[name] = dict(schema)


def empty(name: str) -> pd.DataFrame:
    """Return an empty table with the documented columns and dtypes."""
    return conform(pd.DataFrame(columns=list(SCHEMAS[name])), name)


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return `df` with exactly the documented columns, in order, with the documented dtypes."""
    schema = SCHEMAS[name]
    df = df.reindex(columns=list(schema))
    out = {}
    for col, kind in schema.items():
        s = df[col]
        if kind == "int":
            s = pd.to_numeric(s, errors="coerce").fillna(-1).astype("int64")
        elif kind == "float":
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        elif kind == "bool":
            if s.dtype != bool:
                s = s.map(lambda v: v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes"))
            s = s.astype(bool)
        else:
            s = s.astype(object).where(s.notna(), None)
        out[col] = s
    return pd.DataFrame(out, index=range(len(df)))


def arrow_schema(name: str):
    """Return the pyarrow schema of a table."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    return pa.schema([(c, types[k]) for c, k in SCHEMAS[name].items()])


class TableWriter:
    """Append table chunks to one file per table (Parquet or CSV) without holding the corpus in memory."""

    def __init__(self, out_dir: str | Path, *, fmt: str = "parquet"):
        if fmt not in ("parquet", "csv"):
            raise ValueError(f"unknown format {fmt!r}: use parquet or csv")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self._writers: dict[str, object] = {}
        self._started: set[str] = set()

    def path(self, name: str) -> Path:
        """Return the file a table is written to."""
        return self.out_dir / f"{name}.{self.fmt}"

    def write(self, name: str, df: pd.DataFrame) -> None:
        """Append rows to a table's file (creating it, with its header, on first use)."""
        df = conform(df, name)
        if self.fmt == "csv":
            first = name not in self._started
            df.to_csv(self.path(name), mode="w" if first else "a", header=first, index=False)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            if name not in self._writers:
                self._writers[name] = pq.ParquetWriter(self.path(name), arrow_schema(name))
            if len(df):
                self._writers[name].write_table(pa.Table.from_pandas(df, schema=arrow_schema(name), preserve_index=False))
        self._started.add(name)

    def close(self) -> list[Path]:
        """Finish every file; return the paths written."""
        for w in self._writers.values():
            w.close()
        self._writers.clear()
        return [self.path(n) for n in sorted(self._started)]

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def read_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a table written by TableWriter (Parquet preferred, else CSV), with documented dtypes."""
    out_dir = Path(out_dir)
    pq_path, csv_path = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
    if pq_path.exists():
        df = pd.read_parquet(pq_path)
    elif csv_path.exists():
        df = pd.read_csv(csv_path, keep_default_na=False, na_values=[""], dtype=str)
    else:
        raise FileNotFoundError(f"no table {name!r} in {out_dir}")
    return conform(df, name) if name in SCHEMAS else df
