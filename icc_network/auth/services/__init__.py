"""The rules of the auth area, one module per concept."""
