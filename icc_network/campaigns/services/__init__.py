"""The campaigns area's rules, one module per concept."""
