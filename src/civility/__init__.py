"""Civility: a self-hosted comment platform that pre-moderates every comment
against the publisher's written guidelines."""

__version__ = "0.1.0"
