"""List parameters shared by JumpCloud's collection endpoints: limit, skip, filter, sort, fields."""
from dataclasses import dataclass, field

from .errors import BadRequest

MAX_LIMIT = 100
FILTER_OPS = ("eq", "ne", "gt", "ge", "lt", "le", "search", "in")


@dataclass
class ListQuery:
    limit: int = 10
    skip: int = 0
    filters: list = field(default_factory=list)
    sort: list = field(default_factory=list)
    fields: list = field(default_factory=list)

    @classmethod
    def from_args(cls, args, *, default_limit=10, allowed=("filter", "sort", "fields")):
        """Parse a request's query arguments; a bad value is a 400 naming the parameter."""
        query = cls(
            limit=_integer(args, "limit", default_limit, maximum=MAX_LIMIT),
            skip=_integer(args, "skip", 0),
        )
        if "filter" in allowed:
            query.filters = [_parse_filter(f) for f in args.getlist("filter") if f]
        if "sort" in allowed:
            query.sort = _comma_list(args.getlist("sort"))
        if "fields" in allowed:
            query.fields = _comma_list(args.getlist("fields"))
        return query

    def apply(self, docs, *, id_field="id", always=()):
        """Filter, sort, page and project ``docs``; returns ``(page, total_after_filter)``.

        Projection (``fields``) keeps the id and the ``always`` fields, which the answer's schema requires.
        """
        for path, op, value in self.filters:
            docs = [d for d in docs if _matches(_lookup(d, path), op, value)]
        for key in reversed(self.sort):
            descending = key.startswith("-")
            name = key.lstrip("-+")
            docs = sorted(docs, key=lambda d: _sort_key(_lookup(d, name)), reverse=descending)
        total = len(docs)
        page = docs[self.skip:self.skip + self.limit]
        if self.fields:
            keep = set(self.fields) | {id_field, *always}
            page = [{k: v for k, v in d.items() if k in keep} for d in page]
        return page, total


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


def _comma_list(values):
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse_filter(raw):
    parts = raw.split(":", 2)
    if len(parts) != 3 or parts[1] not in FILTER_OPS or not parts[0]:
        raise BadRequest(
            f'request parameter "filter" must be <field>:<op>:<value> with op one of '
            f"{', '.join(FILTER_OPS)}; got {raw!r}"
        )
    return parts[0], parts[1], parts[2]


def _lookup(doc, path):
    value = doc
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _as_comparable(value, raw):
    """Compare the filter's text with the stored value's type (booleans and numbers too)."""
    if isinstance(value, bool):
        return value, raw.lower() == "true"
    if isinstance(value, (int, float)):
        try:
            return value, float(raw)
        except ValueError:
            return str(value), raw
    return ("" if value is None else str(value)), raw


def _matches(value, op, raw):
    if op == "in":
        return any(_matches(value, "eq", part) for part in raw.split("|"))
    if op == "search":
        return raw.lower() in ("" if value is None else str(value)).lower()
    left, right = _as_comparable(value, raw)
    try:
        return {
            "eq": left == right, "ne": left != right, "gt": left > right,
            "ge": left >= right, "lt": left < right, "le": left <= right,
        }[op]
    except TypeError:
        return False


def _sort_key(value):
    # None sorts first; mixed types never raise.
    return (value is not None, type(value).__name__, value if isinstance(value, (int, float, str)) else str(value))
