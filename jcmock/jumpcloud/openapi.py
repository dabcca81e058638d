"""What JumpCloud's OpenAPI document says beyond its routes: list parameters, the org header, errors."""
import re

from .auth import OBJECT_ID, PROVIDER_WIDE_PREFIXES
from .query import FILTER_OPS, MAX_LIMIT, V1_FILTER_OPS
from .schemas.common import Error, ErrorDetails

LIST_PARAMS = {
    "limit": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": 10},
    "skip": {"type": "integer", "minimum": 0, "default": 0},
    "filter": {"type": "string", "pattern": rf"^[^:]+:({'|'.join(FILTER_OPS)}):.*$"},
    "sort": {"type": "string"},
    "fields": {"type": "string"},
}
# jcapiv1's spellings: $-operators (also as filter[i] AND and filter[or][i] OR), space-separated lists.
V1_LIST_PARAMS = {
    **LIST_PARAMS,
    "filter": {"type": "string", "pattern": rf"^[^:]+:({'|'.join(re.escape(op) for op in V1_FILTER_OPS)}):.*$",
               "description": "<field>:<$op>:<value>; also filter[0]=...&filter[1]=... (AND) and "
                              "filter[or][0]=...&filter[or][1]=... (OR)"},
    "sort": {"type": "string", "description": "space-separated fields, -field for descending"},
    "fields": {"type": "string", "description": "space-separated fields to return"},
    "search": {"type": "string", "description": 'JSON {"searchTerm": string or [strings], "fields": [...]}; '
                                                "also search[searchTerm]=...&search[fields][]=..."},
}
ERRORS = {
    "400": ("Bad Request: the body or a parameter is invalid", ErrorDetails),
    "401": ("Unauthorized: missing or unknown x-api-key", Error),
    "403": ("Forbidden: x-org-id sent to a route that does not take it", Error),
    "404": ("Not Found (an unknown object, or an unknown x-org-id: Organization ID Not Found)", Error),
    "405": ("Method Not Allowed", Error),
    "413": ("Payload Too Large", Error),
    "415": ("Unsupported Media Type", Error),
}
ORG_HEADER = {"in": "header", "name": "x-org-id", "required": False,
              "schema": {"type": "string", "pattern": OBJECT_ID.pattern}}


def _provider_wide(path):
    return path.startswith(PROVIDER_WIDE_PREFIXES)


def headers(path):
    """Every operation takes x-org-id, but the provider's (integrations, providers)."""
    return [] if _provider_wide(path) else [ORG_HEADER]


def errors(path, has_body):
    """413 and 415 where there is a body; 403 where an x-org-id is refused."""
    return {code: entry for code, entry in ERRORS.items()
            if not (code in ("413", "415") and not has_body) and not (code == "403" and not _provider_wide(path))}


def tag(path):
    return path.split("/")[3] if path.startswith("/api/v2/") else "v1"
