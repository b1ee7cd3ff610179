"""Training and measuring the shipped models (needs scikit-learn; never imported by the engine)."""
