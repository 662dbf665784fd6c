"""Forms of the teacher pages: a set's settings, the bank filters, signing up, joining a set."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from quizzes import nicknames
from quizzes.forms import LANGUAGES, NICKNAME_MAX, NicknameField
from quizzes.models import KIND_CHOICES, LEVEL_CHOICES, TOPIC_CHOICES, QuestionSet

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class NewSetForm(forms.ModelForm):
    """What a new quiz needs before anything else: its title (the rest has defaults)."""

    class Meta:
        model = QuestionSet
        fields = ["title"]
        labels = {"title": _("Title of the new quiz")}
        help_texts = {"title": _("Students see it when they join; you can change it later.")}


class SetSettingsForm(forms.ModelForm):
    class Meta:
        model = QuestionSet
        fields = ["title", "description", "language", "behaviour", "tries", "penalty",
                  "time_limit_minutes", "grace_seconds", "shuffle_questions", "shuffle_options",
                  "attempts_allowed", "grading_method", "points_per_question", "opens_at",
                  "closes_at"]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "language": forms.Select(choices=LANGUAGES),
            "behaviour": forms.RadioSelect,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
        }
        # Tries and penalty sit under "Interactive quizzes only" in the editor, so their
        # help need not say it again.
        help_texts = {
            "tries": _("How many times a student may answer each question."),
            "penalty": _("The share of the question's points each wrong try takes."),
            "time_limit_minutes": _("Leave empty for no time limit."),
            "opens_at": _("Optional: students cannot join before."),
            "closes_at": _("Optional: students cannot join after."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, low, high in (("time_limit_minutes", 1, 300), ("points_per_question", 1, 10),
                                ("attempts_allowed", 0, 20), ("tries", 2, 5),
                                ("grace_seconds", 0, 600)):  # fmt: skip
            field = self.fields[name]
            # One message for a number out of range, not Django's "greater than or equal
            # to 0" of a positive field as well.
            field.validators = [*_without_bounds(field.validators), _between(low, high)]
            field.widget.attrs.update(min=low, max=high)
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            self.fields[name].validators.append(_in_years(2000, 2100))

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing time must come after the opening time."))
        return data


def _without_bounds(validators):
    return [v for v in validators if not isinstance(v, (MinValueValidator, MaxValueValidator))]


def _between(low: int, high: int):
    def check(value):
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(
                _("Give a number from %(low)d to %(high)d.") % {"low": low, "high": high}
            )

    return check


def _in_years(first: int, last: int):
    def check(value):
        if value is not None and not first <= value.year <= last:
            raise forms.ValidationError(
                _("Choose a date between the years %(first)d and %(last)d.")
                % {"first": first, "last": last}
            )

    return check


class BankFilterForm(forms.Form):
    origin = forms.ChoiceField(
        label=_("Questions"),
        required=False,
        choices=[("", _("The shared bank")), ("mine", _("My questions"))],
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("All topics")), *TOPIC_CHOICES],
                              required=False)  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *KIND_CHOICES],
                             required=False)  # fmt: skip
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        required=False,
        choices=[("", _("Any")), ("easy", _("easy (three in four or more right)")),
                 ("medium", _("medium (half to three in four right)")),
                 ("hard", _("hard (fewer than half right)"))],
    )  # fmt: skip
    level = forms.ChoiceField(
        label=_("Asks to"), choices=[("", _("Recall or understand")), *LEVEL_CHOICES],
        required=False,
    )  # fmt: skip
    language = forms.ChoiceField(label=_("Show in"), choices=LANGUAGES, required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    # Last: its help text makes its grid cell tall, and nothing sits below it then.
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        help_text=_("For a class that read only one article: ask only what it could read."),
        choices=[("", _("Either article")), ("en", _("Only facts in the English article")),
                 ("it", _("Only facts in the Italian article")),
                 ("both", _("Only facts in both articles"))],
    )  # fmt: skip


class RandomForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("All topics")), *TOPIC_CHOICES],
                              required=False)  # fmt: skip
    count = forms.TypedChoiceField(label=_("How many"), coerce=int, initial=5,
                                   choices=[(n, str(n)) for n in (1, 3, 5, 10)])  # fmt: skip


class AccommodationForm(forms.Form):
    """Extra time or attempts for one student: by nickname, or by the account of a student
    who logs in."""

    accommodation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=NICKNAME_MAX,
        required=False,
        help_text=_("As the student types it when joining."),
    )
    username = forms.CharField(
        label=_("Username (optional)"),
        max_length=150,
        required=False,
        help_text=_("For a student who logs in: their account, whatever nickname they use."),
    )
    extra_minutes = forms.IntegerField(
        label=_("Extra minutes"), required=False, initial=0, min_value=0, max_value=300
    )
    extra_attempts = forms.IntegerField(
        label=_("Extra attempts"), required=False, initial=0, min_value=0, max_value=20
    )

    def clean_nickname(self):
        value = nicknames.clean(self.cleaned_data["nickname"])
        if value and not nicknames.readable(value):
            raise forms.ValidationError(_("A nickname needs at least one letter or digit."))
        return value

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No account has the username “%(name)s”.") % {"name": name}
            )
        return user

    def clean(self):
        data = super().clean()
        data["extra_minutes"] = data.get("extra_minutes") or 0
        data["extra_attempts"] = data.get("extra_attempts") or 0
        if not data.get("nickname") and not data.get("username") and not self.has_error("username"):
            self.add_error(
                "nickname", _("Give the student's nickname, or the username of their account.")
            )
        numbers_given = not self.has_error("extra_minutes") and not self.has_error("extra_attempts")
        if numbers_given and not data["extra_minutes"] and not data["extra_attempts"]:
            raise forms.ValidationError(
                _("Give extra minutes, extra attempts or both (more than 0).")
            )
        return data


def _username_checked(form) -> None:
    """Django's login form sets the username's length after the field is built, so the
    limit is never checked: a longer name would reach the lockout records (django-axes),
    whose column PostgreSQL refuses to overflow. Check it like any other field."""
    field = form.fields["username"]
    field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(AuthenticationForm):
    """The site's login. A teacher whose sign-up an admin has not approved yet, and who
    gives the right password, is told so instead of "wrong password". The refused login
    still counts as a failure for django-axes (Django's authenticate() reports it), and a
    locked-out login is never told anything about the account."""

    awaiting_approval = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _username_checked(self)

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            self.awaiting_approval = self._awaits_approval()
            raise

    def _awaits_approval(self) -> bool:
        if getattr(self.request, "axes_locked_out", False):
            return False
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return False
        user = (
            get_user_model()
            ._default_manager.filter(
                **{get_user_model().USERNAME_FIELD: username},
                is_active=False,
                teacher_signup__approved_at__isnull=True,
            )
            .first()
        )
        return user is not None and user.check_password(password)


class AdminLoginForm(AdminAuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _username_checked(self)


class TeacherSignupForm(UserCreationForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email"), help_text=_("For resetting your password."))
    school = forms.CharField(label=_("School"), max_length=200)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "last_name", "email"]


class NicknameForm(forms.Form):
    nickname = NicknameField(help_text=_("Your teacher sees it with your score."))
