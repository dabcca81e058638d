"""The OpenAPI 3 document of what jcmock serves, generated from its routes and marshmallow schemas.

Views carry their request and response schemas (``documented``); ``build_spec`` walks the
app's URL map, so a route cannot be served without being described, nor described
without being served.
"""
import re
from importlib.metadata import PackageNotFoundError, version

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from werkzeug.routing import AnyConverter

from . import schemas
from .query import FILTER_OPS, MAX_LIMIT, V1_FILTER_OPS

LIST_PARAMS = {
    "limit": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 10},
    "skip": {"type": "integer", "minimum": 0, "default": 0},
    "filter": {"type": "string", "pattern": rf"^[^:]+:({'|'.join(FILTER_OPS)}):.*$"},
    "sort": {"type": "string"},
    "fields": {"type": "string"},
}
# jcapiv1's spellings: $-operators (also as filter[i] AND and filter[or][i] OR), space-separated lists.
V1_LIST_PARAMS = {
    **LIST_PARAMS,
    "filter": {"type": "string", "pattern": rf"^[^:]+:({'|'.join(re.escape(op) for op in V1_FILTER_OPS)}):.*$",
               "description": "<field>:<$op>:<value>; also filter[0]=...&filter[1]=... (AND) and "
                              "filter[or][0]=...&filter[or][1]=... (OR)"},
    "sort": {"type": "string", "description": "space-separated fields, -field for descending"},
    "fields": {"type": "string", "description": "space-separated fields to return"},
    "search": {"type": "string", "description": 'JSON {"searchTerm": string or [strings], "fields": [...]}; '
                                                "also search[searchTerm]=...&search[fields][]=..."},
}
ERRORS = {
    "400": ("Bad Request: the body or a parameter is invalid", schemas.ErrorDetails),
    "401": ("Unauthorized: missing or unknown x-api-key", schemas.Error),
    "403": ("Forbidden: x-org-id sent to a route that does not take it", schemas.Error),
    "404": ("Not Found (an unknown object, or an unknown x-org-id: Organization ID Not Found)", schemas.Error),
    "405": ("Method Not Allowed", schemas.Error),
    "413": ("Payload Too Large", schemas.Error),
    "415": ("Unsupported Media Type", schemas.Error),
}


def documented(*, request=None, request_many=False, response=None, response_many=False, status=200,
               query=(), params=LIST_PARAMS, summary=None, vary=None):
    """Attach OpenAPI facts to a view.

    ``query`` names the view's query parameters in ``params`` (v2's or v1's spellings);
    ``vary={value: {...same keys}}`` documents an ``any()`` URL variable.
    """

    def mark(view):
        view.openapi = dict(request=request, request_many=request_many, response=response,
                            response_many=response_many, status=status, query=tuple(query), params=params,
                            summary=summary or (view.__doc__ or "").strip().split("\n")[0], vary=vary)
        return view

    return mark


def build_spec(app):
    """The OpenAPI document (a dict) of every documented /api route of ``app``."""
    try:
        release = version("jcmock")
    except PackageNotFoundError:
        release = "0"
    spec = APISpec(
        title="jcmock: JumpCloud API mock", version=release, openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "The JumpCloud v2 endpoints jcmock serves, with the bodies it accepts and answers."},
        servers=[{"url": "/"}],
        security=[{"apiKey": []}],
    )
    spec.components.security_scheme("apiKey", {"type": "apiKey", "in": "header", "name": "x-api-key"})
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions[rule.endpoint]
        meta = getattr(view, "openapi", None)
        if meta is None or not rule.rule.startswith("/api/"):
            continue
        provider_wide = getattr(view, "provider_wide", False)
        for path, facts in _expand(rule, meta):
            operations = {}
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                operations[method.lower()] = _operation(rule, path, facts, method, provider_wide)
            spec.path(path=path, operations=operations)
    return spec.to_dict()


def _expand(rule, meta):
    """One OpenAPI path per value of an ``any()`` converter, with that value's schemas."""
    path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
    choices = [(name, conv.items) for name, conv in rule._converters.items() if isinstance(conv, AnyConverter)]
    if not choices:
        return [(path, meta)]
    name, values = choices[0]
    vary = meta["vary"] or {}
    return [(path.replace(f"{{{name}}}", value), {**meta, **vary.get(value, {})}) for value in sorted(values)]


def _schema(schema, many):
    if schema is None:
        return None
    return {"type": "array", "items": schema} if many else schema


def _operation(rule, path, facts, method, provider_wide):
    """``provider_wide`` operations (see ``auth.provider_wide``) take no x-org-id: they answer 403 to one."""
    operation = {
        "operationId": f"{method.lower()}_{re.sub(r'[^a-zA-Z0-9]+', '_', path).strip('_')}",
        "summary": facts["summary"],
        "tags": [path.split("/")[3] if path.startswith("/api/v2/") else "v1"],
        "parameters": [
            {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"\{([^}]+)\}", path)
        ] + [
            {"in": "query", "name": name, "required": False, "schema": facts["params"][name]}
            for name in facts["query"]
        ] + ([] if provider_wide else [
            {"in": "header", "name": "x-org-id", "required": False,
             "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{24}$"}},
        ]),
        "responses": {},
    }
    if method in ("POST", "PATCH", "PUT") and facts["request"] is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema(facts["request"], facts["request_many"])}},
        }
    success = {"description": "OK" if facts["status"] != 201 else "Created"}
    if facts["status"] == 204:
        success["description"] = "No Content"
    elif facts["response"] is not None:
        success["content"] = {"application/json": {"schema": _schema(facts["response"], facts["response_many"])}}
    operation["responses"][str(facts["status"])] = success
    for code, (description, schema) in ERRORS.items():
        if (code in ("413", "415") and "requestBody" not in operation) or (code == "403" and not provider_wide):
            continue
        operation["responses"][code] = {"description": description,
                                        "content": {"application/json": {"schema": schema}}}
    return operation
