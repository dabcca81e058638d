"""Okta's official Python SDK (``okta`` 3.x, on aiohttp) as a real client: over HTTP against a live
server and in process through ``jcmock.mock_okta``, one PUT per resource family read back.

Each replace echoes the object the SDK read (its server fields, ``_links`` and re-serialised
timestamps, reference quirk 15), as SDK scripts do. Source: issue 12, Build 5 and 7.
"""
import asyncio

import pytest

from helpers import LiveServer

okta_sdk = pytest.importorskip("okta.client")
from okta import models  # noqa: E402
from okta.pagination import paginate_all  # noqa: E402

TOKEN = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd"
USER, GROUP, APP, AS, CLAIM = ("00uvmg6h0RsNJsNv41d7", "00gqyw6Fv8Klye4C91d7", "0oauJc4Po0Rr7dHU71d7",
                               "ausl5phnW25toJXmP1d7", "oclXd9uUE9mQAQsiK1d7")
POLICY, BRAND, THEME = "00pnPgJukCZPZt5wl1d7", "bndlqgMd9njaIRUTv1d7", "theidpjT0ve8lhV0C1d7"
ZONE = "nzog9GAh6xaRY86vC1d7"
EVENT_HOOK, INLINE_HOOK, ORIGIN, IDP = ("whoVhMisAoSqu6wr31d7", "calpqHnYMmFNTL8pQ1d7", "toslolGYVhlaCdcS71d7",
                                        "0oair8frijVUHoCrk1d7")
USER_TYPE, GROUP_RULE, AUTHENTICATOR = "otyM9EntsvNj6poWW1d7", "0prqeSxocg4Hx29p61d7", "aut9FJ5r1ydeytNnE1d7"


@pytest.fixture(params=["http", "in-process"])
def sdk(request, monkeypatch):
    """An SDK client on a live server (http, the SDK's documented https-check switch on) or on mock_okta."""
    if request.param == "http":
        # The SDK reads this switch only from the environment or okta.yaml, not from the config dict.
        monkeypatch.setenv("OKTA_TESTING_TESTINGDISABLEHTTPSCHECK", "true")
        url = request.getfixturevalue("okta_server")
    else:
        url = request.getfixturevalue("okta").base_url
    return okta_sdk.Client({"orgUrl": url, "token": TOKEN})


def run(call):
    """Await one SDK call; ``(data, response)``, failing with the SDK's error if it answered one."""
    data, response, error = asyncio.run(call)
    assert error is None, error
    return data, response


def echo(sdk, getter, replacer, change, *ids, request=None):
    """Read an object with the SDK, change it, PUT it back whole (as the SDK's ``request`` model when
    the PUT takes another type than the GET answers), and read it again."""
    obj, _ = run(getter(*ids))
    change(obj)
    body = obj if request is None else request.from_dict(obj.to_dict())
    replaced, response = run(replacer(*ids, body))
    assert response.status_code == 200
    return replaced, run(getter(*ids))[0]


def test_replace_user_profile(sdk):
    def change(user):
        user.profile.title = "Staff Engineer"
    replaced, read = echo(sdk, sdk.get_user, sdk.replace_user, change, USER,
                          request=models.UpdateUserRequest)
    assert read.profile.title == "Staff Engineer" and read.status == replaced.status


def test_replace_group_and_add_a_member(sdk):
    group = models.AddGroupRequest(profile=models.OktaUserGroupProfile(name="Engineering", description="Builds"))
    replaced, _ = run(sdk.replace_group(GROUP, group))
    assert replaced.to_dict()["profile"]["description"] == "Builds"
    _, response = run(sdk.assign_user_to_group(GROUP, "00ubTJY1huQIZJufx1d7"))
    assert response.status_code == 204
    members, _ = run(sdk.list_group_users(GROUP))
    assert "00ubTJY1huQIZJufx1d7" in [member.id for member in members]


def test_replace_application_label(sdk):
    def change(app):
        app.label = "Team Wiki"
    _, read = echo(sdk, sdk.get_application, sdk.replace_application, change, APP)
    assert read.label == "Team Wiki"


def test_replace_policy(sdk):
    def change(policy):
        policy.description = "Stronger passwords"
    _, read = echo(sdk, sdk.get_policy, sdk.replace_policy, change, POLICY)
    assert read.description == "Stronger passwords"


