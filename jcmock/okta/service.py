"""The Okta service as the core serves it: one ``Service`` value (see ``jcmock/core/service.py``)."""
from marshmallow import Schema, fields

from jcmock.core.service import OpenApiInfo, Service

from . import auth
from .api import (
    apps,
    authenticators,
    authorization_servers,
    brands,
    domains,
    group_rules,
    groups,
    hooks,
    idps,
    linked_objects,
    org,
    policies,
    roles,
    templates,
    trusted_origins,
    user_types,
    users,
    zones,
)
from .backend import OktaBackend
from .errors import error_body
from .fixtures import load_fixtures
from .headers import decorate
from .ids import OktaIds
from .secrets import SECRET_FIELDS, redact_paths

# group_rules before groups, so ``/groups/rules`` is never read as a group id.
BLUEPRINTS = tuple(area.bp for area in (
    users, group_rules, groups, apps, authenticators, authorization_servers, brands, domains, hooks, idps,
    linked_objects, org, policies, roles, templates, trusted_origins, user_types, zones))


def make_backend(store, fixtures, ids):
    """The OktaBackend over this service's store namespace, drawing ids from the app's seeded source."""
    # IdFactory has no public accessor for its random source yet; this is the one place that reads it.
    return OktaBackend(store, fixtures, OktaIds(ids.random))


class ErrorCause(Schema):
    errorSummary = fields.String()


class Error(Schema):
    """Okta's ``Error`` body, for the service's OpenAPI document."""

    errorCode = fields.String()
    errorSummary = fields.String()
    errorLink = fields.String()
    errorId = fields.String()
    errorCauses = fields.List(fields.Nested(ErrorCause))


SERVICE = Service(
    name="okta",
    prefixes=("/api/v1",),
    blueprints=BLUEPRINTS,
    make_backend=make_backend,
    load_fixtures=load_fixtures,
    authenticate=auth.authenticate,
    tenant=auth.tenant,
    error_body=error_body,
    openapi=OpenApiInfo(
        title="jcmock: Okta management API",
        description="A stateful mock of the 37 PUT endpoints of Okta's management API and their companions.",
        security_scheme={"type": "apiKey", "in": "header", "name": "Authorization",
                         "description": "SSWS {API token}, or Bearer {access token}"},
        errors=lambda path, has_body: {"4XX": ("An Okta error", Error)},
        tag=lambda path: path.split("/")[3] if path.count("/") >= 3 else "okta",
    ),
    hosts=(r"https://[a-z0-9-]+\.(okta|oktapreview|okta-emea)\.com",),
    default_base_url="https://acme.okta.com",
    upstream=None,
    secret_headers=frozenset({"authorization"}),
    secret_fields=SECRET_FIELDS,
    decorate=decorate,
    redact_body=redact_paths,
)
