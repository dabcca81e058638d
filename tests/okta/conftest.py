import pytest
from okta_helpers import Client, make_app


@pytest.fixture
def app():
    """The real jcmock app serving Okta only (``jcmock.create_app(services=["okta"])``)."""
    return make_app()


@pytest.fixture
def client(app):
    """A test client on ``acme.okta.com`` sending an SSWS token."""
    return Client(app)
