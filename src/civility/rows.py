"""Rows read and written with SQL compiled once per process, for the posting path.

On SQLite every post's transaction holds the site's one write lock, so
whatever Python runs between BEGIN and COMMIT runs one post at a time.
Through the ORM that was most of it: ``Model.save`` and ``.first()`` build
and compile their SQL on every call, 0.7-0.8 ms of CPU a statement against
0.08 ms for SQLite to run it. Four such statements (the repeat check, the
comment, its decision, the commenter key) held the lock 5.3 ms a post with
nothing else running, and about twice that under load (docs/deployment.md,
"What bounds posting"). Outside the lock the same compile is CPU every post
pays: the sanctions, the policy in force, the engine's recent texts.

``insert`` builds each model's ``INSERT`` once (per model and database
connection) and converts the values with each field's own ``pre_save`` and
``get_db_prep_save``, exactly what ``Model.save`` does for a new row. It
sends ``pre_save`` and ``post_save`` as ``save`` does, so the receivers that
must write in the same transaction (the webhook outbox, the held-comment
alert, the dashboard's roll-up) still run there. Only plain inserts of new
rows come here: an update, a raw load or an expression value goes through
the ORM as before.

``select`` and ``first_pk`` read one column of a simple query (conditions
joined by AND, an order, a limit): the common case of a look that usually
finds nothing, after which the ORM reads whatever rows there are.
"""

from __future__ import annotations

from functools import cache

from django.db import connections, router
from django.db.models import signals


# The SQL caches are keyed by the vendor as well as the alias, so that an alias
# pointed at another kind of database in the same process gets its own quoting.
@cache
def _insert_sql(model, alias: str, vendor: str, pk_is_set: bool) -> tuple[str, tuple]:
    """(sql, fields) for one model on one connection; RETURNING the key the database makes."""
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name
    fields = tuple(
        f for f in meta.local_concrete_fields if not f.generated and (pk_is_set or f is not meta.pk)
    )
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    if not pk_is_set:
        sql += f" RETURNING {quote(meta.pk.column)}"
    return sql, fields


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
    sql, fields = _insert_sql(model, alias, connection.vendor, pk_is_set)
    params = [f.get_db_prep_save(f.pre_save(instance, True), connection=connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if not pk_is_set:
            (pk,) = cursor.fetchone()
            setattr(instance, meta.pk.attname, meta.pk.to_python(pk))
    instance._state.adding = False
    instance._state.db = alias
    signals.post_save.send(
        sender=model, instance=instance, created=True, update_fields=None, raw=False, using=alias
    )


@cache
def _select_sql(
    model, alias: str, vendor: str, field: str, where: tuple[str, ...], order_by: tuple[str, ...]
) -> str:
    connection = connections[alias]
    meta = model._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    sql = f"SELECT {column(field)} FROM {quote(meta.db_table)}"
    if where:
        conditions = (clause.split(" ") for clause in where)
        sql += " WHERE " + " AND ".join(f"{column(name)} {op} %s" for name, op in conditions)
    order = (f"{column(name[1:])} DESC" if name[0] == "-" else column(name) for name in order_by)
    return sql + f" ORDER BY {', '.join(order)} LIMIT %s"


def select(model, field: str, where: dict[str, object], order_by: tuple[str, ...], limit: int):
    """One column of the first ``limit`` rows matching ``where``, as the database returns it.

    ``where`` maps "field op" ("content_hash =", "created_at >=") to a value,
    ``order_by`` names fields ("-created_at": descending); the SQL is built
    once per shape. The values go through each field's ``get_db_prep_value``,
    as a queryset's lookups do; the column comes back unconverted, so ask
    for ids and text, not times or JSON.
    """
    alias = router.db_for_read(model)
    connection = connections[alias]
    sql = _select_sql(model, alias, connection.vendor, field, tuple(where), tuple(order_by))
    meta = model._meta
    params = [
        meta.get_field(clause.split(" ")[0]).get_db_prep_value(value, connection)
        for clause, value in where.items()
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def first_pk(model, where: dict[str, object], order_by: str | tuple[str, ...] = ()):
    """The primary key of the first row matching ``where`` (``select``), or None.

    ``order_by`` defaults to the primary key.
    """
    pk = model._meta.pk.name
    order = (order_by,) if isinstance(order_by, str) else (order_by or (pk,))
    found = select(model, pk, where, order, 1)
    return found[0] if found else None
