"""A persistent translation cache: SQLite, safe with several processes at once.

Keys hash the engine, the model and its version, the glossary hash, the language pair and the
source sentence, so a new model or glossary never returns stale text. Each row keeps the
translation's confidence (a cache from before confidences gains the column; its old rows
read back as ``None``). WAL mode and a busy timeout let two ``xlate translate`` runs share
one cache. A database that SQLite reports as corrupt is renamed aside (kept for inspection,
never deleted) and a fresh one is created.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlate.engines import Engine
from xlate.errors import CacheError
from xlate.model import Translation

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    flags TEXT NOT NULL,
    created REAL NOT NULL,
    confidence REAL
)
"""
# Caches written before translations carried a confidence gain the column (NULL: unknown).
CONFIDENCE_COLUMN = "ALTER TABLE translations ADD COLUMN confidence REAL"

Stored = tuple[str, str, str, tuple[str, ...], float | None]  # text, engine, model, flags, conf.


def default_cache_path() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("xlate")) / "translations.sqlite3"


class TranslationCache:
    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout  # seconds to wait for another process's lock
        self.set_aside: Path | None = None
        self._connection: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        """The database, opened (and checked, and rebuilt if corrupt) on first use."""
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CacheError(f"{self.path}: cannot create the cache folder: {exc}") from None
            try:
                self._connection = self._open()
            except sqlite3.OperationalError as exc:  # locked or busy: not corruption
                raise CacheError(f"{self.path}: cannot open: {exc}") from None
            except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
                self._connection = self._rebuild(exc)
        return self._connection

    def _open(self) -> sqlite3.Connection:
        """Connect and check; waits out other processes holding the lock (up to 30 s)."""
        db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
                db.execute(SCHEMA)
                columns = {row[1] for row in db.execute("PRAGMA table_info(translations)")}
                if "confidence" not in columns:
                    db.execute(CONFIDENCE_COLUMN)
                db.execute("SELECT count(*) FROM translations WHERE key = ''").fetchone()
                return db
            except sqlite3.OperationalError as exc:
                # Switching to WAL needs a moment alone with the file: another process
                # opening the same cache can hold it. Retry; never mistake it for corruption.
                if "locked" not in str(exc) and "busy" not in str(exc):
                    db.close()
                    raise
                if time.monotonic() > deadline:
                    db.close()
                    raise
                time.sleep(0.05)
            except sqlite3.DatabaseError:
                db.close()
                raise

    def _rebuild(self, error: Exception) -> sqlite3.Connection:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                extra = self.path.with_name(self.path.name + suffix)
                if extra.exists():
                    extra.rename(aside.with_name(aside.name + suffix))
        except OSError as exc:
            raise CacheError(f"{self.path}: corrupt ({error}) and cannot be moved: {exc}") from None
        self.set_aside = aside
        warnings.warn(
            f"translation cache {self.path} was corrupt ({error}); kept it as {aside.name} "
            "and started a new one",
            RuntimeWarning,
            stacklevel=4,
        )
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"{self.path}: cannot create a new cache: {exc}") from None

    def get_many(self, keys: Sequence[str]) -> dict[str, Stored]:
        found: dict[str, Stored] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT key, text, engine, model, flags, confidence FROM translations "
                    f"WHERE key IN ({marks})",
                    chunk,
                )
                for key, text, engine, model, flags, confidence in rows:
                    found[key] = (text, engine, model, tuple(json.loads(flags)), confidence)
        except sqlite3.DatabaseError as exc:  # locked by another process past the timeout
            raise CacheError(f"{self.path}: cannot read: {exc}") from None
        return found

    def put_many(self, rows: Sequence[tuple[str, Translation]]) -> None:
        now = time.time()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations "
                    "(key, text, engine, model, flags, created, confidence) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            key,
                            t.text,
                            t.engine,
                            t.model,
                            json.dumps(list(t.flags)),
                            now,
                            t.confidence,
                        )
                        for key, t in rows
                    ],
                )
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"{self.path}: cannot write: {exc}") from None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class CachedEngine:
    """An engine whose results are looked up in, and stored to, a :class:`TranslationCache`."""

    def __init__(self, inner: Engine, cache: TranslationCache, context: str = "") -> None:
        self.inner = inner
        self.cache = cache
        self.context = context
        self.name = inner.name
        self.hits = 0
        self.misses = 0
        self.unavailable = ""  # why the cache was given up on (locked, unwritable), if it was

    def key(self, sentence: str, source: str, target: str) -> str:
        model = self.inner.model_for(source, target)
        raw = "\0".join((self.inner.name, model, self.context, source, target, sentence))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def translate(
        self, sentences: Sequence[str], source: str, target: str
    ) -> list[Translation | None]:
        keys = [self.key(s, source, target) for s in sentences]
        stored = self._lookup(keys)
        results: list[Translation | None] = [None] * len(sentences)
        todo: list[int] = []
        for i, key in enumerate(keys):
            if key in stored:
                text, engine, model, flags, confidence = stored[key]
                results[i] = Translation(
                    sentences[i],
                    text,
                    source,
                    target,
                    engine,
                    model=model,
                    flags=flags,
                    confidence=confidence,
                )
            else:
                todo.append(i)
        self.hits += len(sentences) - len(todo)
        self.misses += len(todo)
        if todo:
            fresh = self.inner.translate([sentences[i] for i in todo], source, target)
            new_rows = []
            for i, translation in zip(todo, fresh, strict=True):
                results[i] = translation
                if translation is not None:
                    new_rows.append((keys[i], translation))
            self._store(new_rows)
        return results

    def _lookup(self, keys: Sequence[str]) -> dict[str, Stored]:
        if self.unavailable:
            return {}
        try:
            return self.cache.get_many(keys)
        except CacheError as exc:
            self._give_up(exc)
            return {}

    def _store(self, rows: Sequence[tuple[str, Translation]]) -> None:
        if self.unavailable or not rows:
            return
        try:
            self.cache.put_many(rows)
        except CacheError as exc:
            self._give_up(exc)

    def _give_up(self, error: CacheError) -> None:
        """Go on without the cache: one locked or unwritable database must not fail a batch
        (its sentences are translated again instead of read back)."""
        self.unavailable = str(error)
        warnings.warn(
            f"translation cache unavailable ({error}); translating without it",
            RuntimeWarning,
            stacklevel=3,
        )

    def describe(self) -> dict[str, Any]:
        return {**self.inner.describe(), "cache": str(self.cache.path)}

    def model_for(self, source: str, target: str) -> str:
        return self.inner.model_for(source, target)
