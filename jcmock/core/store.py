"""The state store: JSON documents per organization and kind, on TinyDB.

One TinyDB table per (org, kind), named ``"{org}/{kind}"``, whose document ids
are the objects' own string ids. Two extension points keep every operation by
id O(1) however many documents a table holds:

* ``_MemoryStorage`` keeps the tables in memory: ``read()`` hands out the live
  dict and ``write()`` only marks it dirty. The file is written separately, in
  batches, by ``Store.flush()``.
* ``_Table`` applies TinyDB's updaters to the live table in place. Stock TinyDB
  copies and re-keys the whole table on every write, so a PATCH by id slowed
  from thousands per second at 100 objects to 17 per second at 100,000.

Lists page in the store (``scan``): filters and sort keys read the live documents
and only the page is copied, so a page of 100 costs the same at 100 or 100,000.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import threading
import time
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from .files import write_atomic

_log = logging.getLogger(__name__)


class _MemoryStorage(Storage):
    """TinyDB storage holding the tables in memory; writes only mark it dirty."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, dict]] = {}
        self.dirty = False

    def read(self) -> dict[str, dict[str, dict]]:
        """Return the live tables: no copy, no file read."""
        return self.tables

    def write(self, data: dict[str, dict[str, dict]]) -> None:
        """Keep what TinyDB hands back and remember there is something to save."""
        # Mostly the very dict read() returned; drop_tables() passes a new one.
        self.tables = data
        self.dirty = True


class _Table(Table):
    """A TinyDB table keyed by string ids whose writes touch only what changes."""

    document_id_class = str

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        # Ids are stored as str and document_id_class is str, so the stock
        # re-keying round trip (two copies of the table) has nothing to do.
        tables = self._storage.read()
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()

    def replace(self, doc_id: str, doc: dict) -> None:
        """Swap in a new document for an existing id.

        TinyDB's own ``update``/``upsert`` merge fields into the stored dict in
        place, which neither removes fields nor keeps stored documents immutable.
        """
        self._update_table(lambda docs: docs.__setitem__(doc_id, doc))


class _Database(TinyDB):
    table_class = _Table


@dataclass(frozen=True)
class Page:
    """What ``Store.scan`` answers: copies of one page's documents, and how many matched in all if asked."""

    docs: list[dict]
    total: int | None = None


