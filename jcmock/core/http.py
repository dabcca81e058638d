"""What every view needs from the request it serves: the mock's state, its service, tenant and body."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from flask import Response, current_app, g, request

from . import bodies

unread = object()  # ``RequestState.json`` before a view has decoded the body


@dataclass
class RequestState:
    """Per request, on ``flask.g.jcmock``: set by the core before any view runs."""

    service: object = None      # the Service owning the path, or None (admin API, index)
    prefix: str | None = None   # the service prefix as matched in the path
    tenant: str | None = None   # set once the request is authenticated
    started: float = field(default_factory=time.perf_counter)
    json: object = unread


def request_state() -> RequestState:
    # Read ten times a request: one look through the ``g`` proxy, not two.
    app_globals = g._get_current_object()
    state = getattr(app_globals, "jcmock", None)
    if state is None:
        state = app_globals.jcmock = RequestState()
    return state


def mock():
    """The app's ``Mock`` (store, services, backends, journal, faults), never a module global."""
    return current_app.extensions["jcmock"]


def backend():
    """The backend of the service serving this request."""
    return mock().backends[request_state().service.name]


def tenant() -> str:
    """The tenant (JumpCloud organization, Okta org, SCIM tenant) this request acts in."""
    return request_state().tenant


def json_body():
    """The request's body as decoded JSON (parsed once per request); any flaw is a 4xx saying what."""
    state = request_state()
    if state.json is unread:
        current = request._get_current_object()
        state.json = bodies.parse_json(current.get_data(cache=True), current.headers.get("Content-Type"))
    return state.json


def body(schema, *, many=False):
    """The request's JSON body, validated by ``schema``; any flaw is a 4xx naming it."""
    return bodies.load(schema, json_body(), many=many)


def render(data, status=200, headers=None, content_type=None):
    """A JSON response that keeps the stored key order, in the service's content type."""
    if content_type is None:
        current = request_state().service
        content_type = current.content_type if current is not None else "application/json"
    return Response(json.dumps(data), status=status, headers=headers, content_type=content_type)


def no_content():
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response
