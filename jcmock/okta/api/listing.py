"""One way every Okta list answers: ``q``, ``filter`` and ``search`` narrow it, ``limit``/``after`` page it.

A list of stored objects is given as ``Stored(kind, where)`` and read with ``Store.scan``: the
predicates run over the live stored documents and only the page is copied and rendered, so a page
costs what it holds, however many objects the org stores. Derived lists (a group's members) are
given as a list of documents and narrowed and paged the same way.
"""
from collections.abc import Callable
from dataclasses import dataclass

from flask import request

from ..backend import STORE_KEYS
from ..errors import OktaError
from ..expressions import compile_expression
from ..paging import CURSOR, page
from . import backend, base_url, render, tenant

# JSON schemas of the query parameters lists (and creates) take, for the OpenAPI document.
PARAMS = {"limit": {"type": "integer"}, "after": {"type": "string"}, "q": {"type": "string"},
          "filter": {"type": "string"}, "search": {"type": "string"}, "activate": {"type": "boolean"}}


@dataclass(frozen=True)
class Stored:
    """The stored objects of ``kind`` in the request's tenant that ``where`` (over a stored document) accepts."""

    kind: str
    where: Callable[[dict], bool] | None = None


def answer_list(docs, render_one, *, paging=None, q_fields=(), filter_grammar=None, search_grammar=None,
                wrap=None):
    """Render ``docs`` (a ``Stored`` or a list) as Okta answers a list: a bare array (or ``{wrap: [...]}``),
    ``Link`` headers when paged."""
    tests = [] if not isinstance(docs, Stored) or docs.where is None else [docs.where]
    tests += _narrowing(q_fields, filter_grammar, search_grammar)
    if isinstance(docs, Stored):
        docs = _scan(docs, _all(tests), paging)
    elif tests:
        docs = [doc for doc in docs if all(test(doc) for test in tests)]
    headers = ()
    if paging is not None:
        # ``docs`` is at most one item past the page when scanned: page() sorts, cuts and links it as before.
        docs, links = page(docs, paging, base_url())
        headers = [("Link", value) for value in links]
    items = [render_one(doc) for doc in docs]
    return render({wrap: items} if wrap else items, headers=headers)


def _narrowing(q_fields, filter_grammar, search_grammar):
    """The request's ``q``, ``filter`` and ``search`` as predicates over stored documents (E0000031, E0000033)."""
    args = request.args
    q, expression = args.get("q"), args.get("filter") or args.get("search")
    if q is not None and expression is not None:
        raise OktaError("E0000033")
    tests = []
    if q is not None and q_fields:
        tests.append(_q_test(q.lower(), [name.split(".") for name in q_fields]))
    for name, grammar in (("filter", filter_grammar), ("search", search_grammar)):
        if args.get(name) is not None and grammar is not None:
            tests.append(compile_expression(args[name], grammar))
    return tests


def _q_test(prefix, paths):
    """``q``: a case-insensitive prefix of any of the fields (a plain loop: it runs once per stored object)."""
    def test(doc):
        for path in paths:
            value = doc
            for part in path:
                value = value.get(part) if isinstance(value, dict) else None
            if str(value or "").lower().startswith(prefix):
                return True
        return False
    return test


def _all(tests):
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda doc: all(test(doc) for test in tests)


def _scan(stored: Stored, where, paging):
    """The matching stored documents: all of them unpaged (insertion order, as Okta's unpaged lists),
    else those after the cursor in id order, one more than the page to tell whether a next one exists."""
    store = backend().store
    if paging is None:
        return store.scan(tenant(), stored.kind, where=where).docs
    args = request.args
    after = args.get("after") or None
    if after is not None and not CURSOR.fullmatch(after):
        return []  # page() answers 400 E0000029 for it, before anything else is read
    limit = paging.limit(args)
    size = None if limit is None else limit + 1
    if stored.kind not in STORE_KEYS:
        # Stored by id: the store's key order is the id order, and the cursor a bisect.
        return store.scan(tenant(), stored.kind, where=where, by_key=True, after=after, limit=size).docs
    # Keyed otherwise (an app's group assignments): sort the live matches by id, copy only the page.
    if after is not None:
        where = _all([test for test in (where, lambda doc: doc["id"] > after) if test is not None])
    return store.scan(tenant(), stored.kind, where=where, order=((lambda doc: doc["id"], False),), limit=size).docs
