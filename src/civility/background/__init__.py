"""Background work through Django's tasks interface (``django.tasks``).

Webhooks, e-mail to readers, moderator alerts: anything that must not make a
reader or a moderator wait, or fail their request, runs as a task. The
backend is the setting ``CIVILITY_TASKS`` (docs/settings.md):

- ``database`` (the default): django-tasks-db's backend. A task is a row in
  the site's own database, written in the transaction that asked for it, so
  a decision and the work it causes commit or roll back together.
  ``civility worker`` runs them, on this machine or any other that reaches
  the database; several workers may run at once (rows are claimed with
  SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL).
- ``rq`` (or ``redis``): django-tasks-rq's backend, a queue in Redis
  (CIVILITY_REDIS_URL) run by RQ's workers (``civility worker``), for larger
  sites; enqueued right after the commit; our retries and dead letter
  through our RQ job class (``rq.py``).
- ``immediate``: run in the web process right after the commit (the demo, a
  site with no worker). No retries later; a failure is only logged.

Retries and the dead letter are ours (``retries.py``), not the backend's:
Django's interface has none. A task declared with ``retried(...)`` that
raises goes back to the queue after a back-off, until its attempts run out;
then it stays failed, listed in the admin's "Failed background tasks"
(``admin.py``), where a person can run it again.
"""
