"""Certificates: the printable certificate, the public verification page, refreshers."""
