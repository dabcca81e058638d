"""List parameters of JumpCloud's collection endpoints: limit, skip, filter, sort, fields, in v2's and v1's spellings.

v2 (the spec's ``filter`` trait): ``filter=field:op:value`` with ``op`` one of ``FILTER_OPS``,
repeated filters AND-ed; ``sort`` and ``fields`` comma-separated.

v1 (jcapiv1's ``SystemusersApi`` and ``SearchApi``): ``filter=field:$op:value`` with ``$op`` one
of ``V1_FILTER_OPS``; ``filter`` and ``filter[i]`` AND-ed, ``filter[or][i]`` OR-ed; ``sort`` and
``fields`` space-separated; ``search`` a text search (``searchTerm`` and ``fields``). Search
bodies add JSON filters (``v1_body_filter``).

Every spelling compiles to the same predicates. ``ListQuery.run`` hands them to the store, which
pages a kind without copying what the page does not hold; ``ListQuery.apply`` runs them on a list
a backend built (mappings, directories).
"""
import json
import operator
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from marshmallow import ValidationError

from ..core.bodies import json_type
from ..core.errors import BadRequest, flatten_messages

MAX_LIMIT = 100
FILTER_OPS = ("eq", "ne", "gt", "ge", "lt", "le", "between", "search", "in")
V1_FILTER_OPS = {"$eq": "eq", "$ne": "ne", "$gt": "gt", "$gte": "ge", "$lt": "lt", "$lte": "le"}
V1_SEPARATORS = " ,"  # v1's sort and fields: space-separated now, comma-separated in earlier jcapiv1 docs

_COMPARE = {"eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge,
            "lt": operator.lt, "le": operator.le}
# v2 (and bare) operator names, mapped to the v1 spelling a 400 suggests.
_V1_SPELLING = {**{op[1:]: op for op in V1_FILTER_OPS}, **{v2: v1 for v1, v2 in V1_FILTER_OPS.items()}}
_V1_FILTER_KEY = re.compile(r"filter(?:\[(or)\])?\[\d*\]")
_V1_SEARCH_KEY = re.compile(r"search\[(searchTerm|fields)\](\[\d*\])?")


