"""jcmock: a stateful mock of JumpCloud's v2 API, with record and replay of cassettes."""
from .app import create_app
from .inprocess import mock_jumpcloud, use_cassette
from .player import NoMatch
from .store import Store

__all__ = ["create_app", "mock_jumpcloud", "use_cassette", "NoMatch", "Store"]
