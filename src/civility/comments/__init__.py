"""Comments, the decision log and per-site clause thresholds."""
