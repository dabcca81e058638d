"""SCIM 2.0: StackSpot IAM's resource types on the wire as RFC 7643/7644 say; declared in ``service.py``."""
