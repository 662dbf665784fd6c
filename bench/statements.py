"""SQL statements per request, for every student and teacher page and action.

Counts what the database is sent: every query, savepoints included, plus BEGIN and COMMIT
for each transaction (SQLite's BEGIN IMMEDIATE is seen as a query; on PostgreSQL the driver
opens transactions implicitly, so BEGIN is added with COMMIT; a single statement outside a
transaction is one). Run for quizzes of 5, 50 and 500 questions and a class of 30; the
counts must not depend on the sizes, but for GROWS below. Usage: python bench/statements.py
(DATABASE_URL picks the database).
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (5, 50, 500)
CLASS = 30
LIMITS = {
    "answer (htmx, deferred)": 5,
    "answer (htmx, immediate)": 5,
    "question fragment (htmx)": 1,
    "teacher results": 4,
    "teacher results, live partial (htmx)": 4,
}
# Allowed to grow with the size, and why. Django 5.2 assumes SQLite's old limit of 999
# parameters a statement (Django 6.0 reads the real one), so bulk_create stores at most 249
# slots (4 columns each) per INSERT.
GROWS = {
    ("sqlite", "join (start the set)"): "one INSERT per 249 questions (Django 5.2's 999 parameters)"
}


@contextmanager
def count_statements(connection):
    """Yield a list that ends up holding one entry per statement sent to the database."""
    sent: list[str] = []
    began = False  # a BEGIN seen as a query, not yet ended

    def record(execute, sql, params, many, context):
        nonlocal began
        words = sql.upper().split(None, 2)[:2]
        first = words[0] if words else ""
        if first == "BEGIN":
            began = True
        elif first == "COMMIT" or (first == "ROLLBACK" and words[1:] != ["TO"]):
            began = False  # the end of the transaction, not of a savepoint
        sent.append(sql)
        return execute(sql, params, many, context)

    original_commit, original_rollback = connection.commit, connection.rollback

    def ended(word: str) -> None:
        nonlocal began
        sent.extend([word] if began else ["BEGIN", word])
        began = False

    def commit():
        ended("COMMIT")
        return original_commit()

    def rollback():
        ended("ROLLBACK")
        return original_rollback()

    connection.commit, connection.rollback = commit, rollback
    try:
        with connection.execute_wrapper(record):
            yield sent
    finally:
        del connection.commit, connection.rollback


def bank_of(size: int):
    """`size` active questions: the real bank, topped up with copies under other ids."""
    from quizzes.models import Question

    questions = list(Question.objects.active().filter(uid__startswith="").order_by("uid"))
    real = [q for q in questions if not q.uid.startswith("bench-copy/")]
    copies = [q for q in questions if q.uid.startswith("bench-copy/")]
    index = len(copies)
    while len(real) + len(copies) < size:
        source = real[index % len(real)]
        copy = Question.objects.get(pk=source.pk)
        copy.pk, copy.uid = None, f"bench-copy/{index}/{source.uid}"
        copy.save()
        copies.append(copy)
        index += 1
    return (real + copies)[:size]


def scenario(size: int) -> dict[str, int]:
    """Statements of every page and action, for a quiz of `size` questions."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from quizzes import services, teaching
    from quizzes.models import QuestionSet
    from tests.factories import TeacherFactory
    from tests.quizzes.student import answer_data, set_session

    questions = bank_of(size)
    counts: dict[str, int] = {}

    def measure(name, call):
        with count_statements(connection) as sent:
            response = call()
        assert response.status_code < 500, (name, response.status_code)
        counts[name] = len(sent)
        return response

    # A student.
    student = Client()
    set_session(student, quiz_owner=f"student-{size}")
    measure("home page", lambda: student.get("/"))
    attempt = services.attempt_start(
        questions=questions,
        nickname="Ada",
        language="en",
        owner_token=f"student-{size}",
        behaviour="deferred",
    )
    take = reverse("quizzes:take", args=[attempt.pk])
    answer = reverse("quizzes:answer", args=[attempt.pk])
    measure("question page", lambda: student.get(take))
    measure("question fragment (htmx)", lambda: student.get(take, HTTP_HX_REQUEST="true"))
    first, second = answer_data(attempt, 0), answer_data(attempt, 1)  # built outside the count
    measure("answer (htmx, deferred)", lambda: student.post(answer, first, HTTP_HX_REQUEST="true"))
    measure("answer (plain form)", lambda: student.post(answer, second))
    measure("answer replayed", lambda: student.post(answer, second))
    immediate = services.attempt_start(
        questions=questions, nickname="Bo", language="en", owner_token=f"student-{size}"
    )
    url = reverse("quizzes:answer", args=[immediate.pk])
    data = answer_data(immediate, 0)
    measure("answer (htmx, immediate)", lambda: student.post(url, data, HTTP_HX_REQUEST="true"))
    measure(
        "feedback page", lambda: student.get(reverse("quizzes:feedback", args=[immediate.pk, 1]))
    )
    measure(
        "start a practice quiz",
        lambda: student.post(
            reverse("quizzes:start"),
            {
                "nickname": "Cy",
                "length": "5",
                "topic": "",
                "language": "en",
                "time_limit": "",
                "behaviour": "immediate",
            },
        ),
    )

    # A teacher's set of `size` questions, taken by a class.
    teacher_user = TeacherFactory(username=f"teacher-{size}")
    question_set = QuestionSet.objects.create(owner=teacher_user, title=f"Set of {size}")
    teaching.set_add(question_set=question_set, questions=questions)
    question_set = teaching.set_publish(question_set=question_set)
    for n in range(CLASS):
        taken = teaching.set_start(
            question_set=question_set, nickname=f"S{n}", owner_token=f"s{size}-{n}"
        )
        for slot in taken.slots.select_related("attempt", "question").order_by("position")[:5]:
            payload = slot.question.payload
            key = {
                "option": next((o["id"] for o in payload.get("options", []) if o["correct"]), "")
            }
            services.answer_submit(slot=slot, answer=key)
    done = teaching.set_start(
        question_set=question_set, nickname="Done", owner_token=f"done-{size}"
    )
    for slot in done.slots.select_related("attempt", "question").order_by("position"):
        services.answer_submit(slot=slot, answer={})
    finished_client = Client()
    set_session(finished_client, quiz_owner=f"done-{size}")
    measure(
        "results page (student)",
        lambda: finished_client.get(reverse("quizzes:results", args=[done.pk])),
    )
    joiner = Client(REMOTE_ADDR=f"10.0.0.{SIZES.index(size) + 1}")  # its own rate counters
    measure("join page", lambda: joiner.get(reverse("quizzes:join_set", args=[question_set.code])))
    measure(
        "join (start the set)",
        lambda: joiner.post(
            reverse("quizzes:join_set", args=[question_set.code]), {"nickname": f"New {size}"}
        ),
    )

    teacher = Client()
    teacher.force_login(teacher_user)
    pk = question_set.pk
    measure("teacher dashboard", lambda: teacher.get(reverse("quizzes:teach")))
    measure("set editor", lambda: teacher.get(reverse("quizzes:set_edit", args=[pk])))
    measure(
        "bank partial (htmx)",
        lambda: teacher.get(
            reverse("quizzes:set_bank", args=[pk]), {"topic": "people"}, HTTP_HX_REQUEST="true"
        ),
    )
    first = question_set.items.order_by("position").first()
    measure(
        "move a question (htmx)",
        lambda: teacher.post(
            reverse("quizzes:set_move", args=[pk]),
            {"item": first.pk, "direction": "down"},
            HTTP_HX_REQUEST="true",
        ),
    )
    measure("teacher results", lambda: teacher.get(reverse("quizzes:set_results", args=[pk])))
    measure(
        "teacher results, live partial (htmx)",
        lambda: teacher.get(reverse("quizzes:set_results", args=[pk]), HTTP_HX_REQUEST="true"),
    )
    measure("results CSV", lambda: teacher.get(reverse("quizzes:set_results_csv", args=[pk])))
    measure(
        "a student's answers",
        lambda: teacher.get(reverse("quizzes:set_attempt", args=[pk, done.pk])),
    )
    measure("share page", lambda: teacher.get(reverse("quizzes:set_share", args=[pk])))
    return counts


def main() -> int:
    folder = tempfile.mkdtemp(prefix="bench-statements-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    logging.getLogger("quizzes").setLevel(logging.WARNING)
    setup_test_environment()
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    call_command("load_facts", verbosity=0, force=True)
    call_command("generate_questions", verbosity=0)
    results = {size: scenario(size) for size in SIZES}
    names = list(results[SIZES[0]])
    print(
        f"SQL statements per request ({connection.vendor}; BEGIN and COMMIT counted; "
        f"a class of {CLASS})"
    )
    print(f"  {'page or action':40} " + " ".join(f"{s:>5}" for s in SIZES) + "  limit  ok")
    failures = 0
    for name in names:
        values = [results[size][name] for size in SIZES]
        limit = LIMITS.get(name)
        grows = GROWS.get((connection.vendor, name))
        ok = (len(set(values)) == 1 or grows) and (limit is None or values[0] <= limit)
        failures += not ok
        print(
            f"  {name:40} "
            + " ".join(f"{v:>5}" for v in values)
            + f"  {limit if limit is not None else '':>5}  {'yes' if ok else 'NO'}"
            + (f"  (grows: {grows})" if grows and len(set(values)) > 1 else "")
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
