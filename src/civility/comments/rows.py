"""The posting transaction's statements, compiled once per process instead of per post.

On SQLite every post's transaction holds the site's one write lock, so
whatever Python runs between BEGIN and COMMIT runs one post at a time.
Through the ORM that was most of it: ``Model.save`` and ``.first()`` build
and compile their SQL on every call, 0.7-0.8 ms of CPU a statement against
0.08 ms for SQLite to run it. Four such statements (the repeat check, the
comment, its decision, the commenter key) held the lock 5.3 ms a post with
nothing else running, and about twice that under load (docs/deployment.md,
"What bounds posting").

So the posting service's rows go in through ``insert``, which builds each
model's ``INSERT`` once (per model and database connection) and converts the
values with each field's own ``pre_save`` and ``get_db_prep_save``, exactly
what ``Model.save`` does for a new row. It sends ``pre_save`` and
``post_save`` as ``save`` does, so the receivers that must write in the same
transaction (the webhook outbox, the held-comment alert, the dashboard's
roll-up) still run there. Only plain inserts of new rows come here: an
update, a raw load or an expression value goes through the ORM as before.
"""

from __future__ import annotations

from functools import cache

from django.db import connections, router
from django.db.models import signals


@cache
def _insert_sql(model, alias: str, vendor: str, pk_is_set: bool) -> tuple[str, tuple, bool]:
    """(sql, fields, returns_pk) for one model on one connection."""
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name
    fields = tuple(
        f for f in meta.local_concrete_fields if not f.generated and (pk_is_set or f is not meta.pk)
    )
    returns_pk = not pk_is_set
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    if returns_pk:
        sql += f" RETURNING {quote(meta.pk.column)}"
    return sql, fields, returns_pk


def insert(instance) -> None:
    """Insert a new model instance as ``instance.save(force_insert=True)`` would.

    Sets its primary key (when the database makes it) and its state, and
    sends ``pre_save`` and ``post_save`` (created) around the statement.
    """
    model = type(instance)
    meta = model._meta
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    pk_is_set = instance._is_pk_set(meta)
    if not pk_is_set and not connection.features.can_return_columns_from_insert:
        instance.save(force_insert=True, using=alias)  # no RETURNING: the ORM's way
        return
    signals.pre_save.send(
        sender=model, instance=instance, raw=False, using=alias, update_fields=None
    )
    sql, fields, returns_pk = _insert_sql(model, alias, connection.vendor, pk_is_set)
    params = [f.get_db_prep_save(f.pre_save(instance, True), connection=connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returns_pk:
            (pk,) = cursor.fetchone()
            setattr(instance, meta.pk.attname, meta.pk.to_python(pk))
    instance._state.adding = False
    instance._state.db = alias
    signals.post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=alias
    )


@cache
def _select_sql(model, alias: str, vendor: str, where: tuple[str, ...], order_by: str) -> str:
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name
    conditions = " AND ".join(
        f"{quote(meta.get_field(name).column)} {op} %s"
        for name, op in (clause.split(" ") for clause in where)
    )
    return (
        f"SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} WHERE {conditions} "
        f"ORDER BY {quote(meta.get_field(order_by).column)} LIMIT 1"
    )


def first_pk(model, where: dict[str, object], order_by: str):
    """The primary key of the first row matching ``where``, or None.

    ``where`` maps "field op" ("content_hash =", "created_at >=") to a value;
    the SQL is built once per shape. Values go through each field's
    ``get_db_prep_value``, as a queryset's lookups do.
    """
    alias = router.db_for_read(model)
    connection = connections[alias]
    sql = _select_sql(model, alias, connection.vendor, tuple(where), order_by)
    params = [
        model._meta.get_field(clause.split(" ")[0]).get_db_prep_value(value, connection)
        for clause, value in where.items()
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]
