"""spaCy-based stages: actors, statements, events, tone."""
