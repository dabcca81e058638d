"""The SCIM 2.0 service as the core sees it: StackSpot IAM's provider (reference §2.1)."""
from __future__ import annotations

import re
from collections.abc import Mapping

from jcmock.core.service import OpenApiInfo, Service

from . import fixtures
from .api import BASES, blueprint
from .backend import ScimBackend
from .errors import BadParameter, ErrorSchema, Unauthorized, adapt_error, error_body
from .openapi import PARAMETERS

TENANT_HEADER = "X-Tenant-Id"
_TENANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_TENANT_IN_PATH = re.compile(r"^/([^/]+)/scim(?:/|$)")
_TAG = re.compile(r"^(?:/[^/]+)?/scim(?:/v2)?/")  # what precedes the endpoint: an OpenAPI tag per endpoint
TENANT_PARAMETER = {"name": TENANT_HEADER, "in": "header", "required": False, "schema": {"type": "string"},
                    "description": "The tenant, when the path does not name one"}


def authenticate(headers: Mapping[str, str], accepted: tuple) -> None:
    """``Authorization: Bearer <token>``, the token one of ``accepted`` when that is not empty."""
    scheme, _, token = (headers.get("Authorization") or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Authorization: Bearer <token> is required.")
    if accepted and token not in accepted:
        raise Unauthorized("The bearer token is not valid.")


def tenant(path: str, headers: Mapping[str, str], host: str) -> str | None:
    """The tenant segment before ``/scim`` (``/acme/scim/Users``), else ``X-Tenant-Id``, else None."""
    match = _TENANT_IN_PATH.match(path)
    name = match.group(1) if match else headers.get(TENANT_HEADER)
    if name is None:
        return None
    if not _TENANT.fullmatch(name):
        raise BadParameter(f"Bad Request. Invalid tenant {name[:64]!r}: use letters, digits, '.', '_' or '-'.")
    return name


SERVICE = Service(
    name="scim",
    prefixes=("/scim", "/*/scim"),
    blueprints=(blueprint,),
    make_backend=ScimBackend,
    load_fixtures=fixtures.load,
    authenticate=authenticate,
    tenant=tenant,
    error_body=error_body,
    adapt_error=adapt_error,
    openapi=OpenApiInfo(
        title="jcmock: SCIM 2.0 (StackSpot IAM)",
        description="A stateful SCIM 2.0 provider with StackSpot IAM's resource types (RFC 7643, RFC 7644), "
                    f"served under {', '.join(BASES)}.",
        security_scheme={"type": "http", "scheme": "bearer"},
        parameters=PARAMETERS,
        tag=lambda path: _TAG.sub("", path).split("/")[0],
        headers=lambda path: [] if _TENANT_IN_PATH.match(path) else [TENANT_PARAMETER],
        errors=lambda path, has_body: {"4XX": ("A SCIM error", ErrorSchema)},
    ),
    content_type="application/scim+json",
    default_base_url="https://scim.example.test",
    secret_headers=frozenset({"authorization"}),
    secret_fields=frozenset({"password"}),
)