class Store:
    """Documents per organization and kind, on a TinyDB JSON file (or in memory when path is None).

    ``flush_interval`` is the shortest time between two saves.

    Every public method holds ``lock`` (re-entrant); callers take it themselves
    to make several calls one atomic step. Documents are copied in and out and
    never changed in place once stored, so no caller sees a half-made change.

    With a path, the file holds what ``dump()`` returns. A background thread
    saves changes: a write reaches disk within max(flush_interval, 10 x the
    duration of the last save), so saving a large store takes at most about a
    tenth of the time. Each save replaces the file atomically, so the file is
    valid JSON even if the process is killed while saving. A save re-encodes only
    the documents changed since the last one (the others' JSON text is cached) and
    writes the file outside ``lock``, so requests wait only for the snapshot.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, flush_interval: float = 0.5):
        """Open the store, loading ``path`` if it exists; ValueError if it is not a store file."""
        if flush_interval <= 0:
            raise ValueError(f"flush_interval must be positive, got {flush_interval!r}")
        self.lock = threading.RLock()
        self.flush_interval = flush_interval
        self.last_flush_seconds = 0.0
        self._path = Path(path) if path is not None else None
        self._db = _Database(storage=_MemoryStorage)
        self._storage: _MemoryStorage = self._db.storage
        self._stop = threading.Event()
        self._flusher: threading.Thread | None = None
        self._closed = False
        self._save_lock = threading.Lock()
        # Per table, per id: the document's JSON text as the file holds it, rebuilt only for changed ids.
        self._texts: dict[str, dict[str, str]] = {}
        self._changed: dict[str, dict[str, None]] = {}
        self._all_changed = True
        # Per table, its ids in sorted order, for ``scan(by_key=True)``: built by the first such
        # scan, then kept by the writes that add or remove an id (a bisect each).
        self._sorted_ids: dict[str, list[str]] = {}
        if self._path is None:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        if self._path.exists():
            self._load_file()
        self._flusher = threading.Thread(
            target=self._flush_periodically, name=f"jcmock-store-flusher:{self._path}", daemon=True
        )
        self._flusher.start()

    def get(self, org: str, kind: str, obj_id: str) -> dict | None:
        """Return a copy of the document, or None if there is none with that id."""
        with self.lock:
            doc = self._live(org, kind, obj_id)
            return _clone(doc) if doc is not None else None

    def contains(self, org: str, kind: str, obj_id: str) -> bool:
        """Whether the document exists, without copying it (checked before every request)."""
        with self.lock:
            return obj_id in self._storage.tables.get(self._name(org, kind), ())

    def all(self, org: str, kind: str) -> list[dict]:
        """Return copies of all documents of a kind, in insertion order."""
        with self.lock:
            table = self._table(org, kind)
            return [_clone(doc) for doc in table] if table is not None else []

    def scan(
        self,
        org: str,
        kind: str,
        *,
        where: Callable[[dict], bool] | None = None,
        order: Sequence[tuple[Callable[[dict], object], bool]] = (),
        skip: int = 0,
        limit: int | None = None,
        total: bool = False,
        by_key: bool = False,
        after: str | None = None,
    ) -> Page:
        """One page of a kind's documents: a list call costs what its page holds, not what the store holds.

        ``where`` and the ``order`` keys see the live stored documents and must not change them;
        only the page is copied. ``order`` is ``(key, descending)`` pairs, the first the primary
        key; without it documents come in insertion order and the scan stops once the page is
        full. ``total`` also counts every match: free without ``where``, a full scan with it.

        ``by_key`` walks the documents in the order of their keys (ids, compared as strings)
        instead, and ``after`` (only with ``by_key``) starts after that key, which need not be
        stored: a cursor. The store keeps each such table's keys sorted (``_sorted_ids``), so this
        starts with a bisect and also stops once the page is full; ``total`` then counts what lies
        after ``after``.
        """
        if after is not None and not by_key:
            raise ValueError("after needs by_key=True")
        if by_key and order:
            raise ValueError("by_key and order are two orders: give one")
        with self.lock:
            name = self._name(org, kind)
            table = self._storage.tables.get(name, {})
            if by_key:
                keys = self._sorted_ids.get(name)
                if keys is None:
                    keys = self._sorted_ids[name] = sorted(table)
                start = 0 if after is None else bisect_right(keys, after)
                if where is not None and not total and limit is not None:
                    page = _filtered_by_key(table, keys, start, where, skip + limit)[skip:]
                    return Page([_clone(doc) for doc in page])
                docs = map(table.__getitem__, map(keys.__getitem__, range(start, len(keys))))
                scanned = len(keys) - start
            else:
                docs = table.values()
                scanned = len(table)
            if where is not None:
                docs = filter(where, docs)
            matched = scanned if where is None else None
            if order or (total and where is not None):
                docs = list(docs)
                for key, descending in reversed(order):
                    docs.sort(key=key, reverse=descending)
                matched = len(docs)
            end = None if limit is None else skip + limit
            page = [_clone(doc) for doc in islice(docs, skip, end)]
            return Page(page, matched if total else None)

    def count(self, org: str, kind: str) -> int:
        """Return how many documents of a kind the org holds."""
        with self.lock:
            table = self._table(org, kind)
            return len(table) if table is not None else 0

    def put(self, org: str, kind: str, obj_id: str, doc: dict) -> None:
        """Insert or replace a document (a copy of it); a replaced one keeps its place in order.

        TypeError if the id is not a string or the document is not plain JSON data.
        """
        if not isinstance(obj_id, str):
            raise TypeError(f"document id must be a str, got {type(obj_id).__name__}")
        stored = _clone(doc)
        if not isinstance(stored, dict):
            raise TypeError(f"document must be a dict, got {type(doc).__name__}")
        with self.lock:
            table = self._table(org, kind, create=True)
            if table.contains(doc_id=obj_id):
                table.replace(obj_id, stored)
            else:
                table.insert(Document(stored, doc_id=obj_id))
                if table.name in self._sorted_ids:
                    insort(self._sorted_ids[table.name], obj_id)
            self._changed.setdefault(table.name, {})[obj_id] = None

    def update(self, org: str, kind: str, obj_id: str, fn: Callable[[dict], dict]) -> dict | None:
        """Store ``fn(copy of the document)`` and return a copy of it.

        Returns None, without calling ``fn``, if there is no such document. If
        ``fn`` raises, the document is left as it was.
        """
        with self.lock:
            current = self._live(org, kind, obj_id)
            if current is None:
                return None
            new = _clone(fn(_clone(current)))
            if not isinstance(new, dict):
                raise TypeError(f"update function must return a dict, got {type(new).__name__}")
            table = self._table(org, kind)
            table.replace(obj_id, new)
            self._changed.setdefault(table.name, {})[obj_id] = None
            return _clone(new)

    def delete(self, org: str, kind: str, obj_id: str) -> dict | None:
        """Remove a document and return it, or None if there was none.

        Removing the last document of a kind drops its table, so ``orgs()`` and
        ``dump()`` only show what holds documents.
        """
        with self.lock:
            table = self._table(org, kind)
            doc = table.get(doc_id=obj_id) if table is not None else None
            if doc is None:
                return None
            table.remove(doc_ids=[obj_id])
            # Rare: rebuild the table's texts so they keep the order of its documents.
            self._texts.pop(table.name, None)
            ids = self._sorted_ids.get(table.name)
            if ids is not None:
                del ids[bisect_left(ids, obj_id)]
            if not len(table):
                self._db.drop_table(table.name)
                self._sorted_ids.pop(table.name, None)
            return _clone(doc)

    def orgs(self) -> list[str]:
        """Return the orgs that hold at least one table (hence one document), sorted."""
        with self.lock:
            return sorted({_split_table_name(name)[0] for name in self._db.tables()})

    def is_empty(self) -> bool:
        """Return True if the store holds no document at all."""
        with self.lock:
            return not self._db.tables()

    def dump(self) -> dict:
        """Return a deep copy of everything as ``{org: {kind: {id: doc}}}``, JSON-serialisable."""
        with self.lock:
            return _as_tree(self._storage.tables, copy_docs=True)

    def load(self, data: dict) -> None:
        """Replace everything with ``data``, shaped like ``dump()``.

        Kinds and orgs without documents are skipped. ValueError if ``data`` is
        not that shape, in which case the store is left unchanged.
        """
        tree = _checked_tree(data)
        with self.lock:
            self._replace_all(tree)

    def _replace_all(self, tree: dict) -> None:
        # The documents become the tables as they are: one dict per table, nothing re-inserted one by one.
        self._db.drop_tables()
        self._sorted_ids.clear()
        self._storage.write({self._name(org, kind): docs
                             for org, kinds in tree.items() for kind, docs in kinds.items() if docs})
        self._all_changed = True

    def clear(self, prefix: str = "") -> None:
        """Remove every document of every org whose name starts with ``prefix`` (all orgs by default)."""
        with self.lock:
            if not prefix:
                self._db.drop_tables()
            else:
                for name in [n for n in self._db.tables() if n.startswith(prefix)]:
                    self._db.drop_table(name)
            self._sorted_ids.clear()
            self._all_changed = True

    def rename_orgs(self, rename: Callable[[str], str]) -> None:
        """Give every org the name ``rename(org)``: how a db written before namespaces gets one."""
        with self.lock:
            tables = self._storage.tables
            renamed = {}
            for name, docs in tables.items():
                org, kind = _split_table_name(name)
                renamed[f"{rename(org)}/{kind}"] = docs
            if renamed.keys() != tables.keys():
                self._storage.write(renamed)
                self._db.clear_cache()
                self._sorted_ids.clear()
                self._all_changed = True

    def flush(self) -> None:
        """Write unsaved changes to the file now; a no-op in memory or when nothing changed."""
        with self._save_lock:
            with self.lock:
                if self._path is None or not self._storage.dirty:
                    return
                started = time.perf_counter()
                text = self._file_text()
                self._storage.dirty = False
            try:
                write_atomic(self._path, text.encode("utf-8"))
            except BaseException:
                with self.lock:
                    self._storage.dirty = True
                raise
            self.last_flush_seconds = time.perf_counter() - started

    def _file_text(self) -> str:
        tables = self._storage.tables
        if self._all_changed:
            self._texts = {name: {i: _entry(i, d) for i, d in docs.items()} for name, docs in tables.items()}
            self._all_changed = False
        else:
            for name, ids in self._changed.items():
                docs = tables.get(name)
                if docs is None:
                    self._texts.pop(name, None)
                    continue
                texts = self._texts.get(name)
                if texts is None:
                    continue
                for i in ids:
                    texts[i] = _entry(i, docs[i])
        self._changed = {}
        orgs: dict[str, list[str]] = {}
        for name, docs in tables.items():
            if name not in self._texts:
                self._texts[name] = {i: _entry(i, d) for i, d in docs.items()}
            org, kind = _split_table_name(name)
            orgs.setdefault(org, []).append(json.dumps(kind) + ": {" + ", ".join(self._texts[name].values()) + "}")
        return "{" + ", ".join(json.dumps(org) + ": {" + ", ".join(kinds) + "}" for org, kinds in orgs.items()) + "}"

    def close(self) -> None:
        """Stop the flusher thread and save unsaved changes; calling it again does nothing.

        Call it without holding ``lock``: it waits for the flusher thread, which
        may itself be waiting for the lock.
        """
        with self.lock:
            if self._closed:
                return
            self._closed = True
        self._stop.set()
        if self._flusher is not None:
            self._flusher.join()
        self.flush()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _table(self, org: str, kind: str, create: bool = False) -> _Table | None:
        # Reads of tables that do not exist return None instead of creating a
        # table object, so requests for unknown orgs leave nothing behind.
        name = self._name(org, kind)
        if not create and name not in self._storage.tables:
            return None
        return self._db.table(name)

    def _live(self, org: str, kind: str, obj_id: str) -> dict | None:
        # The stored document itself, read straight from the tables: TinyDB's ``Table.get``
        # would also build the table object and a Document copy of it. ``str`` as TinyDB's does.
        return self._storage.tables.get(self._name(org, kind), {}).get(str(obj_id))

    @staticmethod
    def _name(org: str, kind: str) -> str:
        if "/" in kind:
            raise ValueError(f"kind must not contain '/': {kind!r}")
        return f"{org}/{kind}"

    def _load_file(self) -> None:
        try:
            # json.loads builds fresh plain JSON data: check its shape, no need to copy it again.
            tree = _checked_tree(_parse_without_gc(self._path.read_text(encoding="utf-8")), copy=False)
        except ValueError as error:
            # JSONDecodeError and UnicodeDecodeError are ValueErrors too.
            raise ValueError(f"{self._path} is not a valid store file: {error}") from None
        with self.lock:
            self._replace_all(tree)
        # What was just read is what the file holds.
        self._storage.dirty = False

    def _flush_periodically(self) -> None:
        while not self._stop.wait(max(self.flush_interval, 10 * self.last_flush_seconds)):
            try:
                self.flush()
            except Exception:
                # Changes stay marked dirty, so the next round tries again.
                _log.exception("saving the store to %s failed", self._path)


def _parse_without_gc(text: str):
    """``json.loads`` with the cyclic collector paused: JSON holds no cycles, and at 100,000 documents
    the collections its allocations trigger took a third of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(text)
    finally:
        if enabled:
            gc.enable()


