"""The HTTP side of the Okta service: request helpers shared by every view, and the blueprints.

``backend()`` and ``tenant()`` are the only ways views reach state; the core resolves the tenant.
"""
import json

from flask import Blueprint, Response, request
from marshmallow import ValidationError

from jcmock.core import bodies, http
from jcmock.core.errors import BadRequest, InvalidBody, UnsupportedMediaType
from jcmock.core.openapi import documented

from .. import links
from ..backend import public
from ..errors import OktaError, invalid_fields
from ..schemas.common import OneOf


class OktaBlueprint(Blueprint):
    """A Blueprint under ``/api/v1`` whose every view is in the service's OpenAPI document: a view
    without its own ``documented`` facts is listed with its docstring and a 200 answer."""

    def __init__(self, name, import_name):
        super().__init__(name, import_name, url_prefix="/api/v1")

    def add_url_rule(self, rule, endpoint=None, view_func=None, **options):
        if view_func is not None and not hasattr(view_func, "openapi"):
            documented()(view_func)
        super().add_url_rule(rule, endpoint, view_func, **options)


def backend():
    """The OktaBackend of the app serving this request."""
    return http.backend()


def tenant():
    """The org domain this request acts in, as the core resolved it."""
    return http.tenant()


def base_url():
    """``scheme://host[:port]`` of the request: every ``_links`` href and ``Link`` header starts with it."""
    return request.host_url.rstrip("/")


def json_body(required=True):
    """The request's JSON body, or None when optional and absent; Okta's codes for each flaw."""
    raw = request.get_data(cache=True)
    if not raw and not required:
        return None
    try:
        return bodies.parse_json(raw, request.headers.get("Content-Type"))
    except UnsupportedMediaType:
        raise OktaError("E0000021") from None
    except BadRequest as error:
        raise OktaError("E0000003", causes=[error.message]) from None


def body(schema, *, required=True):
    """``(validated fields, the schema used)``: a ``OneOf`` picks its variant from the body first."""
    data = json_body(required)
    if data is None and not request.get_data(cache=True):
        data = {}
    if not isinstance(data, dict):
        raise OktaError("E0000003", causes=[f"The request body must be a JSON object, not {bodies.json_type(data)}."])
    try:
        picked = schema.pick(data) if isinstance(schema, OneOf) else schema
        return bodies.load(picked, data), picked
    except ValidationError as error:
        raise invalid_fields(error.messages) from None
    except InvalidBody as error:
        raise invalid_fields(error.fields) from None


def flag(name, default):
    """A boolean query parameter (``activate``, ``sendEmail``); anything but true/false is E0000002."""
    value = request.args.get(name)
    if value is None:
        return default
    if value.lower() not in ("true", "false"):
        raise OktaError("E0000002", f"{name} must be true or false")
    return value.lower() == "true"


def render(data, status=200, headers=None):
    """A JSON answer in stored key order; ``headers`` may repeat a name (one ``Link`` per relation)."""
    response = Response(json.dumps(data), status=status, mimetype="application/json")
    for name, value in headers or ():
        response.headers.add(name, value)
    return response


def no_content(status=204):
    """An empty answer with no Content-Type (Okta's 204s, and the role-target PUTs' bodiless 200s)."""
    response = Response(status=status)
    del response.headers["Content-Type"]
    return response


def shown(doc, links=None, write_only=()):
    """The answered form of a stored document, with its ``_links`` built for this request's host."""
    answer = public(doc, write_only)
    if links is not None:
        answer["_links"] = links(doc, base_url())
    return answer


def user_json(doc):
    return shown(doc, links.user)


def group_json(doc):
    return shown(doc, links.group)
