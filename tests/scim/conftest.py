"""Fixtures of the SCIM tests: a fresh real app (SCIM only) per test."""
import pytest
from scim_helpers import authorised, make_app


@pytest.fixture
def app():
    return make_app()


@pytest.fixture
def client(app):
    """A test client that sends the bearer token with every request."""
    return authorised(app.test_client())
