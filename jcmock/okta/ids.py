"""Okta's identifiers: 20 characters, a 3-character type prefix and 17 base62 characters.

Object ids come from the app's one seeded random source, so a seeded run makes the same ids;
request and error ids are per-response noise and come from the system's randomness instead.
"""
import random
import secrets
import string
import threading

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
BASE32 = string.ascii_uppercase + "234567"
URL_SAFE = BASE62 + "-_"

# Store kind -> Okta's id prefix (reference §1.7). Policies of the identity-engine types use ``rst``.
PREFIXES = {
    "users": "00u",
    "groups": "00g",
    "apps": "0oa",
    "idps": "0oa",
    "policies": "00p",
    "accessPolicies": "rst",
    "policyRules": "0pr",
    "groupRules": "0pr",
    "authorizationServers": "aus",
    "authorizationServerClaims": "ocl",
    "authorizationServerScopes": "scp",
    "authorizationServerPolicies": "00p",
    "authorizationServerPolicyRules": "0pr",
    "authenticators": "aut",
    "brands": "bnd",
    "themes": "the",
    "emailCustomizations": "oel",
    "domains": "OcD",
    "eventHooks": "who",
    "inlineHooks": "cal",
    "zones": "nzo",
    "smsTemplates": "cst",
    "trustedOrigins": "tos",
    "userTypes": "oty",
}


class OktaIds:
    """Makes Okta ids from a ``random.Random`` (the app's seeded one); safe across threads."""

    def __init__(self, source: random.Random):
        self._random = source
        self._lock = threading.Lock()

    def new(self, kind: str) -> str:
        """A fresh id for an object of ``kind`` (a key of ``PREFIXES``)."""
        with self._lock:
            return PREFIXES[kind] + "".join(self._random.choice(BASE62) for _ in range(17))

    def role_assignment(self) -> str:
        """Role assignment ids have no prefix: 16 upper-case base32 characters (``KVJUKUS7IFCE2SKO``)."""
        with self._lock:
            return "".join(self._random.choice(BASE32) for _ in range(16))

    def token(self, length: int = 20) -> str:
        """An opaque secret (activation tokens, client secrets)."""
        with self._lock:
            return "".join(self._random.choice(BASE62) for _ in range(length))


def error_id() -> str:
    """``oae`` + 22 URL-safe characters, random per error answer."""
    return "oae" + "".join(secrets.choice(URL_SAFE) for _ in range(22))


def request_id() -> str:
    """The ``X-Okta-Request-Id`` of one answer."""
    return secrets.token_hex(16)
