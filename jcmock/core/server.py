"""Serving a jcmock app over HTTP: access log, standard reason phrases, errors in the shape of the service, shutdown."""
import gc
import json
import logging
import signal
import sys
import time

from .errors import ApiError, plain_body, reason_phrase
from .faults import ConnectionDropped
from .http_server import HttpServer

log = logging.getLogger("jcmock.access")


class AccessLog:
    """WSGI middleware: one line per request (method, path, status, ms), never headers or query."""

    def __init__(self, app, logger=log):
        self.app = app
        self.logger = logger

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status = ["-"]

        def recording_start_response(status_line, headers, exc_info=None):
            status[0] = status_line.split(" ", 1)[0]
            return start_response(status_line, headers, exc_info)

        try:
            return self.app(environ, recording_start_response)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            self.logger.info("%s %s %s %.1fms", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"),
                             status[0], elapsed)


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


def make_server(app, host="127.0.0.1", port=8080, threads=0):
    """A server for ``app``; port 0 picks a free port (see ``base_url``).

    ``threads`` 0 answers on the event loop (``serve``, ``replay``: answers from memory);
    more runs the app on that many threads (``record``, whose answers wait on the upstream).
    """
    try:
        return HttpServer(AccessLog(StandardReasons(app)), host, port, threads=threads,
                          reject=error_answers(app.extensions["jcmock"].services), dropped=ConnectionDropped,
                          max_body_bytes=app.config.get("MAX_CONTENT_LENGTH"))
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
