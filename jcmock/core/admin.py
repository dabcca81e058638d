"""The reserved admin API under /__jcmock__/ (no service credential), the same in all three modes.

health, reset, state (GET a dump, PUT one back), fixtures (the seeded ids, per service),
organizations (the primary service's tenants: list, add), openapi (per service), requests
(the journal) and faults (injected failures). ``?service=NAME`` narrows reset and the journal.
"""
import hmac

from flask import Blueprint, current_app, request

from .errors import BadRequest, NotFound, Unauthorized
from .http import json_body, mock, no_content, render

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


def _service_names(name=None):
    """The services a call is about: the one named (404 for an unknown one), else all."""
    services = mock().services
    if name is None:
        return [s.name for s in services]
    if name not in services.by_name:
        raise NotFound(f"no service {name!r}; this server serves {', '.join(services.by_name)}")
    return [name]


@bp.get("/health")
def health():
    return render({"status": "ok", "mode": current_app.config.get("JCMOCK_MODE", "mock"),
                   "services": [s.name for s in mock().services]})


@bp.post("/reset")
def reset():
    """Back to the fixtures; in record and replay modes, recorded answers play from the start again."""
    names = _service_names(request.args.get("service"))
    state = mock()
    state.reset(names)
    tenants = {name: [t["id"] for t in state.backends[name].tenants()] for name in names}
    answer = {"status": "reset", "tenants": tenants}
    primary = state.services.primary.name
    if primary in tenants:
        answer["organizations"] = tenants[primary]
    return render(answer)


@bp.get("/state")
def get_state():
    return render(mock().store.dump())


@bp.put("/state")
def put_state():
    """Replace the whole store with a dump from GET state; a malformed dump changes nothing.

    A dump written before services had namespaces (org ids as keys) is the primary service's.
    """
    data = json_body()
    state = mock()
    try:
        state.store.load(data)
    except (ValueError, TypeError) as exc:
        raise BadRequest(f"not a state dump: {exc}")
    state.adopt_unnamespaced()
    return render({"status": "loaded", "organizations": state.store.orgs()})


@bp.get("/fixtures")
def fixtures():
    """The primary service's manifest, as before services (scripts read it); others at /fixtures/<service>."""
    state = mock()
    return render(state.backends[state.services.primary.name].fixtures.manifest())


@bp.get("/fixtures/<service>")
def service_fixtures(service):
    name = _service_names(service)[0]
    return render(mock().backends[name].fixtures.manifest())


@bp.get("/openapi/<service>.json")
def service_openapi(service):
    return render(mock().openapi(_service_names(service)[0]))


@bp.get("/organizations")
def list_organizations():
    """The primary service's tenants (JumpCloud's organizations): the fixtures' ones, then the added ones."""
    state = mock()
    return render(state.backends[state.services.primary.name].tenants())


@bp.post("/organizations")
def add_organization():
    """Add a tenant to the primary service, seeded from its fixtures (409 if it exists)."""
    state = mock()
    return render(state.backends[state.services.primary.name].add_tenant(json_body()), 201)


@bp.get("/requests")
def list_requests():
    calls = mock().journal.calls(request.args.get("method"), request.args.get("path"), request.args.get("service"))
    return render([call.to_dict() for call in calls])


@bp.delete("/requests")
def clear_requests():
    mock().journal.clear()
    return no_content()


@bp.get("/faults")
def list_faults():
    return render([fault.to_dict() for fault in mock().faults.list()])


@bp.post("/faults")
def add_fault():
    data = json_body()
    if not isinstance(data, dict):
        raise BadRequest("a fault is a JSON object")
    return render(mock().faults.add(**data).to_dict(), 201)


@bp.delete("/faults")
def clear_faults():
    mock().faults.clear()
    return no_content()
