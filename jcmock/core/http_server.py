"""jcmock's HTTP/1.1 server: one asyncio event loop, httptools' parser, the WSGI app called on the loop.

Why not a general-purpose server: jcmock's app answers from memory in a fraction of a
millisecond, so handing each request to a worker thread (waitress, and most WSGI servers)
costs more than the answer, and the threads then contend for the GIL: throughput fell as
connections rose, and at 64 connections the slowest answers waited hundreds of ms. Here the
loop parses a request and calls the app at once, one request at a time, in arrival order:
no hand-over, no contention, and a tail that stays near the median.

What jcmock needs of its server and gets here: a request the parser refuses (bad framing,
control bytes, oversized headers) is answered as JSON in the shape of the service its path
names; the drop fault closes the connection before the first byte; a delay fault does not
hold up other connections (the app runs in a greenlet that gives the loop back while it
sleeps: ``environ["jcmock.sleep"]``). ``threads`` > 0 runs the app on a thread pool instead,
for apps that wait on the network (``jcmock record``).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import io
import logging
import socket
import sys
import threading
import time
from email.utils import formatdate
from urllib.parse import unquote_to_bytes

import httptools
from greenlet import getcurrent, greenlet

from .errors import reason_phrase

log = logging.getLogger("jcmock.server")

MAX_HEADER_BYTES = 256 * 1024     # request line and headers, as waitress's default
IDLE_SECONDS = 120.0              # a kept-alive connection with nothing to say is closed after this
MAX_PIPELINED = 32                # requests queued behind a slow one before reading pauses

# The methods httptools' parser knows; any other token is parsed as GET and handed on as itself,
# so the app answers an unknown method with its own 405 and Allow header.
PARSER_METHODS = frozenset(
    b"DELETE GET HEAD POST PUT CONNECT OPTIONS TRACE COPY LOCK MKCOL MOVE PROPFIND PROPPATCH SEARCH UNLOCK "
    b"BIND REBIND UNBIND ACL REPORT MKACTIVITY CHECKOUT MERGE M-SEARCH NOTIFY SUBSCRIBE UNSUBSCRIBE PATCH PURGE "
    b"MKCALENDAR LINK UNLINK SOURCE QUERY".split()
)
TARGET_BYTES = bytes(range(0x21, 0x7F))  # a request target is printable ASCII (RFC 9112 §3.2)
TOKEN_CHARS = frozenset(b"!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class Rejected(Exception):
    """A request the server answers itself, before the app: ``status`` and a message for the body."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class PerSecond:
    """A time formatted once a second rather than once a request (the Date header, log stamps)."""

    def __init__(self, format_second):
        self.format_second = format_second
        self._second, self._text = None, ""

    def text(self, second=None):
        second = int(time.time()) if second is None else second
        if second != self._second:
            self._second, self._text = second, self.format_second(second)
        return self._text


def http_date(second):
    return formatdate(second, usegmt=True)


