"""The rules of the rumours area, one module per concept."""
