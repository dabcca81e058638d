"""The application factory: one Flask app per store, serving one or more services on one port.

A request's path picks its service (the longest prefix); from there on every neutral step asks
that service: faults, record or replay, authentication and tenant, the view, errors, journal.
"""
import logging
from dataclasses import dataclass, field

from flask import Flask, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Rule

from . import admin, faults, journal
from .auth import authenticate
from .errors import ApiError, plain_body
from .fixtures import fixtures_dir
from .http import mock, render, request_state
from .ids import IdFactory
from .namespace import Namespace
from .openapi import build_spec
from .routing import ServiceMap
from .store import Store

log = logging.getLogger("jcmock")

MAX_BODY = 1024 * 1024

DEFAULTS = {
    "JCMOCK_DB": None,           # None keeps the store in memory
    "JCMOCK_FIXTURES": None,     # None uses the bundled fixtures; DIR reads DIR/<service>/
    "JCMOCK_API_KEYS": (),       # empty accepts any non-empty credential
    "JCMOCK_RESET": False,       # reseed even when the db already holds state
    "JCMOCK_SEED": None,         # seeds the random source of generated ids
    "JCMOCK_MODE": "mock",
    "JCMOCK_ADMIN_TOKEN": None,  # when set, /__jcmock__/ (but health) needs it
    "MAX_CONTENT_LENGTH": MAX_BODY,
}


@dataclass
class Mock:
    """Everything one app holds (``app.extensions["jcmock"]``): read through ``core.http.mock()``."""

    app: Flask
    services: ServiceMap
    store: Store
    backends: dict
    journal: journal.Journal
    faults: faults.Faults
    interceptor: object = None
    _openapi: dict = field(default_factory=dict)

    def reset(self, names=None):
        """Back to the fixtures (the named services', else all); recorded answers play from the start."""
        for name in names or self.backends:
            self.backends[name].reset()
        if self.interceptor is not None:
            self.interceptor.reset()

    def adopt_unnamespaced(self):
        """A db written before services had namespaces holds bare org ids: they are the primary service's."""
        primary = self.services.primary.name
        self.store.rename_orgs(lambda org: org if ":" in org else f"{primary}:{org}")

    def openapi(self, name):
        """The OpenAPI document of one service (built once)."""
        if name not in self._openapi:
            service = self.services[name]
            blueprints = {bp.name for bp in service.blueprints}
            rules = [r for r in self.app.url_map.iter_rules() if r.endpoint.rpartition(".")[0] in blueprints]
            self._openapi[name] = build_spec(self.app, service, rules)
        return self._openapi[name]


class LazyBuilderRule(Rule):
    """A URL rule that compiles its URL builder (for ``url_for``) on first use, not at start.

    Werkzeug compiles two builders per rule with ``compile()``; for jcmock's 300 rules that was
    about 0.4 s of every start, and the mock never builds URLs on its request path.
    """

    def _compile_builder(self, append_unknown=True):
        def build(rule, **values):
            compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, "_build_unknown" if append_unknown else "_build", compiled)
            return compiled(**values)

        return build


def create_app(config=None, *, services, store=None, fixtures=None, interceptor=None):
    """Build a mock app of ``services`` from a config mapping (keys as in ``DEFAULTS``).

    ``fixtures`` maps a service name to its loaded fixtures (else each loads its own).
    ``interceptor`` (a Recorder or Replayer) sees each service request first; when it answers,
    the mock does not. Record, replay and mock are so one app with one set of routes, errors,
    admin API and logging.
    """
    app = Flask("jcmock", static_folder=None)
    app.url_rule_class = LazyBuilderRule
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    services = ServiceMap(services)
    store = store if store is not None else Store(app.config["JCMOCK_DB"])
    ids = IdFactory(app.config["JCMOCK_SEED"])
    fixtures = dict(fixtures or {})
    backends = {}
    for service in services:
        loaded = fixtures.get(service.name)
        if loaded is None:
            loaded = service.load_fixtures(fixtures_dir(app.config["JCMOCK_FIXTURES"], service.name,
                                                        primary=service is services.primary))
        backends[service.name] = service.make_backend(Namespace(store, service.name), loaded, ids)
    state = Mock(app, services, store, backends, journal.Journal(),
                 faults.Faults(services, seed=app.config["JCMOCK_SEED"]), interceptor)
    app.extensions["jcmock"] = state
    state.adopt_unnamespaced()
    for name, backend in backends.items():
        if app.config["JCMOCK_RESET"] or not backend.store.tenants():
            backend.reset()

    # Order matters: find the service, time the request, inject faults, let record/replay
    # answer, authenticate and resolve the tenant, then the view.
    app.before_request(_route_to_service)
    journal.install(app, state.journal)
    faults.install(app, state.faults)
    if interceptor is not None:
        app.before_request(lambda: interceptor.handle(request) if request_state().service else None)
    app.before_request(authenticate)
    for service in services:
        for blueprint in service.blueprints:
            app.register_blueprint(blueprint)
    app.register_blueprint(admin.bp)
    services.check_rules(app)
    for service in services:
        if service.openapi.path:
            app.add_url_rule(service.openapi.path, f"openapi_{service.name}",
                             lambda name=service.name: render(state.openapi(name)), methods=["GET"])
    register_error_handlers(app)
    app.after_request(_finish)

    @app.get("/")
    def index():
        return render({"service": "jcmock", "services": {s.name: list(s.prefixes) for s in services},
                       "admin": "/__jcmock__/health"})

    return app


def _route_to_service():
    state = request_state()
    state.service, state.prefix = mock().services.match(request.path)


def _finish(response):
    """Flask's automatic OPTIONS answer is an empty text/html 200: make it a plain 204 with Allow.
    Then the service decorates its answers (Okta's rate-limit headers, say)."""
    if request.method == "OPTIONS" and response.status_code == 200 and not response.content_length:
        response.status_code = 204
        del response.headers["Content-Type"]
    service = request_state().service
    if service is not None and service.decorate is not None:
        response = service.decorate(response) or response
    return response


def error_response(error: ApiError):
    """An ApiError as the request's service answers errors (jcmock's own shape outside every service)."""
    service = request_state().service
    if service is None:
        return render(plain_body(error), error.code, error.headers, content_type="application/json")
    if service.adapt_error is not None:
        error = service.adapt_error(error)
    return render(service.error_body(error), error.code, error.headers, content_type=service.content_type)


def register_error_handlers(app):
    """Every error leaves as JSON in the service's shape, never an HTML page."""

    @app.errorhandler(ApiError)
    def api_error(exc):
        return error_response(exc)

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
        return error_response(ApiError(message, headers=headers, code=exc.code))

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(ApiError("internal error in jcmock", code=500))
