"""jcmock: stateful mocks of identity APIs (JumpCloud first), with record and replay of cassettes.

The public names are imported on first use (PEP 562): ``jcmock serve`` imports the package
without wanting ``requests``, ``responses`` or the in-process machinery that ``mock()`` needs.
"""
import importlib

# name -> the module defining it
_EXPORTS = {
    "create_app": ".services",
    "mock": ".inprocess",
    "mock_jumpcloud": ".inprocess",
    "mock_okta": ".inprocess",
    "mock_scim": ".inprocess",
    "use_cassette": ".inprocess",
    "NoMatch": ".recording.player",
    "Store": ".core.store",
}

__all__ = ["create_app", "mock", "mock_jumpcloud", "mock_okta", "mock_scim", "use_cassette", "NoMatch", "Store"]


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *__all__})
