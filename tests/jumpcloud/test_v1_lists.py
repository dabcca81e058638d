"""v1 list semantics, the v1 search endpoint, and v2's ``between``, over HTTP.

Sources: jcapiv1's ``SystemusersApi.md`` (``systemusers_list``, ``systemusers_get``) and
``SearchApi.md`` (``search_systemusers_post``) with its ``Search`` model, from
TheJumpCloud/jcapi-python; the v2 spec's ``trait:filter:filter``. Every filtered, sorted or
projected answer is compared with one computed here from the unfiltered list.
"""
import operator

import pytest

V1 = "/api/systemusers"
SEARCH = "/api/search/systemusers"
OPS = {"$eq": operator.eq, "$ne": operator.ne, "$gt": operator.gt, "$gte": operator.ge,
       "$lt": operator.lt, "$lte": operator.le}
# Numeric order differs from text order, so a text comparison would pick other users.
UIDS = (7, 80, 900, 5000, 10000)


def get(server, path=V1, params=None):
    return server.session.get(f"{server.url}{path}", params=params, timeout=10)


def search(server, body=None, params=None, data=None):
    kwargs = {"json": body} if data is None else {"data": data, "headers": {"Content-Type": "application/json"}}
    return server.session.post(f"{server.url}{SEARCH}", params=params, timeout=10, **kwargs)


def everyone(server):
    answer = get(server, params={"limit": 100})
    assert answer.status_code == 200, answer.text
    users = answer.json()["results"]
    assert answer.json()["totalCount"] == len(users) >= 5
    return users


def usernames(users):
    return [user["username"] for user in users]


def listed(server, params, path=V1):
    answer = get(server, path, {"limit": 100, **params} if isinstance(params, dict) else [("limit", 100), *params])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["totalCount"] == len(body["results"])
    return body["results"]


def assert_v1_error(answer, *needles):
    assert answer.status_code == 400, answer.text
    error = answer.json()
    assert error["code"] == 400 and error["status"] == "Bad Request", error
    for needle in needles:
        assert needle in error["message"], error["message"]


@pytest.fixture
def numbered(server, manifest):
    """The fixture users with unix_uid values whose text order is not their numeric order."""
    updates = [{"id": user_id, "unix_uid": uid} for user_id, uid in zip(manifest["users"], UIDS)]
    assert server.request("PATCH", "/bulk/users", json=updates).status_code == 200
    return server


# --- v1 list: filter ------------------------------------------------------------------


@pytest.mark.parametrize("op", list(OPS))
def test_v1_filter_operator_on_text_field(server, op):
    """jcapiv1 SystemusersApi.md, systemusers_list ``filter``: ``<field>:<operator>:<value>`` with
    ``$eq $ne $gt $gte $lt $lte`` (e.g. ``password_expiration_date:$lte:2021-10-24``)."""
    users = everyone(server)
    pivot = sorted(user["created"] for user in users)[2]
    expected = [user for user in users if OPS[op](user["created"], pivot)]
    assert listed(server, {"filter": f"created:{op}:{pivot}"}) == expected


@pytest.mark.parametrize("op", list(OPS))
def test_v1_filter_operator_on_number_compares_numerically(numbered, op):
    """jcapiv1 SystemusersApi.md, systemusers_list ``filter``: each v1 operator; a number field
    compares as a number, as the v2 operators do."""
    users = everyone(numbered)
    assert sorted(user["unix_uid"] for user in users) == list(UIDS)
    expected = [user for user in users if OPS[op](user["unix_uid"], 900)]
    assert listed(numbered, {"filter": f"unix_uid:{op}:900"}) == expected


def test_v1_filter_doc_example_department_ne_accounting(server):
    """jcapiv1 SystemusersApi.md's own example: ``GET /systemusers?filter=department:$ne:Accounting``."""
    users = everyone(server)
    assert listed(server, {"filter": "department:$ne:Accounting"}) == [
        user for user in users if user["department"] != "Accounting"]
    department = users[0]["department"]
    assert listed(server, {"filter": f"department:$ne:{department}"}) == [
        user for user in users if user["department"] != department]


