"""Reading a corpus (a folder of .txt files, or .csv / .jsonl tables) into one documents table.

Columns of the documents table:

| column | meaning |
|---|---|
| doc_id | path relative to the corpus folder; `file.csv#N` / `file.jsonl#N` for row N (1-based) of a table |
| date | publication date (ISO `YYYY-MM-DD`) from the header or the `date` column, else missing |
| title | the title line / `title` column, else missing |
| outlet | the `outlet` column, else missing |
| url | the `url` column, else missing |
| text | the raw text exactly as read (UTF-8, universal newlines, nothing stripped) |
| body_start | offset in `text` where the article body starts (after the metadata header and title) |
| title_start, title_end | offsets of the title inside `text`, or -1 when the title is not part of the text |
| status | `ok`, `recoded` (UTF-16 with a byte-order mark, or not UTF-8 and decoded as cp1252), `bad_date`, `duplicate`, `empty`, `binary`, `too_large`, `unreadable`, `skipped` (a file of a kind the pipeline does not read, or a table without a `text` column) |
| error | a readable explanation when status is not `ok` |

Documents whose status is in `ANALYSABLE` are analysed; every other row is kept and reported.

Files that document or configure a corpus are not articles and are never listed (`is_corpus_documentation`):
README*, LICENSE*, *.md, entity_overrides.csv, anything inside a `gold/` folder, hidden files. Every other file
is a row: read when its suffix is .txt/.csv/.jsonl, otherwise `skipped` with the reason.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass, field, asdict
from pathlib import Path
from typing import Iterator

import pandas as pd

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl")
ANALYSABLE = frozenset({"ok", "recoded", "bad_date"})
# files a researcher may put in a corpus folder to configure the analysis; they are not articles
CONFIG_FILES = frozenset({"entity_overrides.csv"})
DOC_NAME_PREFIXES = ("readme", "license", "licence")  # documentation of a corpus folder, in any format
DOC_SUFFIXES = (".md",)
GOLD_FOLDER = "gold"  # hand annotations kept beside their articles
DEFAULT_MAX_BYTES = 2_000_000  # news articles are far smaller (the longest Wikinews interview is 104 kB)
DOCUMENT_COLUMNS = [
    "doc_id", "date", "title", "outlet", "url", "text", "body_start", "title_start", "title_end", "status", "error",
]

_DATE_LINE = re.compile(r"\A[ \t]*date[ \t]+(\S+)[ \t]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class CorpusWarning(UserWarning):
    """A document of the corpus could not be read or analysed normally."""


@dataclass
class Document:
    """One article as read: its identity, metadata, raw text and load status."""

    doc_id: str
    text: str = ""
    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    body_start: int = 0
    title_start: int = -1
    title_end: int = -1
    status: str = "ok"
    error: str | None = None

    @property
    def analysable(self) -> bool:
        """Whether the pipeline should analyse this document."""
        return self.status in ANALYSABLE

    def to_row(self) -> dict:
        """Return the document as a row of the documents table."""
        return asdict(self)


@dataclass(frozen=True)
class Header:
    """Metadata found at the top of an article's text."""

    date: str | None = None
    date_error: str | None = None
    title: str | None = None
    title_start: int = -1
    title_end: int = -1
    body_start: int = 0


def check_date(value: str | None) -> tuple[str | None, str | None]:
    """Return (ISO date, None) for a valid date string, or (None, reason) for an impossible one."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return None, None
    value = str(value).strip()
    candidate = value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else value
    if not _ISO_DATE.match(candidate):
        try:
            return pd.Timestamp(value).date().isoformat(), None
        except (ValueError, TypeError, OverflowError):
            return None, f"unreadable date {value!r}"
    try:
        return dt.date.fromisoformat(candidate).isoformat(), None
    except ValueError:
        return None, f"impossible date {value!r}"


HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250
_SENTENCE_END = re.compile(r"[.!?:;,][\"'\u2019\u201d)\]]*\Z")


def looks_like_headline(line: str) -> bool:
    """Whether a first line has the shape of a headline: short, with a letter, not ending like a sentence."""
    t = line.strip()
    return (0 < len(t.split()) <= HEADLINE_MAX_WORDS and len(t) <= HEADLINE_MAX_CHARS
            and any(c.isalpha() for c in t) and not _SENTENCE_END.search(t))


def headline(text: str) -> Header:
    """Return the first line of a text without a date header as its title when it is headline-shaped and followed by a blank line."""
    pos = len(text) - len(text.lstrip("\n \t"))
    line_end = text.find("\n", pos)
    if line_end == -1 or not re.match(r"\n[ \t]*\n", text[line_end:]):
        return Header()
    line = text[pos:line_end]
    if not looks_like_headline(line):
        return Header()
    t_start = pos + (len(line) - len(line.lstrip()))
    t_end = pos + len(line.rstrip())
    body = line_end
    while body < len(text) and text[body] in "\n \t":
        body += 1
    if body >= len(text):  # a single short line is a (very short) body, not a title without an article
        return Header()
    return Header(title=text[t_start:t_end], title_start=t_start, title_end=t_end, body_start=body)


def parse_header(text: str, *, find_headline: bool = True) -> Header:
    """Find the `date YYYY-MM-DD` header and an optional title line at the top of `text` (else a headline first line)."""
    m = _DATE_LINE.match(text)
    if not m:
        return headline(text) if find_headline else Header()
    date, date_error = check_date(m.group(1))
    pos = m.end()
    if pos < len(text) and text[pos] != "\n":
        # seed style: the body continues on the date line
        return Header(date=date, date_error=date_error, body_start=pos)
    # Wikinews style: date line, title line, blank line, body
    if pos < len(text):
        pos += 1
    line_end = text.find("\n", pos)
    line_end = len(text) if line_end == -1 else line_end
    rest = text[line_end:]
    title_line = text[pos:line_end]
    if title_line.strip() and re.match(r"\n[ \t]*\n", rest):
        t_start = pos + (len(title_line) - len(title_line.lstrip()))
        t_end = pos + len(title_line.rstrip())
        body = line_end
        while body < len(text) and text[body] in "\n \t":
            body += 1
        return Header(date=date, date_error=date_error, title=text[t_start:t_end],
                      title_start=t_start, title_end=t_end, body_start=body)
    return Header(date=date, date_error=date_error, body_start=pos)


def looks_binary(data: bytes) -> bool:
    """Whether raw bytes look like a binary (non-text) file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def is_utf16(data: bytes) -> bool:
    """Whether bytes start with a UTF-16 byte-order mark (what Windows editors save as "Unicode")."""
    return data[:2] in UTF16_BOMS and not data.startswith(b"\xff\xfe\x00\x00")  # not UTF-32 LE


