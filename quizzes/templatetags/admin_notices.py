"""What the admin's index tells an admin to do first: the teacher sign-ups waiting."""

from django import template

from quizzes.models import TeacherSignup

register = template.Library()


@register.simple_tag
def waiting_signups() -> int:
    return TeacherSignup.objects.filter(approved_at__isnull=True).count()
