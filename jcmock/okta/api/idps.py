"""``/api/v1/idps`` (endpoint 22): identity providers; ``type`` is fixed, client secrets never answered."""

from ..paging import Paging
from ..resources import OBJECT, Resource, unchanged
from ..schemas.idps import IdentityProvider
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_idps", __name__)

IDPS = Resource(
    kind="idps", type_name="IdpTrust", path="/idps", id_param="idpId", create=IdentityProvider(),
    replace=IdentityProvider(), lifecycle=OBJECT, paging=Paging(default=20, maximum=200), q_fields=("name",),
    before_replace=unchanged("type", "identity provider"),
    write_only=("protocol.credentials.client.client_secret",),
)
register(bp, IDPS)
