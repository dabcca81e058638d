"""Strict JSON request bodies: every way a body can be wrong becomes a clear 4xx."""
import json

from marshmallow import ValidationError

from .errors import BadRequest, InvalidBody, UnsupportedMediaType

# Far deeper than any JumpCloud body; shallow enough that the recursive code behind
# the parser (marshmallow, the store's copies, the journal) never hits Python's limit.
MAX_DEPTH = 64


def _reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def parse_json(raw: bytes, content_type: str | None):
    """Decode a request body, or raise an ApiError saying what is wrong and where."""
    if not raw:
        raise BadRequest("request body is required: send a JSON document")
    mimetype = (content_type or "").split(";", 1)[0].strip().lower()
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise UnsupportedMediaType(
            f"Content-Type must be application/json, got {mimetype or 'none'!r}"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"request body is not valid UTF-8: invalid byte at position {exc.start}")
    try:
        document = json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BadRequest(
            f"request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno} (char {exc.pos})"
        )
    except ValueError as exc:
        if "digits" in str(exc):  # Python's guard against huge integer literals
            raise BadRequest("request body holds a number with too many digits")
        raise BadRequest(f"request body is not valid JSON: {exc}")
    except RecursionError:
        raise BadRequest(f"request body is nested more than {MAX_DEPTH} levels deep")
    if _depth(document) > MAX_DEPTH:
        raise BadRequest(f"request body is nested more than {MAX_DEPTH} levels deep")
    return document


def _depth(document):
    """How many arrays and objects deep ``document`` goes, without recursing."""
    deepest, pending = 0, [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return deepest


def json_type(value) -> str:
    """The JSON name of a decoded value's type, for error messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def load(schema, data, *, many=False):
    """Validate ``data`` with a marshmallow schema; a failure is a 400 naming each field."""
    if many and not isinstance(data, list):
        raise BadRequest("request body must be a JSON array")
    if not many and not isinstance(data, dict):
        raise BadRequest(f"request body must be a JSON object, got {json_type(data)}")
    try:
        return schema.load(data, many=many)
    except ValidationError as exc:
        raise InvalidBody(exc.messages)
    except RecursionError:
        raise BadRequest("request body is nested too deeply")
