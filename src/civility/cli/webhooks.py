"""`civility webhooks deliver` and `civility webhooks alerts`: once, by hand or from cron.

The worker (`civility worker`) sends both as background tasks; these are for
a site that runs tasks in the web process (CIVILITY_TASKS=immediate, which
cannot wait for a retry) or for an operator who wants a round now.
"""

from __future__ import annotations


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "webhooks",
        help="send due webhook deliveries from the outbox; e-mail moderator alerts",
        description="Webhook deliveries and moderator alerts (docs/webhooks.md).",
    )
    commands = parser.add_subparsers(dest="webhooks_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: parser.print_help() or 2)

    deliver = commands.add_parser(
        "deliver",
        help="send the deliveries that are due (and moderator alerts)",
        description=(
            "Send every webhook delivery that is due, once, and the moderator alert for "
            "comments held too long. `civility worker` does this by itself; this is for "
            "cron with CIVILITY_TASKS=immediate, or a round by hand."
        ),
    )
    deliver.add_argument("--limit", type=int, default=100, help="deliveries per round")
    deliver.add_argument("--no-alerts", action="store_true", help="do not send e-mail alerts")
    deliver.set_defaults(func=run_deliver)

    alerts = commands.add_parser(
        "alerts",
        help="e-mail moderators about comments held too long, once",
        description="E-mail moderators about comments held longer than "
        "CIVILITY_ALERT_HELD_MINUTES (each comment is announced once).",
    )
    alerts.set_defaults(func=run_alerts)


def _ready() -> bool:
    from .django_env import setup_migrated

    return setup_migrated()


def run_deliver(args) -> int:
    if not _ready():
        return 1
    from civility.webhooks import alerts, delivery

    outcome = delivery.deliver_due(limit=args.limit)
    announced = 0 if args.no_alerts else alerts.send_held_alerts()
    print(
        f"delivered {outcome['delivered']}, retrying {outcome['retrying']}, "
        f"failed {outcome['failed']}; alerted about {announced} held comments",
        flush=True,
    )
    return 0


def run_alerts(args) -> int:
    if not _ready():
        return 1
    from civility.webhooks import alerts

    print(f"alerted about {alerts.send_held_alerts()} held comments")
    return 0
