"""``/api/v1/authorizationServers``: servers, claims, scopes, policies and policy rules (endpoints 6-10)."""

from ..paging import Paging
from ..resources import EMPTY, Resource, clamped_priority
from ..schemas import authorization_servers as schemas
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_authorization_servers", __name__)


def _issuer(backend, tenant, doc):
    doc["issuer"] = f"https://{tenant}/oauth2/{doc['id']}"
    doc.setdefault("credentials", {"signing": {"rotationMode": "AUTO", "use": "sig"}})


SERVERS = Resource(
    kind="authorizationServers", type_name="AuthorizationServer", path="/authorizationServers",
    id_param="authServerId", create=schemas.AuthorizationServer(), replace=schemas.AuthorizationServer(),
    create_status=201, lifecycle=EMPTY, paging=Paging(default=200, maximum=200), q_fields=("name",),
    on_create=_issuer,
)
CLAIMS = Resource(
    kind="authorizationServerClaims", type_name="OAuth2Claim", path="/authorizationServers/<authServerId>/claims",
    id_param="claimId", parents=(("authServerId", SERVERS),), create=schemas.OAuth2Claim(),
    replace=schemas.OAuth2Claim(), create_status=201, initial_status=None,
)
SCOPES = Resource(
    kind="authorizationServerScopes", type_name="OAuth2Scope", path="/authorizationServers/<authServerId>/scopes",
    id_param="scopeId", parents=(("authServerId", SERVERS),), create=schemas.OAuth2Scope(),
    replace=schemas.OAuth2Scope(), create_status=201, initial_status=None,
    paging=Paging(default=None, maximum=200), q_fields=("name",),
)
POLICIES = Resource(
    kind="authorizationServerPolicies", type_name="Policy", path="/authorizationServers/<authServerId>/policies",
    id_param="policyId", parents=(("authServerId", SERVERS),), create=schemas.AuthorizationServerPolicy(),
    replace=schemas.AuthorizationServerPolicy(), create_status=201, lifecycle=EMPTY,
    on_create=clamped_priority("authorizationServerPolicies"),
    before_replace=clamped_priority("authorizationServerPolicies"),
)
RULES = Resource(
    kind="authorizationServerPolicyRules", type_name="PolicyRule",
    path="/authorizationServers/<authServerId>/policies/<policyId>/rules", id_param="ruleId",
    parents=(("authServerId", SERVERS), ("policyId", POLICIES)),
    create=schemas.AuthorizationServerPolicyRule(), replace=schemas.AuthorizationServerPolicyRule(),
    create_status=201, lifecycle=EMPTY,
    on_create=clamped_priority("authorizationServerPolicyRules"),
    before_replace=clamped_priority("authorizationServerPolicyRules"),
)
for row in (SERVERS, CLAIMS, SCOPES, POLICIES, RULES):
    register(bp, row)
