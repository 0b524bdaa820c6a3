"""Field work: conversations agents log, and each agent's own record."""
