"""In process, one handle serves any set of services, and use_cassette goes through the same app.

Issue 9, point 6: ``jcmock.mock(...)`` for several services; ``use_cassette`` with journal, faults and auth.
"""
import pytest
import requests

import jcmock
from jcmock.recording.cassette import Cassette, Interaction, Request, Response

JUMPCLOUD = "https://console.jumpcloud.com/api/v2"
SCIM = "https://scim.example.test/scim/v2"
KEY = {"x-api-key": "k"}
BEARER = {"Authorization": "Bearer t"}


def test_one_handle_serves_two_services_and_keeps_their_calls_apart():
    with jcmock.mock("jumpcloud", "scim", base_urls={"scim": "https://scim.example.test"}) as handle:
        assert requests.get(f"{JUMPCLOUD}/iplists", headers=KEY).status_code == 200
        users = requests.get(f"{SCIM}/Users", headers=BEARER)
        assert users.status_code == 200 and users.headers["Content-Type"].startswith("application/scim+json")
        assert [c.service for c in handle.calls] == ["jumpcloud", "scim"]
        assert [c.path for c in handle["scim"].calls] == ["/scim/v2/Users"]
        handle["jumpcloud"].assert_called("GET", "/iplists")
        with pytest.raises(AssertionError, match="expected GET /Groups"):
            handle["scim"].assert_called("GET", "/Groups")


def test_a_service_without_a_public_host_needs_a_base_url():
    with pytest.raises(ValueError, match="scim has no public host"):
        jcmock.mock("scim")


def test_an_unknown_service_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown service nope"):
        jcmock.mock("nope")


def _cassette(tmp_path):
    path = tmp_path / "c.yaml"
    cassette = Cassette(path)
    cassette.append(Interaction(Request("GET", f"{JUMPCLOUD}/iplists", None, {}),
                                Response(200, "OK", {"Content-Type": ["application/json"]}, b'[{"id": "recorded"}]')))
    cassette.save()
    return path


def test_use_cassette_journals_its_calls_like_the_mock(tmp_path):
    with jcmock.use_cassette(_cassette(tmp_path)) as player:
        assert requests.get(f"{JUMPCLOUD}/iplists", headers=KEY).json() == [{"id": "recorded"}]
        assert [(c.method, c.path, c.status) for c in player.calls] == [("GET", "/api/v2/iplists", 200)]


def test_use_cassette_takes_faults_like_the_mock(tmp_path):
    with jcmock.use_cassette(_cassette(tmp_path)) as player:
        player.fault("GET", "/iplists", status=503, times=1)
        assert requests.get(f"{JUMPCLOUD}/iplists", headers=KEY).status_code == 503
        assert requests.get(f"{JUMPCLOUD}/iplists", headers=KEY).status_code == 200


def test_use_cassette_miss_raises_and_never_reaches_the_mock(tmp_path):
    """With fallback "none", an unmatched PATCH raises NoMatch and changes nothing behind it."""
    with jcmock.use_cassette(_cassette(tmp_path)) as player:
        gsuite = player.store.all("gsuites")[0]
        with pytest.raises(jcmock.NoMatch):
            requests.patch(f"{JUMPCLOUD}/gsuites/{gsuite['id']}", json={"userLockoutAction": "maintain"}, headers=KEY)
        assert player.store.get("gsuites", gsuite["id"]) == gsuite


@pytest.mark.parametrize("handle", [lambda: jcmock.mock("okta", base_urls={"okta": "https://acme.okta.com"}),
                                    lambda: jcmock.mock_okta(domain="acme.okta.com")], ids=["mock", "mock_okta"])
def test_repeated_answer_headers_stay_apart_in_process(handle):
    """Okta pages answer two Link lines (self and next): requests' ``links`` must see both."""
    with handle():
        page = requests.get("https://acme.okta.com/api/v1/groups?limit=1",
                            headers={"Authorization": "SSWS token"})
        assert page.status_code == 200 and len(page.json()) == 1
        assert page.headers["Content-Type"] == "application/json"  # one, not responses' text/plain too
        assert set(page.links) == {"self", "next"}
        following = requests.get(page.links["next"]["url"], headers={"Authorization": "SSWS token"})
        assert following.status_code == 200 and following.json()[0]["id"] != page.json()[0]["id"]
