"""The "Teachers" group and what its members may do, kept in place after every migrate."""

TEACHERS = "Teachers"
PERMISSIONS = [
    "add_questionset",
    "change_questionset",
    "delete_questionset",
    "view_questionset",
    "view_question",
    "view_attempt",
]


def ensure_teachers_group(**kwargs):
    """post_migrate receiver: create the group (after a flush too) with its permissions."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=TEACHERS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes", codename__in=PERMISSIONS)
    )
