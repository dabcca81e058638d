"""Malformed requests to Okta's paths get a 4xx in Okta's error shape and leave the store as it was.

Each case is sent as raw bytes over a socket to a live ``jcmock serve --service okta``, so the table
can hold what no client library sends. Cases marked ``HTTP`` never reach the app: jcmock's HTTP
server refuses them, in Okta's error shape all the same (``code`` None: any Okta error code).
"""
import json
from dataclasses import dataclass

import pytest
import requests
from okta_helpers import TOKEN, raw_request

from helpers import LiveServer, admin_state, assert_healthy, nested, restore_if_changed

JCMOCK = "jcmock"
HTTP = "http"

USER = "/api/v1/users/{user}"
GROUP = "/api/v1/groups/{group}"
APP = "/api/v1/apps/{app}"
ASSIGNMENT = "/api/v1/apps/{app}/groups/{group}"
ORIGIN = "/api/v1/trustedOrigins/{origin}"
DEEP = 10_000
MIB = 1024 * 1024
ERROR_KEYS = {"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"}


@dataclass(frozen=True)
class Case:
    """One raw request and the 4xx (and Okta ``errorCode``) it must get.

    ``headers`` add to or replace the defaults (Host, Authorization, and for a body Content-Type:
    application/json and Content-Length); a value of None drops that default.
    """

    id: str
    method: str
    path: str
    body: bytes = b""
    headers: tuple = ()
    status: int = 400
    code: str | None = "E0000003"
    by: str = JCMOCK


def profile(**fields):
    """A valid user profile with ``fields`` (raw JSON fragments) replacing its values."""
    values = {"login": b'"fuzz@example.com"', "email": b'"fuzz@example.com"', "firstName": b'"F"',
              "lastName": b'"L"', **fields}
    return b'{"profile": {' + b", ".join(b'"%s": %s' % (k.encode(), v) for k, v in values.items()) + b"}}"


def invalid(id, method, path, body, **kwargs):
    """A case answered 400 E0000001 (a field fails validation)."""
    return Case(id, method, path, body, code="E0000001", **kwargs)


def wrong_type(id, body, **kwargs):
    return Case(id, "PUT", USER, body, headers=(("Content-Type", kwargs.get("content_type", "text/plain")),),
                code="E0000021")


def not_found(id, method, path, body=b"", code="E0000007"):
    return Case(id, method, path, body, status=404, code=code)


def query(id, path, code="E0000002"):
    return Case(id, "GET", path, code=code)


GOOD_USER = profile()
GROUP_BODY = b'{"profile": {"name": "fuzzers"}}'

