"""The register: the list of participants, their record, adding, editing and merging them, and their personal data (export, erasure, consent)."""
