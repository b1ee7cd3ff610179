"""A comment and its append-only decision log: the models, every write (actions.py),
the vocabulary of its state, the database triggers that keep the record honest,
and the e-mail sent when a person decides."""
