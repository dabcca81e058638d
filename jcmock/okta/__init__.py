"""Okta's management API (``/api/v1``): a stateful mock of its 37 PUT endpoints and their companions.

``service.py`` declares the one ``Service`` the core serves; ``api/<area>.py`` holds the routes of
each URL area, ``schemas/<area>.py`` their bodies, ``backend.py`` the Flask-free domain logic.
"""
