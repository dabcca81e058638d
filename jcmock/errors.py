"""Errors in JumpCloud's shape: ``{"code": 404, "message": "...", "status": "Not Found"}``.

Domain code raises these; the HTTP layer renders them. A 400 may carry ``details``
(one entry per offending field), as JumpCloud's ``ErrorDetails`` does.
"""
from http import HTTPStatus


class ApiError(Exception):
    """Base of every error jcmock answers with; ``code`` is the HTTP status."""

    code = 500
    MAX_MESSAGE = 1000  # messages echo client input (ids, values): never echo a huge one back

    def __init__(self, message, details=None, headers=None):
        if len(message) > self.MAX_MESSAGE:
            message = message[:self.MAX_MESSAGE] + "…"
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers or {}

    def to_dict(self):
        body = {"code": self.code, "message": self.message, "status": HTTPStatus(self.code).phrase}
        if self.details is not None:
            body["details"] = self.details
        return body


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