CASES = [
    # -- not JSON at all, or JSON Python's decoder would accept but the spec does not: E0000003
    Case("json-trailing-comma", "PUT", GROUP, b'{"profile": {"name": "x"},}'),
    Case("json-single-quotes", "PUT", GROUP, b"{'profile': {'name': 'x'}}"),
    Case("json-unquoted-key", "PUT", GROUP, b'{profile: {"name": "x"}}'),
    Case("json-truncated-object", "PUT", USER, b'{"profile": {"login": "x"'),
    Case("json-truncated-string", "PUT", USER, b'{"profile": {"login": "x'),
    Case("json-NaN", "PUT", GROUP, b'{"profile": {"name": NaN}}'),
    Case("json-Infinity", "PUT", ASSIGNMENT, b'{"priority": Infinity}'),
    Case("json-minus-Infinity", "PUT", ASSIGNMENT, b'{"priority": -Infinity}'),
    Case("json-bare-word", "PUT", USER, b"profile"),
    Case("json-whitespace-only", "PUT", USER, b"  \r\n\t "),
    Case("json-comment", "PUT", GROUP, b'{"profile": {"name": "x"} /* why */}'),
    Case("json-two-documents", "PUT", GROUP, GROUP_BODY + GROUP_BODY),
    Case("json-hex-number", "PUT", ASSIGNMENT, b'{"priority": 0x10}'),
    Case("json-leading-zero", "PUT", ASSIGNMENT, b'{"priority": 010}'),
    Case("json-utf8-bom", "PUT", GROUP, b"\xef\xbb\xbf" + GROUP_BODY),
    Case("json-duplicate-keys", "PUT", GROUP, b'{"profile": {"name": "a", "name": "b"}}'),
    Case("json-bare-true", "PUT", USER, b"true"),
    Case("json-null-body", "PUT", GROUP, b"null"),
    Case("json-array-body", "POST", "/api/v1/groups", b"[" + GROUP_BODY + b"]"),
    Case("empty-body-put", "PUT", GROUP, headers=(("Content-Length", "0"), ("Content-Type", "application/json"))),
    Case("empty-body-create", "POST", "/api/v1/users"),
    # -- valid JSON, wrong types or values: E0000001 naming the field
    invalid("type-string-for-object", "PUT", USER, b'{"profile": "x"}'),
    invalid("type-number-for-string", "PUT", USER, profile(firstName=b"42")),
    invalid("type-null-for-required", "PUT", GROUP, b'{"profile": {"name": null}}'),
    invalid("type-array-for-object", "PUT", GROUP, b'{"profile": [{"name": "x"}]}'),
    invalid("type-bool-for-int", "PUT", ASSIGNMENT, b'{"priority": true}'),
    invalid("type-string-for-int", "PUT", ASSIGNMENT, b'{"priority": "1"}'),
    invalid("type-float-for-int", "PUT", ASSIGNMENT, b'{"priority": 1.5}'),
    invalid("type-object-for-string", "PUT", APP, b'{"label": {"x": 1}, "signOnMode": "BOOKMARK"}'),
    invalid("type-bool-for-enum", "PUT", APP, b'{"label": "x", "signOnMode": true}'),
    invalid("value-not-in-enum", "POST", "/api/v1/apps", b'{"label": "x", "signOnMode": "TELEPATHY"}'),
    invalid("value-not-an-email", "PUT", USER, profile(email=b'"not-an-email"')),
    invalid("value-too-long", "PUT", GROUP, b'{"profile": {"name": "' + b"x" * 300 + b'"}}'),
    invalid("missing-required-field", "POST", "/api/v1/users", b'{"profile": {"login": "nobody@example.com"}}'),
    invalid("missing-discriminator", "POST", "/api/v1/apps", b'{"label": "x"}'),
    invalid("missing-group-profile", "POST", "/api/v1/groups", b'{"description": "x"}'),
    # -- numbers no field can hold
    invalid("huge-1e400-as-int", "PUT", ASSIGNMENT, b'{"priority": 1e400}'),
    invalid("huge-10pow100-as-int", "PUT", ASSIGNMENT, b'{"priority": 1' + b"0" * 100 + b"}"),
    Case("huge-5000-digit-int", "PUT", ASSIGNMENT, b'{"priority": 1' + b"0" * 5000 + b"}"),
    invalid("huge-1e400-as-string", "PUT", USER, profile(firstName=b"1e400")),
    # -- nesting: the decoder's limit, and free-form profiles that take any key
    Case("deep-10000-arrays", "PUT", USER, nested(DEEP)),
    Case("deep-10000-objects", "PUT", USER, nested(DEEP, b'{"a":', b"}", b"1")),
    Case("deep-10000-in-profile", "PUT", USER, profile(nickName=nested(DEEP))),
    Case("deep-600-in-free-form-profile", "PUT", USER, profile(custom=nested(600))),
    # -- size: over the 1 MiB body limit
    Case("body-2MiB", "PUT", GROUP, b'{"profile": {"name": "' + b"x" * (2 * MIB) + b'"}}', status=413),
    # -- bytes that are not UTF-8 JSON text
    Case("utf8-invalid-byte", "PUT", GROUP, b'{"profile": {"name": "\xff"}}'),
    Case("utf8-overlong-slash", "PUT", GROUP, b'{"profile": {"name": "\xc0\xaf"}}'),
    Case("utf8-encoded-surrogate", "PUT", GROUP, b'{"profile": {"name": "\xed\xa0\x80"}}'),
    Case("utf16-body", "PUT", GROUP, GROUP_BODY.decode().encode("utf-16")),
    Case("latin1-body-declared-latin1", "PUT", GROUP, '{"profile": {"name": "café"}}'.encode("latin-1"),
         headers=(("Content-Type", "application/json; charset=latin-1"),)),
    Case("nul-raw-in-json-string", "PUT", GROUP, b'{"profile": {"name": "a\x00b"}}'),
    Case("nul-raw-body", "PUT", GROUP, b"\x00"),
    Case("nul-after-json", "PUT", GROUP, GROUP_BODY + b"\x00"),
    # -- content types Okta does not take: 400 E0000021, not 415
    wrong_type("content-type-text-plain", GOOD_USER),
    wrong_type("content-type-form", b"profile=x", content_type="application/x-www-form-urlencoded"),
    wrong_type("content-type-multipart", b"--b\r\n\r\n{}\r\n--b--\r\n", content_type="multipart/form-data; boundary=b"),
    wrong_type("content-type-xml", b"<profile/>", content_type="application/xml"),
    Case("content-type-missing", "PUT", USER, GOOD_USER, (("Content-Type", None),), code="E0000021"),
    Case("content-type-empty", "PUT", USER, GOOD_USER, (("Content-Type", ""),), code="E0000021"),
    # -- ids in paths: traversal, NUL, non-ASCII, overlong
    # waitress decodes %2F before routing, so an encoded traversal is an unknown path (E0000008).
    not_found("path-encoded-traversal", "GET", "/api/v1/users/..%2F..%2Fetc%2Fpasswd", code="E0000008"),
    not_found("path-raw-traversal", "GET", "/api/v1/users/../../../etc/passwd", code="E0000008"),
    not_found("path-traversal-put", "PUT", "/api/v1/groups/..%2F{group}", GROUP_BODY, code="E0000008"),
    not_found("path-nul-id", "GET", "/api/v1/groups/%00"),
    not_found("path-n-tilde-id", "GET", "/api/v1/apps/%C3%B1"),
    not_found("path-emoji-id", "PUT", "/api/v1/groups/%F0%9F%98%80", GROUP_BODY),
    not_found("path-invalid-utf8-id", "GET", "/api/v1/users/%FF%FE"),
    not_found("path-64KiB-id", "GET", "/api/v1/users/" + "a" * 65536),
    not_found("path-unicode-member-id", "PUT", "/api/v1/groups/{group}/users/%E2%98%83"),
    not_found("path-traversal-assignment", "PUT", "/api/v1/apps/{app}/groups/..%2F..%2F{group}", b"{}",
              code="E0000008"),
    Case("path-raw-utf8-bytes-HTTP", "GET", "/api/v1/users/\u00f1", status=400, code=None, by=HTTP),
    # -- query values
    query("limit-not-a-number", "/api/v1/users?limit=abc"),
    query("limit-exponent", "/api/v1/groups?limit=1e3"),
    query("limit-fraction", "/api/v1/apps?limit=1.5"),
    query("limit-5000-digits", "/api/v1/users?limit=" + "9" * 5000),
    query("after-garbage", "/api/v1/users?after=%27%3B--%20DROP", code="E0000029"),
    query("after-traversal", "/api/v1/groups?after=..%2F..%2Fetc", code="E0000029"),
    query("after-nul", "/api/v1/apps?after=%00", code="E0000029"),
    query("after-64KiB", "/api/v1/users?after=" + "a" * 65536, code="E0000029"),
    query("filter-garbage", "/api/v1/users?filter=status%20eq", code="E0000031"),
    query("filter-unknown-field", "/api/v1/users?filter=password%20eq%20%22x%22", code="E0000031"),
    query("search-unbalanced", "/api/v1/users?search=(status%20eq%20%22ACTIVE%22", code="E0000031"),
    query("q-and-filter", "/api/v1/users?q=a&filter=status%20eq%20%22ACTIVE%22", code="E0000033"),
    Case("activate-not-a-bool", "POST", "/api/v1/users?activate=maybe", GOOD_USER, code="E0000002"),
    # -- headers the HTTP layer rejects (the app never sees them)
    Case("header-300KiB-HTTP", "GET", USER, headers=(("x-filler", "a" * 300_000),), status=431, code=None,
         by=HTTP),
    Case("header-name-with-space-HTTP", "GET", USER, headers=((b"x bad", b"1"),), code=None, by=HTTP),
    Case("header-control-byte-HTTP", "GET", USER, headers=((b"Authorization", b"SSWS a\x01b"),), code=None,
         by=HTTP),
    Case("header-nul-byte-HTTP", "GET", USER, headers=((b"Authorization", b"SSWS a\x00b"),), code=None,
         by=HTTP),
    # -- authentication: 403 E0000005 without a header, 401 E0000011 for a bad one
    Case("auth-missing", "GET", USER, headers=(("Authorization", None),), status=403, code="E0000005"),
    Case("auth-missing-bad-body", "PUT", USER, b"{", (("Authorization", None),), status=403, code="E0000005"),
    Case("auth-basic", "GET", USER, headers=(("Authorization", "Basic dXNlcjpwdw=="),), status=401,
         code="E0000011"),
    Case("auth-scheme-only", "PUT", GROUP, GROUP_BODY, (("Authorization", "SSWS "),), status=401, code="E0000011"),
    Case("auth-8KiB-token", "GET", USER, headers=(("Authorization", "Bearer " + "a" * 8192),), status=200,
         code=None),
    # -- methods
    Case("method-patch-user", "PATCH", USER, GOOD_USER, status=405, code="E0000022"),
    Case("method-put-collection", "PUT", "/api/v1/groups", GROUP_BODY, status=405, code="E0000022"),
    Case("method-unknown-verb", "FROB", GROUP, status=405, code="E0000022"),
    Case("method-trace", "TRACE", APP, status=405, code="E0000022"),
    # -- unknown objects
    not_found("put-unknown-user", "PUT", "/api/v1/users/00uNoSuchUser0000000", GOOD_USER),
    not_found("put-unknown-origin", "PUT", "/api/v1/trustedOrigins/tosNoSuchOrigin00000",
              b'{"name": "x", "origin": "https://x.example", "scopes": [{"type": "CORS"}]}'),
]
# The 8 KiB token is a well-formed credential (any token works unless the server names some): it only
# shows a long header reaches the app; the state check still applies.
ACCEPTED = {"auth-8KiB-token"}