def test_v1_filter_is_case_sensitive(server):
    """jcapiv1 SystemusersApi.md, ``filter`` **value**: "Is case sensitive"."""
    user = everyone(server)[0]
    assert listed(server, {"filter": f"username:$eq:{user['username']}"}) == [user]
    assert listed(server, {"filter": f"username:$eq:{user['username'].upper()}"}) == []


def test_v1_repeated_filter_params_are_anded(server):
    """jcapiv1 SystemusersApi.md: several filters on one list all apply (AND)."""
    users = everyone(server)
    low, high = sorted(user["created"] for user in users)[1], sorted(user["created"] for user in users)[3]
    expected = [user for user in users if low <= user["created"] < high]
    assert len(expected) == 2
    assert listed(server, [("filter", f"created:$gte:{low}"), ("filter", f"created:$lt:{high}")]) == expected


def test_v1_indexed_filters_are_anded(server):
    """jcapiv1 SystemusersApi.md: ``filter[0]=firstname:$eq:foo&filter[1]=lastname:$eq:bar`` ANDs the filters."""
    users = everyone(server)
    pivot = sorted(user["created"] for user in users)[1]
    expected = [user for user in users if user["state"] == "ACTIVATED" and user["created"] >= pivot]
    assert 0 < len(expected) < len([user for user in users if user["state"] == "ACTIVATED"])
    assert listed(server, {"filter[0]": "state:$eq:ACTIVATED", "filter[1]": f"created:$gte:{pivot}"}) == expected
    target = users[2]
    assert listed(server, {"filter[0]": f"firstname:$eq:{target['firstname']}",
                           "filter[1]": f"lastname:$eq:{target['lastname']}"}) == [target]


def test_v1_or_indexed_filters_are_ored(server):
    """jcapiv1 SystemusersApi.md: ``filter[or][0]=lastname:$eq:foo&filter[or][1]=lastname:$eq:bar`` ORs the filters."""
    users = everyone(server)
    names = {users[1]["lastname"], users[3]["lastname"]}
    params = {f"filter[or][{i}]": f"lastname:$eq:{name}" for i, name in enumerate(sorted(names))}
    expected = [user for user in users if user["lastname"] in names]
    assert len(expected) == 2
    assert listed(server, params) == expected


def test_v1_or_filters_and_with_the_other_filters(server):
    """jcapiv1 SystemusersApi.md: plain and ``filter[i]`` filters AND with the ``filter[or]`` group."""
    users = everyone(server)
    departments = {users[0]["department"], users[3]["department"]}
    state = users[3]["state"]
    params = {"filter[or][0]": f"department:$eq:{users[0]['department']}",
              "filter[or][1]": f"department:$eq:{users[3]['department']}", "filter": f"state:$eq:{state}"}
    assert listed(server, params) == [user for user in users
                                      if user["department"] in departments and user["state"] == state]


@pytest.mark.parametrize("v2, v1", [("eq", "$eq"), ("ne", "$ne"), ("ge", "$gte"), ("le", "$lte"), ("gte", "$gte")])
def test_v1_route_rejects_v2_operator_naming_the_v1_spelling(server, v2, v1):
    """jcapiv1 SystemusersApi.md: "v1 operators differ from v2 operators ... excluding the ``$`` will
    result in undefined behavior": jcmock answers 400 naming the v1 operator."""
    assert_v1_error(get(server, params={"filter": f"state:{v2}:SUSPENDED"}), f"state:{v1}:SUSPENDED", '"filter"')
    assert_v1_error(get(server, params={"filter[or][0]": f"state:{v2}:SUSPENDED"}), v1, '"filter[or][0]"')