# --- predicates ----------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """``path op operand`` on one document.

    Filter text (``typed=False``) is read in the stored value's type, so ``unix_uid:gt:5``
    compares numbers; a JSON operand (a search body's) matches only a value of its own JSON type.
    """

    path: str
    op: str
    operand: object
    typed: bool = False
    hidden: bool = False  # the path names a field the answer does not show, so it reads as absent

    @cached_property
    def parts(self):
        return self.path.split(".")

    @cached_property
    def test(self):
        """The test of one stored value, built once: a list's filter runs it on every stored document."""
        if self.typed:
            return lambda value: _compare_json(value, self.op, self.operand)
        return _text_test(self.op, self.operand)

    def __call__(self, doc):
        if self.hidden:
            return self.test(None)
        parts = self.parts
        return self.test(doc.get(parts[0]) if len(parts) == 1 else _lookup_parts(doc, parts))


@dataclass(frozen=True)
class AllOf:
    terms: tuple

    def __call__(self, doc):
        return all(term(doc) for term in self.terms)


@dataclass(frozen=True)
class AnyOf:
    terms: tuple

    def __call__(self, doc):
        return any(term(doc) for term in self.terms)


def shown_as_stored(predicate, field_of):
    """``predicate`` (on documents as the API shows them) reading stored documents instead.

    ``field_of(name)`` is the stored field behind a shown top-level field, None for one the answer
    hides, so a list can filter in the store without rendering every document first.
    """
    if isinstance(predicate, Condition):
        head, dot, rest = predicate.path.partition(".")
        stored = field_of(head)
        if stored is None:
            return replace(predicate, hidden=True)
        return replace(predicate, path=stored + dot + rest)
    return type(predicate)(tuple(shown_as_stored(term, field_of) for term in predicate.terms))


def same_field(name):
    return name


def text_search(terms, fields):
    """jcapiv1's ``searchFilter``: a partial, case-insensitive match of any of ``terms`` in any of ``fields``."""
    return AnyOf(tuple(Condition(path, "search", term) for term in terms for path in fields))


# --- the query -----------------------------------------------------------------------


@dataclass
class ListQuery:
    limit: int = 10
    skip: int = 0
    filters: list = field(default_factory=list)  # predicates, all of which a document must match
    sort: list = field(default_factory=list)
    fields: list = field(default_factory=list)

    @classmethod
    def from_args(cls, args, *, default_limit=10, allowed=("filter", "sort", "fields")):
        """Parse a v2 request's query arguments; a bad value is a 400 naming the parameter."""
        query = cls(
            limit=_integer(args, "limit", default_limit, maximum=MAX_LIMIT),
            skip=_integer(args, "skip", 0),
        )
        if "filter" in allowed:
            query.filters = [_parse_filter(f) for f in args.getlist("filter") if f]
        if "sort" in allowed:
            query.sort = _split(args.getlist("sort"), ",")
        if "fields" in allowed:
            query.fields = _split(args.getlist("fields"), ",")
        return query

    @classmethod
    def from_v1_args(cls, args, *, allowed=("limit", "skip", "sort", "fields", "filter"), search=None):
        """Parse a v1 request's query arguments as jcapiv1 documents them.

        ``search``, where the route takes that parameter, is the marshmallow schema that loads
        it into a predicate. Any other parameter is a 400 naming it, so a misspelt or
        unsupported one cannot silently widen the answer.
        """
        allowed = (*allowed, "search") if search is not None else allowed
        for name in args:
            family = ("filter" if _V1_FILTER_KEY.fullmatch(name) else
                      "search" if _V1_SEARCH_KEY.fullmatch(name) else name)
            if family not in allowed:
                raise BadRequest(f'unknown request parameter "{name}": this v1 route takes {", ".join(allowed)}')
        query = cls(limit=_integer(args, "limit", 10, maximum=MAX_LIMIT), skip=_integer(args, "skip", 0))
        either = []
        for name in args:
            bracket = _V1_FILTER_KEY.fullmatch(name)
            if name != "filter" and not bracket:
                continue
            terms = [parse_v1_filter(value, f'request parameter "{name}"') for value in args.getlist(name) if value]
            (either if bracket and bracket.group(1) else query.filters).extend(terms)
        if either:
            query.filters.append(AnyOf(tuple(either)))
        if search is not None:
            query.filters.extend(_v1_search(args, search))
        query.sort = _split(args.getlist("sort"), V1_SEPARATORS)
        query.fields = _split(args.getlist("fields"), V1_SEPARATORS)
        return query

    def matches(self, doc):
        return all(predicate(doc) for predicate in self.filters)

    def project(self, doc, *, id_field="id", always=()):
        """``doc`` with only the ``fields`` asked for, the id and the ``always`` fields (all when none asked)."""
        if not self.fields:
            return doc
        keep = set(self.fields) | {id_field, *always}
        return {k: v for k, v in doc.items() if k in keep}

    def run(self, scan, *, view=None, field_of=same_field, id_field="id", always=(), total=False):
        """Filter, sort and page in the store; returns ``(page, total_after_filter or None)``.

        ``scan`` is ``Store.scan`` bound to one kind (``functools.partial(backend.page, tenant, kind)``);
        ``view`` renders a stored document as the API shows it and ``field_of`` maps the shown fields
        to stored ones (see ``shown_as_stored``). Only the page is copied, rendered and projected.
        """
        where = None
        if self.filters:
            terms = tuple(shown_as_stored(predicate, field_of) for predicate in self.filters)
            where = terms[0] if len(terms) == 1 else AllOf(terms)
        order = [(_sort_by(field_of(key.lstrip("-+"))), key.startswith("-")) for key in self.sort]
        found = scan(where=where, order=order, skip=self.skip, limit=self.limit, total=total)
        docs = found.docs if view is None else [view(d) for d in found.docs]
        return [self.project(d, id_field=id_field, always=always) for d in docs], found.total

    def apply(self, docs, *, id_field="id", always=()):
        """Filter, sort, page and project ``docs``; returns ``(page, total_after_filter)``.

        Projection (``fields``) keeps the id and the ``always`` fields, which the answer's schema requires.
        """
        docs = [d for d in docs if self.matches(d)]
        for key in reversed(self.sort):
            descending = key.startswith("-")
            name = key.lstrip("-+")
            docs = sorted(docs, key=lambda d: _sort_key(_lookup(d, name)), reverse=descending)
        page = docs[self.skip:self.skip + self.limit]
        return [self.project(d, id_field=id_field, always=always) for d in page], len(docs)


# --- parsing -------------------------------------------------------------------------


def _integer(args, name, default, maximum=None):
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f'request parameter "{name}" must be an integer, got {raw!r}')
    if value < 0:
        raise BadRequest(f'request parameter "{name}" must not be negative')
    if maximum is not None and value > maximum:
        raise BadRequest(f'Bad Request: request parameter "{name}" exceeds maximum value of {maximum}')
    return value


