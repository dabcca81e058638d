"""Record mode: a proxy to the real API that appends every exchange to a cassette.

Secrets are redacted before an interaction is appended, so nothing secret is ever
written; the client still gets the upstream's answer unchanged.
"""
import logging

from ..core.errors import ApiError
from ..core.http import request_state
from . import exchange
from .cassette import Interaction
from .player import NoMatch, Player
from .replayer import no_match_response

log = logging.getLogger("jcmock.record")

RECORD_MODES = ("once", "new_episodes", "all", "none")


class BadGateway(ApiError):
    code = 502


class Recorder:
    """Answers service requests by forwarding them to the service's upstream (and recording) or by replaying,
    per VCR.py's modes.

    - ``once``: record while the cassette file does not exist yet, otherwise only replay.
    - ``new_episodes``: replay what matches, record the rest.
    - ``all``: record everything anew (the cassette is rewritten).
    - ``none``: only replay.

    As in VCR.py (``allow_playback_repeats=False``), each recorded answer is replayed at
    most once: a request repeated more often than it was recorded goes to the upstream
    (``new_episodes``) or gets the no-match 404 (``once`` with a cassette, ``none``).
    """

    def __init__(self, cassette, *, upstreams, mode="once", redactor, timeout=30.0, existed=None):
        """``upstreams`` maps a service name to the real API's base URL; ``redactor(service)`` is the
        Redactor for that service's traffic (its own secret names beside the common ones)."""
        if mode not in RECORD_MODES:
            raise ValueError(f"mode must be one of {', '.join(RECORD_MODES)}, not {mode!r}")
        self.cassette = cassette
        self.upstreams = {name: url.rstrip("/") for name, url in upstreams.items()}
        self.redactor = redactor
        self.timeout = timeout
        import requests  # here, not at the top: `jcmock serve` starts without loading it

        self.session = requests.Session()
        self.failures = requests.RequestException
        existed = cassette.path.exists() if existed is None else existed
        if mode == "all":
            cassette.interactions.clear()
        replays = mode == "none" or mode == "new_episodes" or (mode == "once" and existed)
        self.player = Player([cassette], repeat="strict") if replays else None
        self.records = mode in ("all", "new_episodes") or (mode == "once" and not existed)

    def reset(self):
        """Rewind the replayed answers (what was recorded stays recorded)."""
        if self.player is not None:
            self.player.reset()

    def handle(self, request):
        service = request_state().service
        upstream = self.upstreams.get(service.name)
        if upstream is None:
            raise BadGateway(f"no upstream for {service.name}: start jcmock record with "
                             f"--upstream {service.name}=URL")
        incoming = exchange.from_flask(request, upstream)
        if self.player is not None:
            try:
                return exchange.to_flask(self.player.play(incoming))
            except NoMatch as miss:
                if not self.records:
                    log.warning("%s", miss)
                    return no_match_response(miss)
        return self._forward(incoming, upstream)

    def _forward(self, incoming, upstream):
        headers = {name: values[-1] for name, values in incoming.headers.items()}
        # Ask for an identity body, so what is recorded (and redacted) is the plain JSON.
        headers["Accept-Encoding"] = "identity"
        try:
            upstream = self.session.request(incoming.method, incoming.uri, data=incoming.body, headers=headers,
                                            timeout=self.timeout, allow_redirects=False)
        except self.failures as exc:
            raise BadGateway(f"upstream {upstream} did not answer: {type(exc).__name__}")
        response = exchange.from_requests(upstream)
        self.cassette.append(self.redactor(request_state().service).interaction(Interaction(incoming, response)))
        self.cassette.save()
        return exchange.to_flask(response)
