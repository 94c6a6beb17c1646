"""Table definitions (columns and dtypes) and table I/O: conforming, streaming writers, reading back.

## Where to change what
- a new column of a table: add it to that table's entry in `SCHEMAS` below (at the end, so files stay comparable),
  then fill it where the table is built (mentions: helpers/entities/mentions.py; actors: helpers/entities/actors.py;
  quotes, speakers, speaker_mentions: helpers/quotes; documents: helpers/corpus.py; the text tables: helpers/text.py)
  and describe it in the docstring of that module;
- a new table: a new entry in `SCHEMAS`, and its name in helpers/pipeline.py (PER_DOCUMENT_TABLES or CORPUS_TABLES).
Every schema is defined here, statically: reading a table never depends on which modules were imported before.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

# table -> {column: dtype}; dtypes are "int", "float", "bool", "str". Order is the column order on disk.
SCHEMAS: dict[str, dict[str, str]] = {
    # corpus: one row per document (helpers/corpus.py, sizes from helpers/pipeline.py)
    "documents": {"doc_id": "str", "date": "str", "title": "str", "outlet": "str", "url": "str", "text": "str",
                  "body_start": "int", "title_start": "int", "title_end": "int", "status": "str", "error": "str",
                  "n_paragraphs": "int", "n_sentences": "int", "n_tokens": "int"},
    # text (helpers/text.py)
    "paragraphs": {"doc_id": "str", "paragraph_id": "int", "start": "int", "end": "int", "text": "str",
                   "is_heading": "bool", "is_title": "bool"},
    "sentences": {"doc_id": "str", "paragraph_id": "int", "sentence_id": "int", "start": "int", "end": "int",
                  "text": "str"},
    "tokens": {"doc_id": "str", "sentence_id": "int", "token_id": "int", "start": "int", "end": "int", "text": "str",
               "norm": "str", "pos": "str", "is_stop": "bool", "is_editorial": "bool"},
    # entities (helpers/entities): evidence = the rule of helpers.entities.typing.ORDER that typed the mention
    "mentions": {"doc_id": "str", "mention_id": "int", "sentence_id": "int", "start": "int", "end": "int",
                 "text": "str", "label": "str", "canonical": "str", "evidence": "str"},
    "entity_counts": {"canonical": "str", "label": "str", "mentions": "int", "documents": "int", "first_doc": "str",
                      "first_start": "int"},
    "actors": {"doc_id": "str", "mention_id": "int", "start": "int", "end": "int", "text": "str", "label": "str",
               "canonical": "str", "actor": "str", "actor_label": "str", "fold_rule": "str"},
    # quotes (helpers/quotes): rule = "<frame>/<resolver>" of helpers.quotes.FRAME_ORDER / RESOLVER_ORDER;
    # statement_id: rows of one statement split by its attribution or running over paragraphs share it
    "quotes": {"doc_id": "str", "quote_id": "int", "paragraph_id": "int", "kind": "str", "content": "str",
               "start": "int", "end": "int", "cue": "str", "speaker": "str", "speaker_mention": "str",
               "speaker_label": "str", "is_continuation": "bool", "flags": "str", "n_words": "int",
               "sentiment": "float", "rule": "str", "statement_id": "int"},
    "speakers": {"doc_id": "str", "speaker": "str", "is_named": "bool", "label": "str", "descriptor": "str",
                 "role": "str", "affiliation": "str", "n_quotes": "int", "n_words": "int", "n_direct": "int",
                 "n_indirect": "int", "n_mixed": "int", "share_of_voice": "float",
                 "gender": "str", "gender_evidence": "str"},  # gender: helpers/gender.py, called by the pipeline
    "speaker_mentions": {"doc_id": "str", "speaker": "str", "canonical": "str", "label": "str", "count": "int"},
}

_PANDAS = {"int": "int64", "float": "float64", "bool": "bool", "str": "object"}


def empty(name: str) -> pd.DataFrame:
    """Return an empty table with the documented columns and dtypes."""
    return conform(pd.DataFrame(columns=list(SCHEMAS[name])), name)


def conform(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return `df` with exactly the documented columns, in order, with the documented dtypes (rows by position)."""
    schema = SCHEMAS[name]
    if is_conformed(df, name):
        return df
    df = df.reindex(columns=list(schema))
    index = pd.RangeIndex(len(df))
    out = {}
    for col, kind in schema.items():
        s = df[col]
        if kind == "int":
            if s.dtype != "int64":
                s = pd.to_numeric(s, errors="coerce").fillna(-1).astype("int64")
            values = s.to_numpy()
        elif kind == "float":
            values = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy()
        elif kind == "bool":
            if s.dtype != bool:
                s = s.map(lambda v: v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes"))
            values = s.astype(bool).to_numpy()
        else:  # text: Python strings, None where missing, object dtype (never pandas' inferred str dtype)
            values = pd.Series(s.to_numpy(dtype=object, na_value=None), index=index, dtype=object, copy=False)
        out[col] = values
    return pd.DataFrame(out, index=index)


def is_conformed(df: pd.DataFrame, name: str) -> bool:
    """Whether `df` already is what `conform` returns (documented columns and dtypes, no NaN text, 0..n index)."""
    schema = SCHEMAS[name]
    if list(df.columns) != list(schema):
        return False
    idx = df.index
    if not (isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1):
        return False
    for col, kind in schema.items():
        s = df[col]
        if s.dtype != _PANDAS[kind] or (kind == "str" and s.hasnans):
            return False
    return True


def arrow_schema(name: str):
    """Return the pyarrow schema of a table."""
    return _arrow_schema(tuple(SCHEMAS[name].items()))


@functools.lru_cache(maxsize=256)
def _arrow_schema(columns: tuple[tuple[str, str], ...]):
    """Return the pyarrow schema of (column, kind) pairs (cached: a schema is built once per process)."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    return pa.schema([(c, types[k]) for c, k in columns])


ROW_GROUP_ROWS = 100_000  # rows buffered per table before a write (one Parquet row group / one CSV append)


class TableWriter:
    """Append table chunks to one file per table (Parquet or CSV) without holding the corpus in memory.

    Chunks are buffered per table and written once `row_group_rows` rows are waiting, so a corpus gives a few large
    Parquet row groups instead of one tiny one per document; the files depend only on the order of the chunks.
    """

    def __init__(self, out_dir: str | Path, *, fmt: str = "parquet", row_group_rows: int | None = None):
        if fmt not in ("parquet", "csv"):
            raise ValueError(f"unknown format {fmt!r}: use parquet or csv")
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.row_group_rows = row_group_rows or ROW_GROUP_ROWS
        self._writers: dict[str, object] = {}
        self._started: set[str] = set()
        self._buffers: dict[str, list] = {}
        self._buffered: dict[str, int] = {}

    def path(self, name: str) -> Path:
        """Return the file a table is written to."""
        return self.out_dir / f"{name}.{self.fmt}"

    def write(self, name: str, df) -> None:
        """Append rows (a DataFrame, or for Parquet a pyarrow Table from `to_arrow`) to a table's file."""
        if self.fmt == "parquet" and not isinstance(df, pd.DataFrame):
            chunk = df
        else:
            chunk = to_arrow(df, name) if self.fmt == "parquet" else conform(df, name)
        if name not in self._started:
            self._started.add(name)
            self._buffers[name], self._buffered[name] = [], 0
            self._open(name, chunk)
        if len(chunk):
            self._buffers[name].append(chunk)
            self._buffered[name] += len(chunk)
            if self._buffered[name] >= self.row_group_rows:
                self._flush(name)

    def _open(self, name: str, chunk) -> None:
        """Create a table's file with its header / schema."""
        if self.fmt == "csv":
            chunk.iloc[:0].to_csv(self.path(name), mode="w", header=True, index=False)
        else:
            import pyarrow.parquet as pq

            self._writers[name] = pq.ParquetWriter(self.path(name), arrow_schema(name))

    def _flush(self, name: str) -> None:
        """Write a table's buffered chunks."""
        chunks = self._buffers.get(name)
        if not chunks:
            return
        if self.fmt == "csv":
            pd.concat(chunks, ignore_index=True).to_csv(self.path(name), mode="a", header=False, index=False)
        else:
            import pyarrow as pa

            self._writers[name].write_table(pa.concat_tables(chunks))
        self._buffers[name], self._buffered[name] = [], 0

    def close(self) -> list[Path]:
        """Finish every file; return the paths written."""
        for name in list(self._buffers):
            self._flush(name)
        for w in self._writers.values():
            w.close()
        self._writers.clear()
        return [self.path(n) for n in sorted(self._started)]

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def to_arrow(df: pd.DataFrame, name: str):
    """Return a table chunk conformed and converted to a pyarrow Table with the table's schema."""
    import pyarrow as pa

    schema = arrow_schema(name)
    if list(df.columns) == list(SCHEMAS[name]):  # fast path: columns that already have the right dtypes
        arrays = [_arrow_column(df[col], kind) for col, kind in SCHEMAS[name].items()]
        if all(a is not None for a in arrays):
            return pa.Table.from_arrays(arrays, schema=schema)
    return pa.Table.from_pandas(conform(df, name), schema=schema, preserve_index=False, nthreads=1)


def _arrow_column(s: pd.Series, kind: str):
    """Return a column as the Arrow array `conform` + `from_pandas` would give, or None when it needs conforming."""
    import pyarrow as pa

    if kind == "int" and s.dtype == "int64":
        return pa.array(s.to_numpy(), type=pa.int64())
    if kind == "bool" and s.dtype == bool:
        return pa.array(s.to_numpy(), type=pa.bool_())
    if kind == "float" and s.dtype == "float64":
        return pa.array(s.to_numpy(), type=pa.float64(), from_pandas=True)
    if kind == "str" and (s.dtype == object or isinstance(s.dtype, pd.StringDtype)):
        try:  # pandas' string dtype converts without copying through Python; missing values (None, NaN) become null
            if isinstance(s.dtype, pd.StringDtype):
                return pa.array(s, type=pa.string())
            return pa.array(s.to_numpy(), type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # not only strings: let conform decide
            return None
    return None



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
