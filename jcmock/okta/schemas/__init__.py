"""Request bodies of Okta's management API, one module per URL area (same names as ``api/``)."""
