"""Every /api route needs an x-api-key; x-org-id, where sent, picks the organization."""
import re

from flask import current_app, g, request

from .errors import BadRequest, Forbidden, Unauthorized

PUBLIC_PATHS = frozenset({"/api/v2/openapi.json"})
OBJECT_ID = re.compile(r"^[0-9a-fA-F]{24}$")


def provider_wide(view):
    """Mark a view whose state belongs to the MSP provider, not to one organization (integrations, providers).

    Its operation declares no x-org-id, and JumpCloud answers 403 to "ID included on
    unsupported route"; its state lives once, in the default organization's tables.
    """
    view.provider_wide = True
    return view


def check_request():
    """Before-request guard for /api routes: authenticate, then resolve the organization (404 if unknown)."""
    if not request.path.startswith("/api/") or request.path in PUBLIC_PATHS:
        return
    key = request.headers.get("x-api-key")
    if not key:
        raise Unauthorized("Unauthorized: missing x-api-key header")
    allowed = current_app.config.get("JCMOCK_API_KEYS")
    if allowed and key not in allowed:
        raise Unauthorized("Unauthorized: invalid x-api-key")
    backend = current_app.extensions["jcmock"]
    org = request.headers.get("x-org-id")
    if getattr(current_app.view_functions.get(request.endpoint), "provider_wide", False):
        if org is not None:
            raise Forbidden(f"x-org-id is not supported on {request.path}: integrations and providers belong to "
                            "the MSP provider, not to one organization")
        g.org = backend.fixtures.default_org
        return
    if org is None:
        org = backend.fixtures.default_org
    elif not OBJECT_ID.fullmatch(org):
        raise BadRequest(f"x-org-id must be a 24-character hexadecimal organization id, got {org[:40]!r}")
    org = org.lower()
    backend.require_org(org)
    g.org = org
