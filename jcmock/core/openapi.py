"""The OpenAPI 3 document of what jcmock serves, generated from its routes and marshmallow schemas.

Views carry their request and response schemas (``documented``); ``build_spec`` walks the
app's URL map, so a route cannot be served without being described, nor described
without being served.
"""
import re
from importlib.metadata import PackageNotFoundError, version

from werkzeug.routing import AnyConverter


def documented(*, request=None, request_many=False, response=None, response_many=False, status=200,
               query=(), params=None, summary=None, vary=None):
    """Attach OpenAPI facts to a view.

    ``query`` names the view's query parameters, whose schemas ``params`` holds (by default the
    service's ``OpenApiInfo.parameters``);
    ``vary={value: {...same keys}}`` documents an ``any()`` URL variable.
    """

    def mark(view):
        view.openapi = dict(request=request, request_many=request_many, response=response,
                            response_many=response_many, status=status, query=tuple(query), params=params,
                            summary=summary or (view.__doc__ or "").strip().split("\n")[0], vary=vary)
        return view

    return mark


def build_spec(app, service, rules):
    """The OpenAPI document (a dict) of ``service``: its documented ``rules``, described as it declares."""
    # Here, not at the top: apispec is needed by the first request for a document, not to serve.
    from apispec import APISpec
    from apispec.ext.marshmallow import MarshmallowPlugin

    try:
        release = version("jcmock")
    except PackageNotFoundError:
        release = "0"
    info = service.openapi
    spec = APISpec(
        title=info.title, version=release, openapi_version="3.0.3", plugins=[MarshmallowPlugin()],
        info={"description": info.description}, servers=[{"url": "/"}], security=[{"credential": []}],
    )
    spec.components.security_scheme("credential", info.security_scheme)
    for rule in sorted(rules, key=lambda r: r.rule):
        meta = getattr(app.view_functions[rule.endpoint], "openapi", None)
        if meta is None:
            continue
        for path, facts in _expand(rule, meta):
            operations = {}
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                operations[method.lower()] = _operation(service, path, facts, method)
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


def _operation(service, path, facts, method):
    info = service.openapi
    params = facts["params"] if facts["params"] is not None else info.parameters
    operation = {
        "operationId": f"{method.lower()}_{re.sub(r'[^a-zA-Z0-9]+', '_', path).strip('_')}",
        "summary": facts["summary"],
        "tags": [info.tag(path)],
        "parameters": [
            {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"\{([^}]+)\}", path)
        ] + [
            {"in": "query", "name": name, "required": False, "schema": params[name]}
            for name in facts["query"]
        ] + info.headers(path),
        "responses": {},
    }
    content_type = service.content_type
    if method in ("POST", "PATCH", "PUT") and facts["request"] is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {content_type: {"schema": _schema(facts["request"], facts["request_many"])}},
        }
    success = {"description": "OK" if facts["status"] != 201 else "Created"}
    if facts["status"] in (202, 204) and facts["response"] is None:
        success["description"] = "Accepted" if facts["status"] == 202 else "No Content"
    elif facts["response"] is not None:
        success["content"] = {content_type: {"schema": _schema(facts["response"], facts["response_many"])}}
    operation["responses"][str(facts["status"])] = success
    for code, (description, schema) in info.errors(path, "requestBody" in operation).items():
        operation["responses"][code] = {"description": description, "content": {content_type: {"schema": schema}}}
    return operation