@pytest.mark.parametrize("value", ["state:$in:A|B", "state:$like:x", "state", ":$eq:x", "state:$eq"])
def test_v1_malformed_filter_is_400(server, value):
    """jcapiv1 SystemusersApi.md: ``filter`` is ``<field>:<operator>:<value>`` with the six v1 operators."""
    assert_v1_error(get(server, params={"filter": value}), "$eq, $ne, $gt, $gte, $lt, $lte")


# --- v1 list: sort, fields, paging ------------------------------------------------------


def test_v1_sort_is_space_separated_multi_key_with_descending(server):
    """jcapiv1 SystemusersApi.md, systemusers_list ``sort``: "The space separated fields used to sort
    the collection. Default sort is ascending, prefix with ``-`` to sort descending"."""
    users = everyone(server)
    assert len({user["state"] for user in users}) > 1  # ties on the first key, so the second one counts
    expected = sorted(sorted(users, key=lambda u: u["username"], reverse=True), key=lambda u: u["state"])
    assert listed(server, {"sort": "state -username"}) == expected
    assert listed(server, {"sort": "-state username"}) == sorted(
        sorted(users, key=lambda u: u["username"]), key=lambda u: u["state"], reverse=True)


def test_v1_fields_is_space_separated_and_keeps_both_ids(server):
    """jcapiv1 SystemusersApi.md, systemusers_list ``fields``: "The space separated fields included in
    the returned records"; v1 records carry ``_id`` and ``id``."""
    users = everyone(server)
    expected = [{"_id": u["_id"], "id": u["id"], "username": u["username"], "email": u["email"]} for u in users]
    assert listed(server, {"fields": "username email"}) == expected


def test_v1_fields_sort_filter_and_paging_together(server):
    """jcapiv1 SystemusersApi.md, systemusers_list: ``limit``, ``skip``, ``sort``, ``fields`` and ``filter``
    combine; ``totalCount`` counts every match, not the page."""
    users = everyone(server)
    matching = sorted([u for u in users if u["department"] != users[0]["department"]],
                      key=lambda u: u["username"], reverse=True)
    answer = get(server, params={"filter": f"department:$ne:{users[0]['department']}", "sort": "-username",
                                 "fields": "username", "limit": 2, "skip": 1})
    assert answer.status_code == 200
    assert answer.json() == {"totalCount": len(matching), "results": [
        {"_id": u["_id"], "id": u["id"], "username": u["username"]} for u in matching[1:3]]}


def test_v1_fields_on_item_get(server):
    """jcapiv1 SystemusersApi.md, systemusers_get ``fields``: "Use a space seperated string of field
    parameters to include the data in the response"."""
    user = everyone(server)[1]
    answer = get(server, f"{V1}/{user['id']}", {"fields": "username department"})
    assert answer.status_code == 200
    assert answer.json() == {"_id": user["_id"], "id": user["id"], "username": user["username"],
                             "department": user["department"]}
    assert get(server, f"{V1}/{user['id']}").json() == user


def test_v1_filter_on_item_get(server):
    """jcapiv1 SystemusersApi.md, systemusers_get documents ``filter``: a user it does not match is not found."""
    user = everyone(server)[1]
    matching = get(server, f"{V1}/{user['id']}", {"filter": f"department:$eq:{user['department']}"})
    assert matching.status_code == 200 and matching.json() == user
    missing = get(server, f"{V1}/{user['id']}", {"filter": f"department:$ne:{user['department']}"})
    assert missing.status_code == 404 and missing.json()["code"] == 404


@pytest.mark.parametrize("path, params, name", [
    (V1, {"departmnet": "IT"}, "departmnet"),
    (V1, {"filter[and][0]": "state:$eq:ACTIVATED"}, "filter[and][0]"),
    (V1, {"search[term]": "alex"}, "search[term]"),
    ("{item}", {"limit": "5"}, "limit"),
    ("{item}", {"sort": "username"}, "sort"),
    (SEARCH, {"sort": "username"}, "sort"),
    (SEARCH, {"search": "{}"}, "search"),
])
def test_v1_unknown_query_parameter_is_400_naming_it(server, manifest, path, params, name):
    """jcapiv1 SystemusersApi.md / SearchApi.md list each route's query parameters; any other one is a
    400 naming it rather than silently ignored."""
    path = path.format(item=f"{V1}/{manifest['users'][0]}")
    answer = search(server, {}, params) if path == SEARCH else get(server, path, params)
    assert_v1_error(answer, f'"{name}"')


