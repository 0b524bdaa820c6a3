"""The agents area's rules, one module per concept."""
