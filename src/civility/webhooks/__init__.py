"""Signed webhooks from a persistent outbox, and moderator alerts by e-mail.

An event's outbox rows are written in the transaction that records the
decision (``outbox.py``), so an event exists exactly when its decision does;
a worker (``civility webhooks deliver``) sends them after commit, retrying
with back-off, so a receiver that is down delays events but never loses
them (docs/webhooks.md).
"""
