"""jcmock's HTTP server over raw sockets: ordering, delays that hold up no one, framing it must get right."""
import json
import socket
import time

import pytest

from helpers import API_KEY, LiveServer

GSUITE = "5f9e1a2b3c4d5e6f70819203"


@pytest.fixture(scope="module", params=["loop", "threads"])
def server(request, tmp_path_factory):
    """``jcmock serve`` answering on its event loop (the default), and on threads (``--threads 4``)."""
    extra = ["--threads", "4"] if request.param == "threads" else []
    live = LiveServer(tmp_path_factory.mktemp(f"http_{request.param}"), *extra)
    live.port = int(live.url.rsplit(":", 1)[1])
    yield live
    live.stop()


def raw(port, data, *, until_close=True):
    """Send ``data``, read until the server closes the connection; the bytes it sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        chunks = []
        while until_close:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def get(path, *, close=False, extra=b""):
    return (f"GET {path} HTTP/1.1\r\nHost: x\r\nx-api-key: {API_KEY}\r\n".encode() + extra
            + (b"Connection: close\r\n" if close else b"") + b"\r\n")


def answers(data):
    """The (status, body) of each HTTP/1.1 answer in ``data``, in order (Content-Length framed)."""
    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        headers = dict(line.split(b": ", 1) for line in lines[1:])
        length = int(headers[b"Content-Length"])
        found.append((int(lines[0].split()[1]), rest[:length]))
        data = rest[length:]
    return found


def test_pipelined_requests_are_answered_in_the_order_sent(server):
    data = raw(server.port, get(f"/api/v2/gsuites/{GSUITE}") + get("/api/v2/iplists?limit=1")
               + get("/api/v2/gsuites/000000000000000000000000", close=True))
    (first, gsuite), (second, iplists), (third, _) = answers(data)
    assert (first, second, third) == (200, 200, 404)
    assert json.loads(gsuite)["id"] == GSUITE
    assert isinstance(json.loads(iplists), list)


def test_a_delayed_answer_holds_up_no_other_connection(server):
    slow = get(f"/api/v2/gsuites/{GSUITE}", close=True, extra=b"x-jcmock-fault: delay=3s\r\n")
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(slow)
        time.sleep(0.3)  # ordering, not timing: let the server take the slow request first
        assert server.request("GET", "/iplists?limit=1").status_code == 200
        sock.setblocking(False)
        with pytest.raises(BlockingIOError):
            sock.recv(1)  # the quick answer came while the slow one still sleeps
        sock.settimeout(30)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    [(status, body)] = answers(data)
    assert status == 200 and json.loads(body)["id"] == GSUITE


def test_a_delay_keeps_the_order_of_pipelined_answers(server):
    slow = get(f"/api/v2/gsuites/{GSUITE}", extra=b"x-jcmock-fault: delay=500ms\r\n")
    data = raw(server.port, slow + get("/api/v2/iplists?limit=1", close=True))
    (first, gsuite), (second, iplists) = answers(data)
    assert (first, second) == (200, 200)
    assert json.loads(gsuite)["id"] == GSUITE and isinstance(json.loads(iplists), list)


def test_a_hundred_pipelined_requests_behind_a_delayed_one_are_all_answered_in_order(server):
    slow = get(f"/api/v2/gsuites/{GSUITE}", extra=b"x-jcmock-fault: delay=200ms\r\n")
    many = [get(f"/api/v2/iplists?limit=1&skip={i}") for i in range(100)]
    data = raw(server.port, slow + b"".join(many) + get("/api/v2/gsuites/000000000000000000000000", close=True))
    statuses = [status for status, _ in answers(data)]
    assert statuses == [200] * 101 + [404]


def test_expect_100_continue_gets_its_interim_answer_before_the_body(server):
    body = b'{"userLockoutAction": "maintain"}'
    head = (f"PATCH /api/v2/gsuites/{GSUITE} HTTP/1.1\r\nHost: x\r\nx-api-key: {API_KEY}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nExpect: 100-continue\r\n"
            "Connection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(head)
        assert sock.recv(65536) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    [(status, answer)] = answers(data)
    assert status == 200 and json.loads(answer)["userLockoutAction"] == "maintain"


def test_http_1_0_gets_one_answer_and_the_connection_closes(server):
    data = raw(server.port, f"GET /api/v2/gsuites/{GSUITE} HTTP/1.0\r\nx-api-key: {API_KEY}\r\n\r\n".encode())
    assert data.startswith(b"HTTP/1.1 200 OK\r\n") and b"Connection: close\r\n" in data
    [(status, body)] = answers(data)
    assert json.loads(body)["id"] == GSUITE


def test_chunked_request_body_is_read_whole(server):
    body = b'{"userLockoutAction": "suspend"}'
    framed = b"%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n" % (5, body[:5], len(body) - 5, body[5:])
    data = raw(server.port, (f"PATCH /api/v2/gsuites/{GSUITE} HTTP/1.1\r\nHost: x\r\nx-api-key: {API_KEY}\r\n"
                             "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                             "Connection: close\r\n\r\n").encode() + framed)
    [(status, answer)] = answers(data)
    assert status == 200, answer
    assert json.loads(answer)["userLockoutAction"] == "suspend"


@pytest.mark.parametrize("path, shape", [
    ("/api/v2/iplists", {"code", "message", "status"}),
    ("/api/v1/users", {"errorCode", "errorSummary", "errorLink", "errorId", "errorCauses"}),
    ("/scim/v2/Users", {"schemas", "status", "detail"}),
    ("/nowhere", {"code", "message", "status"}),
])
def test_what_the_parser_refuses_is_answered_in_the_shape_of_the_service_of_the_path(server, path, shape):
    data = raw(server.port, f"GET {path} HTTP/1.1\r\nHost: x\r\n".encode() + b"bad header: 1\r\n\r\n")
    [(status, body)] = answers(data)
    assert status == 400
    assert shape <= set(json.loads(body)), body


def test_bytes_that_are_not_http_get_a_json_400_and_a_close(server):
    data = raw(server.port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64))
    [(status, body)] = answers(data)
    assert status == 400 and json.loads(body)["code"] == 400
    assert server.request("GET", f"/gsuites/{GSUITE}").status_code == 200
