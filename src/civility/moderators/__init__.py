"""The moderator queue: held comments, decisions, and the decided lists (no models)."""
