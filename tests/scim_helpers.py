"""What the SCIM tests share (``from scim_helpers import ...``): the real app, serving SCIM only."""
from __future__ import annotations

import jcmock
from jcmock.core.store import Store

TOKEN = "scim-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
EXT = "urn:ietf:params:scim:schemas:extension:custom:2.0:User"


def make_app(accepted=(), fixtures=None, seed=1234):
    """``jcmock.create_app`` serving SCIM only, in memory, with a seeded id source."""
    config = {"JCMOCK_API_KEYS": tuple(accepted), "JCMOCK_SEED": seed, "JCMOCK_FIXTURES": fixtures}
    return jcmock.create_app(config, services=["scim"], store=Store())


def authorised(test_client):
    """``test_client``, sending the bearer token with every request."""
    for name, value in AUTH.items():
        test_client.environ_base[f"HTTP_{name.upper()}"] = value
    return test_client
