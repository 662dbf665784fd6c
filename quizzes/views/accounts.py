"""Teachers sign up here; an admin approves them in the admin before they can log in."""

from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from quizzes import ratelimit
from quizzes.models import TeacherSignup
from quizzes.teacher_forms import TeacherSignupForm

HOUR = 3600
# From one address: a school's staff room may sign up a few teachers or reset a few
# passwords in an hour; a script may not.
SIGNUPS = {"limit": 5, "window_seconds": HOUR}
RESETS = {"limit": 5, "window_seconds": HOUR}
# For one account, whatever the address: nobody floods a colleague's mailbox with reset
# e-mails, or tries the same username again and again.
PER_ACCOUNT = {"limit": 3, "window_seconds": HOUR}
WAIT_AN_HOUR = _(
    "Too many requests for this account or from this device. Wait an hour, then try again."
)


def _too_many(request):
    response = render(request, "429.html", {"message": WAIT_AN_HOUR}, status=429)
    response["Retry-After"] = str(HOUR)
    return response


def _allowed(request, action: str, accounts: list[str], per_address: dict) -> bool:
    """Count one request by the client's address and by each account it names."""
    allowed = ratelimit.hit(key=f"{action}:{ratelimit.client_key(request)}", **per_address)
    for account in accounts:
        if account:
            allowed &= ratelimit.hit(key=f"{action}-for:{account.casefold()}", **PER_ACCOUNT)
    return allowed


@require_http_methods(["GET", "HEAD", "POST"])
def password_reset(request):
    """Django's password reset, limited per address and per e-mail address asked for."""
    if request.method == "POST":
        email = (request.POST.get("email") or "").strip()
        if not _allowed(request, "reset", [email], RESETS):
            return _too_many(request)
    return auth_views.PasswordResetView.as_view()(request)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    form = TeacherSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        names = [form.cleaned_data.get("username", ""), form.cleaned_data.get("email", "")]
        if not _allowed(request, "signup", names, SIGNUPS):
            return _too_many(request)
        with transaction.atomic():
            user = form.save(commit=False)
            user.is_active = False  # until an admin approves
            user.save()
            TeacherSignup.objects.create(user=user, school=form.cleaned_data["school"])
        return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form})


def signup_done(request):
    return render(request, "registration/signup_done.html")
