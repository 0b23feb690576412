"""Writing output files safely: CSV cells a spreadsheet would run, atomic writes, and an output
folder that never loses a file the workbook did not write.

- :func:`neutralise` (and :func:`write_csv`, which every CSV the workbook writes goes through):
  a text cell that a spreadsheet would run as a formula, one starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return (or their full-width forms), gets a leading apostrophe, as
  the OWASP "CSV injection" advice says; a cell that is a number (``-3.5``, ``+44``) is left
  as it is, and so are numeric columns. The tables in memory keep the real text.
- :func:`atomic_path`: every file is written to a temporary file beside it (``.tmp-NAME.XXXX``)
  and renamed over the old one only when complete, so a run killed half-way leaves each file
  either as it was or as it should be, never half written.
- :class:`OutputFolder`: while one is active (``with OutputFolder(out):``), every write inside
  ``out`` goes through it. It refuses to write through a link that leads out of the folder;
  moves aside (``NAME.kept.EXT``, with a note) a file that is in the way and that the workbook
  did not write; and keeps a ledger (``.report-files``: ``sha256  path`` per file) so the next
  run removes the files this one wrote and it does not write again, but only those whose
  content still has the recorded hash: a file the ledger names that the workbook did not
  write, or that someone edited since, is never deleted.

Layer 0: imports nothing from the package.
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

#: What a spreadsheet reads as the start of a formula (OWASP), and the full-width forms some
#: spreadsheets also accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(
    r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?|[+-]?(?:inf|infinity|nan)", re.IGNORECASE
)
TEMP_PREFIX = ".tmp-"
LEDGER_NAME = ".report-files"


class OutputError(ValueError):
    """A write that would leave the output folder or lose a file; the message names it."""


# --------------------------------------------------------------------------- formulas


_DANGER = "[" + re.escape("".join(FORMULA_START)) + "]"
_AFTER_BREAK = re.compile("([\r\n])(?='*" + _DANGER + ")")
_RESTORE_AFTER_BREAK = re.compile("([\r\n])'(?='*" + _DANGER + ")")


def _risky_start(value: str) -> bool:
    # Leading apostrophes are looked through, so a text that already starts with one gets
    # another and :func:`restore_cell` can tell the two apart: the escape is reversible.
    core = value.lstrip("'")
    return core.startswith(FORMULA_START) and not _NUMBER.fullmatch(core)


def neutral_cell(value):
    """``value`` as a spreadsheet shows it as text: a leading apostrophe on a text that starts
    like a formula (:data:`FORMULA_START`, after any apostrophes it already has) and is not a
    number, and one after each line break inside it that is followed by such a character (the
    CSV writer leaves a cell holding a lone carriage return unquoted, and a spreadsheet starts
    a new row there); anything else unchanged. :func:`restore_cell` undoes it exactly."""
    if not isinstance(value, str):
        return value
    if "\r" in value or "\n" in value:
        value = _AFTER_BREAK.sub("\\1'", value)
    if _risky_start(value):
        return "'" + value
    return value


def restore_cell(value):
    """The text :func:`neutral_cell` was given, from what it returned."""
    if not isinstance(value, str):
        return value
    if value.startswith("'") and _risky_start(value[1:]):
        value = value[1:]
    if "\r" in value or "\n" in value:
        value = _RESTORE_AFTER_BREAK.sub("\\1", value)
    return value


def restore(frame: pd.DataFrame) -> pd.DataFrame:
    """A table read back from a CSV the workbook wrote, with the real text of every cell (the
    inverse of :func:`neutralise`; read the CSV with ``dtype=str, keep_default_na=False``)."""
    out = frame.copy()
    for i in range(out.shape[1]):
        dtype = out.iloc[:, i].dtype
        if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
            out.isetitem(i, out.iloc[:, i].map(restore_cell))
    out.columns = [restore_cell(c) for c in out.columns]
    return out


def _risky(value) -> bool:
    return isinstance(value, str) and (
        value.startswith(FORMULA_START + ("'",)) or "\r" in value or "\n" in value
    )


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are safe to open in a
    spreadsheet (:func:`neutral_cell`); numbers and the input are untouched."""
    out = frame.copy(deep=False)
    changed = False
    for i, _col in enumerate(frame.columns):
        series = frame.iloc[:, i]
        if not (
            pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
        ):
            continue
        mask = series.map(_risky).astype(bool)
        if mask.any():
            fixed = series.copy()
            fixed[mask] = series[mask].map(neutral_cell)
            if not fixed.equals(series):
                out.isetitem(i, fixed)
                changed = True
    names = [neutral_cell(c) if isinstance(c, str) else c for c in frame.columns]
    if names != list(frame.columns):
        out.columns = names
        changed = True
    return out if changed else frame


