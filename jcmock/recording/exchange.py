"""Converting between live HTTP messages and the cassette's Request and Response."""
from urllib.parse import urlsplit

from flask import Response as FlaskResponse

from .cassette import Request, Response

# Headers that describe one connection, not the message: never forwarded, replayed or recorded
# as-is. Content-Length is recomputed by whoever sends the body on.
HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
    "transfer-encoding", "upgrade", "host", "content-length",
})


def end_to_end(headers):
    """``(name, value)`` pairs minus hop-by-hop headers."""
    return [(name, value) for name, value in headers if name.lower() not in HOP_BY_HOP]


def as_lists(pairs):
    """Header pairs as the cassette stores them: ``{name: [values]}``."""
    grouped = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped


def from_flask(request, base_url=None):
    """A cassette Request from the Flask request being served; ``base_url`` replaces its host."""
    uri = request.url
    if base_url:
        parts = urlsplit(request.url)
        uri = base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")
    body = request.get_data(cache=True) or None
    return Request(method=request.method, uri=uri, body=body, headers=as_lists(end_to_end(request.headers.items())))


def to_flask(response: Response):
    """A Flask response replaying a recorded one."""
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    return FlaskResponse(response.body, status=response.status, headers=end_to_end(headers))


def from_requests(response):
    """A cassette Response from a ``requests`` response, whose body ``requests`` already decoded.

    So its Content-Encoding no longer applies; a cassette that keeps an encoded body (as
    vcrpy's do) keeps the header too, and replay sends both unchanged.
    """
    headers = [(k, v) for k, v in end_to_end(response.headers.items()) if k.lower() != "content-encoding"]
    return Response(status=response.status_code, message=response.reason or "", headers=as_lists(headers),
                    body=response.content)
