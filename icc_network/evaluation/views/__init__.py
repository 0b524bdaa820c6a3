"""Routes of the evaluation area, one module per concept."""
