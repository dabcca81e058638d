"""JumpCloud: the v2 PATCH surface and its companions, v1 system users; declared in ``service.py``."""
