"""Real objects for the security tests: two teachers, students, sets, attempts.

Teacher A owns a published set; student A's browser session owns an attempt on it (first
question answered) and a finished practice attempt. Teacher A runs another set live, and
student A has joined it. The "student" role is a logged-in user
who is not a teacher and whose session owns another attempt; the "other teacher" owns a set
of their own; the admin is a superuser.
"""

from __future__ import annotations

import copy
import traceback
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from quizzes import challenges, importers, services, teaching
from quizzes.authoring.forms import QuestionForm
from quizzes.authoring.selectors import keyed
from quizzes.authoring.services import question_create
from quizzes.live import services as live
from quizzes.models import Question, QuestionSet, TeacherSignup
from tests.factories import SuperUserFactory, TeacherFactory, UserFactory
from tests.quizzes.student import answer_data, set_session
from tests.quizzes.teacher import published_set
from tests.security.routes import Route, Row

STUDENT_A = "student-a-browser-token"
PUPIL = "pupil-browser-token"


@dataclass
class Scene:
    set_owner: object
    other_teacher: object
    pupil: object
    superuser: object
    question_set: QuestionSet
    other_set: QuestionSet
    current: object  # student A's attempt on the set, at its second question
    done: object  # student A's finished practice attempt
    navigating: object  # student A's practice attempt with deferred feedback, in progress
    elsewhere: object  # the pupil's own attempt
    spare: Question  # a bank question that is not in the set
    live_set: QuestionSet  # teacher A's other set, running live, its first question shown
    live_attempt: object  # student A's attempt in that live session
    own: Question  # a question teacher A wrote, in no set
    clients: dict[str, Client] = field(default_factory=dict)

    def values(self, route: Route, row: Row) -> dict:
        """URL parameters made of real objects (representative ones for the admin)."""
        attempt = getattr(self, row.values.get("attempt_id", "current"))
        values = {
            "attempt_id": attempt.pk,
            "pk": getattr(self, row.values.get("pk", "question_set")).pk,
            "number": 1,
            "code": self.question_set.code,
            "fmt": "gift",
            "uidb64": urlsafe_base64_encode(force_bytes(self.set_owner.pk)),
            "token": "abc-0123456789abcdef",
            "id": self.set_owner.pk,
            "app_label": "quizzes",
            "url": "no-such-page/",
            "content_type_id": ContentType.objects.get_for_model(QuestionSet).pk,
            "object_id": self.question_set.pk,
            "key": self.own.key,
        }
        if route.model_admin is not None:
            model = route.model_admin.model
            values["object_id"] = model._default_manager.order_by("pk").first().pk
        return values

    def data(self, row: Row) -> dict:
        """The POST body a real user of the route would send."""
        item = self.question_set.items.order_by("position").first()
        bodies = {
            None: dict,
            "language": lambda: {"language": "it", "next": "/"},
            "start": lambda: {
                "nickname": "Ann",
                "length": "5",
                "topic": "",
                "language": "en",
                "time_limit": "",
                "behaviour": "immediate",
            },
            "join": lambda: {"code": self.question_set.code},
            "challenge": lambda: {"reason": "ambiguous", "comment": "Two answers fit."},
            "nickname": lambda: {"nickname": "Newcomer"},
            "answer": lambda: answer_data(self.current, 1),
            "switch": lambda: {**answer_data(self.current, 1), "language": "it"},
            "save": lambda: {**answer_data(self.navigating, 0), "go": "next"},
            "settings": lambda: {
                "title": "Renamed",
                "description": "",
                "language": "en",
                "time_limit_minutes": "",
                "behaviour": "immediate",
                "tries": "3",
                "penalty": str(1 / 3),
                "grace_seconds": "60",
                "attempts_allowed": "1",
                "grading_method": "highest",
                "points_per_question": "1",
            },
            "new_set": lambda: {"title": "Class 3B"},
            "add": lambda: {"uid": self.spare.uid},
            "add_random": lambda: {"topic": "", "count": "1"},
            "item": lambda: {"item": str(item.pk), "direction": "down"},
            "accommodation": lambda: {
                "nickname": "Ann",
                "username": "",
                "extra_minutes": "10",
                "extra_attempts": "1",
            },
            "live_run": lambda: {"seconds_per_question": "30"},
            "live_answer": lambda: answer_data(self.live_attempt, 0),
            "live_control": lambda: {"action": "close", "at": "0"},
            "live_rename": lambda: {"action": "rename", "nickname": "Renamed"},
            "question": lambda: written_question(),
            "import": lambda: {
                "content": importers.pack(b"::Q::Lenin arrived in April 1917 {T}\n"),
                "format": "",
                "topic": "chronology",
                "language": "en",
                "confirm": "1",
                "chosen": ["1"],
            },
            "share": lambda: {"username": "other"},
        }
        return bodies[row.data]()


