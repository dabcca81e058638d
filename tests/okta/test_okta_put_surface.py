"""Every one of the 37 PUT endpoints: a replace read back, a validation failure naming the field,
an unknown id (404 E0000007 with Okta's type name) and a bad token. Source: reference §2 and §3."""
from dataclasses import dataclass, field

import pytest
from okta_helpers import make_app

APP, SAML_APP = "0oauJc4Po0Rr7dHU71d7", "0oaO7hZpLu69qPgfn1d7"
USER, ADMIN = "00uvmg6h0RsNJsNv41d7", "00ubTJY1huQIZJufx1d7"
ENGINEERING, SALES = "00gqyw6Fv8Klye4C91d7", "00gkr0daOhrwE2qSb1d7"
HELPDESK = "00g2rlBpIxvcwsPIA1d7"
AS, AS_POLICY = "ausl5phnW25toJXmP1d7", "00pPqntOh0g4r52iD1d7"
BRAND, THEME = "bndlqgMd9njaIRUTv1d7", "theidpjT0ve8lhV0C1d7"
USER_ADMIN_ROLE, USER_APP_ADMIN_ROLE = "KVJUKUS7IFCE2SKO", "IFIFAX2BIRGUSTQ"
GROUP_HELPDESK_ROLE, GROUP_APP_ADMIN_ROLE = "JBCUYUC7IRCVGS27IFCE2SKO", "IFIFAX2BIRGUSTQKVJU"
UNKNOWN = "00xUnknownUnknown0000"


@dataclass
class Put:
    """One PUT: ``path`` with ``{id}`` where the unknown id goes; ``expect`` is read back from ``read``."""

    path: str
    id: str
    body: dict | None = None
    expect: dict = field(default_factory=dict)
    read: str | None = None            # GET path that shows the change (default: the PUT path)
    bad: dict | None = None            # a body failing validation ...
    bad_field: str | None = None       # ... naming this field
    type_name: str = ""
    status: int = 200
    check: callable = None             # extra read-back check: fn(answer of read)


