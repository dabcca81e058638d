"""``/scim/<Endpoint>``, ``/scim/v2/<Endpoint>`` and ``/<tenant>/scim/<Endpoint>``: every SCIM route.

One set of views for every resource type, under every base StackSpot uses: ``/scim/<Endpoint>``
(StackSpot's documented paths), ``/scim/v2/<Endpoint>`` (RFC 7644's conventional base, which the
Go library also strips) and ``/<tenant>/scim/...``. The views only
parse the request, call the backend and render; everything else is in ``backend``.
"""
from __future__ import annotations

import json
import re

from flask import Blueprint, Response, request

from jcmock.core import http
from jcmock.core.bodies import parse_json
from jcmock.core.errors import BadRequest
from jcmock.core.openapi import documented

from . import discovery
from .errors import BadParameter, InvalidFilter, InvalidSyntax, InvalidValue, NotImplementedYet
from .filters import parse_path
from .openapi import LIST_QUERY, RESOURCE_QUERY, ListResponse, PatchOp, Resource, SearchRequest
from .resource_types import BY_ENDPOINT, ResourceType
from .schema import attribute_paths, project

CONTENT_TYPE = "application/scim+json"
BASES = ("/scim", "/scim/v2", "/<tenant>/scim", "/<tenant>/scim/v2")
_ENDPOINT = "<any({}):endpoint>".format(", ".join(f'"{name}"' for name in BY_ENDPOINT))
_BASE = re.compile(r"^(?:/[^/]+)?/scim(?:/v2)?(?=/|$)")

blueprint = Blueprint("scim", __name__)


@blueprint.url_value_preprocessor
def _drop_tenant(endpoint, values):
    """The tenant in the path is read by the service's ``tenant()`` before any view runs."""
    if values:
        values.pop("tenant", None)


def _backend():
    return http.backend()


def _tenant() -> str:
    return http.tenant()


def _base() -> str:
    """The absolute URL of the SCIM base this request came through, for ``meta.location``."""
    return request.host_url.rstrip("/") + request.script_root + _BASE.match(request.path).group(0)


def _render(body, status=200, headers=None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status, headers, mimetype=CONTENT_TYPE)


def _resource_response(rtype: ResourceType, resource: dict, status=200) -> Response:
    headers = {"ETag": resource["meta"]["version"]}
    if status == 201:
        headers["Location"] = resource["meta"]["location"]
    return _render(_projected(rtype, resource), status, headers)


def _body():
    """The JSON body, whatever its Content-Type: the Go library never looks at it (reference §2.3)."""
    try:
        return parse_json(request.get_data(cache=True), "application/json")
    except BadRequest as exc:
        raise InvalidSyntax(exc.message)


def _query() -> dict:
    """The query parameters, or for ``POST .../.search`` the body holding them (RFC 7644 §3.4.3)."""
    if request.path.endswith("/.search"):
        body = _body()
        if not isinstance(body, dict):
            raise InvalidSyntax("a SearchRequest must be a JSON object")
        return body
    return request.args


def _int_param(query, name: str, default):
    raw = query.get(name)
    if raw is None:
        return default
    try:
        return int(raw) if not isinstance(raw, bool) else int("bool")
    except (TypeError, ValueError):
        raise BadParameter(f"Bad Request. Invalid parameter provided in request: {name}.")


def _paths_param(rtype: ResourceType, query, name: str) -> frozenset:
    """``attributes`` or ``excludedAttributes``: attribute paths, comma-separated in a query
    string (RFC 7644 §3.9), an array of strings in a SearchRequest."""
    raw = query.get(name) or ""
    items = raw.split(",") if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise InvalidValue(f"{name} must be a list of attribute paths")
    paths = []
    for item in filter(None, (part.strip() for part in items)):
        node = item if rtype.extension(item) else parse_path(item, InvalidValue)
        from scim2_models.path.expressions import AttrPath  # here: slow to import, loaded by parse_path
        if not isinstance(node, (str, AttrPath)):
            raise InvalidValue(f"{name}: {item!r} is not an attribute path")
        paths.append(node)
    return attribute_paths(rtype, paths)


def _projected(rtype: ResourceType, resource: dict, query=None) -> dict:
    query = request.args if query is None else query
    return project(resource, _paths_param(rtype, query, "attributes"), _paths_param(rtype, query, "excludedAttributes"))


# -- resources ---------------------------------------------------------------------------------