def test_v1_bad_limit_and_skip_are_400(server):
    """jcapiv1 SystemusersApi.md, systemusers_list ``limit`` and ``skip`` are integers; SearchApi.md:
    "Limited to 100"."""
    assert_v1_error(get(server, params={"limit": "ten"}), '"limit"')
    assert_v1_error(get(server, params={"skip": "-1"}), '"skip"')
    assert_v1_error(search(server, {}, {"limit": "101"}), '"limit"')


# --- v1 list: search ------------------------------------------------------------------


def test_v1_list_search_param_as_json(server):
    """jcapiv1 SystemusersApi.md, systemusers_list ``search``: "A nested object containing a ``searchTerm``
    string or array of strings and a list of ``fields`` to search on" (sent as JSON)."""
    users = everyone(server)
    term = users[2]["email"].split("@")[0][1:4].upper()
    expected = [u for u in users if term.lower() in u["email"].lower()]
    assert expected
    found = listed(server, {"search": f'{{"searchTerm": "{term}", "fields": ["email"]}}'})
    assert found == expected
    names = [users[0]["username"][:3], users[4]["username"][-3:]]
    expected = [u for u in users if any(n in u["username"] for n in names)]
    assert listed(server, {"search": f'{{"searchTerm": ["{names[0]}", "{names[1]}"], "fields": ["username"]}}'}) \
        == expected


def test_v1_list_search_param_in_brackets(server):
    """jcapiv1 SystemusersApi.md, systemusers_list ``search``, in the bracket form of ``filter[or][0]``:
    ``search[searchTerm]=...&search[fields][]=...``."""
    users = everyone(server)
    term = users[1]["lastname"][1:4]
    expected = [u for u in users if any(term.lower() in u[f].lower() for f in ("lastname", "email"))]
    assert listed(server, [("search[searchTerm]", term), ("search[fields][]", "lastname"),
                           ("search[fields][]", "email")]) == expected
    terms = [users[0]["firstname"], users[3]["firstname"]]
    assert listed(server, {"search[searchTerm][0]": terms[0], "search[searchTerm][1]": terms[1],
                           "search[fields][0]": "firstname"}) == [u for u in users if u["firstname"] in terms]


@pytest.mark.parametrize("params, needle", [
    ({"search": "alex"}, '"search"'),
    ({"search": '{"searchTerm": "a"}'}, "search.fields"),
    ({"search": '{"searchTerm": 5, "fields": ["email"]}'}, "search.searchTerm"),
    ({"search": '["a"]'}, '"search"'),
    ({"search": "[" * 5000}, '"search"'),
    ({"search[searchTerm]": "a"}, "fields"),
    ({"search": '{"searchTerm": "a", "fields": ["email"]}', "search[fields][]": "x"}, "not both"),
])
def test_v1_list_malformed_search_param_is_400(server, params, needle):
    """jcapiv1 SystemusersApi.md, systemusers_list ``search``: an object with ``searchTerm`` and ``fields``."""
    assert_v1_error(get(server, params=params), needle)


# --- POST /api/search/systemusers -------------------------------------------------------


def found(answer):
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == {"totalCount", "results"}
    return body


def test_search_filter_list_of_field_values_is_and(server):
    """jcapiv1 SearchApi.md, search_systemusers_post sample: ``{"filter": [{"department": "IT"}],
    "fields": "email username sudo"}``; a list of query expressions must all match."""
    users = everyone(server)
    department = users[0]["department"]
    body = found(search(server, {"filter": [{"department": department}], "fields": "email username sudo"}))
    expected = [{k: u[k] for k in ("_id", "id", "email", "username", "sudo") if k in u}
                for u in users if u["department"] == department]
    assert body == {"totalCount": len(expected), "results": expected}
    both = [{"state": users[3]["state"]}, {"department": users[3]["department"]}]
    assert found(search(server, {"filter": both}))["results"] == [
        u for u in users if u["state"] == users[3]["state"] and u["department"] == users[3]["department"]]