# What real Okta accepts and so does the mock: out-of-range limits are clamped (reference §1.4).
CLAMPED = ["/api/v1/users?limit=-1", "/api/v1/groups?limit=0", "/api/v1/apps?limit=100000", "/api/v1/users?after="]


def build(case, server):
    """``(method, path, body, headers)`` of ``case`` with ``{kind}`` placeholders filled from the fixtures."""
    path = case.path.format(**server.ids)
    defaults = [("Host", f"127.0.0.1:{server.port}"), ("Authorization", f"SSWS {TOKEN}")]
    if case.body:
        defaults += [("Content-Type", "application/json"), ("Content-Length", str(len(case.body)))]
    overridden = {(name if isinstance(name, str) else name.decode()).lower() for name, _ in case.headers}
    headers = [(n, v) for n, v in defaults if n.lower() not in overridden]
    headers += [(n, v) for n, v in case.headers if v is not None]
    return case.method, path.encode("utf-8"), case.body, headers


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("okta_bad_input"), "--service", "okta")
    live.port = int(live.url.rsplit(":", 1)[1])
    manifest = requests.get(f"{live.url}/__jcmock__/fixtures/okta", timeout=10).json()
    live.ids = {"user": manifest["users"][1], "group": manifest["groups"][1], "app": manifest["apps"][0],
                "origin": manifest["trustedOrigins"][0]}
    live.initial_state = admin_state(live)
    yield live
    live.stop()


