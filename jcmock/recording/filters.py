"""What is scrubbed before an interaction reaches the disk or a log.

Three rules, applied to copies:

* secret headers (``x-api-key``, ``authorization``, ``cookie``, ``set-cookie``
  and any extra names) have their values replaced by ``["REDACTED"]``;
* in JSON bodies, every key with a secret-like name, at any depth, has its
  value replaced by ``"REDACTED"``; other bodies keep their content;
* the query parameters that carry a secret (``api_key``, ``x-api-key``, ...)
  are redacted in the URI, and the literal secret values a request carried in
  its headers are scrubbed wherever else they appear (URI, headers, bodies).

Names are compared with :func:`fold`, so ``apiKey``, ``API_KEY`` and
``api-key`` are the same name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import quote, unquote_plus

from .cassette import Interaction, Request, Response

REDACTED = "REDACTED"

SECRET_HEADERS = ("x-api-key", "authorization", "cookie", "set-cookie", "x-auth-token")

SECRET_FIELDS = (
    "secret",
    "privateKey",
    "publicKey",
    "apiToken",
    "password",
    "token",
    "apiKey",
    "api_key",
    "clientSecret",
    "accessToken",
    "refreshToken",
    "enrollmentToken",
)

# Header values shorter than this are not scrubbed elsewhere: replacing a
# short cookie such as "a=1" everywhere would mangle unrelated text.
_MIN_SCRUB_LENGTH = 8


def fold(name: str) -> str:
    """The form in which field, parameter and header names are compared."""
    return name.lower().replace("_", "").replace("-", "")


def secret_names(fields: Iterable[str] = (), headers: Iterable[str] = ()) -> frozenset[str]:
    """Folded names whose values are secrets in JSON bodies and query strings."""
    return frozenset(fold(n) for n in (*SECRET_FIELDS, *fields, *SECRET_HEADERS, *headers))


def mask_headers(headers: Mapping[str, Any], names: Iterable[str] = ()) -> dict[str, Any]:
    """A copy of ``headers`` with secret header values replaced, for logs and journals.

    A value that is a list becomes ``["REDACTED"]``, any other value ``"REDACTED"``.
    """
    secret = {n.lower() for n in (*SECRET_HEADERS, *names)}
    return {
        name: _redacted_like(value) if name.lower() in secret else value
        for name, value in headers.items()
    }


class Redactor:
    """Produces redacted copies of requests, responses and interactions.

    ``headers`` and ``fields`` extend the default secret header and JSON field
    names; ``values`` are literal secrets (such as the API key a proxy
    injects) scrubbed from every part of every request and response.
    """

    def __init__(self, headers: Iterable[str] = (), fields: Iterable[str] = (), values: Iterable[str] = (),
                 redact_document: Callable[[Any], tuple[Any, bool]] | None = None):
        """``redact_document(doc) -> (doc, changed)`` redacts what names alone cannot find (a service's
        secrets at known paths under an ordinary name)."""
        self.redact_document = redact_document
        self.headers = tuple(headers)
        self.fields = tuple(fields)
        self.values = tuple(v for v in values if v)
        self._header_names = {n.lower() for n in (*SECRET_HEADERS, *self.headers)}
        self._names = secret_names(self.fields, self.headers)

    def request(self, request: Request) -> Request:
        """A copy of ``request`` with secrets redacted."""
        values = self.values + self._header_secrets(request.headers)
        headers = self._redact_headers(request.headers, values)
        body = self._redact_body(request.body, values)
        if len(body or b"") != len(request.body or b""):
            headers = _with_content_length(headers, len(body or b""))
        uri = _scrub_text(self._redact_query(request.uri), values)
        return replace(request, uri=uri, headers=headers, body=body)

    def response(self, response: Response, values: Iterable[str] = ()) -> Response:
        """A copy of ``response`` with secrets redacted; ``values`` adds literal secrets."""
        values = self.values + tuple(values)
        headers = self._redact_headers(response.headers, values)
        body = self._redact_body(response.body, values) or b""
        if len(body) != len(response.body):
            headers = _with_content_length(headers, len(body))
        return replace(response, headers=headers, body=body)

    def interaction(self, interaction: Interaction) -> Interaction:
        """Redact both sides; secrets the request sent in headers are scrubbed from the response too."""
        return Interaction(
            request=self.request(interaction.request),
            response=self.response(interaction.response, self._header_secrets(interaction.request.headers)),
        )

    def mask_headers(self, headers: Mapping[str, Any]) -> dict[str, Any]:
        """Like :func:`mask_headers`, with this redactor's extra header names."""
        return mask_headers(headers, self.headers)

    def _header_secrets(self, headers: Mapping[str, list[str]]) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for name, values in headers.items():
            if name.lower() not in self._header_names:
                continue
            for value in values:
                # "Bearer <token>": the credential alone may appear elsewhere.
                found.update(dict.fromkeys((value, value.rsplit(" ", 1)[-1])))
        return tuple(v for v in found if len(v) >= _MIN_SCRUB_LENGTH)

    def _redact_headers(self, headers: Mapping[str, list[str]], values: tuple[str, ...]) -> dict[str, list[str]]:
        return {
            name: [REDACTED] if name.lower() in self._header_names else [_scrub_text(v, values) for v in vals]
            for name, vals in headers.items()
        }

    def _redact_query(self, uri: str) -> str:
        base, sep, rest = uri.partition("?")
        if not sep:
            return uri
        query, hash_sign, fragment = rest.partition("#")
        pairs = []
        for pair in query.split("&"):
            name, equals, _ = pair.partition("=")
            if equals and fold(unquote_plus(name)) in self._names:
                pair = f"{name}={REDACTED}"
            pairs.append(pair)
        return f"{base}?{'&'.join(pairs)}{hash_sign}{fragment}"

    def _redact_body(self, body: bytes | None, values: tuple[str, ...]) -> bytes | None:
        if not body:
            return body
        try:
            document = json.loads(body)
        except ValueError:
            body = scrub_text_body(body, self._names)
        else:
            redacted, changed = redact_json(document, self._names)
            if self.redact_document is not None:
                redacted, by_path = self.redact_document(redacted)
                changed = changed or by_path
            if changed:
                body = json.dumps(redacted, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return _scrub_bytes(body, values)


# ``name: value`` or ``name=value`` pairs in text that is not JSON: broken JSON (a trailing
# comma, single quotes), form bodies, query-like text. The value ends at a quote, comma,
# ampersand, brace, bracket or white space.
_TEXT_PAIR = re.compile(
    rb"""(?P<name>["']?)(?P<key>[A-Za-z_][A-Za-z0-9_\-]*)(?P=name)(?P<sep>\s*[:=]\s*)"""
    rb"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^"'&,;}\]\s]+))"""
)


def scrub_text_body(body: bytes, names: frozenset[str]) -> bytes:
    """Redact the values of secret-named ``name: value`` / ``name=value`` pairs in a body that is not JSON."""

    def replace_value(match):
        if fold(match.group("key").decode("latin-1")) not in names:
            return match.group(0)
        quote = b'"' if match.group("double") is not None else b"'" if match.group("single") is not None else b""
        key = match.group("name") + match.group("key") + match.group("name")
        return key + match.group("sep") + quote + REDACTED.encode() + quote

    return _TEXT_PAIR.sub(replace_value, body)


def redact_json(document: Any, names: frozenset[str]) -> tuple[Any, bool]:
    """Replace the value of every key whose folded name is in ``names``, at any depth.

    Returns the new document and whether anything changed. Null values are
    kept: they hide nothing, and "not set" is worth keeping for replay.
    """
    if isinstance(document, dict):
        changed = False
        out = {}
        for key, value in document.items():
            if fold(key) in names and value is not None:
                changed = changed or value != REDACTED
                out[key] = REDACTED
            else:
                out[key], child_changed = redact_json(value, names)
                changed = changed or child_changed
        return out, changed
    if isinstance(document, list):
        results = [redact_json(item, names) for item in document]
        return [item for item, _ in results], any(changed for _, changed in results)
    return document, False


def _redacted_like(value: Any) -> Any:
    return [REDACTED] if isinstance(value, (list, tuple)) else REDACTED


def _scrub_text(text: str, values: tuple[str, ...]) -> str:
    for value in values:
        text = text.replace(value, REDACTED).replace(quote(value, safe=""), REDACTED)
    return text


def _scrub_bytes(body: bytes, values: tuple[str, ...]) -> bytes:
    for value in values:
        body = body.replace(value.encode("utf-8"), REDACTED.encode("ascii"))
    return body


def _with_content_length(headers: dict[str, list[str]], length: int) -> dict[str, list[str]]:
    return {name: [str(length)] if name.lower() == "content-length" else vals for name, vals in headers.items()}
