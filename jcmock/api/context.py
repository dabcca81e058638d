"""What every API view needs from the request it serves: backend, organization, body, rendering."""
import json

from flask import Response, current_app, g, request

from .. import bodies


def backend():
    """The Backend of the app serving this request (never a module global)."""
    return current_app.extensions["jcmock"]


def org():
    """The organization this request acts in, as resolved by the auth guard."""
    return g.org


def json_body():
    """The request's body as decoded JSON (parsed once per request); any flaw is a 4xx saying what."""
    if "jcmock_json" not in g:
        g.jcmock_json = bodies.parse_json(request.get_data(cache=True), request.headers.get("Content-Type"))
    return g.jcmock_json


def body(schema, *, many=False):
    """The request's JSON body, validated by ``schema``; any flaw is a 4xx naming it."""
    return bodies.load(schema, json_body(), many=many)


def render(data, status=200, headers=None):
    """A JSON response that keeps the stored key order."""
    return Response(json.dumps(data), status=status, headers=headers, mimetype="application/json")


def no_content():
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response
