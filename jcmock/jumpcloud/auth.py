"""JumpCloud's credential and tenant: an ``x-api-key`` on every call; ``x-org-id``, where sent, picks the org."""
import re

from ..core.errors import BadRequest, Forbidden, Unauthorized

OBJECT_ID = re.compile(r"^[0-9a-fA-F]{24}$")
# Integrations and providers belong to the MSP provider: their operations declare no x-org-id,
# and JumpCloud answers 403 "ID included on unsupported route" to one.
PROVIDER_WIDE_PREFIXES = ("/api/v2/integrations/", "/api/v2/providers/")


def authenticate(headers, accepted):
    key = headers.get("x-api-key")
    if not key:
        raise Unauthorized("Unauthorized: missing x-api-key header")
    if accepted and key not in accepted:
        raise Unauthorized("Unauthorized: invalid x-api-key")


def tenant(path, headers, host):
    """The organization ``x-org-id`` names (lower-cased), or None for the default one."""
    org = headers.get("x-org-id")
    if path.startswith(PROVIDER_WIDE_PREFIXES):
        if org is not None:
            raise Forbidden(f"x-org-id is not supported on {path}: integrations and providers belong to "
                            "the MSP provider, not to one organization")
        return None
    if org is None:
        return None
    if not OBJECT_ID.fullmatch(org):
        raise BadRequest(f"x-org-id must be a 24-character hexadecimal organization id, got {org[:40]!r}")
    return org.lower()
