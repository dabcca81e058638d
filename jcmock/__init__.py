"""jcmock: a stateful mock of JumpCloud's v2 API, with record and replay of cassettes."""
from .app import create_app
from .store import Store

__all__ = ["create_app", "Store"]
