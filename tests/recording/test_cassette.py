import io
import json
import os
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import vcr
import yaml

from jcmock.recording import cassette as cassette_module
from jcmock.recording.cassette import Cassette, CassetteError, Interaction, Request, Response, dumps, parse

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"


def make_interaction(method="GET", uri="https://console.jumpcloud.com/api/v2/gsuites", request_body=None, body=b"{}"):
    return Interaction(
        request=Request(method, uri, request_body, {"Accept": ["application/json"], "x-api-key": ["REDACTED"]}),
        response=Response(200, "OK", {"Content-Type": ["application/json"], "Vary": ["Origin", "Accept"]}, body),
    )


def test_save_then_load_round_trips_every_field(tmp_path):
    path = tmp_path / "cassette.yaml"
    awkward_texts = [
        "café ✓",
        "line one\r\nline two\n",
        "  leading and trailing spaces  ",
        "nul\x00byte",
        "- looks: [like, yaml]",
        "null",
        "true",
        "",
        "\u2028 line separator",
    ]
    interactions = [
        make_interaction("PATCH", "https://console.jumpcloud.com/api/v2/gsuites/5f1e?limit=10&skip=0", b'{"a": 1}'),
        make_interaction("GET", request_body=None, body=b""),
        make_interaction("POST", request_body=b""),
    ] + [make_interaction("PUT", request_body=text.encode(), body=text.encode()) for text in awkward_texts]
    cassette = Cassette(path)
    for interaction in interactions:
        cassette.append(interaction)
    cassette.save()

    assert Cassette.load(path).interactions == interactions


def test_saved_file_is_vcrpy_version_1_format(tmp_path):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path, [make_interaction("PATCH", request_body=b'{"name": "x"}', body=b'{"id": "1"}')])
    cassette.save()

    assert yaml.safe_load(path.read_text()) == {
        "interactions": [
            {
                "request": {
                    "body": '{"name": "x"}',
                    "headers": {"Accept": ["application/json"], "x-api-key": ["REDACTED"]},
                    "method": "PATCH",
                    "uri": "https://console.jumpcloud.com/api/v2/gsuites",
                },
                "response": {
                    "body": {"string": '{"id": "1"}'},
                    "headers": {"Content-Type": ["application/json"], "Vary": ["Origin", "Accept"]},
                    "status": {"code": 200, "message": "OK"},
                },
            }
        ],
        "version": 1,
    }


def test_incremental_saves_write_the_same_text_as_a_full_dump(tmp_path):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path)
    cassette.save()
    assert path.read_text() == dumps([])
    for n in range(3):
        cassette.append(make_interaction(uri=f"https://console.jumpcloud.com/api/v2/gsuites/{n}"))
        cassette.save()
        assert path.read_text() == dumps(cassette.interactions)

    cassette.interactions[1] = replace(cassette.interactions[1], response=Response(404, "Not Found"))
    del cassette.interactions[0]
    cassette.save()
    assert path.read_text() == dumps(cassette.interactions)


def test_shared_objects_are_written_out_in_full_not_as_yaml_aliases(tmp_path):
    path = tmp_path / "cassette.yaml"
    interaction = make_interaction()
    Cassette(path, [interaction, interaction]).save()

    assert "&id" not in path.read_text()
    assert len(Cassette.load(path)) == 2


def test_binary_body_is_stored_as_yaml_binary(tmp_path):
    path = tmp_path / "cassette.yaml"
    interaction = make_interaction("POST", request_body=PNG_HEADER, body=PNG_HEADER * 3)
    Cassette(path, [interaction]).save()

    raw = path.read_text()
    assert raw.count("!!binary") == 2
    assert Cassette.load(path).interactions == [interaction]


def test_missing_file_loads_as_an_empty_cassette(tmp_path):
    cassette = Cassette.load(tmp_path / "absent.yaml")

    assert cassette.interactions == []
    assert cassette.path == tmp_path / "absent.yaml"


@pytest.mark.parametrize(
    "content, reason",
    [
        ("interactions: [\n", "invalid YAML"),
        ("", "file is empty"),
        ("- request: {}\n", "not a cassette"),
        ("interactions: []\nversion: 2\n", "unsupported cassette version 2"),
        ("interactions: {}\nversion: 1\n", "'interactions' must be a list"),
        ("interactions:\n- request: {method: GET}\n  response: {}\nversion: 1\n", "interaction 0: missing key 'uri'"),
        ("interactions:\n- request: {method: GET, uri: /, body: 12}\n  response: {status: {code: 200}}\nversion: 1\n",
         "interaction 0: body must be"),
        ("interactions: []\nversion: 1\nx: !!python/object/apply:os.system [echo]\n", "invalid YAML"),
    ],
)
def test_invalid_file_raises_cassette_error_naming_path_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(content)

    with pytest.raises(CassetteError) as caught:
        Cassette.load(path)

    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)


def test_failed_serialisation_leaves_previous_file_intact(tmp_path):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path, [make_interaction()])
    cassette.save()
    before = path.read_bytes()

    cassette.append(make_interaction(body=object()))
    with pytest.raises(Exception):
        cassette.save()

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["cassette.yaml"]


