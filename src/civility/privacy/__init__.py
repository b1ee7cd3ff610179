"""A commenter's personal data: the IP address as a keyed hash (addresses.py),
its retention, export and erasure by e-mail (commenters.py) and the admin's
data-request actions (admin.py). docs/privacy.md says why and what is covered."""
