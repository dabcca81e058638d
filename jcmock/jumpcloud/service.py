"""JumpCloud as a service of the core: its URL prefixes, routes, credential, tenant and shapes."""
from ..core.errors import plain_body
from ..core.service import OpenApiInfo, Service
from . import auth, openapi
from .api import BLUEPRINTS
from .backend import JumpCloudBackend
from .fixtures import Fixtures

SERVICE = Service(
    name="jumpcloud",
    # /api/v2 for the v2 API; /api for v1 (/api/systemusers, /api/search/...). Okta owns /api/v1.
    prefixes=("/api/v2", "/api"),
    blueprints=BLUEPRINTS,
    make_backend=JumpCloudBackend,
    load_fixtures=Fixtures.from_dir,
    authenticate=auth.authenticate,
    tenant=auth.tenant,
    error_body=plain_body,  # jcmock's own error shape is JumpCloud's {code, message, status}
    openapi=OpenApiInfo(
        title="jcmock: JumpCloud API mock",
        description="The JumpCloud v2 endpoints jcmock serves, with the bodies it accepts and answers.",
        security_scheme={"type": "apiKey", "in": "header", "name": "x-api-key"},
        path="/api/v2/openapi.json",
        parameters=openapi.LIST_PARAMS,
        headers=openapi.headers,
        errors=openapi.errors,
        tag=openapi.tag,
    ),
    hosts=(r"https://console\.jumpcloud\.com", r"https://console\.eu\.jumpcloud\.com"),
    default_base_url="https://console.jumpcloud.com",
    upstream="https://console.jumpcloud.com",
    secret_headers=frozenset({"x-api-key", "x-auth-token"}),
    secret_fields=frozenset({"secret", "privateKey", "publicKey", "apiToken", "password", "enrollmentToken"}),
    secret_params=frozenset({"api_key", "x-api-key"}),
)
