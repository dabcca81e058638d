"""Okta's cursor paging: ``limit`` and ``after``, answered with ``Link`` rel="self" and rel="next".

Items are ordered by id and the cursor is the last id of a page, as Okta's own cursors are
for users, groups and apps: a page boundary survives objects created or deleted in between,
and following ``next`` never repeats an item.
"""
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import request

from .errors import OktaError

# What a cursor (the id of a page's last item) can look like; anything else is 400 E0000029.
CURSOR = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Paging:
    """One list's page sizes (reference §1.4); ``default=None`` answers everything unless asked."""

    default: int | None
    maximum: int | None = 200
    minimum: int = 1

    def limit(self, args) -> int | None:
        """The effective page size: out-of-range values are clamped, as Okta does, not rejected."""
        raw = args.get("limit")
        if raw is None or raw.strip() in ("", "-1"):
            return self.default
        try:
            value = int(raw)
        except ValueError:
            raise OktaError("E0000002", f"limit must be an integer, got {raw[:40]!r}") from None
        if value < 1:
            return self.default
        value = max(value, self.minimum)
        return min(value, self.maximum) if self.maximum is not None else value


def page(items, paging: Paging, base_url: str):
    """``(the page of items, the Link header values)`` for the current request's ``limit``/``after``."""
    args = request.args
    items = sorted(items, key=lambda item: item["id"])
    after = args.get("after")
    if after:
        if not CURSOR.fullmatch(after):
            raise OktaError("E0000029", causes=["Invalid cursor."])
        items = [item for item in items if item["id"] > after]
    limit = paging.limit(args)
    shown = items if limit is None else items[:limit]
    rest = [(key, value) for key, value in args.items(multi=True) if key not in ("after", "limit")]
    url = f"{base_url}{request.path}"
    self_params = ([("after", after)] if after else []) + ([("limit", limit)] if limit is not None else [])
    links = [f'<{_url(url, self_params, rest)}>; rel="self"']
    if limit is not None and len(items) > limit:
        links.append(f'<{_url(url, [("after", shown[-1]["id"]), ("limit", limit)], rest)}>; rel="next"')
    return shown, links


def _url(url, first, rest):
    query = urlencode([*first, *rest])
    return f"{url}?{query}" if query else url