CASES = {
    "app": Put("/api/v1/apps/{id}", APP, {"label": "Wiki 2", "signOnMode": "BOOKMARK", "name": "bookmark",
               "settings": {"app": {"url": "https://wiki2.acme.example"}}}, {"label": "Wiki 2"},
               bad={"label": "x", "signOnMode": "BOOKMARK", "name": "bookmark"}, bad_field="settings",
               type_name="AppInstance"),
    "app_feature": Put("/api/v1/apps/{id}/features/USER_PROVISIONING", SAML_APP,
                       {"update": {"password": {"status": "ENABLED", "seed": "OKTA", "change": "CHANGE"}}},
                       check=lambda a: a["capabilities"]["update"]["password"]["seed"] == "OKTA"
                       and a["capabilities"]["create"]["lifecycleCreate"]["status"] == "ENABLED",
                       bad={"update": {"password": {"seed": "SOMETIMES"}}}, bad_field="update.password.seed",
                       type_name="AppInstance"),
    "app_group": Put(f"/api/v1/apps/{APP}/groups/{{id}}", SALES, {"priority": 3, "profile": {"role": "x"}},
                     {"priority": 3}, bad={"priority": "high"}, bad_field="priority", type_name="UserGroup"),
    "app_policy": Put(f"/api/v1/apps/{SAML_APP}/policies/{{id}}", "rstOevbTOfMuRpBBh1d7", status=204,
                      read=f"/api/v1/apps/{SAML_APP}",
                      check=lambda a: a["_links"]["accessPolicy"]["href"].endswith("rstOevbTOfMuRpBBh1d7"),
                      type_name="Policy"),
    "authenticator": Put("/api/v1/authenticators/{id}", "aut9FJ5r1ydeytNnE1d7",
                         {"key": "okta_email", "name": "Email 2", "type": "email"}, {"name": "Email 2"},
                         check=lambda a: a["settings"], bad={"key": "carrier_pigeon", "name": "x"},
                         bad_field="key", type_name="Authenticator"),
    "authorization_server": Put("/api/v1/authorizationServers/{id}", AS,
                                {"name": "Acme API 2", "audiences": ["api://acme2"]}, {"audiences": ["api://acme2"]},
                                bad={"name": "x", "audiences": []}, bad_field="audiences",
                                type_name="AuthorizationServer"),
    "as_claim": Put(f"/api/v1/authorizationServers/{AS}/claims/{{id}}", "oclud4yKORtEwx8kJ1d7",
                    {"name": "dept", "claimType": "RESOURCE", "valueType": "EXPRESSION", "value": "user.department"},
                    {"name": "dept", "value": "user.department"},
                    bad={"name": "dept", "claimType": "BOTH", "valueType": "EXPRESSION", "value": "x"},
                    bad_field="claimType", type_name="OAuth2Claim"),
    "as_policy": Put(f"/api/v1/authorizationServers/{AS}/policies/{{id}}", AS_POLICY,
                     {"type": "OAUTH_AUTHORIZATION_POLICY", "name": "All clients", "description": "d", "priority": 9,
                      "conditions": {"clients": {"include": ["ALL_CLIENTS"]}}}, {"name": "All clients", "priority": 1},
                     bad={"type": "OAUTH_AUTHORIZATION_POLICY", "name": "x", "conditions": {}},
                     bad_field="description", type_name="Policy"),
    "as_policy_rule": Put(f"/api/v1/authorizationServers/{AS}/policies/{AS_POLICY}/rules/{{id}}",
                          "0prYVxipiTFgOq1XE1d7",
                          {"name": "Code flow", "type": "RESOURCE_ACCESS", "priority": 2,
                           "conditions": {"grantTypes": {"include": ["authorization_code"]}}},
                          {"name": "Code flow", "priority": 1},
                          bad={"name": "x", "type": "ACCESS", "conditions": {}}, bad_field="type",
                          type_name="PolicyRule"),
    "as_scope": Put(f"/api/v1/authorizationServers/{AS}/scopes/{{id}}", "scpJQywoSFPRJTb6T1d7",
                    {"name": "acme:read"}, {"name": "acme:read", "description": None, "consent": "IMPLICIT"},
                    bad={"name": "acme:read", "consent": "SOMETIMES"}, bad_field="consent", type_name="OAuth2Scope"),
    "brand": Put("/api/v1/brands/{id}", BRAND, {"name": "Acme Partners"}, {"name": "Acme Partners",
                 "customPrivacyPolicyUrl": None}, bad={"name": "x", "customPrivacyPolicyUrl": "https://p.example"},
                 bad_field="agreeToCustomPrivacyPolicy", type_name="Brand"),
    "email_customization": Put(f"/api/v1/brands/{BRAND}/templates/email/UserActivation/customizations/{{id}}",
                               "oelIBu9ncWj0nN5Hp1d7", {"language": "fr", "subject": "Bienvenue", "body": "<p>x</p>"},
                               {"subject": "Bienvenue"}, bad={"language": "fr", "subject": "s"}, bad_field="body",
                               type_name="EmailTemplateCustomization"),
    "theme": Put(f"/api/v1/brands/{BRAND}/themes/{{id}}", THEME,
                 {"primaryColorHex": "#ffffff", "secondaryColorHex": "#000000",
                  "signInPageTouchPointVariant": "OKTA_DEFAULT", "endUserDashboardTouchPointVariant": "FULL_THEME",
                  "errorPageTouchPointVariant": "OKTA_DEFAULT", "emailTemplateTouchPointVariant": "FULL_THEME"},
                 {"primaryColorHex": "#ffffff", "primaryColorContrastHex": "#000000"},
                 bad={"primaryColorHex": "blue"}, bad_field="primaryColorHex", type_name="Theme"),
    "domain_certificate": Put("/api/v1/domains/{id}/certificate", "OcDZUXTQrGafugum01d7",
                              {"type": "PEM",
                               "certificate": "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----",
                               "certificateChain": "C", "privateKey": "K"}, status=204,
                              read="/api/v1/domains/OcDZUXTQrGafugum01d7",
                              check=lambda a: a["certificateSourceType"] == "MANUAL" and "privateKey" not in str(a),
                              bad={"type": "DER", "certificate": "x", "certificateChain": "c", "privateKey": "k"},
                              bad_field="type", type_name="Domain"),
    "event_hook": Put("/api/v1/eventHooks/{id}", "whoVhMisAoSqu6wr31d7",
                      {"name": "Feed 2", "events": {"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]},
                       "channel": {"type": "HTTP", "version": "1.0.0", "config": {
                           "uri": "https://siem.acme.example/v2", "authScheme": {
                               "type": "HEADER", "key": "Authorization", "value": "secret-value"}}}},
                      {"name": "Feed 2", "verificationStatus": "UNVERIFIED"},
                      check=lambda a: "secret-value" not in str(a),
                      bad={"name": "x", "events": {"type": "EVENT_TYPE", "items": []}, "channel": {}},
                      bad_field="events.items", type_name="Webhook"),
    "group_rule": Put("/api/v1/groups/rules/{id}", "0prqeSxocg4Hx29p61d7",
                      {"type": "group_rule", "name": "Sales by title", "conditions": {"expression": {
                          "type": "urn:okta:expression:1.0", "value": "user.title==\"Sales\""}},
                       "actions": {"assignUserToGroups": {"groupIds": [SALES]}}}, {"name": "Sales by title"},
                      bad={"type": "group_rule", "name": "x" * 51}, bad_field="name", type_name="GroupRule"),
    "group": Put("/api/v1/groups/{id}", ENGINEERING, {"profile": {"name": "Engineering", "costCenter": "42"}},
                 {"profile": {"name": "Engineering", "description": None, "costCenter": "42"}},
                 bad={"profile": {"description": "no name"}}, bad_field="profile.name", type_name="UserGroup"),
    "group_role_app": Put(f"/api/v1/groups/{HELPDESK}/roles/{GROUP_APP_ADMIN_ROLE}/targets/catalog/apps/salesforce",
                          None, status=200,
                          read=f"/api/v1/groups/{HELPDESK}/roles/{GROUP_APP_ADMIN_ROLE}/targets/catalog/apps",
                          check=lambda a: [t["name"] for t in a] == ["salesforce"]),
    "group_role_app_instance": Put(
        f"/api/v1/groups/{HELPDESK}/roles/{GROUP_APP_ADMIN_ROLE}/targets/catalog/apps/bookmark/{{id}}", APP, status=204,
        read=f"/api/v1/groups/{HELPDESK}/roles/{GROUP_APP_ADMIN_ROLE}/targets/catalog/apps",
        check=lambda a: [t.get("id") for t in a] == [APP], type_name="AppInstance"),
    "group_role_group": Put(f"/api/v1/groups/{HELPDESK}/roles/{GROUP_HELPDESK_ROLE}/targets/groups/{{id}}", SALES,
                            status=204, read=f"/api/v1/groups/{HELPDESK}/roles/{GROUP_HELPDESK_ROLE}/targets/groups",
                            check=lambda a: {g["id"] for g in a} == {ENGINEERING, SALES}, type_name="UserGroup"),
    "group_member": Put(f"/api/v1/groups/{SALES}/users/{{id}}", USER, status=204,
                        read=f"/api/v1/groups/{SALES}/users", check=lambda a: USER in [u["id"] for u in a],
                        type_name="User"),
    "idp": Put("/api/v1/idps/{id}", "0oair8frijVUHoCrk1d7",
               {"type": "OIDC", "name": "Partner 2", "protocol": {"type": "OIDC", "scopes": ["openid"]}},
               {"name": "Partner 2", "issuerMode": "DYNAMIC"}, bad={"type": "CARRIER", "name": "x", "protocol": {}},
               bad_field="type", type_name="IdpTrust"),
    "inline_hook": Put("/api/v1/inlineHooks/{id}", "calpqHnYMmFNTL8pQ1d7",
                       {"name": "Tokens 2", "version": "1.0.0", "channel": {"type": "HTTP", "version": "1.0.0",
                        "config": {"uri": "https://hooks.acme.example/t2"}}}, {"name": "Tokens 2",
                        "type": "com.okta.oauth2.tokens.transform"},
                       bad={"name": "x", "version": "1.0.0", "channel": {"type": "SMOKE"}}, bad_field="channel.type",
                       type_name="InlineHook"),
    "zone": Put("/api/v1/zones/{id}", "nzog9GAh6xaRY86vC1d7",
                {"type": "IP", "name": "Offices", "gateways": [{"type": "CIDR", "value": "192.0.2.0/24"}]},
                {"name": "Offices", "proxies": None, "usage": "POLICY"},
                bad={"type": "IP", "name": "x", "gateways": [{"type": "MASK", "value": "1"}]},
                bad_field="gateways[0].type", type_name="NetworkZone"),
    "org": Put("/api/v1/org", None, {"companyName": "Acme Inc", "website": "https://acme.example"},
               {"companyName": "Acme Inc", "city": None}, bad={"companyName": 42}, bad_field="companyName"),
    "org_contact": Put("/api/v1/org/contacts/{id}", "BILLING", {"userId": USER}, {"userId": USER},
                       bad={}, bad_field="userId", type_name="OrgContactType"),
    "policy": Put("/api/v1/policies/{id}", "00p0c47poOJxdlMVz1d7",
                  {"type": "OKTA_SIGN_ON", "name": "Engineering sign-on", "priority": 1},
                  {"name": "Engineering sign-on",
                   "description": None}, bad={"type": "OKTA_SIGN_ON"}, bad_field="name", type_name="Policy"),
    "policy_rule": Put("/api/v1/policies/00p0c47poOJxdlMVz1d7/rules/{id}", "0pruu3YixbRPDAFEg1d7",
                       {"type": "SIGN_ON", "name": "Office only", "actions": {"signon": {"access": "DENY"}}},
                       {"name": "Office only", "actions": {"signon": {"access": "DENY"}}},
                       bad={"type": "SIGN_IN", "name": "x"}, bad_field="type", type_name="PolicyRule"),
    "sms_template": Put("/api/v1/templates/sms/{id}", "cstSeYz9VGuB0JMp21d7",
                        {"name": "Acme", "type": "SMS_VERIFY_CODE", "template": "Code ${code}"},
                        {"template": "Code ${code}", "translations": {}},
                        bad={"name": "Acme", "type": "SMS_VERIFY_CODE", "template": "no macro"}, bad_field="template",
                        type_name="SmsTemplate"),
    "trusted_origin": Put("/api/v1/trustedOrigins/{id}", "toslolGYVhlaCdcS71d7",
                          {"name": "Portal", "origin": "https://portal2.acme.example",
                           "scopes": [{"type": "REDIRECT"}]},
                          {"origin": "https://portal2.acme.example"}, bad={"name": "x", "origin": "o", "scopes": []},
                          bad_field="scopes", type_name="TrustedOrigin"),
    "linked_object": Put(f"/api/v1/users/{{id}}/linkedObjects/manager/{USER}", "00ujygq67G5JjHKEo1d7", status=204,
                         read="/api/v1/users/00ujygq67G5JjHKEo1d7/linkedObjects/manager",
                         check=lambda a: [link["_links"]["self"]["href"].rsplit("/", 1)[1] for link in a] == [USER],
                         type_name="User"),
    "user": Put("/api/v1/users/{id}", USER, {"profile": {"login": "isaac.brock@acme.example",
                "email": "isaac.brock@acme.example", "firstName": "Isaac", "lastName": "Brock"}},
                check=lambda a: "employeeNumber" not in a["profile"] and a["status"] == "ACTIVE",
                bad={"profile": {"login": "isaac.brock@acme.example", "email": "not-an-email",
                                 "firstName": "I", "lastName": "B"}}, bad_field="profile.email", type_name="User"),
    "user_role_all_apps": Put(f"/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{USER_APP_ADMIN_ROLE}/targets/catalog/apps",
                              None, status=200,
                              read=f"/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{USER_APP_ADMIN_ROLE}/targets/catalog/apps",
                              check=lambda a: a == []),
    "user_role_app": Put("/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{id}/targets/catalog/apps/bookmark",
                         USER_APP_ADMIN_ROLE, status=204,
                         read=f"/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{USER_APP_ADMIN_ROLE}/targets/catalog/apps",
                         check=lambda a: sorted(t["name"] for t in a) == ["bookmark", "salesforce"]
                         and all("id" not in t for t in a), type_name="RoleAssignment"),
    "user_role_app_instance": Put(
        f"/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{USER_APP_ADMIN_ROLE}/targets/catalog/apps/bookmark/{{id}}", APP,
        status=204, read=f"/api/v1/users/00ujygq67G5JjHKEo1d7/roles/{USER_APP_ADMIN_ROLE}/targets/catalog/apps",
        check=lambda a: APP in [t.get("id") for t in a], type_name="AppInstance"),
    "user_role_group": Put(f"/api/v1/users/{USER}/roles/{USER_ADMIN_ROLE}/targets/groups/{{id}}", ENGINEERING,
                           status=204, read=f"/api/v1/users/{USER}/roles/{USER_ADMIN_ROLE}/targets/groups",
                           check=lambda a: {g["id"] for g in a} == {SALES, ENGINEERING}, type_name="UserGroup"),
    "user_type": Put("/api/v1/meta/types/user/{id}", "otyM9EntsvNj6poWW1d7",
                     {"name": "contractor", "displayName": "Contractors", "description": "External"},
                     {"displayName": "Contractors"}, bad={"name": "vendor", "displayName": "x", "description": "y"},
                     bad_field="name", type_name="CVDType"),
}


def _url(case, obj_id=None):
    return case.path.format(id=case.id if obj_id is None else obj_id)


def test_the_table_covers_the_37_put_endpoints():
    """Reference §2 lists 37 PUT paths."""
    assert len(CASES) == 37


@pytest.mark.parametrize("name", CASES)
def test_put_replaces_and_reads_back(client, name):
    """Reference §3, each endpoint's semantics: the PUT answers its status and a GET shows the change."""
    case = CASES[name]
    answer = client.put(_url(case), json=case.body)
    assert answer.status_code == case.status, answer.json
    if case.status == 204 or case.body is None:
        assert answer.data == b"" and "Content-Type" not in answer.headers
    read = client.get(case.read or _url(case))
    assert read.status_code == 200, read.json
    for key, value in case.expect.items():
        assert read.json[key] == value, (key, read.json)
    if case.check is not None:
        assert case.check(read.json), read.json


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.bad is not None])
def test_put_with_an_invalid_body_names_the_field(client, name):
    """Reference §1.3: 400 E0000001, one errorCauses entry per problem, as ``<field>: <message>``."""
    case = CASES[name]
    answer = client.put(_url(case), json=case.bad)
    assert answer.status_code == 400, answer.json
    assert answer.json["errorCode"] == "E0000001"
    assert case.bad_field in answer.json["errorSummary"]
    assert any(c["errorSummary"].startswith(f"{case.bad_field}:") for c in answer.json["errorCauses"])


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.type_name])
def test_put_on_an_unknown_id_is_404(client, name):
    """Reference §1.9: PUT never creates; 404 E0000007 ``Resource not found: <id> (<InternalType>)``."""
    case = CASES[name]
    answer = client.put(_url(case, UNKNOWN if case.id != "BILLING" else "SHIPPING"), json=case.body)
    assert answer.status_code == 404, answer.json
    assert answer.json["errorCode"] == "E0000007"
    assert answer.json["errorSummary"].endswith(f"({case.type_name})")


@pytest.mark.parametrize("name", CASES)
def test_put_with_a_bad_token_is_401(name):
    """Reference §1.2: an unknown token is 401 E0000011 on every PUT."""
    case = CASES[name]
    strict = make_app(tokens=("the-only-token",)).test_client()
    answer = strict.put(_url(case), json=case.body, headers={"Authorization": "SSWS not-the-token"})
    assert answer.status_code == 401
    assert answer.json["errorCode"] == "E0000011"
