"""Tests of helpers.tables: every table's schema is defined statically, before any producing module is imported."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import tables

ROOT = Path(__file__).resolve().parents[1]
ALL = ("documents", "paragraphs", "sentences", "tokens", "mentions", "entity_counts", "actors", "quotes", "speakers",
       "speaker_mentions")

# a fresh interpreter that imports only helpers.tables, writes one CSV row per table and reads it back
READ_BACK = r"""
import sys, tempfile
import pandas as pd
from helpers import tables
assert not any(m.startswith(("helpers.quotes", "helpers.entities")) for m in sys.modules), "producers imported"
values = {"int": "7", "float": "0.5", "bool": "True", "str": "x"}
with tempfile.TemporaryDirectory() as d:
    for name, schema in tables.SCHEMAS.items():
        pd.DataFrame([{c: values[k] for c, k in schema.items()}]).to_csv(f"{d}/{name}.csv", index=False)
        df = tables.read_table(d, name)
        print(name, ",".join(f"{c}:{df[c].dtype}" for c in df.columns))
"""


def test_every_table_has_a_static_schema():
    assert set(ALL) <= set(tables.SCHEMAS)
    for name in ALL:
        assert tables.SCHEMAS[name] and set(tables.SCHEMAS[name].values()) <= {"int", "float", "bool", "str"}
    assert list(tables.SCHEMAS["mentions"])[-1] == "evidence"


def test_reading_a_table_before_importing_its_producer_gives_the_documented_dtypes():
    out = subprocess.run([sys.executable, "-c", READ_BACK], cwd=ROOT, capture_output=True, text=True, check=True)
    got = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    pandas = {"int": "int64", "float": "float64", "bool": "bool", "str": "object"}
    assert set(ALL) <= set(got)
    for name in ALL:
        expected = ",".join(f"{c}:{pandas[k]}" for c, k in tables.SCHEMAS[name].items())
        assert got[name] == expected, name


@pytest.mark.parametrize("name", ALL)
def test_empty_tables_follow_the_schema(name):
    df = tables.empty(name)
    assert list(df.columns) == list(tables.SCHEMAS[name]) and len(df) == 0