def _entry(obj_id, doc) -> str:
    return json.dumps(obj_id) + ": " + json.dumps(doc)


def _split_table_name(name: str) -> tuple[str, str]:
    # Kinds never contain '/', so the last one separates org from kind.
    org, _, kind = name.rpartition("/")
    return org, kind


def _as_tree(tables: dict[str, dict[str, dict]], *, copy_docs: bool) -> dict:
    tree: dict[str, dict] = {}
    for name, docs in tables.items():
        org, kind = _split_table_name(name)
        tree.setdefault(org, {})[kind] = (
            {obj_id: _clone(doc) for obj_id, doc in docs.items()} if copy_docs else docs
        )
    return tree


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _filtered_by_key(table: dict, keys: list[str], start: int, where, wanted: int) -> list[dict]:
    """The first ``wanted`` documents from ``keys[start:]`` (in key order) that ``where`` accepts.

    Walking the sorted keys stops as soon as the page is full, which serves a filter most
    documents pass; one few pass would walk them all, so after a first stretch the rest are
    filtered straight off the table (C-speed iteration) and only the matches are sorted.
    """
    stretch = 2 * wanted + 200
    found = [doc for doc in filter(where, map(table.__getitem__, keys[start:start + stretch]))][:wanted]
    if len(found) == wanted or start + stretch >= len(keys):
        return found
    last = keys[start + stretch - 1]
    rest = sorted(((key, doc) for key, doc in table.items() if key > last and where(doc)), key=itemgetter(0))
    return found + [doc for _, doc in rest[:wanted - len(found)]]


