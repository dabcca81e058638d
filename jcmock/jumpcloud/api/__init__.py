"""JumpCloud's API as jcmock serves it: one module per area, named after its URLs.

- ``/api/v2/activedirectories``, ``/gsuites``, ``/office365s``, ``/ldapservers``, ``/directories``: directories.py
- ``/api/v2/authn/policies``: authn.py
- ``/api/v2/iplists``: iplists.py
- ``/api/v2/bulk/users``: bulk.py
- ``/api/v2/google-emm/enterprises``: google_emm.py
- ``/api/v2/integrations/{autotask,connectwise,syncro}``, ``/api/v2/providers``: integrations.py
- ``/api/v2/users/{id}/pushendpoints``, v1 ``/api/systemusers``: users.py
- v1 ``/api/search/systemusers``: search.py
"""
from ...core.routing import blueprints_of

BLUEPRINTS = blueprints_of(__name__)