def test_search_filter_or_object(server):
    """jcapiv1 SearchApi.md sample: ``"filter": {"or": [{"department": "IT"}, {"department": "Sales"}]}``."""
    users = everyone(server)
    departments = [users[0]["department"], users[3]["department"]]
    body = found(search(server, {"filter": {"or": [{"department": d} for d in departments]}}))
    expected = [u for u in users if u["department"] in departments]
    assert len(expected) == 2 and body == {"totalCount": 2, "results": expected}


def test_search_filter_and_object(server):
    """jcapiv1 SearchApi.md: the ``filter`` object's single property is ``and`` or ``or``; ``and`` matches ALL."""
    users = everyone(server)
    terms = [{"state": "ACTIVATED"}, {"activated": True}, {"department": users[1]["department"]}]
    expected = [u for u in users if u["state"] == "ACTIVATED" and u["activated"] is True
                and u["department"] == users[1]["department"]]
    assert found(search(server, {"filter": {"and": terms}}))["results"] == expected


def test_search_filter_and_or_nest(server):
    """jcapiv1 SearchApi.md: ``and``/``or`` hold query expressions, which may themselves be ``and``/``or``."""
    users = everyone(server)
    departments = [users[0]["department"], users[3]["department"]]
    body = {"filter": {"and": [{"or": [{"department": d} for d in departments]}, {"state": "ACTIVATED"}]}}
    assert found(search(server, body))["results"] == [
        u for u in users if u["department"] in departments and u["state"] == "ACTIVATED"]


def test_search_filter_string_expression(server):
    """jcapiv1 Search model (first releases type ``filter`` as a string): a v1 ``field:$op:value`` filter."""
    users = everyone(server)
    pivot = sorted(u["created"] for u in users)[2]
    assert found(search(server, {"filter": f"created:$gt:{pivot}"}))["results"] == [
        u for u in users if u["created"] > pivot]
    assert_v1_error(search(server, {"filter": "state:eq:SUSPENDED"}), "state:$eq:SUSPENDED")


def test_search_filter_v1_operator_objects(numbered):
    """jcapiv1 SearchApi.md: a query expression's value is a value to equal or, with the v1 operators,
    ``{"$gte": ...}``; JSON numbers compare as numbers."""
    users = everyone(numbered)
    body = {"filter": [{"unix_uid": {"$gt": 80, "$lte": 5000}}]}
    assert found(search(numbered, body))["results"] == [u for u in users if 80 < u["unix_uid"] <= 5000]
    assert found(search(numbered, {"filter": [{"unix_uid": {"$ne": 900}}]}))["results"] == [
        u for u in users if u["unix_uid"] != 900]
    # A JSON value matches only a stored value of its own type: the string "900" is not the number 900.
    assert found(search(numbered, {"filter": [{"unix_uid": "900"}]}))["results"] == []
    assert found(search(numbered, {"filter": [{"suspended": True}]}))["results"] == [
        u for u in users if u["suspended"] is True]


def test_search_search_filter_string_term(server):
    """jcapiv1 SearchApi.md sample: ``"searchFilter": {"searchTerm": "@jumpcloud.com", "fields": ["email"]}``,
    a partial text match on any of the fields."""
    users = everyone(server)
    domain = "@" + users[0]["email"].split("@")[1].upper()
    body = found(search(server, {"searchFilter": {"searchTerm": domain, "fields": ["email"]},
                                 "fields": "email username sudo"}))
    expected = [{k: u[k] for k in ("_id", "id", "email", "username") if k in u}
                for u in users if domain.lower() in u["email"].lower()]
    assert expected and body == {"totalCount": len(expected), "results": expected}