class HttpServer:
    """Serve a WSGI ``app`` on ``host:port`` (0 picks a free port) until ``close()``.

    ``reject(path, status, message)`` builds the answer to a request the server refuses itself:
    ``(content_type, body_bytes)``. ``dropped`` is the exception class the app raises to have the
    connection closed without an answer. ``after_batch()`` runs once after each turn of the loop
    that sent answers (the access log writes its lines then, one write for many). The socket is
    bound on construction, so ``effective_port`` is known (and a taken port raises OSError)
    before ``run()``.
    """

    def __init__(self, app, host="127.0.0.1", port=8080, *, reject, dropped=(), threads=0,
                 max_body_bytes=None, after_batch=None, ident="jcmock"):
        self.app, self.reject, self.dropped, self.threads = app, reject, dropped, threads
        self.after_batch = after_batch  # called once after each turn of the loop that sent answers
        self._batch_pending = False
        self.max_body_bytes = max_body_bytes
        self.ident = ident
        self.date = PerSecond(http_date)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind((host, port))
            self.socket.listen(1024)
        except OSError:
            self.socket.close()
            raise
        self.socket.setblocking(False)
        self.effective_host, self.effective_port = self.socket.getsockname()[:2]
        self.server_name = host
        self.loop: asyncio.AbstractEventLoop | None = None
        self.executor = concurrent.futures.ThreadPoolExecutor(threads, "jcmock-request") if threads else None
        self.connections: set[Connection] = set()
        self._stop = asyncio.Event()
        self._stopped = threading.Event()
        self._thread = None

    # -- life cycle -------------------------------------------------------------------

    def run(self):
        """Serve on this thread until ``close()`` (from any thread)."""
        self._thread = threading.current_thread()
        self.loop = asyncio.new_event_loop()
        try:
            self.loop.run_until_complete(self._serve())
        finally:
            for connection in list(self.connections):
                connection.transport.abort()
            if self.after_batch is not None:
                self.after_batch()
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
            self.loop.close()
            if self.executor:
                self.executor.shutdown(wait=True, cancel_futures=True)
            self._stopped.set()

    async def _serve(self):
        if self._stop.is_set():
            return
        server = await self.loop.create_server(lambda: Connection(self), sock=self.socket, backlog=1024)
        sweeper = self.loop.create_task(self._close_idle())
        try:
            await self._stop.wait()
        finally:
            sweeper.cancel()
            server.close()

    def stop(self):
        """Ask the loop to stop; safe from any thread and from a signal handler."""
        loop = self.loop
        if loop is None or loop.is_closed():
            self._stop.set()
            return
        try:
            loop.call_soon_threadsafe(self._stop.set)
        except RuntimeError:  # the loop closed in between
            pass

    def close(self):
        """Stop serving (thread-safe) and release the port; waits for the loop if it runs elsewhere."""
        self.stop()
        if self.loop is not None and self._thread is not threading.current_thread():
            self._stopped.wait(timeout=10)
        self.socket.close()

    async def _close_idle(self):
        while True:
            await asyncio.sleep(IDLE_SECONDS / 4)
            limit = time.monotonic() - IDLE_SECONDS
            for connection in list(self.connections):
                if not connection.busy and connection.last_activity < limit:
                    connection.transport.close()

    # -- one request ------------------------------------------------------------------

    def call_app(self, environ):
        """``(status_line, headers, body)`` of the app's answer; ``None`` if it dropped the connection."""
        started = []

        def start_response(status, headers, exc_info=None):
            if exc_info and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, headers]
            return _no_write

        try:
            result = self.app(environ, start_response)
            try:
                body = b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        except self.dropped:
            return None
        except Exception:
            log.exception("unhandled error answering %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            content_type, body = self.reject(environ.get("PATH_INFO"), 500, "internal error in jcmock")
            return "500 Internal Server Error", [("Content-Type", content_type)], body
        return started[0], started[1], body

    def batch_done_soon(self):
        if self.after_batch is not None and not self._batch_pending:
            self._batch_pending = True
            self.loop.call_soon(self._batch_done)

    def _batch_done(self):
        self._batch_pending = False
        self.after_batch()

    def sleep(self, seconds):
        """``time.sleep`` for the app on the loop: its greenlet waits, the loop serves the others."""
        current = getcurrent()
        if current.parent is None:  # not in a request greenlet (called from elsewhere)
            time.sleep(seconds)
            return
        self.loop.call_later(seconds, current.switch)
        current.parent.switch()


def _no_write(data):
    raise RuntimeError("jcmock's server does not support the WSGI write() callable")


class Connection(asyncio.Protocol):
    """One client connection: parse requests, answer them in order."""

    def __init__(self, server: HttpServer):
        self.server = server
        self.transport = None
        self.parser = httptools.HttpRequestParser(self)
        self.pending: list[dict] = []    # parsed requests waiting for the one being answered
        self.busy = False                # a request is being answered (delayed, or on a thread)
        self.write_paused = False
        self.closing = False
        self.last_activity = time.monotonic()
        self.at_message_start = True
        self.method_start = bytearray()  # the first bytes of a request, until its method is whole
        self.method_override = None      # the method the parser was given as GET (see _check_method)
        self._reset()

    def _reset(self):
        self.url = b""
        self.headers: list[tuple[bytes, bytes]] = []
        self.header_bytes = 0
        self.body = []
        self.body_bytes = 0

    # -- asyncio.Protocol -------------------------------------------------------------

    def connection_made(self, transport):
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.connections.add(self)
        peer = transport.get_extra_info("peername") or ("", 0)
        self.peer = (str(peer[0]), str(peer[1]))

    def connection_lost(self, exc):
        self.server.connections.discard(self)
        self.closing = True

    def pause_writing(self):
        # A client that does not read its answers: read no more requests from it until it does.
        self.write_paused = True
        self.transport.pause_reading()

    def resume_writing(self):
        self.write_paused = False
        if not self.closing and not self.busy:
            self.transport.resume_reading()

    def data_received(self, data):
        if self.closing:
            return
        self.last_activity = time.monotonic()
        if self.at_message_start:
            data = self._check_method(data)
            if data is None:
                return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            # The request itself was answered; jcmock speaks no other protocol: what follows is not HTTP.
            self.closing = True
            self.transport.close()
        except httptools.HttpParserCallbackError as exc:
            if isinstance(exc.__context__, Rejected):
                self._refuse(exc.__context__.status, str(exc.__context__))
            else:
                log.error("unhandled error reading a request", exc_info=exc.__context__)
                self._refuse(500, "internal error in jcmock")
        except httptools.HttpParserError as exc:
            if not self.url and data.count(b" ", 0, 64) >= 1:   # refused within the request line
                self.url = data.split(b" ", 2)[1]
            self._refuse(400, _parser_message(exc))

    # -- httptools callbacks ----------------------------------------------------------

    def on_message_begin(self):
        self.at_message_start = False
        self._reset()

    def on_url(self, url):
        self.url += url
        self._count(len(url))

    def on_header(self, name, value):
        self.headers.append((name, value))
        self._count(len(name) + len(value) + 4)

    def _count(self, size):
        self.header_bytes += size
        if self.header_bytes > MAX_HEADER_BYTES:
            raise Rejected(431, "request header fields are too large")

    def on_headers_complete(self):
        if self.url.translate(None, TARGET_BYTES):  # what is left is outside printable ASCII
            raise Rejected(400, "the request target holds bytes that are not printable ASCII")
        for name, value in self.headers:
            if name.lower() == b"expect" and value.lower() == b"100-continue":
                self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, chunk):
        self.body_bytes += len(chunk)
        limit = self.server.max_body_bytes
        if limit is None or self.body_bytes <= limit + 1:
            self.body.append(chunk)

    def on_message_complete(self):
        request = self._environ()
        self._reset()
        self.method_override = None
        self.at_message_start = True
        self.pending.append(request)
        if not self.busy:
            self._answer_pending()
        elif len(self.pending) >= MAX_PIPELINED:
            self.transport.pause_reading()  # read on once the queue is answered

    # -- answering --------------------------------------------------------------------

    def _environ(self):
        parser = self.parser
        raw_path, query = split_target(self.url)
        method = self.method_override or parser.get_method()
        environ = {
            "REQUEST_METHOD": method.decode("latin-1"),
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
            "QUERY_STRING": query.decode("latin-1"),
            "RAW_URI": self.url.decode("latin-1"),
            "SERVER_NAME": self.server.server_name,
            "SERVER_PORT": str(self.server.effective_port),
            "SERVER_PROTOCOL": f"HTTP/{parser.get_http_version()}",
            "REMOTE_ADDR": self.peer[0],
            "REMOTE_PORT": self.peer[1],
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": bool(self.server.threads),
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "jcmock.keep_alive": parser.should_keep_alive(),
        }
        for name, value in self.headers:
            key = name.decode("latin-1").upper().replace("-", "_")
            text = value.decode("latin-1")
            if key == "TRANSFER_ENCODING":
                continue  # the framing is undone: the app reads CONTENT_LENGTH bytes
            if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                key = "HTTP_" + key
            if key in environ:
                environ[key] += ("; " if key == "HTTP_COOKIE" else ", ") + text
            else:
                environ[key] = text
        # The body is whole (chunked framing undone): its length is what the app reads.
        environ["CONTENT_LENGTH"] = str(self.body_bytes)
        environ["wsgi.input"] = io.BytesIO(b"".join(self.body))
        return environ

    def _answer_pending(self):
        while self.pending and not self.busy and not self.closing:
            environ = self.pending.pop(0)
            if self.server.executor is not None:
                self.busy = True
                future = self.server.loop.run_in_executor(self.server.executor, self.server.call_app, environ)
                future.add_done_callback(lambda done, environ=environ: self._threaded_done(environ, done))
                return
            environ["jcmock.sleep"] = self.server.sleep
            worker = greenlet(self._answer_in_greenlet)
            worker.switch(environ)
            if not worker.dead:   # the app is sleeping: its greenlet resumes and finishes the answer
                self.busy = True
                return
        if not self.pending and not self.closing and not self.write_paused:
            self.transport.resume_reading()

    def _answer_in_greenlet(self, environ):
        answer = self.server.call_app(environ)
        if self.busy:  # resumed after a delay: answer, then go on with what queued meanwhile
            self.busy = False
            self._send(environ, answer)
            self._answer_pending()
        else:
            self._send(environ, answer)

    def _threaded_done(self, environ, done):
        self.busy = False
        self._send(environ, done.result())
        self._answer_pending()

    def _send(self, environ, answer):
        if self.closing:
            return
        if answer is None:   # the drop fault: close before the first byte
            self.closing = True
            self.transport.close()
            return
        self.last_activity = time.monotonic()
        self.server.batch_done_soon()
        status, headers, body = answer
        keep_alive = environ["jcmock.keep_alive"]
        head = self._head(status, headers, body, keep_alive)
        # One write: a head and body sent apart wait on the client's delayed ACK (40 ms).
        self.transport.write(head if environ["REQUEST_METHOD"] == "HEAD" else head + body)
        if not keep_alive:
            self.closing = True
            self.transport.close()

    def _head(self, status, headers, body, keep_alive):
        lines = [f"HTTP/1.1 {status}"]
        has_length = has_date = False
        for name, value in headers:
            lowered = name.lower()
            if lowered == "content-length":
                has_length = True
            elif lowered == "date":
                has_date = True
            elif lowered in ("connection", "transfer-encoding"):
                continue
            lines.append(f"{name}: {value}")
        if not has_length:
            lines.append(f"Content-Length: {len(body)}")
        if not has_date:
            lines.append(f"Date: {self.server.date.text()}")
        lines.append(f"Server: {self.server.ident}")
        if not keep_alive:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _refuse(self, status, message):
        """Answer a request the parser or a limit refused, then close: the stream cannot be trusted."""
        path = unquote_to_bytes(split_target(self.url)[0]).decode("latin-1") if self.url else None
        content_type, body = self.server.reject(path, status, message)
        reason = reason_phrase(status)
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                f"Date: {self.server.date.text()}\r\nServer: {self.server.ident}\r\nConnection: close\r\n\r\n")
        self.closing = True
        self.pending.clear()
        self.transport.write(head.encode("latin-1") + body)
        self.transport.close()

    def _check_method(self, data):
        """Parse a method the parser does not know as GET, keeping the real one for the app."""
        self.method_start += data
        space = self.method_start.find(b" ")
        if space < 0:
            if len(self.method_start) > 64:
                self._refuse(400, "the request line is malformed")
            return None   # wait for the rest of the method
        data, self.method_start = bytes(self.method_start), bytearray()
        method = data[:space]
        self.method_override = None
        if method and method not in PARSER_METHODS and all(byte in TOKEN_CHARS for byte in method):
            self.method_override = method
            data = b"GET" + data[space:]
        self.at_message_start = False
        return data


def split_target(target):
    """``(path, query)`` of a request target: origin form (``/a?b``) or absolute form (``http://h/a?b``)."""
    if not target.startswith(b"/"):
        scheme = target.find(b"://")
        if scheme > 0:
            slash = target.find(b"/", scheme + 3)
            target = target[slash:] if slash > 0 else b"/"
    target = target.partition(b"#")[0]
    path, _, query = target.partition(b"?")
    return path, query


def _parser_message(exc):
    text = str(exc) or type(exc).__name__
    return f"malformed HTTP request: {text}"