# --------------------------------------------------------------------------- atomic writes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
_ACTIVE: contextvars.ContextVar["OutputFolder | None"] = contextvars.ContextVar(
    "output_folder", default=None
)


@contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; when the block ends without an exception it is
    renamed to ``path`` (atomically: a reader sees the old file or the new one), else removed.
    Inside an active :class:`OutputFolder` the write is checked and recorded by it."""
    path = Path(path)
    folder = _ACTIVE.get()
    if folder is not None and folder.contains(path):
        folder.check(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _MODE)
        if folder is not None and folder.contains(path):
            folder.make_way(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if folder is not None and folder.contains(path):
        folder.record(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (:func:`atomic_path`)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (:func:`atomic_path`)."""
    return write_bytes(path, text.encode("utf-8"))


def _has_cr(frame: pd.DataFrame) -> bool:
    for i in range(frame.shape[1]):
        col = frame.iloc[:, i]
        if pd.api.types.is_object_dtype(col.dtype) or pd.api.types.is_string_dtype(col.dtype):
            if col.map(lambda v: isinstance(v, str) and "\r" in v).astype(bool).any():
                return True
    return any(isinstance(c, str) and "\r" in c for c in frame.columns)


#: Float format of the report's CSV files (tables and figures): ten significant digits, so a
#: file does not change with noise in the last bits of a float.
CSV_FLOAT_FORMAT = "%.10g"


def to_csv(data: pd.DataFrame, target=None, float_format: str | None = None):
    """``data`` as the workbook writes every CSV, to ``target`` (a path or a file; the text
    is returned when None): cells neutralised (:func:`neutralise`), UTF-8, ``\\n`` line ends,
    no index. Python's CSV writer leaves a cell holding a lone carriage return unquoted (it
    quotes only the characters of the line end it writes), which readers take as a new row:
    a table with such a cell is written with every cell quoted."""
    import csv

    safe = neutralise(data)
    quoting = csv.QUOTE_ALL if _has_cr(safe) else csv.QUOTE_MINIMAL
    return safe.to_csv(
        target,
        index=False,
        lineterminator="\n",
        float_format=float_format,
        encoding="utf-8",
        quoting=quoting,
    )


def write_csv(data: pd.DataFrame, path: str | os.PathLike, float_format: str | None = None) -> Path:
    """Write a table as the workbook writes every CSV (:func:`to_csv`), atomically."""
    path = Path(path)
    with atomic_path(path) as tmp:
        to_csv(data, tmp, float_format)
    return path


# --------------------------------------------------------------------------- the output folder


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def active_folder() -> "OutputFolder | None":
    """The :class:`OutputFolder` whose block is running (None outside one)."""
    return _ACTIVE.get()