def written_question() -> dict:
    """A usable single-choice question as the question form posts it."""
    return {
        "kind": "single_choice",
        "rows": "4",
        "prompt_en": "Who chaired the Conference's opening session?",
        "option_1_en": "Nikolay Chkheidze",
        "option_1_correct": "on",
        "feedback_2_en": "He led the Bolsheviks.",
        "option_2_en": "Lev Kamenev",
        "topic": "people",
        "level": "recall",
    }


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answered(client: Client, attempt, position: int, *, right: bool = True) -> None:
    url = reverse("quizzes:answer", args=[attempt.pk])
    response = client.post(url, answer_data(attempt, position, right=right))
    assert response.status_code == 302, response.status_code


def representative_admin_rows() -> None:
    """One row in every admin table that could be empty, so its change page is real."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    common = {
        "user_agent": "pytest",
        "ip_address": "10.9.9.9",
        "username": "owner",
        "http_accept": "text/html",
        "path_info": "/accounts/login/",
    }
    AccessAttempt.objects.get_or_create(
        **common, defaults={"get_data": "", "post_data": "", "failures_since_start": 1}
    )
    AccessFailureLog.objects.get_or_create(**common)
    AccessLog.objects.get_or_create(**common)
    TeacherSignup.objects.get_or_create(
        user=UserFactory(username="applicant", is_active=False),
        defaults={"school": "Liceo Galvani"},
    )


def build_scene() -> Scene:
    set_owner = TeacherFactory(username="owner")
    other_teacher = TeacherFactory(username="other")
    pupil = UserFactory(username="pupil")
    superuser = SuperUserFactory()
    question_set = published_set(owner=set_owner, title="Teacher A's quiz")
    other_set = published_set(owner=other_teacher, title="Teacher B's quiz")
    in_set = set(question_set.items.values_list("question__uid", flat=True))
    spare = Question.objects.active().exclude(uid__in=in_set).order_by("uid").first()
    form = QuestionForm(written_question(), kind="single_choice")
    assert form.is_valid(), form.errors
    own = keyed(question_create(author=set_owner, written=form.written()))

    student_a = Client()
    set_session(student_a, quiz_owner=STUDENT_A)
    current = teaching.set_start(question_set=question_set, nickname="Ann", owner_token=STUDENT_A)
    answered(student_a, current, 0)
    challenges.challenge_submit(
        attempt=current, position=0, owner_token=STUDENT_A, reason="unclear", comment="Why?"
    )
    practice = [
        Question.objects.active().filter(kind=kind).order_by("uid").first()
        for kind in ("single_choice", "true_false")
    ]
    done = services.attempt_start(
        questions=practice,
        nickname="Ann",
        language="en",
        owner_token=STUDENT_A,
        behaviour="immediate",
    )
    answered(student_a, done, 0)
    answered(student_a, done, 1, right=False)
    navigating = services.attempt_start(
        questions=practice,
        nickname="Ann",
        language="en",
        owner_token=STUDENT_A,
        behaviour="deferred",
    )

    student = logged_in(pupil)
    set_session(student, quiz_owner=PUPIL)
    elsewhere = services.attempt_start(
        questions=practice[:1], nickname="Pip", language="en", owner_token=PUPIL, user=pupil
    )
    live_set = published_set(owner=set_owner, title="Teacher A's live quiz")
    session = live.live_start(question_set=live_set)
    live_attempt = teaching.set_start(
        question_set=live_set, nickname="Ann", owner_token=STUDENT_A, language="en"
    )
    live.live_show(session=session)
    representative_admin_rows()

    for attempt in (current, done, elsewhere):
        attempt.refresh_from_db()
    assert current.position == 1 and done.state == "finished"
    return Scene(
        set_owner=set_owner,
        other_teacher=other_teacher,
        pupil=pupil,
        superuser=superuser,
        question_set=question_set,
        other_set=other_set,
        current=current,
        done=done,
        navigating=navigating,
        elsewhere=elsewhere,
        spare=spare,
        live_set=live_set,
        live_attempt=live_attempt,
        own=own,
        clients={
            "anonymous": Client(),
            "student": student,
            "other_teacher": logged_in(other_teacher),
            "admin": logged_in(superuser),
            "attempt_owner": student_a,
            "set_owner": logged_in(set_owner),
        },
    )


def rolled_back(client: Client, method: str, url: str, data=None, **extra):
    """One request whose changes are undone, in the database and in the client's cookies, so
    that every role meets the same scene."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = getattr(client, method.lower())(
                url, data if data is not None else {}, **extra
            )
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def failure(response) -> str:
    """The status of a response and, for a server error, where the view raised."""
    info = getattr(response, "exc_info", None)
    if not info:
        return str(response.status_code)
    frames = traceback.extract_tb(info[2])
    ours = [f for f in frames if "/site-packages/" not in f.filename] or frames
    where = f"{ours[-1].filename.split('/work/main/')[-1]}:{ours[-1].lineno} in {ours[-1].name}"
    return f"{response.status_code} {info[0].__name__}: {info[1]} (raised at {where})"
