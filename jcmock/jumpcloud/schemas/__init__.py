"""JumpCloud's request and response bodies, one module per URL area (named as ``api/``'s)."""