class OutputFolder:
    """The folder one run writes into; see the module docstring.

    ``with OutputFolder(out, subfolders=("tables", "figures")) as folder:`` checks that no
    subfolder is a link out of ``out`` (:class:`OutputError` otherwise), removes temporary files
    a killed run left, and from then on checks and records every :func:`atomic_path` write
    inside ``out``. :meth:`finish` removes the stale files and writes the ledger. ``notes`` are
    ``(path, code, message)`` for the files moved aside.
    """

    def __init__(self, root: str | os.PathLike, subfolders=()):
        self.root = Path(root).resolve()
        self.ledger = self.root / LEDGER_NAME
        self.notes: list[tuple[str, str, str]] = []
        self.written: dict[str, str] = {}
        for sub in subfolders:
            self.check(self.root / sub / "x")
        self.old = self._read_ledger()
        # Where this run's own entries start: processes forked to draw figures append theirs
        # to the ledger file, and finish() reads them back from here.
        self._ledger_start = self.ledger.stat().st_size if self.ledger.is_file() else 0
        self._remove_temporaries(subfolders)
        self._token = None

    def __enter__(self) -> "OutputFolder":
        self._token = _ACTIVE.set(self)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc) -> None:
        _ACTIVE.reset(self._token)  # type: ignore[arg-type]

    # -- paths

    def rel(self, path: Path) -> str:
        return Path(os.path.abspath(path)).relative_to(self.root).as_posix()

    def contains(self, path: Path) -> bool:
        try:
            self.rel(path)
        except ValueError:
            return False
        return True

    def check(self, path: Path) -> None:
        """Raise :class:`OutputError` when a folder on the way from the root to ``path`` is a
        link that leads out of the root (or nowhere)."""
        parts = Path(self.rel(path)).parts[:-1]
        here = self.root
        for part in parts:
            here = here / part
            if here.is_symlink():
                try:
                    target = here.resolve(strict=True)
                except (OSError, RuntimeError):
                    target = None
                if target is None or (target != self.root and self.root not in target.parents):
                    raise OutputError(
                        f"{here}: is a link to {os.readlink(here)!r}, outside the output folder "
                        f"{self.root}; the report does not write through it (remove the link or "
                        "choose another --out)"
                    )
            elif here.exists() and not here.is_dir():
                raise OutputError(
                    f"{here}: is a file where the report writes a folder; "
                    "move it or choose another --out"
                )

    # -- the ledger

    def _read_ledger(self, start: int = 0) -> dict[str, str]:
        entries: dict[str, str] = {}
        if self.ledger.is_symlink() or not self.ledger.is_file():
            return entries
        with open(self.ledger, "rb") as f:
            f.seek(start)
            text = f.read().decode("utf-8", errors="replace")
        for line in text.splitlines():
            digest, sep, name = line.partition("  ")
            if sep and re.fullmatch(r"[0-9a-f]{64}", digest) and name:
                entries[name] = digest  # a later line (a rerun's) wins
        return entries

    def trusted(self, rel: str) -> bool:
        """True when the ledger names ``rel`` and the file there still has the recorded hash:
        the workbook wrote it and nobody changed it since."""
        path = self.root / rel
        digest = self.written.get(rel) or self.old.get(rel)
        if digest is None or path.is_symlink() or not path.is_file():
            return False
        try:
            return file_hash(path) == digest
        except OSError:
            return False

    def _remove_temporaries(self, subfolders) -> None:
        for folder in [self.root, *(self.root / s for s in subfolders)]:
            if folder.is_dir() and not folder.is_symlink():
                for p in folder.glob(TEMP_PREFIX + "*"):
                    if p.is_file() and not p.is_symlink():
                        p.unlink()

    def make_way(self, path: Path) -> None:
        """Before ``path`` is replaced: move aside a file there that the workbook did not write
        (or that was changed since), with a note."""
        if not (path.exists() or path.is_symlink()):
            return
        rel = self.rel(path)
        if self.trusted(rel):
            return
        if path.is_dir() and not path.is_symlink():
            raise OutputError(f"{path}: is a folder where the report writes a file; move it")
        n = 1
        while True:
            suffix = "" if n == 1 else f"-{n}"
            kept = path.with_name(f"{path.stem}.kept{suffix}{path.suffix}")
            if not (kept.exists() or kept.is_symlink()):
                break
            n += 1
        os.rename(path, kept)
        self.notes.append(
            (
                rel,
                "kept-user-file",
                f"{rel} in the output folder was not written by the report (or was "
                f"changed since); it was kept as {self.rel(kept)}",
            )
        )

    def record(self, path: Path) -> None:
        """Note that the workbook wrote ``path`` (in memory and at the end of the ledger, so a
        run killed later still knows the file is its own)."""
        rel = self.rel(path)
        digest = file_hash(path)
        self.written[rel] = digest
        if not self.ledger.is_symlink():
            with open(self.ledger, "a", encoding="utf-8") as f:
                f.write(f"{digest}  {rel}\n")

    def finish(self) -> list[str]:
        """Remove the files an earlier run wrote that this one did not (only those whose content
        still has the recorded hash), write the ledger, and return what was removed."""
        # Files written by forked processes (figures drawn in parallel) are in the ledger file
        # only: take them as this run's when their content is what was recorded.
        for rel, digest in self._read_ledger(self._ledger_start).items():
            if rel not in self.written and self.contains(self.root / rel):
                path = self.root / rel
                if path.is_file() and not path.is_symlink() and file_hash(path) == digest:
                    self.written[rel] = digest
        removed = []
        for rel in sorted(set(self.old) - set(self.written)):
            path = self.root / rel
            if self.contains(path) and self.trusted(rel):
                try:
                    self.check(path)
                except OutputError:
                    continue
                path.unlink()
                removed.append(rel)
        text = "".join(f"{d}  {r}\n" for r, d in sorted(self.written.items()))
        if self.ledger.is_symlink():
            self.ledger.unlink()
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{LEDGER_NAME}.", dir=self.root)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, _MODE)
        os.replace(tmp, self.ledger)
        return removed


# --------------------------------------------------------------------------- the terminal

_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def for_terminal(text) -> str:
    """``text`` safe to print on a terminal: control characters (escape sequences, bells,
    carriage returns, line breaks), C1 controls, and the Unicode line separators and
    direction overrides shown as ``\\x1b``, ``\\u202e`` ... so a file name or a pasted line
    cannot move the cursor, recolour or retitle the terminal, or reorder what is shown."""
    text = str(text)

    def escape(m: re.Match) -> str:
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    return _TERMINAL_UNSAFE.sub(escape, text)