def decode_text(data: bytes) -> tuple[str, str, str | None]:
    """Decode bytes as UTF-8 (or UTF-16 with a byte-order mark) with universal newlines; return (text, status, error)."""
    if is_utf16(data):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            text = data.decode("utf-16", errors="replace")
            status, error = "recoded", (f"UTF-16 text (byte-order mark) with an invalid byte sequence at byte "
                                        f"{err.start}, replaced; offsets refer to the decoded text")
        else:
            status, error = "recoded", "UTF-16 text (byte-order mark); decoded as UTF-16, offsets refer to the decoded text"
        return text.replace("\r\n", "\n").replace("\r", "\n"), status, error
    try:
        text = data.decode("utf-8")
        status, error = "ok", None
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        status = "recoded"
        error = f"not valid UTF-8 (byte {err.start}); decoded as cp1252, offsets refer to the decoded text"
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # exactly what open(..., encoding=...).read() does
    return text, status, error


def make_document(doc_id: str, text: str, *, date=None, title=None, outlet=None, url=None,
                  status: str = "ok", error: str | None = None) -> Document:
    """Build a Document from raw text and metadata, parsing the header and flagging bad input."""
    doc = Document(doc_id=doc_id, text=text, outlet=_clean(outlet), url=_clean(url), status=status, error=error)
    if status not in ANALYSABLE:
        return doc
    if not text.strip():
        doc.status, doc.error = "empty", "the text is empty or only whitespace"
        return doc
    header = parse_header(text, find_headline=_clean(title) is None)  # a title column wins over a guessed headline
    doc.body_start, doc.title_start, doc.title_end = header.body_start, header.title_start, header.title_end
    doc.title = header.title if header.title is not None else _clean(title)
    date_value, date_error = (header.date, header.date_error) if (header.date or header.date_error) else check_date(date)
    doc.date = date_value
    if date_error:
        doc.status = "bad_date" if doc.status == "ok" else doc.status
        doc.error = "; ".join(e for e in (doc.error, date_error) if e)
    if not text[doc.body_start:].strip():
        doc.status, doc.error = "empty", "the article has a header but no body text"
    return doc


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    value = str(value).strip()
    return value or None


