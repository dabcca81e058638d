"""Malformed requests of every kind get a JumpCloud-shaped 4xx and leave the store as it was.

Each case is sent as raw bytes over a socket, so the table can hold what `requests`
refuses to send (control bytes in headers, duplicate Content-Length, raw bytes in the
path). Cases marked ``HTTP`` are refused by jcmock's HTTP server before the app sees
them; their answer is in JumpCloud's shape all the same.
"""
import gzip
import http.client
import json
import re
import socket
from dataclasses import dataclass

import pytest
import requests

from helpers import API_KEY, LiveServer, admin_state, assert_healthy, nested, restore_if_changed

JCMOCK = "jcmock"
HTTP = "http"

IPLIST = "/api/v2/iplists/{iplist}"
GSUITE = "/api/v2/gsuites/{gsuite}"
LDAP = "/api/v2/ldapservers/{ldapserver}"
POLICY = "/api/v2/authn/policies/{policy}"
SETTINGS = "/api/v2/integrations/autotask/{autotask}/settings"
MAPPINGS = "/api/v2/integrations/autotask/{autotask}/mappings"
SYNCRO_MAPPINGS = "/api/v2/integrations/syncro/{syncro}/mappings"
BULK = "/api/v2/bulk/users"
OTHER_ORG = "5e1f2a3b4c5d6e7f80910a1c"
DEEP = 10_000
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One raw request and the 4xx it must get.

    ``headers`` add to or replace the defaults (Host, x-api-key, and for a body
    Content-Type: application/json and Content-Length); a value of None drops that
    default. Names and values may be bytes, to send what no client library would.
    """

    id: str
    method: str
    path: str
    body: bytes = b""
    headers: tuple = ()
    status: int = 400
    by: str = JCMOCK


def big_int_ids(digits):
    return b'{"companyTypeIds": [1' + b"0" * (digits - 1) + b"]}"


def chunked(body, size=64 * 1024):
    framed = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size))
    return framed + b"0\r\n\r\n"


TWO_MIB_NAME = b'{"name": "' + b"x" * (2 * MIB) + b'"}'
USER = "{user}"

CASES = [
    # -- not JSON at all, or JSON that Python's decoder would accept but the spec does not
    Case("json-trailing-comma", "PATCH", IPLIST, b'{"name": "x",}'),
    Case("json-single-quotes", "PATCH", IPLIST, b"{'name': 'x'}"),
    Case("json-unquoted-key", "PATCH", IPLIST, b'{name: "x"}'),
    Case("json-truncated-object", "PATCH", IPLIST, b'{"name": "x"'),
    Case("json-truncated-string", "PATCH", IPLIST, b'{"name": "x'),
    Case("json-NaN", "PATCH", IPLIST, b'{"description": NaN}'),
    Case("json-Infinity", "PATCH", IPLIST, b'{"description": Infinity}'),
    Case("json-minus-Infinity", "PATCH", SETTINGS, b'{"companyTypeIds": [-Infinity]}'),
    Case("json-bare-word", "PATCH", IPLIST, b"name"),
    Case("json-bare-true", "PATCH", IPLIST, b"true"),
    Case("json-whitespace-only", "PATCH", IPLIST, b"  \r\n\t "),
    Case("json-comment", "PATCH", IPLIST, b'{"name": "x" /* why */}'),
    Case("json-two-documents", "PATCH", IPLIST, b'{"name": "a"}{"name": "b"}'),
    Case("json-hex-number", "PATCH", SETTINGS, b'{"companyTypeIds": [0x10]}'),
    Case("json-leading-zero", "PATCH", SETTINGS, b'{"companyTypeIds": [010]}'),
    Case("json-utf8-bom", "PATCH", IPLIST, b'\xef\xbb\xbf{"name": "x"}'),
    # -- valid JSON, wrong types
    Case("type-string-for-bool", "PATCH", GSUITE, b'{"groupsEnabled": "true"}'),
    Case("type-number-for-string", "PATCH", IPLIST, b'{"name": 42}'),
    Case("type-bool-for-int", "PATCH", SETTINGS, b'{"companyTypeIds": [true]}'),
    Case("type-float-for-int", "PATCH", SETTINGS, b'{"companyTypeIds": [1.0]}'),
    Case("type-string-for-int", "PATCH", SETTINGS, b'{"companyTypeIds": ["7"]}'),
    Case("type-object-for-array", "PATCH", IPLIST, b'{"ips": {"0": "10.0.0.1"}}'),
    Case("type-array-for-object", "PATCH", GSUITE, b'{"defaultDomain": ["5f9e1a2b3c4d5e6f70819204"]}'),
    Case("type-null-for-string", "PATCH", IPLIST, b'{"name": null}'),
    Case("type-bool-for-enum", "PATCH", LDAP, b'{"userLockoutAction": true}'),
    Case("value-not-in-enum", "PATCH", GSUITE, b'{"userLockoutAction": "delete"}'),
    Case("value-not-an-ip", "PATCH", IPLIST, b'{"ips": ["10.0.0.1", "999.1.1.1"]}'),
    # -- numbers no integer field can hold
    Case("huge-1e400-as-int", "PATCH", SETTINGS, b'{"companyTypeIds": [1e400]}'),
    Case("huge-10pow100-as-int", "PATCH", SETTINGS, big_int_ids(101)),
    Case("huge-5000-digit-int", "PATCH", SETTINGS, big_int_ids(5000)),
    Case("huge-1e400-as-string", "PATCH", IPLIST, b'{"name": 1e400}'),
    Case("huge-1e400-as-number", "PATCH", SYNCRO_MAPPINGS, b'{"data": [{"organization": {"id": "'
         + OTHER_ORG.encode() + b'", "name": "B"}, "company": {"id": "1", "name": "B"}, "billingConfigurations": '
         b'{"fields": {"schedule_id": {"kind": "numberValue", "numberValue": 1e400}}}}]}'),
    # -- nesting: the decoder's recursion limit, and free-form fields that take any depth
    Case("deep-10000-arrays", "PATCH", IPLIST, nested(DEEP)),
    Case("deep-10000-objects", "PATCH", IPLIST, nested(DEEP, b'{"a":', b"}", b"1")),
    Case("deep-10000-arrays-in-field", "PATCH", IPLIST, b'{"ips": ' + nested(DEEP) + b"}"),
    Case("deep-10000-arrays-for-bulk", "PATCH", BULK, nested(DEEP)),
    Case("deep-600-arrays-in-free-form-field", "PATCH", POLICY, b'{"conditions": {"a": ' + nested(600) + b"}}"),
    # -- size: over the 1 MiB body limit, announced or chunked
    Case("body-2MiB", "PATCH", IPLIST, TWO_MIB_NAME, status=413),
    Case("body-2MiB-chunked", "PATCH", IPLIST, chunked(TWO_MIB_NAME),
         headers=(("Content-Length", None), ("Transfer-Encoding", "chunked")), status=413),
    # -- bytes that are not UTF-8 JSON text
    Case("utf8-invalid-byte", "PATCH", IPLIST, b'{"name": "\xff"}'),
    Case("utf8-overlong-slash", "PATCH", IPLIST, b'{"name": "\xc0\xaf"}'),
    Case("utf8-encoded-surrogate", "PATCH", IPLIST, b'{"name": "\xed\xa0\x80"}'),
    Case("utf16-body", "PATCH", IPLIST, '{"name": "x"}'.encode("utf-16")),
    Case("latin1-body-declared-latin1", "PATCH", IPLIST, '{"name": "café"}'.encode("latin-1"),
         headers=(("Content-Type", "application/json; charset=latin-1"),)),
    Case("gzip-body-not-decoded", "PATCH", IPLIST, gzip.compress(b'{"name": "x"}'),
         headers=(("Content-Encoding", "gzip"),)),
    Case("nul-raw-in-json-string", "PATCH", IPLIST, b'{"name": "a\x00b"}'),
    Case("nul-raw-body", "PATCH", IPLIST, b"\x00"),
    Case("nul-after-json", "PATCH", IPLIST, b'{"name": "x"}\x00'),
    Case("nul-escaped-in-key", "PATCH", IPLIST, b'{"na\\u0000me": "x"}'),
    # -- content types
    Case("content-type-text-plain", "PATCH", IPLIST, b'{"name": "x"}', (("Content-Type", "text/plain"),), 415),
    Case("content-type-form", "PATCH", IPLIST, b"name=x",
         (("Content-Type", "application/x-www-form-urlencoded"),), 415),
    Case("content-type-multipart", "PATCH", IPLIST, b'--b\r\n\r\n{"name": "x"}\r\n--b--\r\n',
         (("Content-Type", "multipart/form-data; boundary=b"),), 415),
    Case("content-type-xml", "PATCH", IPLIST, b"<name>x</name>", (("Content-Type", "application/xml"),), 415),
    Case("content-type-missing", "PATCH", IPLIST, b'{"name": "x"}', (("Content-Type", None),), 415),
    Case("content-type-empty", "PATCH", IPLIST, b'{"name": "x"}', (("Content-Type", ""),), 415),
    Case("content-type-json-patch", "PATCH", IPLIST, b'[{"op": "replace", "path": "/name", "value": "x"}]',
         (("Content-Type", "application/json-patch+json"),)),
    # -- ids in paths: traversal, NUL, non-ASCII, overlong
    Case("path-encoded-traversal", "GET", "/api/v2/gsuites/..%2F..%2Fetc%2Fpasswd", status=404),
    Case("path-raw-traversal", "GET", "/api/v2/gsuites/../../../etc/passwd", status=404),
    Case("path-traversal-patch", "PATCH", "/api/v2/iplists/..%2F{iplist}", b'{"name": "x"}', status=404),
    Case("path-nul-id", "GET", "/api/v2/gsuites/%00", status=404),
    Case("path-n-tilde-id", "GET", "/api/v2/gsuites/%C3%B1", status=404),
    Case("path-raw-utf8-bytes-HTTP", "GET", "/api/v2/gsuites/\u00f1", by=HTTP),
    Case("path-emoji-id", "PATCH", "/api/v2/iplists/%F0%9F%98%80", b'{"name": "x"}', status=404),
    Case("path-invalid-utf8-id", "GET", "/api/v2/gsuites/%FF%FE", status=404),
    Case("path-64KiB-id", "GET", "/api/v2/gsuites/" + "a" * 65536, status=404),
    # -- headers the HTTP server refuses (HTTP: the app never sees them)
    Case("header-300KiB-value-HTTP-431", "GET", GSUITE, headers=(("x-filler", "a" * 300_000),),
         status=431, by=HTTP),
    Case("header-name-with-space-HTTP", "GET", GSUITE, headers=((b"x bad", b"1"),), by=HTTP),
    Case("header-control-byte-HTTP", "GET", GSUITE, headers=((b"x-org-id", OTHER_ORG.encode() + b"\x01"),),
         by=HTTP),
    Case("header-nul-byte-HTTP", "GET", GSUITE, headers=((b"x-api-key", b"key\x00"),), by=HTTP),
    Case("content-length-duplicate-HTTP", "PATCH", IPLIST, b"{}",
         (("Content-Length", "2"), (b"Content-Length", b"2")), by=HTTP),
    Case("content-length-not-a-number-HTTP", "PATCH", IPLIST, b"{}", (("Content-Length", "two"),), by=HTTP),
    Case("content-length-negative-HTTP", "PATCH", IPLIST, b"{}", (("Content-Length", "-2"),), by=HTTP),
    # -- bodies that parse but are not what the endpoint takes
    Case("duplicate-keys", "PATCH", IPLIST, b'{"name": "a", "name": "b"}'),
    Case("duplicate-keys-nested", "PATCH", MAPPINGS, b'{"data": [{"organization": {"id": "'
         + OTHER_ORG.encode() + b'", "id": "x", "name": "B"}, "company": {"id": "1", "name": "B"}}]}'),
    Case("unknown-field", "PATCH", IPLIST, b'{"nmae": "x"}'),
    Case("unknown-field-in-bulk-item", "PATCH", BULK, b'[{"id": "' + USER.encode() + b'", "bogus": 1}]'),
    Case("empty-body-patch", "PATCH", IPLIST, headers=(("Content-Length", "0"), ("Content-Type", "application/json"))),
    Case("empty-body-no-content-type", "PATCH", IPLIST),
    Case("json-null-body", "PATCH", IPLIST, b"null"),
    Case("array-where-object-expected", "PATCH", IPLIST, b'[{"name": "x"}]'),
    Case("object-where-array-expected", "PATCH", BULK, b'{"id": "' + USER.encode() + b'", "department": "x"}'),
    Case("bulk-empty-array", "PATCH", BULK, b"[]"),
    Case("bulk-id-not-objectid", "PATCH", BULK, b'[{"id": "../etc/passwd", "department": "x"}]'),
    Case("bulk-one-bad-item-rejects-all", "PATCH", BULK,
         b'[{"id": "' + USER.encode() + b'", "department": "changed"}, '
         b'{"id": "' + USER.encode() + b'", "state": "GONE"}]'),
    Case("bulk-create-missing-required", "POST", BULK, b'[{"username": "nobody"}]'),
    Case("mappings-data-not-array", "PATCH", MAPPINGS, b'{"data": {"organization": {"id": "x"}}}'),
    Case("mappings-upsert-without-company", "PATCH", MAPPINGS,
         b'{"data": [{"organization": {"id": "' + OTHER_ORG.encode() + b'", "name": "B"}}]}'),
    Case("create-without-required-name", "POST", "/api/v2/iplists", b'{"description": "x"}'),
    Case("replace-without-required-name", "PUT", IPLIST, b'{"ips": []}'),
    # -- query parameters
    Case("limit-not-a-number", "GET", "/api/v2/iplists?limit=abc"),
    Case("limit-negative", "GET", "/api/v2/iplists?limit=-1"),
    Case("limit-over-maximum", "GET", "/api/v2/iplists?limit=101"),
    Case("limit-exponent", "GET", "/api/v2/iplists?limit=1e3"),
    Case("limit-fraction", "GET", "/api/v2/ldapservers?limit=1.5"),
    Case("limit-5000-digits", "GET", "/api/v2/iplists?limit=" + "9" * 5000),
    Case("skip-negative", "GET", "/api/v2/activedirectories?skip=-5"),
    Case("skip-not-a-number", "GET", "/api/systemusers?skip=x"),
    Case("filter-without-op", "GET", "/api/v2/iplists?filter=name"),
    Case("filter-unknown-op", "GET", "/api/v2/iplists?filter=name:like:x"),
    Case("filter-empty-field", "GET", "/api/systemusers?filter=:eq:x"),
    # -- organizations
    Case("org-id-not-hex", "GET", GSUITE, headers=(("x-org-id", "not-an-org"),)),
    Case("org-id-23-hex", "GET", GSUITE, headers=(("x-org-id", OTHER_ORG[:-1]),)),
    Case("org-id-25-hex", "PATCH", IPLIST, b'{"name": "x"}', (("x-org-id", OTHER_ORG + "0"),)),
    Case("org-id-letter-g", "GET", GSUITE, headers=(("x-org-id", OTHER_ORG[:-1] + "g"),)),
    Case("org-id-inner-space", "GET", GSUITE, headers=(("x-org-id", OTHER_ORG[:12] + " " + OTHER_ORG[13:]),)),
    Case("org-id-latin1-byte", "GET", GSUITE, headers=((b"x-org-id", OTHER_ORG[:-1].encode() + b"\xe9"),)),
    Case("org-id-64KiB", "GET", GSUITE, headers=(("x-org-id", "a" * 65536),)),
    # -- authentication
    Case("api-key-missing", "GET", GSUITE, headers=(("x-api-key", None),), status=401),
    Case("api-key-empty", "GET", GSUITE, headers=(("x-api-key", ""),), status=401),
    Case("api-key-whitespace", "PATCH", IPLIST, b'{"name": "x"}', (("x-api-key", "   "),), 401),
    Case("api-key-missing-bad-body", "PATCH", IPLIST, b"{", (("x-api-key", None),), 401),
    # -- methods
    Case("method-post-on-item", "POST", GSUITE, b'{"name": "x"}', status=405),
    Case("method-delete-gsuite", "DELETE", GSUITE, status=405),
    Case("method-put-ldapserver", "PUT", LDAP, b'{"userLockoutAction": "remove"}', status=405),
    Case("method-get-bulk-users", "GET", BULK, status=405),
    Case("method-unknown-verb", "FROB", IPLIST, status=405),
    Case("method-trace", "TRACE", IPLIST, status=405),
    # -- jcmock's own inputs
    Case("fault-header-not-understood", "GET", GSUITE, headers=(("x-jcmock-fault", "banana"),)),
    Case("admin-state-not-a-dump", "PUT", "/__jcmock__/state", b"[]"),
    Case("admin-state-kind-not-object", "PUT", "/__jcmock__/state",
         b'{"' + OTHER_ORG.encode() + b'": {"iplists": []}}'),
    Case("admin-fault-unknown-field", "POST", "/__jcmock__/faults", b'{"status": 500, "color": "red"}'),
]


def _bytes(value):
    return value if isinstance(value, bytes) else value.encode("latin-1")


def build_request(case, ids, port):
    """The raw bytes of ``case``, with ``{kind}`` placeholders in path and body filled from ``ids``."""
    path = case.path.format(**ids)
    body = case.body.replace(USER.encode(), ids["user"].encode())
    defaults = [("Host", f"127.0.0.1:{port}"), ("x-api-key", API_KEY)]
    if body:
        defaults += [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    overridden = {_bytes(name).lower() for name, _ in case.headers}
    headers = [(n, v) for n, v in defaults if _bytes(n).lower() not in overridden]
    headers += [(n, v) for n, v in case.headers if v is not None]
    lines = [f"{case.method} ".encode() + path.encode("utf-8") + b" HTTP/1.1"]
    lines += [_bytes(name) + b": " + _bytes(value) for name, value in headers]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def send(request_bytes, port):
    """Send raw bytes, return (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request_bytes)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def mock(tmp_path_factory):
    server = LiveServer(tmp_path_factory.mktemp("bad_input"))
    server.port = int(server.url.rsplit(":", 1)[1])
    manifest = server.manifest()
    server.ids = {
        "iplist": manifest["iplists"][0], "gsuite": manifest["gsuites"][0],
        "ldapserver": manifest["ldapservers"][0], "policy": manifest["authn_policies"][0],
        "user": manifest["users"][0], "autotask": manifest["autotask"][0], "syncro": manifest["syncro"][0],
    }
    server.initial_state = admin_state(server)
    yield server
    server.stop()


