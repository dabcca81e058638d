"""The errors jcmock answers with: domain code raises them, the core renders them in the service's shape.

An error carries its status, a message, optional ``details`` (one entry per offending field)
and headers; each service's ``error_body`` turns that into its API's body. Outside every
service (the admin API), and for JumpCloud, the body is ``plain_body``'s
``{"code": 404, "message": "...", "status": "Not Found"}``.
"""
from http import HTTPStatus


class ApiError(Exception):
    """Base of every error jcmock answers with; ``code`` is the HTTP status."""

    code = 500
    MAX_MESSAGE = 1000  # messages echo client input (ids, values): never echo a huge one back

    def __init__(self, message, details=None, headers=None, *, code=None):
        if code is not None:
            self.code = code
        if len(message) > self.MAX_MESSAGE:
            message = message[:self.MAX_MESSAGE] + "…"
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers or {}

    def to_dict(self):
        return plain_body(self)


def plain_body(error):
    """``{"code", "message", "status"}``, plus ``details`` when the error has them."""
    body = {"code": error.code, "message": error.message, "status": reason_phrase(error.code)}
    if error.details is not None:
        body["details"] = error.details
    return body


def reason_phrase(code, fallback=""):
    """The standard reason phrase of a status (``Unauthorized``), else ``fallback``."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return fallback or "Error"


class BadRequest(ApiError, ValueError):
    """Also a ValueError, for the Python API (``jc.fault(status="abc")``)."""

    code = 400


class Unauthorized(ApiError):
    code = 401


class Forbidden(ApiError):
    code = 403


class NotFound(ApiError, LookupError):
    """Also a LookupError, for the Python API (``jc.store.get(..., org=unknown)``)."""

    code = 404


class Conflict(ApiError):
    code = 409


class UnsupportedMediaType(ApiError):
    code = 415


class InvalidBody(BadRequest):
    """A body that parsed but failed its schema: ``fields`` is marshmallow's ``{field: [messages]}``."""

    def __init__(self, fields, prefix=""):
        self.fields = fields
        flat = list(flatten_messages(fields, prefix))
        summary = "; ".join(f"{path}: {msg}" for path, msg in flat[:10])
        if len(flat) > 10:
            summary += f"; and {len(flat) - 10} more"
        super().__init__(
            f"invalid request body: {summary}",
            details=[{"field": path, "message": msg} for path, msg in flat],
        )


def flatten_messages(messages, prefix=""):
    """Yield ``(dotted.path, message)`` pairs from marshmallow's nested error dict."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            if key == "_schema":
                path = prefix or "body"
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            yield from flatten_messages(value, path)
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            yield from flatten_messages(item, prefix)
    else:
        yield prefix or "body", str(messages)