def test_interrupted_write_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path, [make_interaction()])
    cassette.save()
    before = path.read_bytes()

    def interrupted(fd):
        raise KeyboardInterrupt

    cassette.append(make_interaction(uri="https://console.jumpcloud.com/api/v2/office365s"))
    monkeypatch.setattr(cassette_module.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cassette.save()

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["cassette.yaml"]


def test_concurrent_appends_and_saves_keep_every_interaction(tmp_path):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path)

    def record(worker):
        for n in range(10):
            cassette.append(make_interaction(uri=f"https://console.jumpcloud.com/api/v2/w{worker}/{n}"))
            cassette.save()

    threads = [threading.Thread(target=record, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(Cassette.load(path)) == 40


def test_parse_reads_the_python_tags_vcrpy_writes_for_file_and_iterator_bodies():
    text = """
interactions:
- request:
    body: !!python/object/new:_io.BytesIO
      state: !!python/tuple
      - !!binary |
        aGVsbG8=
      - 0
      - null
    headers: {}
    method: PUT
    uri: http://example.test/a
  response: {body: {string: ''}, headers: {}, status: {code: 204, message: No Content}}
- request:
    body: !!python/object/apply:builtins.iter
      args:
      - - !!binary |
          YWI=
        - !!binary |
          Y2Q=
      state: 0
    headers: {}
    method: POST
    uri: http://example.test/b
  response: {body: {string: !!python/unicode 'ok'}, headers: {}, status: {code: 200, message: OK}}
version: 1
"""
    first, second = parse(text)

    assert first.request.body == b"hello"
    assert second.request.body == b"abcd"
    assert second.response.body == b"ok"


class _EchoHandler(BaseHTTPRequestHandler):
    """A tiny upstream for vcrpy to record: echoes JSON, serves one binary file."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        received = self.rfile.read(length)
        if self.path.startswith("/logo.png"):
            status, content_type, body = 200, "image/png", PNG_HEADER
        else:
            status, content_type = 201 if self.command == "POST" else 200, "application/json"
            echo = {"method": self.command, "path": self.path, "received": received.decode("latin-1")}
            body = json.dumps(echo).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "a=1")
        self.send_header("Set-Cookie", "b=2")
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = _answer

    def log_message(self, format, *args):
        pass


@pytest.fixture
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def session():
    with requests.Session() as s:
        s.trust_env = False  # no proxy from the environment between us and 127.0.0.1
        yield s


def test_cassette_recorded_by_vcrpy_loads(tmp_path, upstream, session):
    path = tmp_path / "vcrpy.yaml"
    with vcr.VCR().use_cassette(str(path), record_mode="once"):
        session.get(f"{upstream}/api/v2/gsuites?limit=10&skip=0", headers={"x-api-key": "k"})
        session.patch(f"{upstream}/api/v2/gsuites/5f1e", json={"userLockoutAction": "suspend"})
        session.put(f"{upstream}/api/v2/upload", data=io.BytesIO(b"file body"))
        session.post(f"{upstream}/api/v2/raw", data=b"\xff\xfe binary")
        session.get(f"{upstream}/logo.png")

    get, patch, put, post, logo = Cassette.load(path).interactions

    assert get.request.method == "GET"
    assert get.request.uri == f"{upstream}/api/v2/gsuites?limit=10&skip=0"
    assert get.request.body is None
    assert get.request.headers["x-api-key"] == ["k"]
    assert get.response.status == 200 and get.response.message == "OK"
    assert get.response.headers["Set-Cookie"] == ["a=1", "b=2"]
    assert json.loads(get.response.body)["path"] == "/api/v2/gsuites?limit=10&skip=0"
    assert json.loads(patch.request.body) == {"userLockoutAction": "suspend"}
    assert put.request.body == b"file body"
    assert post.request.body == b"\xff\xfe binary"
    assert post.response.status == 201
    assert logo.response.body == PNG_HEADER


def test_cassette_saved_by_jcmock_plays_in_vcrpy(tmp_path, session):
    path = tmp_path / "jcmock.yaml"
    json_body = json.dumps({"id": "5f1e", "name": "café"}).encode()
    Cassette(
        path,
        [
            Interaction(
                Request("GET", "https://console.jumpcloud.com/api/v2/gsuites/5f1e", None, {"x-api-key": ["REDACTED"]}),
                Response(
                    200, "OK", {"Content-Type": ["application/json"], "Content-Length": [str(len(json_body))]},
                    json_body,
                ),
            ),
            Interaction(
                Request("PATCH", "https://console.jumpcloud.com/api/v2/gsuites/5f1e?x=1", b'{"a":1}', {}),
                Response(400, "Bad Request", {"Content-Type": ["application/json"]}, b'{"message": "bad"}'),
            ),
            Interaction(
                Request("GET", "https://console.jumpcloud.com/logo.png", None, {}),
                Response(200, "OK", {"Content-Type": ["image/png"]}, PNG_HEADER),
            ),
        ],
    ).save()

    with vcr.VCR().use_cassette(str(path), record_mode="none") as played:
        got = session.get("https://console.jumpcloud.com/api/v2/gsuites/5f1e")
        bad = session.patch("https://console.jumpcloud.com/api/v2/gsuites/5f1e?x=1", data=b'{"a":1}')
        logo = session.get("https://console.jumpcloud.com/logo.png")

    assert played.all_played
    assert got.status_code == 200 and got.json() == {"id": "5f1e", "name": "café"}
    assert bad.status_code == 400 and bad.reason == "Bad Request" and bad.json() == {"message": "bad"}
    assert logo.headers["Content-Type"] == "image/png" and logo.content == PNG_HEADER