def test_table_has_enough_distinct_cases():
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_request_is_a_jumpcloud_4xx_and_changes_nothing(mock, case):
    status, headers, body = send(build_request(case, mock.ids, mock.port), mock.port)
    assert_healthy(mock)
    changed = restore_if_changed(mock)

    assert 400 <= status < 500, f"{case.id}: {status} {body[:300]!r}"
    assert status == case.status, f"{case.id}: {status} {body[:300]!r}"
    is_json = (headers.get("Content-Type") or "").startswith("application/json")
    assert is_json, f"{case.id}: {headers.get('Content-Type')} {body[:300]!r}"
    error = json.loads(body)
    assert error["code"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["status"], str) and error["status"]
    assert b"<html" not in body.lower()
    if status == 405:
        assert headers.get("Allow")
    assert not changed, f"{case.id} changed the store"


def test_after_the_table_the_store_is_unchanged_and_nothing_failed(mock):
    assert_healthy(mock)
    assert admin_state(mock) == mock.initial_state
    journal = requests.get(f"{mock.url}/__jcmock__/requests", timeout=10).json()
    assert not [call for call in journal if call["status"] >= 500]
    # A 500 raised while the journal records a request never reaches the journal: the log has it.
    failures = [line for line in mock.stderr().splitlines() if re.match(r"\w+(Error|Exception)\b", line)]
    assert "Traceback" not in mock.stderr(), failures[:10]
