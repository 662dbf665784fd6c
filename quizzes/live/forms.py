"""The teacher's forms of a live session: running a set live, the controls, renaming."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.forms import NicknameField

TIMERS = [
    ("", _("No timer: I close the answers")),
    ("20", _("20 seconds")),
    ("30", _("30 seconds")),
    ("60", _("1 minute")),
    ("90", _("1 minute 30 seconds")),
    ("120", _("2 minutes")),
]


class LiveStartForm(forms.Form):
    seconds_per_question = forms.TypedChoiceField(
        label=_("Time per question"),
        choices=TIMERS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("With a timer, the answers close by themselves when it runs out."),
    )
    leaderboard = forms.BooleanField(
        label=_("Show a leaderboard (the five best scores) after each answer"),
        required=False,
    )


class ControlForm(forms.Form):
    """One of the teacher's buttons: what to do, and the question the page showed."""

    ACTIONS = ["show", "close", "reveal", "next", "end", "leaderboard_on", "leaderboard_off"]

    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS])
    at = forms.IntegerField(min_value=0, max_value=10_000, required=False)


class RenameForm(forms.Form):
    nickname = NicknameField(help_text=_("The class sees the new name at once."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nickname"].label = _("New nickname")
