"""Serving a jcmock app over HTTP with waitress: start-up banner, access log, clean shutdown."""
import atexit
import gc
import json
import logging
import logging.handlers
import queue
import signal
import sys
import time

from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

from .errors import ApiError, plain_body, reason_phrase

log = logging.getLogger("jcmock.access")
# waitress warns "Task queue depth is N" whenever every thread is busy: under a parallel client
# that is a line per burst of requests, in a log meant to hold one line per request.
logging.getLogger("waitress.queue").setLevel(logging.ERROR)


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


class JsonErrorTask(ErrorTask):
    """Errors waitress answers itself (bad framing, oversized headers) as JSON in the shape of the
    service whose path the request named, when it got that far (jcmock's own shape otherwise)."""

    services = None  # the app's ServiceMap, set by make_server

    def execute(self):
        error = self.request.error
        reason = reason_phrase(error.code, error.reason)
        path = getattr(self.request, "path", None)
        service = self.services.for_path(path) if self.services and path else None
        failure = ApiError(error.body, code=error.code)
        if service is None:
            body, content_type = plain_body(failure), "application/json"
        else:
            failure = service.adapt_error(failure) if service.adapt_error else failure
            body, content_type = service.error_body(failure), service.content_type
        body = json.dumps(body).encode()
        self.status = f"{error.code} {reason}"
        self.response_headers.append(("Content-Type", content_type))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class ServerError(Exception):
    """The server cannot start (port taken, address not available); the message says which."""


def make_server(app, host="127.0.0.1", port=8080, threads=8):
    """A waitress server for ``app``; port 0 picks a free port (see ``base_url``)."""
    try:
        server = create_server(AccessLog(StandardReasons(app)), host=host, port=port, threads=threads, ident="jcmock")
    except OSError as exc:
        raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    task = type("JsonErrorTask", (JsonErrorTask,), {"services": app.extensions["jcmock"].services})
    server.channel_class = type("JsonErrorChannel", (HTTPChannel,), {"error_task_class": task})
    return server


def base_url(server):
    host = server.effective_host
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{server.effective_port}"


def run(server, on_exit=()):
    """Serve until SIGINT or SIGTERM, then run ``on_exit`` callables (flush the store)."""

    def stop(signum, frame):
        raise KeyboardInterrupt

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
    """Log to stderr from one writer thread; the request threads only queue their records.

    Eight waitress threads writing the access log through one locked handler formed a lock
    convoy under the GIL: at 64 connections, 37% of the server's samples waited on that lock
    and the CPU per request doubled. Pending lines are written at exit (``atexit``).
    """
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)
    root = logging.getLogger()
    records = queue.SimpleQueue()
    listener = logging.handlers.QueueListener(records, *root.handlers)
    root.handlers = [logging.handlers.QueueHandler(records)]
    listener.start()
    atexit.register(listener.stop)