def _split(values, separators):
    """The non-empty parts of every value, cut at any of ``separators``."""
    return [part for value in values for part in re.split(f"[{re.escape(separators)}]", value) if part]


def v1_fields(text):
    """The names in a v1 ``fields`` string (a search body's)."""
    return _split([text], V1_SEPARATORS)


def _parse_filter(raw):
    parts = raw.split(":", 2)
    if len(parts) != 3 or parts[1] not in FILTER_OPS or not parts[0]:
        raise BadRequest(
            f'request parameter "filter" must be <field>:<op>:<value> with op one of '
            f"{', '.join(FILTER_OPS)}; got {raw!r}"
        )
    path, op, value = parts
    if op == "between":
        bounds = value.split(",")
        if len(bounds) != 2 or not all(bounds):
            raise BadRequest(f'request parameter "filter": between takes <low>,<high> (inclusive); got {raw!r}')
        value = tuple(bounds)
    return Condition(path, op, value)


def parse_v1_filter(raw, where):
    """One v1 ``field:$op:value`` filter (``where`` names it in messages); a v2 spelling is a 400 naming the v1 one."""
    parts = raw.split(":", 2)
    if len(parts) == 3 and parts[0] and parts[1] in V1_FILTER_OPS:
        return Condition(parts[0], V1_FILTER_OPS[parts[1]], parts[2])
    ops = ", ".join(V1_FILTER_OPS)
    if len(parts) == 3 and parts[0] and parts[1] in _V1_SPELLING:
        raise _bad(where, f'v1 operators start with "$": write {parts[0]}:{_V1_SPELLING[parts[1]]}:{parts[2]} '
                          f"(v1 operators: {ops}); got {raw!r}")
    raise _bad(where, f"must be <field>:<$op>:<value> with $op one of {ops}; got {raw!r}")


def _bad(where, message):
    return BadRequest(f"{where}: {message}" if where else message)


def _v1_search(args, schema):
    """The list's ``search`` as none or one predicate: JSON, or ``search[searchTerm]=...&search[fields][]=...``."""
    text = args.get("search", "")  # empty, like an empty filter, is no condition
    brackets = [name for name in args if _V1_SEARCH_KEY.fullmatch(name)]
    if text and brackets:
        raise BadRequest(f'request parameters "search" and "{brackets[0]}": send the search one way, not both')
    if text:
        label = "search"
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            raise BadRequest('request parameter "search" must be a JSON object {"searchTerm": ..., "fields": [...]} '
                             f"(or search[searchTerm]=...&search[fields][]=...); got {text!r}")
    else:
        label, value = "search[...]", {}
        for name in brackets:
            key = _V1_SEARCH_KEY.fullmatch(name)
            values = args.getlist(name)
            if key.group(1) == "searchTerm" and key.group(2) is None and len(values) == 1:
                value["searchTerm"] = values[0]
            else:
                value.setdefault(key.group(1), []).extend(values)
        if not value:
            return []
    if not isinstance(value, dict):
        raise BadRequest(f'request parameter "{label}" must be a JSON object, got {json_type(value)}')
    try:
        return [schema.load(value)]
    except ValidationError as exc:
        flat = list(flatten_messages(exc.messages, label))
        raise BadRequest(f'request parameter "{label}": ' + "; ".join(f"{path}: {msg}" for path, msg in flat),
                         details=[{"field": path, "message": msg} for path, msg in flat])


