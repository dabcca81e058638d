"""One way every Okta list answers: ``q``, ``filter`` and ``search`` narrow it, ``limit``/``after`` page it."""
from flask import request

from ..errors import OktaError
from ..expressions import compile_expression
from ..paging import page
from . import base_url, render

# JSON schemas of the query parameters lists (and creates) take, for the OpenAPI document.
PARAMS = {"limit": {"type": "integer"}, "after": {"type": "string"}, "q": {"type": "string"},
          "filter": {"type": "string"}, "search": {"type": "string"}, "activate": {"type": "boolean"}}


def answer_list(docs, render_one, *, paging=None, q_fields=(), filter_grammar=None, search_grammar=None,
                wrap=None):
    """Render ``docs`` as Okta answers a list: a bare array (or ``{wrap: [...]}``), ``Link`` headers when paged."""
    args = request.args
    q, expression = args.get("q"), args.get("filter") or args.get("search")
    if q is not None and expression is not None:
        raise OktaError("E0000033")
    if q is not None and q_fields:
        prefix = q.lower()
        docs = [doc for doc in docs if any(str(_field(doc, name) or "").lower().startswith(prefix)
                                           for name in q_fields)]
    for name, grammar in (("filter", filter_grammar), ("search", search_grammar)):
        if args.get(name) is not None and grammar is not None:
            docs = [doc for doc in docs if compile_expression(args[name], grammar)(doc)]
    headers = ()
    if paging is not None:
        docs, links = page(docs, paging, base_url())
        headers = [("Link", value) for value in links]
    items = [render_one(doc) for doc in docs]
    return render({wrap: items} if wrap else items, headers=headers)


def _field(doc, dotted):
    for part in dotted.split("."):
        doc = doc.get(part) if isinstance(doc, dict) else None
    return doc
