"""Which recorded response answers an incoming request.

A :class:`Player` indexes its cassettes once, so answering costs the same for
ten recorded interactions as for ten thousand: requests that normalise to the
same key share one list of interactions, played in recorded order. Only a
request with no match pays for a search, and that search is bounded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlencode

from .cassette import Cassette, Interaction, Request, Response
from .matchers import (
    DEFAULT_MASKED,
    DEFAULT_MATCHERS,
    Normalized,
    check_matchers,
    differences,
    normalize,
    redacted_names,
)

REPEAT_POLICIES = ("last", "cycle", "strict")

# A request with no match is compared with at most this many interactions
# (same method and path first, then same method, then any) to find the nearest.
NEAR_MISS_CANDIDATES = 300
NEAREST = 3


class Near(NamedTuple):
    """A recorded interaction close to an unmatched request."""

    index: int
    interaction: dict[str, str]  # method, uri, cassette
    differences: list[str]


class NoMatch(LookupError):
    """No recorded interaction answers the request.

    ``request`` is the request as the matchers understood it; ``nearest``
    lists the closest recorded interactions and how they differ.
    """

    def __init__(self, request: dict[str, Any], nearest: Iterable[Near] = (), message: str | None = None):
        self.request = request
        self.nearest = [Near(*near) for near in nearest]
        self.message = message or f"No recorded interaction matches {_target(request)}"
        super().__init__(self.message)

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-able dict, for an HTTP error body."""
        return {
            "message": self.message,
            "request": self.request,
            "nearest": [
                {"index": near.index, **near.interaction, "differences": list(near.differences)}
                for near in self.nearest
            ],
        }

    def __str__(self) -> str:
        lines = [self.message]
        if self.request.get("body") is not None:
            lines.append(f"  body: {_shorten(json.dumps(self.request['body'], ensure_ascii=False))}")
        if self.nearest:
            lines.append("  nearest recorded interactions:")
        for near in self.nearest:
            where = near.interaction
            lines.append(f"    #{near.index} {where['method']} {where['uri']} ({where['cassette']})")
            lines.extend(f"        {difference}" for difference in near.differences)
        return "\n".join(lines)


class Player:
    """Answers requests from recorded interactions.

    ``repeat`` decides what identical requests get once all their recorded
    answers were played: ``"last"`` repeats the last one, ``"cycle"`` starts
    over, ``"strict"`` raises :class:`NoMatch`. ``ignore_fields`` are JSON body
    paths left out of matching (see :func:`jcmock.matchers.normalize`).
    Safe to share between threads.
    """

    def __init__(
        self,
        cassettes: Iterable[Cassette],
        *,
        repeat: str = "last",
        ignore_fields: Iterable[str] = (),
        matchers: Iterable[str] = DEFAULT_MATCHERS,
    ):
        if repeat not in REPEAT_POLICIES:
            raise ValueError(f"repeat must be one of {', '.join(REPEAT_POLICIES)}, not {repeat!r}")
        self.repeat = repeat
        self.matchers = check_matchers(matchers)
        self.ignore_fields = tuple(ignore_fields)
        self.interactions: list[Interaction] = []
        self._sources: list[str] = []
        for cassette in cassettes:
            self.interactions.extend(cassette.interactions)
            self._sources.extend([str(cassette.path)] * len(cassette.interactions))

        # Names the cassettes show as redacted (defaults and any --filter-field
        # used when recording) are masked in incoming requests too.
        masked = set(DEFAULT_MASKED)
        for interaction in self.interactions:
            masked |= redacted_names(interaction.request)
        self._masked = frozenset(masked)

        self._recorded = [self._normalize(i.request) for i in self.interactions]
        self._groups: dict[tuple, list[int]] = {}
        self._by_route: dict[tuple[str, str], list[int]] = {}
        self._by_method: dict[str, list[int]] = {}
        for index, recorded in enumerate(self._recorded):
            self._groups.setdefault(recorded.key(self.matchers), []).append(index)
            self._by_route.setdefault((recorded.method, recorded.path), []).append(index)
            self._by_method.setdefault(recorded.method, []).append(index)

        self._lock = threading.Lock()
        self._plays: dict[tuple, int] = {}
        self._played: set[int] = set()

    def play(self, request: Request) -> Response:
        """The recorded response for ``request``, or raise :class:`NoMatch`."""
        return self.interactions[self.play_index(request)].response

    def play_index(self, request: Request) -> int:
        """Like :meth:`play`, but return the position of the chosen interaction in ``interactions``."""
        incoming = self._normalize(request)
        key = incoming.key(self.matchers)
        group = self._groups.get(key)
        if group is None:
            raise self._no_match(incoming)
        with self._lock:
            count = self._plays.get(key, 0)
            if count < len(group):
                position = count
            elif self.repeat == "last":
                position = len(group) - 1
            elif self.repeat == "cycle":
                position = count % len(group)
            else:
                summary = incoming.describe()
                raise NoMatch(
                    summary,
                    message=f"All {len(group)} recorded answers for this request were already played "
                    f"(repeat='strict'): {_target(summary)}",
                )
            self._plays[key] = count + 1
            self._played.add(group[position])
            return group[position]

    def has_unplayed(self) -> bool:
        """Whether some recorded interaction was never played."""
        with self._lock:
            return len(self._played) < len(self.interactions)

    def unplayed(self) -> list[tuple[int, Interaction]]:
        """The interactions never played, with their positions, in recorded order."""
        with self._lock:
            return [(i, interaction) for i, interaction in enumerate(self.interactions) if i not in self._played]

    def reset(self) -> None:
        """Rewind: every request starts again from its first recorded answer."""
        with self._lock:
            self._plays.clear()
            self._played.clear()

    def _normalize(self, request: Request) -> Normalized:
        return normalize(request, self.ignore_fields, self._masked)

    def _no_match(self, incoming: Normalized) -> NoMatch:
        compared = [
            (index, differences(self._recorded[index], incoming, self.matchers))
            for index in self._candidates(incoming)
        ]
        # Fewest differences first; among equals, the same path (another method) before another
        # path, and the sort is stable, so remaining ties keep the same-route candidates first.
        compared.sort(key=lambda pair: (len(pair[1]), _differs(pair[1], "path")))
        nearest = [Near(index, self._summary(index), found) for index, found in compared[:NEAREST]]
        return NoMatch(incoming.describe(), nearest)

    def _summary(self, index: int) -> dict[str, str]:
        request = self.interactions[index].request
        return {"method": request.method, "uri": request.uri, "cassette": self._sources[index]}

    def _candidates(self, incoming: Normalized) -> list[int]:
        chosen: dict[int, None] = {}
        for source in (
            self._by_route.get((incoming.method, incoming.path), ()),
            self._by_method.get(incoming.method, ()),
            range(len(self.interactions)),
        ):
            for index in source:
                if len(chosen) >= NEAR_MISS_CANDIDATES:
                    return list(chosen)
                chosen[index] = None
        return list(chosen)


def _differs(found: list[str], matcher: str) -> bool:
    return any(difference.startswith(f"{matcher}:") for difference in found)


def _target(request: dict[str, Any]) -> str:
    query = f"?{urlencode(request['query'], doseq=True)}" if request.get("query") else ""
    return f"{request['method']} {request['path']}{query}"


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