def test_search_search_filter_list_of_terms_matches_any(server):
    """jcapiv1 SearchApi.md sample: ``"searchFilter": {"searchTerm": ["john", "sarah"], "fields": ["username"]}``."""
    users = everyone(server)
    terms = [users[1]["username"][:4], users[4]["username"][2:6]]
    body = found(search(server, {"searchFilter": {"searchTerm": terms, "fields": ["username", "lastname"]}}))
    assert body["results"] == [u for u in users if any(t.lower() in (u["username"] + " " + u["lastname"]).lower()
                                                       for t in terms)]


def test_search_filter_and_search_filter_combine(server):
    """jcapiv1 SearchApi.md sample: "Combining ``filter`` and ``searchFilter``" (both must match)."""
    users = everyone(server)
    domain = "@" + users[0]["email"].split("@")[1]
    departments = [users[0]["department"], users[3]["department"]]
    body = {"searchFilter": {"searchTerm": domain, "fields": ["email"]},
            "filter": {"or": [{"department": d} for d in departments]}, "fields": "email username sudo"}
    expected = [{k: u[k] for k in ("_id", "id", "email", "username") if k in u}
                for u in users if domain in u["email"] and u["department"] in departments]
    assert found(search(server, body)) == {"totalCount": len(expected), "results": expected}


def test_search_query_limit_skip_filter_fields(server):
    """jcapiv1 SearchApi.md, search_systemusers_post query parameters ``limit``, ``skip``, ``filter``, ``fields``;
    the query's ``filter`` ANDs with the body's, ``fields`` from both are kept."""
    users = everyone(server)
    matching = [u for u in users if u["state"] == "ACTIVATED" and u["department"] != users[1]["department"]]
    answer = search(server, {"filter": [{"state": "ACTIVATED"}], "fields": "email"},
                    {"filter": f"department:$ne:{users[1]['department']}", "fields": "username",
                     "limit": 2, "skip": 1})
    assert found(answer) == {"totalCount": len(matching), "results": [
        {"_id": u["_id"], "id": u["id"], "username": u["username"], "email": u["email"]} for u in matching[1:3]]}
    assert found(search(server, {}, {"filter[or][0]": f"department:$eq:{users[0]['department']}",
                                     "filter[or][1]": f"department:$eq:{users[2]['department']}"}))["results"] \
        == [users[0], users[2]]


def test_search_without_body_lists_like_the_v1_list(server):
    """jcapiv1 SearchApi.md: the body is optional; the answer is a ``Systemuserslist``, as the v1 list's."""
    users = everyone(server)
    assert found(search(server, data=b"")) == {"totalCount": len(users), "results": users[:10]}
    assert found(search(server, {}, {"limit": 100})) == {"totalCount": len(users), "results": users}


@pytest.mark.parametrize("raw, needle", [
    (b"{not json", "not valid JSON"),
    (b"[]", "JSON object"),
    (b'{"filter": 5}', "filter"),
    (b'{"filter": {"and": "x"}}', "and"),
    (b'{"filter": {"or": []}}', "or"),
    (b'{"filter": {"or": [{"a": 1}], "b": 2}}', "filter"),
    (b'{"filter": [7]}', "[0]"),
    (b'{"filter": [{}]}', "[0]"),
    (b'{"filter": [{"department": ["IT"]}]}', "[0].department"),
    (b'{"filter": [{"department": {"$in": ["IT"]}}]}', "[0].department"),
    (b'{"filter": [{"department": {"$eq": {"x": 1}}}]}', "[0].department.$eq"),
    (b'{"filter": "department:like:x"}', "$eq"),
    (b'{"searchFilter": "alex"}', "searchFilter"),
    (b'{"searchFilter": {"searchTerm": "a"}}', "searchFilter.fields"),
    (b'{"searchFilter": {"searchTerm": 1, "fields": ["email"]}}', "searchFilter.searchTerm"),
    (b'{"searchFilter": {"searchTerm": [], "fields": ["email"]}}', "searchFilter.searchTerm"),
    (b'{"searchFilter": {"searchTerm": "a", "fields": "email"}}', "searchFilter.fields"),
    (b'{"searchFilter": {"searchTerm": "a", "fields": ["email"], "x": 1}}', "searchFilter.x"),
    (b'{"fields": ["email"]}', "fields"),
    (b'{"limit": 5}', "limit"),
])
def test_search_malformed_body_is_400_naming_the_field(server, raw, needle):
    """jcapiv1 SearchApi.md / Search model: ``fields`` (string), ``filter`` (object), ``searchFilter``
    (``searchTerm`` and ``fields``); anything else is a 400 in JumpCloud's shape, never a 500."""
    assert_v1_error(search(server, data=raw), needle)


