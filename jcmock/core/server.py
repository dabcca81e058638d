"""Serving a jcmock app over HTTP: access log, standard reason phrases, errors in the shape of the service, shutdown."""
import gc
import json
import logging
import signal
import sys
import time

from .errors import ApiError, plain_body, reason_phrase
from .faults import ConnectionDropped
from .http_server import HttpServer, PerSecond

log = logging.getLogger("jcmock.access")


class AccessLog:
    """WSGI middleware: one line per request (method, path, status, ms), never headers or query.

    ``lines`` (an ``AccessLines``) writes them; without it they go to the ``jcmock.access`` logger
    (what a server started in a test process uses, so the test's log capture shows them).
    """

    def __init__(self, app, lines=None):
        self.app = app
        self.write = lines.add if lines is not None else _log_line

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = ["-"]

        def recording_start_response(status_line, headers, exc_info=None):
            status[0] = status_line.split(" ", 1)[0]
            return start_response(status_line, headers, exc_info)

        try:
            return self.app(environ, recording_start_response)
        finally:
            self.write(environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), status[0],
                       (time.perf_counter() - started) * 1000)


def _log_line(method, path, status, ms):
    log.info("%s %s %s %.1fms", method, path, status, ms)


class AccessLines:
    """The access log of ``jcmock serve``: lines in the logging format, written once per batch of answers.

    Through ``logging`` a line cost about 0.1 ms (the record, the caller lookup, the lock, a write
    and a flush each), a sixth of a request; here it is formatted with a timestamp made once a
    second, and the server writes what a turn of its loop answered in one call (``flush``).
    """

    def __init__(self, stream=None):
        self.stream = stream
        self.pending: list[str] = []
        self.stamp = PerSecond(lambda second: time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second)))

    def add(self, method, path, status, ms):
        now = time.time()
        stamp = f"{self.stamp.text(int(now))},{int(now % 1 * 1000):03d}"
        self.pending.append(f"{stamp} jcmock.access {method} {path} {status} {ms:.1f}ms\n")

    def flush(self):
        lines, self.pending = self.pending, []  # one swap: threads may add meanwhile
        if lines:
            stream = self.stream or sys.stderr
            stream.write("".join(lines))
            stream.flush()


class StandardReasons:
    """WSGI middleware: werkzeug upper-cases reason phrases (``401 UNAUTHORIZED``); send the standard ones."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def standard_start_response(status_line, headers, exc_info=None):
            code, _, reason = status_line.partition(" ")
            if code.isdigit():
                status_line = f"{code} {reason_phrase(int(code), reason)}"
            return start_response(status_line, headers, exc_info)

        return self.app(environ, standard_start_response)


def error_answers(services):
    """What the server answers itself (bad framing, oversized headers, an app failure): JSON in the
    shape of the service whose path the request named, when it got that far (jcmock's own otherwise)."""

    def reject(path, status, message):
        service = services.for_path(path) if services and path else None
        failure = ApiError(message, code=status)
        if service is None:
            return "application/json", json.dumps(plain_body(failure)).encode()
        failure = service.adapt_error(failure) if service.adapt_error else failure
        return service.content_type, json.dumps(service.error_body(failure)).encode()

    return reject


class ServerError(Exception):
    """The server cannot start (port taken, address not available); the message says which."""


def make_server(app, host="127.0.0.1", port=8080, threads=0, access_lines=None):
    """A server for ``app``; port 0 picks a free port (see ``base_url``).

    ``threads`` 0 answers on the event loop (``serve``, ``replay``: answers from memory);
    more runs the app on that many threads (``record``, whose answers wait on the upstream).
    ``access_lines`` (an ``AccessLines``) writes the access log; else the ``jcmock.access`` logger.
    """
    try:
        return HttpServer(AccessLog(StandardReasons(app), access_lines), host, port, threads=threads,
                          reject=error_answers(app.extensions["jcmock"].services), dropped=ConnectionDropped,
                          max_body_bytes=app.config.get("MAX_CONTENT_LENGTH"),
                          after_batch=access_lines.flush if access_lines is not None else None)
    except OSError as exc:
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")


def base_url(server):
    host = server.effective_host
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{server.effective_port}"


def run(server, on_exit=()):
    """Serve until SIGINT or SIGTERM, then run ``on_exit`` callables (flush the store)."""

    def stop(signum, frame):
        server.stop()

    # SIGINT too: a server started in the background by a script has SIGINT ignored.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # What was loaded before serving (the store, the cassettes) lives as long as the server:
    # keep the collector from re-scanning it on every full collection, which at 100k objects
    # or 10k interactions would stall requests for tens of milliseconds at a time.
    gc.freeze()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        for callback in on_exit:
            callback()
        print("jcmock: stopped", file=sys.stderr, flush=True)


def configure_logging(level=logging.INFO):
    """Log to stderr. The server answers on one thread, so the access log is written from it
    directly: a writer thread of its own would only contend with it for the GIL."""
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