def _clone(value):
    """Deep-copy JSON data into plain dicts and lists; TypeError for anything else.

    Checking here rather than when saving means a bad value fails the call that
    stores it, not a later save in the background thread.
    """
    # Exact types first: ``isinstance(x, Mapping)`` is an ABC check, slow for every string and number.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict or isinstance(value, Mapping):
        copy = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"object keys must be str, got {key!r}")
            copy[key] = _clone(item)
        return copy
    if kind is list or isinstance(value, tuple):
        return [_clone(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not JSON data: {value!r} ({type(value).__name__})")


def _checked_tree(data, *, copy: bool = True) -> dict:
    """Return a ``dump()``-shaped value; ValueError says where it is not.

    Its documents are deep copies, or with ``copy=False`` (data json.loads just built, plain JSON
    by construction) the documents themselves: a 100,000-object file starts without a second copy.
    """
    _expect_object(data, "store data", "an object of org -> kinds")
    tree: dict[str, dict] = {}
    for org, kinds in data.items():
        where = f"[{org!r}]"
        _expect_object(kinds, where, "an object of kind -> documents")
        tree[org] = {}
        for kind, docs in kinds.items():
            if "/" in kind:
                raise ValueError(f"{where}: kind must not contain '/': {kind!r}")
            _expect_object(docs, f"{where}[{kind!r}]", "an object of id -> document")
            if not copy and all(isinstance(doc, dict) for doc in docs.values()):
                tree[org][kind] = docs
                continue
            tree[org][kind] = {}
            for obj_id, doc in docs.items():
                doc_where = f"{where}[{kind!r}][{obj_id!r}]"
                _expect_object(doc, doc_where, "a document object")
                try:
                    tree[org][kind][obj_id] = _clone(doc)
                except TypeError as error:
                    raise ValueError(f"{doc_where}: {error}") from None
    return tree


def _expect_object(value, where: str, expected: str) -> None:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be {expected}, got {type(value).__name__}")
    for key in value:
        if not isinstance(key, str):
            raise ValueError(f"{where} must have str keys, got {key!r}")