# --- v2: between ----------------------------------------------------------------------


def v2_list(server, path, params):
    answer = server.request("GET", path, params={"limit": 100, **params})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["records"] if isinstance(body, dict) else body


def lookup(doc, path):
    for part in path.split("."):
        doc = doc[part]
    return doc


V2_FILTER_LISTS = [
    ("/activedirectories", "id"), ("/ldapservers", "name"), ("/authn/policies", "name"), ("/iplists", "name"),
    ("/integrations/autotask/{autotask}/mappings", "organization.id"),
    ("/providers/{provider}/integrations", "integrationId"),
]


@pytest.mark.parametrize("path, field", V2_FILTER_LISTS, ids=[p for p, _ in V2_FILTER_LISTS])
def test_v2_between_is_inclusive_on_every_filter_list(server, manifest, path, field):
    """v2 spec, trait:filter:filter: "Supported operators are: eq, ne, gt, ge, lt, le, between, search, in";
    ``field:between:low,high`` keeps low <= value <= high."""
    path = path.format(autotask=manifest["autotask"][0], provider=manifest["providers"][0])
    items = v2_list(server, path, {})
    values = sorted(lookup(item, field) for item in items)
    assert len(values) >= 2
    low, high = values[0], values[-2] if len(values) > 2 else values[-1]
    expected = [item for item in items if low <= lookup(item, field) <= high]
    assert v2_list(server, path, {"filter": f"{field}:between:{low},{high}"}) == expected
    assert v2_list(server, path, {"filter": f"{field}:between:{values[-1]},{values[-1]}"}) == [
        item for item in items if lookup(item, field) == values[-1]]


def test_v2_between_compares_numbers_numerically(server, manifest):
    """v2 spec, trait:filter:filter ``between``; numbers compare as numbers, as the other operators do."""
    path = f"/integrations/autotask/{manifest['autotask'][0]}/mappings"
    data = [{"organization": {"id": f"5e1f2a3b4c5d6e7f80910b{n:02d}", "name": f"Org {n}"},
             "company": {"id": str(n), "name": f"Company {n}"},
             "service": {"id": "31", "name": "seat", "nonBillableUsers": n}} for n in (1, 3, 10, 25)]
    assert server.request("PATCH", path, json={"data": data}).status_code == 204
    items = v2_list(server, path, {})
    expected = [m for m in items if 1 <= m["service"]["nonBillableUsers"] <= 3]
    assert 10 in [m["service"]["nonBillableUsers"] for m in items] and expected
    assert v2_list(server, path, {"filter": "service.nonBillableUsers:between:1,3"}) == expected


@pytest.mark.parametrize("value", ["name:between:a", "name:between:a,", "name:between:,z", "name:between:a,b,c",
                                   "name:between:"])
def test_v2_malformed_between_is_400(server, value):
    """v2 spec, trait:filter:filter: ``between`` takes a low and a high value."""
    answer = server.request("GET", "/iplists", params={"filter": value})
    assert answer.status_code == 400, answer.text
    assert "between" in answer.json()["message"] and answer.json()["status"] == "Bad Request"