def test_replace_authorization_server_and_claim(sdk):
    def rename(server):
        server.description = "Orders API"
    _, read = echo(sdk, sdk.get_authorization_server, sdk.replace_authorization_server, rename, AS)
    assert read.description == "Orders API"

    def revalue(claim):
        claim.value = "user.profile.costCenter"
    _, claim = echo(sdk, sdk.get_o_auth2_claim, sdk.replace_o_auth2_claim, revalue, AS, CLAIM)
    assert claim.value == "user.profile.costCenter"


def test_replace_brand_and_theme(sdk):
    brand = models.BrandRequest(name="Acme Partners", agreeToCustomPrivacyPolicy=True,
                                customPrivacyPolicyUrl="https://acme.example/privacy")
    replaced, _ = run(sdk.replace_brand(BRAND, brand))
    assert replaced.name == "Acme Partners"

    def recolour(theme):
        theme.primary_color_hex = "#112233"
    _, read = echo(sdk, sdk.get_brand_theme, sdk.replace_brand_theme, recolour, BRAND, THEME,
                   request=models.UpdateThemeRequest)
    assert read.primary_color_hex == "#112233"


def test_replace_network_zone(sdk):
    def rename(zone):
        zone.name = "Office IPs"
    _, read = echo(sdk, sdk.get_network_zone, sdk.replace_network_zone, rename, ZONE)
    assert read.name == "Office IPs"


def test_replace_event_and_inline_hooks(sdk):
    def rename_event(hook):
        hook.name = "SIEM feed"
    _, event = echo(sdk, sdk.get_event_hook, sdk.replace_event_hook, rename_event, EVENT_HOOK)
    assert event.name == "SIEM feed"

    def rename_inline(hook):
        hook.name = "Token enricher"
    _, inline = echo(sdk, sdk.get_inline_hook, sdk.replace_inline_hook, rename_inline, INLINE_HOOK,
                     request=models.InlineHookReplace)
    assert inline.name == "Token enricher"


def test_replace_trusted_origin_idp_and_user_type(sdk):
    def rename_origin(origin):
        origin.name = "Portal"
    assert echo(sdk, sdk.get_trusted_origin, sdk.replace_trusted_origin, rename_origin, ORIGIN)[1].name == "Portal"

    def rename_idp(idp):
        idp.name = "Partner OIDC"
    _, idp = echo(sdk, sdk.get_identity_provider, sdk.replace_identity_provider, rename_idp, IDP)
    assert idp.name == "Partner OIDC"

    def describe(user_type):
        user_type.description = "Outside staff"
    _, read = echo(sdk, sdk.get_user_type, sdk.replace_user_type, describe, USER_TYPE,
                   request=models.UserTypePutRequest)
    assert read.description == "Outside staff"


def test_replace_group_rule_authenticator_and_org(sdk):
    def rename_rule(rule):
        rule.name = "Sales by title"
    assert echo(sdk, sdk.get_group_rule, sdk.replace_group_rule, rename_rule, GROUP_RULE)[1].name == "Sales by title"

    def rename_authenticator(authenticator):
        authenticator.name = "Email code"
    _, read = echo(sdk, sdk.get_authenticator, sdk.replace_authenticator, rename_authenticator, AUTHENTICATOR)
    assert read.name == "Email code"

    org, _ = run(sdk.get_org_settings())
    org.company_name = "Acme Corp"
    run(sdk.replace_org_settings(org))
    assert run(sdk.get_org_settings())[0].company_name == "Acme Corp"


def test_paging_follows_link_headers_without_duplicates(sdk):
    """The SDK's own pager reads ``Link`` rel="next" page by page."""
    async def every_user():
        return [user.id async for user in paginate_all(sdk.list_users, limit=3)]
    seen = asyncio.run(every_user())
    assert len(seen) == len(set(seen)) == 10


def test_unknown_id_is_the_sdks_e0000007(sdk):
    _, _, error = asyncio.run(sdk.get_user("00uUnknownUnknown000"))
    assert "E0000007" in str(error) and "(User)" in str(error)


def test_a_bad_token_is_the_sdks_e0000011(tmp_path, monkeypatch):
    """Over HTTP against a server that accepts one token only."""
    monkeypatch.setenv("OKTA_TESTING_TESTINGDISABLEHTTPSCHECK", "true")
    server = LiveServer(tmp_path, "--service", "okta", "--api-key", TOKEN)
    try:
        good = okta_sdk.Client({"orgUrl": server.url, "token": TOKEN})
        assert run(good.get_user(USER))[0].id == USER
        bad = okta_sdk.Client({"orgUrl": server.url, "token": "00aNotTheTokenNotTheToken000000000000000000"})
        _, _, error = asyncio.run(bad.get_user(USER))
        assert "E0000011" in str(error)
    finally:
        server.stop()