def read_text_file(path: Path, *, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one .txt article into a Document, reporting unreadable, binary, empty or oversized files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Document(doc_id=doc_id, status="too_large",
                            error=f"file is {size:,} bytes, above the limit of {max_bytes:,} for one article "
                                  "(raise --max-bytes / max_bytes to analyse it anyway)")
        data = path.read_bytes()
    except OSError as err:
        return Document(doc_id=doc_id, status="unreadable", error=f"cannot read file: {err.strerror or err}")
    if not data.strip():
        return Document(doc_id=doc_id, status="empty", error="the file is empty")
    if not is_utf16(data) and looks_binary(data):
        return Document(doc_id=doc_id, status="binary", error="the file looks binary (NUL or control bytes), not text")
    text, status, error = decode_text(data)
    return make_document(doc_id, text, status=status, error=error)


def read_table_file(path: Path, *, rel: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Read a .csv or .jsonl file with a `text` column into Documents, one per row."""
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Document(doc_id=rel, status="unreadable", error=f"cannot read file: {err.strerror or err}")
        return
    if not is_utf16(data) and looks_binary(data):
        yield Document(doc_id=rel, status="binary", error="the file looks binary, not a text table")
        return
    raw, status, error = decode_text(data)
    try:
        if path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(raw, newline="")))
        else:
            rows = []
            for n, line in enumerate(raw.split("\n"), start=1):
                if line.strip():
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as err:
                        obj = {"__error__": f"line {n} is not valid JSON: {err.msg}"}
                    rows.append(obj if isinstance(obj, dict) else {"__error__": f"line {n} is not a JSON object"})
    except csv.Error as err:
        yield Document(doc_id=rel, status="unreadable", error=f"not a readable CSV file: {err}")
        return
    if not rows:
        yield Document(doc_id=rel, status="empty", error="the table has no rows")
        return
    if not any("text" in r for r in rows):
        cols = ", ".join(sorted({k for r in rows for k in r if k != "__error__"})[:8])
        yield Document(doc_id=rel, status="skipped", error=f"no 'text' column (columns: {cols}); not a corpus table")
        return
    for n, row in enumerate(rows, start=1):
        doc_id = f"{rel}#{n}"
        if "__error__" in row:
            yield Document(doc_id=doc_id, status="unreadable", error=row["__error__"])
            continue
        text = row.get("text")
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            yield Document(doc_id=doc_id, status="too_large", error=f"text above the limit of {max_bytes:,} bytes for one article (raise --max-bytes / max_bytes to analyse it anyway)")
            continue
        yield make_document(doc_id, text, date=row.get("date"), title=row.get("title"), outlet=row.get("outlet"),
                            url=row.get("url"), status=status, error=error)


def is_corpus_documentation(rel_path: str | Path) -> bool:
    """Whether a file (path relative to the corpus folder) documents or configures the corpus instead of being an article."""
    parts = Path(rel_path).parts
    name = parts[-1].lower()
    return (name in CONFIG_FILES or name.startswith(DOC_NAME_PREFIXES) or name.endswith(DOC_SUFFIXES)
            or GOLD_FOLDER in (p.lower() for p in parts[:-1]) or any(p.startswith(".") for p in parts))


def is_readable_suffix(path: str | Path) -> bool:
    """Whether the pipeline reads files with this path's suffix (.txt, .csv, .jsonl)."""
    return Path(path).suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES


def corpus_files(root: str | Path) -> list[Path]:
    """Return the files under `root` that are articles or tables of articles, readable or not, in a stable order.

    `root` itself when it is a file; documentation and configuration files (`is_corpus_documentation`) left out.
    """
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    return sorted((p for p in root.rglob("*") if p.is_file() and not is_corpus_documentation(p.relative_to(root))),
                  key=lambda p: p.relative_to(root).as_posix())


def unsupported_file(path: Path, *, doc_id: str) -> Document:
    """Return the `skipped` row of a file the pipeline cannot read, with the reason."""
    kind = path.suffix.lower() or "without a suffix"
    return Document(doc_id=doc_id, status="skipped",
                    error=f"{kind} files are not read: the pipeline reads .txt articles and .csv/.jsonl tables with a "
                          "'text' column (save the article as plain text)")


def describe_files(files: list[Path]) -> str:
    """Return what a list of files holds by suffix, e.g. '2 .docx, 1 .html' (most frequent first)."""
    from collections import Counter

    counts = Counter(p.suffix.lower() or "(no suffix)" for p in files)
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def iter_documents(root: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, warn: bool = True) -> Iterator[Document]:
    """Yield every document of a corpus folder or file, marking duplicates and bad input (never skipping silently)."""
    root = Path(root)
    base = root.parent if root.is_file() else root
    seen: dict[str, str] = {}
    for path in corpus_files(root):
        rel = path.relative_to(base).as_posix()
        if not is_readable_suffix(path):
            docs = [unsupported_file(path, doc_id=rel)]
        elif path.suffix.lower() in TEXT_SUFFIXES:
            docs = [read_text_file(path, doc_id=rel, max_bytes=max_bytes)]
        else:
            docs = read_table_file(path, rel=rel, max_bytes=max_bytes)
        for doc in docs:
            if doc.analysable:
                digest = hashlib.sha1(doc.text[doc.body_start:].strip().encode("utf-8", "surrogatepass")).hexdigest()
                if digest in seen:
                    doc.status, doc.error = "duplicate", f"same text as {seen[digest]}; analysed once"
                else:
                    seen[digest] = doc.doc_id
            if warn and doc.status != "ok":
                warnings.warn(f"{doc.doc_id}: {doc.status}: {doc.error}", CorpusWarning, stacklevel=2)
            yield doc


def load_corpus(root: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, warn: bool = True) -> pd.DataFrame:
    """Load a corpus folder (recursively) or a single file into the documents table (see module docstring)."""
    rows = [d.to_row() for d in iter_documents(root, max_bytes=max_bytes, warn=warn)]
    return documents_frame(rows)


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    """Return rows as a documents table with the documented columns and dtypes."""
    df = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    for col in ("body_start", "title_start", "title_end"):
        df[col] = df[col].astype("int64")
    return df


def document_from_row(row: dict | pd.Series) -> Document:
    """Rebuild a Document from a row of the documents table."""
    data = dict(row)
    return Document(**{k: (None if (isinstance(v, float) and pd.isna(v)) else v)
                       for k, v in data.items() if k in Document.__dataclass_fields__})