def test_table_has_enough_distinct_cases():
    assert len(CASES) >= 60
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_request_is_an_okta_4xx_and_changes_nothing(server, case):
    status, headers, body = raw_request(server.port, *build(case, server))
    assert_healthy(server)
    changed = restore_if_changed(server)

    assert status == case.status, f"{case.id}: {status} {body[:300]!r}"
    assert case.id in ACCEPTED or 400 <= status < 500
    is_json = (headers.get("Content-Type") or "").startswith("application/json")
    if case.id not in ACCEPTED:
        assert is_json, f"{case.id}: {headers.get('Content-Type')} {body[:300]!r}"
        error = json.loads(body)
        assert set(error) == ERROR_KEYS, error
        assert error["errorCode"] == error["errorLink"], error
        assert error["errorCode"] == case.code if case.by == JCMOCK else error["errorCode"].startswith("E0000"), error
        assert isinstance(error["errorSummary"], str) and error["errorSummary"]
        assert isinstance(error["errorCauses"], list)
        if case.code == "E0000001":
            assert error["errorCauses"], error
    if status == 405:
        assert headers.get("Allow")
    assert not changed, f"{case.id} changed the store"


@pytest.mark.parametrize("path", CLAMPED)
def test_out_of_range_limits_are_clamped_as_okta_does(server, path):
    status, headers, body = raw_request(server.port, *build(Case("clamped", "GET", path), server))
    assert status == 200, body[:300]
    assert isinstance(json.loads(body), list)
    assert 'rel="self"' in headers.get("Link", "")


def test_after_the_table_the_server_is_up_and_nothing_failed(server):
    assert_healthy(server)
    assert admin_state(server) == server.initial_state
    journal = requests.get(f"{server.url}/__jcmock__/requests", timeout=10).json()
    assert not [call for call in journal if call["status"] >= 500]
    assert "Traceback" not in server.stderr()