def v1_body_filter(value, path=""):
    """A search body's ``filter`` (jcapiv1 ``SearchApi``) as a predicate.

    A list of query expressions must all match; ``{"and": [...]}`` / ``{"or": [...]}`` match
    all / any (and nest); any other object is one query expression; a string is a v1
    ``field:$op:value`` filter. A query expression maps fields to a JSON value (equality)
    or to ``{"$op": value}`` with v1 operators. A bad one is a 400 naming its ``path``.
    """
    if isinstance(value, str):
        return parse_v1_filter(value, path)
    if isinstance(value, list):
        return AllOf(_expressions(value, path))
    if not isinstance(value, dict):
        raise _bad(path, f"must be a query expression object, a list of them or a v1 filter string, "
                         f"got {json_type(value)}")
    if not value:
        raise _bad(path, "a query expression must name at least one field")
    groups = set(value) & {"and", "or"}
    if groups:
        key = groups.pop()
        if len(value) != 1:
            raise _bad(path, 'an "and" or "or" object takes no other keys')
        if not isinstance(value[key], list):
            raise _bad(_child(path, key), f"must be a list of query expressions, got {json_type(value[key])}")
        return (AllOf if key == "and" else AnyOf)(_expressions(value[key], _child(path, key)))
    terms = []
    for name, wanted in value.items():
        where = _child(path, name)
        if not name:
            raise _bad(path, "a field name must not be empty")
        if isinstance(wanted, dict):
            if not wanted or set(wanted) - set(V1_FILTER_OPS):
                raise _bad(where, f"an operator object takes {', '.join(V1_FILTER_OPS)}; got {sorted(wanted)}")
            for op, operand in wanted.items():
                terms.append(Condition(name, V1_FILTER_OPS[op], _scalar(operand, _child(where, op)), typed=True))
        else:
            terms.append(Condition(name, "eq", _scalar(wanted, where), typed=True))
    return AllOf(tuple(terms))


def _child(path, key):
    return f"{path}.{key}" if path else key


def _expressions(items, path):
    if not items:
        raise _bad(path, "must hold at least one query expression")
    return tuple(v1_body_filter(item, f"{path}[{i}]") for i, item in enumerate(items))


def _scalar(value, where):
    if isinstance(value, (dict, list)):
        raise _bad(where, f"must be a string, number, boolean or null, got {json_type(value)}")
    return value


# --- matching ------------------------------------------------------------------------


def _lookup(doc, path):
    return _lookup_parts(doc, path.split("."))


def _lookup_parts(doc, parts):
    value = doc
    for part in parts:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _sort_by(stored):
    """The sort key of a stored field (None: a hidden one, on which every document ties)."""
    if stored is None:
        return lambda doc: _sort_key(None)
    parts = stored.split(".")
    return lambda doc: _sort_key(_lookup_parts(doc, parts))


def _compare(left, op, right):
    try:
        return _COMPARE[op](left, right)
    except TypeError:
        return False


def _compare_json(value, op, operand):
    """A JSON operand against a stored value: values of different JSON types are never equal nor ordered."""
    if json_type(value) != json_type(operand):
        return op == "ne"
    return _compare(value, op, operand)


def _text_test(op, raw):
    """Filter text against a stored value, read in the value's type (booleans and numbers too).

    What does not depend on the value (the operand as a number, its lower case) is worked out once.
    """
    if op == "in":
        parts = raw.split("|")
        texts, tests = frozenset(parts), [_text_test("eq", part) for part in parts]
        return lambda value: value in texts if type(value) is str else any(test(value) for test in tests)
    if op == "between":
        low, high = _text_test("ge", raw[0]), _text_test("le", raw[1])
        return lambda value: low(value) and high(value)
    if op == "search":
        needle = raw.lower()
        return lambda value: needle in ("" if value is None else str(value)).lower()
    compare = _COMPARE[op]
    truth = raw.lower() == "true"
    try:
        number = float(raw)
    except ValueError:
        number = None

    def test(value):
        if type(value) is str:
            return compare(value, raw)
        if value is None:
            return compare("", raw)
        if isinstance(value, bool):
            return compare(value, truth)
        if isinstance(value, (int, float)) and number is not None:
            return compare(value, number)
        return compare(str(value), raw)

    return test


def _sort_key(value):
    # None sorts first; mixed types never raise.
    return (value is not None, type(value).__name__, value if isinstance(value, (int, float, str)) else str(value))