@documented(response=ListResponse, query=LIST_QUERY)
def list_resources(endpoint):
    """List, filter and page resources"""
    rtype, query = BY_ENDPOINT[endpoint], _query()
    text = query.get("filter")
    if text is not None and not isinstance(text, str):
        raise InvalidFilter("filter must be a string")
    page = _backend().list(_tenant(), rtype, _base(), filter=text, start_index=_int_param(query, "startIndex", 1),
                           count=_int_param(query, "count", None))
    page["Resources"] = [_projected(rtype, resource, query) for resource in page["Resources"]]
    return _render(page)


@documented(request=SearchRequest, response=ListResponse)
def search_resources(endpoint):
    """Search resources with a SearchRequest body (RFC 7644 §3.4.3)"""
    return list_resources(endpoint)


@documented(request=Resource, response=Resource, status=201, query=RESOURCE_QUERY)
def create_resource(endpoint):
    """Create a resource"""
    rtype = BY_ENDPOINT[endpoint]
    return _resource_response(rtype, _backend().create(_tenant(), rtype, _body(), _base()), 201)


@documented(response=Resource, query=RESOURCE_QUERY)
def get_resource(endpoint, obj_id):
    """Read a resource"""
    rtype = BY_ENDPOINT[endpoint]
    return _resource_response(rtype, _backend().get(_tenant(), rtype, obj_id, _base()))


@documented(request=Resource, response=Resource, query=RESOURCE_QUERY)
def replace_resource(endpoint, obj_id):
    """Replace a resource's attributes (never creates)"""
    rtype = BY_ENDPOINT[endpoint]
    return _resource_response(rtype, _backend().replace(_tenant(), rtype, obj_id, _body(), _base()))


@documented(request=PatchOp, response=Resource, query=RESOURCE_QUERY)
def patch_resource(endpoint, obj_id):
    """Apply a PatchOp atomically"""
    rtype = BY_ENDPOINT[endpoint]
    return _resource_response(rtype, _backend().patch(_tenant(), rtype, obj_id, _body(), _base()))


@documented(status=204)
def delete_resource(endpoint, obj_id):
    """Delete a resource (it leaves the groups and lists that held it)"""
    _backend().delete(_tenant(), BY_ENDPOINT[endpoint], obj_id)
    return Response(status=204, mimetype=CONTENT_TYPE)


# -- discovery ---------------------------------------------------------------------------------

@documented(response=Resource)
def service_provider_config():
    """What this provider supports"""
    return _render(discovery.service_provider_config(_base()))


@documented(response=ListResponse)
def resource_types():
    """The resource types served"""
    return _render(discovery.resource_types(_base()))


@documented(response=Resource)
def resource_type(name):
    """One resource type, by name"""
    return _render(discovery.find_resource_type(name, _base()))


@documented(response=ListResponse)
def schemas():
    """The schemas of every resource type, as served"""
    return _render(discovery.schemas(_base()))


@documented(response=Resource)
def schema(urn):
    """One schema, by URN"""
    return _render(discovery.find_schema(urn, _base()))


@documented(status=501)
def not_implemented():
    """``/Me`` (RFC 7644 §3.11) and searches across resource types (§3.4.3): 501, as the Go library answers."""
    raise NotImplementedYet(f"{request.path.rpartition('/')[2]} is not supported by this service provider.")


_ROUTES = (
    (f"/{_ENDPOINT}", list_resources, ("GET",)),
    (f"/{_ENDPOINT}", create_resource, ("POST",)),
    (f"/{_ENDPOINT}/.search", search_resources, ("POST",)),
    (f"/{_ENDPOINT}/<obj_id>", get_resource, ("GET",)),
    (f"/{_ENDPOINT}/<obj_id>", replace_resource, ("PUT",)),
    (f"/{_ENDPOINT}/<obj_id>", patch_resource, ("PATCH",)),
    (f"/{_ENDPOINT}/<obj_id>", delete_resource, ("DELETE",)),
    ("/ServiceProviderConfig", service_provider_config, ("GET",)),
    ("/ResourceTypes", resource_types, ("GET",)),
    ("/ResourceTypes/<name>", resource_type, ("GET",)),
    ("/Schemas", schemas, ("GET",)),
    ("/Schemas/<path:urn>", schema, ("GET",)),
    ("/Me", not_implemented, ("GET", "POST", "PUT", "PATCH", "DELETE")),
    ("/.search", not_implemented, ("POST",)),
)

for _base_index, _base_path in enumerate(BASES):
    for _index, (_path, _view, _methods) in enumerate(_ROUTES):
        # OPTIONS is left out so that it, too, gets SCIM's 405 rather than Flask's bare answer.
        blueprint.add_url_rule(_base_path + _path, endpoint=f"{_view.__name__}_{_base_index}_{_index}",
                               view_func=_view, methods=_methods, provide_automatic_options=False)
