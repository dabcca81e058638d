"""The reserved admin API under /__jcmock__/ (no api key), the same in all three modes.

health, reset, state (GET a dump, PUT one back), fixtures (the seeded ids),
organizations (list, add), requests (the journal) and faults (injected failures).
"""
import hmac

from flask import Blueprint, current_app, request
from marshmallow import fields, validate

from . import bodies
from .api.context import json_body, no_content, render
from .errors import BadRequest, Unauthorized
from .schemas import StrictSchema

bp = Blueprint("admin", __name__, url_prefix="/__jcmock__")

ADMIN_TOKEN_HEADER = "x-jcmock-admin-token"


@bp.before_request
def require_admin_token():
    """With ``--admin-token``, every admin call but health needs the token."""
    token = current_app.config.get("JCMOCK_ADMIN_TOKEN")
    if not token or request.endpoint == "admin.health":
        return
    sent = request.headers.get(ADMIN_TOKEN_HEADER, "")
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise Unauthorized(f"the admin API needs the {ADMIN_TOKEN_HEADER} header")


def _backend():
    return current_app.extensions["jcmock"]


@bp.get("/health")
def health():
    return render({"status": "ok", "mode": current_app.config.get("JCMOCK_MODE", "mock")})


@bp.post("/reset")
def reset():
    """Back to the fixtures; in record and replay modes, recorded answers play from the start again."""
    _backend().reset()
    interceptor = current_app.extensions.get("jcmock_interceptor")
    if interceptor is not None:
        interceptor.reset()
    return render({"status": "reset", "organizations": [doc["id"] for doc in _backend().organizations()]})


@bp.get("/state")
def get_state():
    return render(_backend().store.dump())


@bp.put("/state")
def put_state():
    """Replace the whole store with a dump from GET state; a malformed dump changes nothing."""
    data = json_body()
    try:
        _backend().store.load(data)
    except (ValueError, TypeError) as exc:
        raise BadRequest(f"not a state dump: {exc}")
    return render({"status": "loaded", "organizations": _backend().store.orgs()})


@bp.get("/fixtures")
def fixtures():
    return render(_backend().fixtures.manifest())


class NewOrganization(StrictSchema):
    """Body of ``POST /__jcmock__/organizations``; without an id, one is generated (the backend checks it)."""

    id = fields.String()
    name = fields.String(required=True, validate=validate.Length(min=1))


NEW_ORGANIZATION = NewOrganization()


@bp.get("/organizations")
def list_organizations():
    """The organizations an x-org-id may name: the fixtures' ones, then the added ones."""
    return render(_backend().organizations())


@bp.post("/organizations")
def add_organization():
    """Add an organization seeded from the fixtures (409 if it exists); it outlives resets and restarts."""
    wanted = bodies.load(NEW_ORGANIZATION, json_body())
    return render(_backend().add_org(wanted.get("id"), wanted["name"]), 201)


@bp.get("/requests")
def list_requests():
    calls = current_app.extensions["jcmock_journal"].calls(request.args.get("method"), request.args.get("path"))
    return render([call.to_dict() for call in calls])


@bp.delete("/requests")
def clear_requests():
    current_app.extensions["jcmock_journal"].clear()
    return no_content()


@bp.get("/faults")
def list_faults():
    return render([fault.to_dict() for fault in current_app.extensions["jcmock_faults"].list()])


@bp.post("/faults")
def add_fault():
    data = json_body()
    if not isinstance(data, dict):
        raise BadRequest("a fault is a JSON object")
    return render(current_app.extensions["jcmock_faults"].add(**data).to_dict(), 201)


@bp.delete("/faults")
def clear_faults():
    current_app.extensions["jcmock_faults"].clear()
    return no_content()
