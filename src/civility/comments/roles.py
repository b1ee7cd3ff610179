"""Who may do what: the "moderators" and "editors" groups.

Moderators decide on comments. Editors are moderators who may also change
the site's clause thresholds and the articles. Superusers may do everything.
Editors' extra powers are Django permissions of their group (below), checked
by the admin; the code itself only ever asks ``is_moderator``.
The groups and their admin permissions are (re)created after every migrate.
"""

from __future__ import annotations

MODERATORS = "moderators"
EDITORS = "editors"

MODERATOR_PERMISSIONS = (
    ("comments", "view_comment"),
    ("comments", "view_decisionrecord"),
    ("guidelines", "view_clausethreshold"),
    ("articles", "view_article"),
    ("articles", "view_tag"),
    ("threads", "view_report"),
    ("threads", "view_featuredcomment"),
    ("threads", "view_threadaction"),
    ("law", "view_notice"),
    ("law", "view_appeal"),
    ("law", "view_legalground"),
)
EDITOR_PERMISSIONS = MODERATOR_PERMISSIONS + (
    ("guidelines", "add_clausethreshold"),
    ("guidelines", "change_clausethreshold"),
    ("guidelines", "delete_clausethreshold"),
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "add_tag"),
    ("articles", "change_tag"),
    ("law", "add_legalground"),
    ("law", "change_legalground"),
    ("law", "delete_legalground"),
)


def _in_group(user, *names: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=names).exists()


def is_moderator(user) -> bool:
    return _in_group(user, MODERATORS, EDITORS)


def ensure_groups(**kwargs) -> None:
    """Create the two groups with their permissions (idempotent; runs after migrate)."""
    from django.contrib.auth.models import Group, Permission

    for name, wanted in ((MODERATORS, MODERATOR_PERMISSIONS), (EDITORS, EDITOR_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            perm
            for app_label, codename in wanted
            for perm in Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        ]
        group.permissions.add(*perms)
