"""The application factory: one Flask app per store, so two apps never share state."""
import logging

from flask import Flask, request
from werkzeug.exceptions import HTTPException

from . import admin, api, faults, journal
from .api.context import render
from .auth import check_request
from .backend import Backend
from .errors import ApiError
from .fixtures import Fixtures
from .openapi import build_spec
from .store import Store

log = logging.getLogger("jcmock")

MAX_BODY = 1024 * 1024

DEFAULTS = {
    "JCMOCK_DB": None,           # None keeps the store in memory
    "JCMOCK_FIXTURES": None,     # None uses the bundled fixtures/
    "JCMOCK_API_KEYS": (),       # empty accepts any non-empty key
    "JCMOCK_RESET": False,       # reseed even when the db already holds state
    "JCMOCK_SEED": None,         # seeds the random source of generated ids
    "JCMOCK_MODE": "mock",
    "JCMOCK_ADMIN_TOKEN": None,  # when set, /__jcmock__/ (but health) needs it
    "MAX_CONTENT_LENGTH": MAX_BODY,
}


def create_app(config=None, *, store=None, fixtures=None, interceptor=None):
    """Build a mock JumpCloud app from a config mapping (keys as in ``DEFAULTS``).

    ``interceptor`` (a Recorder or Replayer) sees each request first; when it answers,
    the mock does not. Record, replay and mock are so one app with one set of routes,
    errors, admin API and logging.
    """
    app = Flask("jcmock", static_folder=None)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    store = store if store is not None else Store(app.config["JCMOCK_DB"])
    fixtures = fixtures if fixtures is not None else Fixtures.from_dir(app.config["JCMOCK_FIXTURES"])
    backend = Backend(store, fixtures, seed=app.config["JCMOCK_SEED"])
    if app.config["JCMOCK_RESET"] or store.is_empty():
        backend.reset()
    app.extensions["jcmock"] = backend
    app.extensions["jcmock_journal"] = journal.Journal()
    app.extensions["jcmock_faults"] = faults.Faults(seed=app.config["JCMOCK_SEED"])

    # Order matters: time the request, inject faults, let record/replay answer, then the mock.
    journal.install(app, app.extensions["jcmock_journal"])
    faults.install(app, app.extensions["jcmock_faults"])
    if interceptor is not None:
        app.extensions["jcmock_interceptor"] = interceptor
        app.before_request(lambda: interceptor.handle(request))
    app.before_request(check_request)
    for blueprint in (*api.BLUEPRINTS, admin.bp):
        app.register_blueprint(blueprint)
    register_error_handlers(app)

    @app.after_request
    def bodiless_options(response):
        """Flask's automatic OPTIONS answer is an empty text/html 200: make it a plain 204 with Allow."""
        if request.method == "OPTIONS" and response.status_code == 200 and not response.content_length:
            response.status_code = 204
            del response.headers["Content-Type"]
        return response

    @app.get("/api/v2/openapi.json")
    def openapi_document():
        return render(app.extensions.setdefault("jcmock_openapi", build_spec(app)))

    @app.get("/")
    def index():
        return render({"service": "jcmock", "api": "/api/v2", "admin": "/__jcmock__/health"})

    return app


def register_error_handlers(app):
    """Every error leaves as JumpCloud-shaped JSON, never an HTML page."""

    @app.errorhandler(ApiError)
    def api_error(exc):
        return render(exc.to_dict(), exc.code, exc.headers)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        headers = {}
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(exc.valid_methods)
            message = f"method {request.method} is not allowed on {request.path}; allowed: {headers['Allow']}"
        elif exc.code == 404:
            message = f"no such route: {request.method} {request.path}"
        elif exc.code == 413:
            message = f"request body is larger than {app.config['MAX_CONTENT_LENGTH']} bytes"
        else:
            message = exc.description or exc.name
        return render({"code": exc.code, "message": message, "status": exc.name}, exc.code, headers)

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return render({"code": 500, "message": "internal error in jcmock", "status": "Internal Server Error"}, 500)
