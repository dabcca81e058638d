"""jcmock: stateful mocks of identity APIs (JumpCloud first), with record and replay of cassettes."""
from .core.store import Store
from .inprocess import mock, mock_jumpcloud, mock_okta, mock_scim, use_cassette
from .recording.player import NoMatch
from .services import create_app

__all__ = ["create_app", "mock", "mock_jumpcloud", "mock_okta", "mock_scim", "use_cassette", "NoMatch", "Store"]
