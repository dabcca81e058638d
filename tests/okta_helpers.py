"""What the Okta tests share, imported by name (``from okta_helpers import Client``), never from a conftest."""
import http.client
import socket

import jcmock
from jcmock.core.store import Store

TOKEN = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd"
AUTH = {"Authorization": f"SSWS {TOKEN}"}


def make_app(*, tokens=(), seed=1234):
    """The real jcmock app serving Okta only, in memory, with ids drawn from a seeded source."""
    return jcmock.create_app({"JCMOCK_API_KEYS": tuple(tokens), "JCMOCK_SEED": seed},
                             services=["okta"], store=Store())


class Client:
    """The Flask test client with an Okta token on every call, JSON in and out, on one org's host."""

    def __init__(self, app, host="acme.okta.com"):
        self.raw = app.test_client()
        self.host = host

    def call(self, method, path, json=None, headers=None, **kwargs):
        merged = {**AUTH, **(headers or {})}
        return self.raw.open(path, method=method, json=json, headers=merged,
                             base_url=f"https://{self.host}", **kwargs)

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def put(self, path, json=None, **kwargs):
        return self.call("PUT", path, json=json, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


def raw_request(port, method, path, body=b"", headers=()):
    """Send one request as raw bytes to ``127.0.0.1:port``: ``headers`` are ``(name, value)`` pairs of str
    or bytes, sent as given (nothing added but ``Connection: close``). Returns (status, headers, body)."""
    def encoded(value):
        return value if isinstance(value, bytes) else value.encode("latin-1")

    lines = [f"{method} ".encode() + encoded(path) + b" HTTP/1.1"]
    lines += [encoded(name) + b": " + encoded(value) for name, value in headers]
    lines.append(b"Connection: close")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.headers, response.read()
