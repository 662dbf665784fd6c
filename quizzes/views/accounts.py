"""Teachers sign up here; an admin approves them in the admin before they can log in."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from quizzes import ratelimit
from quizzes.models import TeacherSignup
from quizzes.teacher_forms import TeacherSignupForm

SIGNUPS = {"limit": 5, "window_seconds": 3600}


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    form = TeacherSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(key=f"signup:{ratelimit.client_key(request)}", **SIGNUPS):
            return render(request, "429.html", {}, status=429)
        with transaction.atomic():
            user = form.save(commit=False)
            user.is_active = False  # until an admin approves
            user.save()
            TeacherSignup.objects.create(user=user, school=form.cleaned_data["school"])
        return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form})


def signup_done(request):
    return render(request, "registration/signup_done.html")
