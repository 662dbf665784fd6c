"""Load and integrity test: a whole class answering at once while workers crash.

On a fresh database (SQLite or PostgreSQL) and gunicorn as in production, loopback only:
- 300 students of one school join a published set of 20 questions by its code and answer
  them through htmx, 20 % of answers sent twice at once, 10 % given up after a client
  timeout and sent again, some pages reloaded mid-quiz (bench/classroom.py, locust
  headless with a bounded run time); 20 late students answer a one-minute set after its
  time, 10 more never come back to it; 30 more take a set with deferred feedback and
  navigation (save page by page, go back and change answers, flag, submit from the
  summary); a teacher polls the live results throughout;
- in the first seconds, one client (32 browsers at one address) sends 1,000 wrong join codes
  in 10 s while a real student joins from elsewhere: no more are looked up than the
  address's limit (quizzes/views/limits.py), the rest get 429;
- every few seconds a random gunicorn worker is killed with SIGKILL; every few seconds the
  database is checked for attempts whose score or position disagree with their responses.
Then `manage.py sweep` runs, and the database is checked against everything the load
generator saw acknowledged. Prints the figures and every problem found; exits 1 on any.
Usage: python -m bench.loadtest [sqlite|postgresql [seconds [students]]] (no argument:
SQLite, then PostgreSQL where tools/postgres-up could start it)
"""

from __future__ import annotations

import collections
import concurrent.futures
import csv
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench import server

ROOT = server.ROOT
STORM = {"requests": 1000, "seconds": 10, "address": "203.0.113.66"}


def workers_of(master: int) -> list[int]:
    """The gunicorn master's worker processes."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return children


class Killer(threading.Thread):
    """SIGKILL a random worker every few seconds, as a crash or the OOM killer would."""

    def __init__(self, master: int, every: tuple[float, float] = (3, 6)):
        super().__init__(daemon=True)
        self.master, self.every, self.kills = master, every, 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(random.uniform(*self.every)):
            workers = workers_of(self.master)
            if workers:
                try:
                    os.kill(random.choice(workers), signal.SIGKILL)
                    self.kills += 1
                except ProcessLookupError:
                    pass


class Watcher(threading.Thread):
    """Every few seconds, in one statement (one consistent snapshot), the attempts whose
    score is not the sum of their responses' points or whose position is not their count."""

    def __init__(self):
        super().__init__(daemon=True)
        self.checks, self.bad = 0, set()
        self.stopping = threading.Event()

    def run(self):
        from django.db import connection

        from quizzes.models import Attempt, Response

        attempts, responses = Attempt._meta.db_table, Response._meta.db_table
        sql = (
            f"SELECT a.id FROM {attempts} a LEFT JOIN (SELECT attempt_id, COUNT(*) AS n, "
            f"SUM(points) AS total FROM {responses} GROUP BY attempt_id) r "
            f"ON r.attempt_id = a.id "
            # Deferred feedback: the position is the page shown; responses come at submission.
            f"WHERE (a.behaviour <> 'deferred' AND a.position <> COALESCE(r.n, 0)) "
            f"OR ABS(a.score - COALESCE(r.total, 0)) > 1e-6"
        )
        while not self.stopping.wait(4):
            with connection.cursor() as cursor:
                cursor.execute(sql)
                self.bad |= {str(row[0]) for row in cursor.fetchall()}
            self.checks += 1
        connection.close()


def csrf_session(url: str, address: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    session.headers["X-Forwarded-For"] = address
    page = session.get(url + "/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session, token


def storm(url: str, code: str) -> dict:
    """1,000 wrong join codes in 10 s from one client (32 browsers, one address); halfway, a
    real student joins."""
    local = threading.local()
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    statuses: collections.Counter = collections.Counter()
    start = time.monotonic()

    def wrong(number: int) -> int:
        time.sleep(max(0, start + number * STORM["seconds"] / STORM["requests"] - time.monotonic()))
        if not hasattr(local, "session"):
            local.session, local.token = csrf_session(url, STORM["address"])
        session, token = local.session, local.token
        guess = "".join(random.choice(alphabet) for _ in range(6))
        while guess == code:
            guess = "".join(random.choice(alphabet) for _ in range(6))
        for _ in range(5):  # a connection cut by a killed worker is sent again
            try:
                return session.post(
                    url + "/join/", data={"code": guess, "csrfmiddlewaretoken": token},
                    headers={"Referer": url + "/"}, timeout=10,
                ).status_code  # fmt: skip
            except requests.ConnectionError:
                time.sleep(0.2)
        return 0

    real = {}

    def real_student():
        time.sleep(STORM["seconds"] / 2)
        for _ in range(5):
            try:
                session, token = csrf_session(url, "192.0.2.44")
                page = session.post(
                    f"{url}/join/{code}/", data={"nickname": "Real", "csrfmiddlewaretoken": token},
                    timeout=10,
                )  # fmt: skip
                real["joined"] = page.status_code == 200 and "/quiz/" in page.url
                return
            except requests.ConnectionError:
                time.sleep(0.3)

    helper = threading.Thread(target=real_student)
    helper.start()
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        for status in pool.map(wrong, range(STORM["requests"])):
            statuses[status] += 1
    helper.join()
    return {"statuses": statuses, "seconds": time.monotonic() - start, **real}


def locust(url: str, seconds: int, users: int, env: dict, prefix: Path) -> None:
    command = [
        str(server.BIN / "locust"), "-f", str(ROOT / "bench/classroom.py"), "--headless",
        "-u", str(users), "-r", "50", "-t", f"{seconds}s", "--host", url, "--csv", str(prefix),
        "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=env, check=False, timeout=seconds + 120)


def django_on(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="0",
        DJANGO_SECURE_COOKIES="0", DJANGO_SECURE_SSL_REDIRECT="0",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def teacher(username: str = "bench-teacher") -> str:
    """The bench teacher's password, new for this run."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save()
    return password


def check(log_path: Path, sets: dict, swept: float) -> tuple[list[str], dict]:
    """Everything acknowledged is stored, once; scores and positions agree; the sweep and
    the teacher's statistics are right. Returns the problems and the figures."""
    from django.db.models import Count
    from django.http import QueryDict

    from quizzes import scoring, selectors
    from quizzes.forms import AnswerForm
    from quizzes.models import Attempt, AttemptQuestion, QuestionSet, Response
    from quizzes.presenting import present

    problems: list[str] = []
    entries = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    attempts = {str(a.pk): a for a in Attempt.objects.filter(question_set_id__in=sets.values())}
    slots = {
        (str(s.attempt_id), s.position): s
        for s in AttemptQuestion.objects.filter(attempt_id__in=attempts).select_related("question")
    }
    responses = {
        (str(r.attempt_id), r.position): r for r in Response.objects.filter(attempt_id__in=attempts)
    }
    duplicates = (
        Response.objects.values("attempt_id", "position").annotate(n=Count("id")).filter(n__gt=1)
    )
    if duplicates.exists():
        problems.append(f"{duplicates.count()} positions hold more than one response")

    # 1. Every acknowledged answer is stored, as it was sent.
    acknowledged, seen_positions = 0, collections.defaultdict(set)
    for entry in entries:
        kind = entry["event"]
        if kind == "answer":
            acknowledged += 1
            key = (entry["attempt"], entry["position"])
            stored = responses.get(key)
            if stored is None:
                problems.append(f"acknowledged answer not stored: {key}")
                continue
            slot = slots[key]
            attempt = attempts[entry["attempt"]]
            data = QueryDict(mutable=True)
            data["position"] = str(entry["position"])
            for name, value in entry["answer"].items():
                data.setlist(name, value if isinstance(value, list) else [value])
            shown = present(
                slot.question.payload, attempt_id=attempt.pk, position=slot.position,
                language=attempt.language, shuffle_options=attempt.shuffle_options,
                order=entry["answer"].get("order"),
            )  # fmt: skip
            form = AnswerForm(data, shown=shown)
            if not form.is_valid() or form.cleaned_data["answer"] != stored.answer:
                problems.append(f"stored answer differs from the acknowledged one: {key}")
            seen_positions[entry["attempt"]].add(entry["position"])
        elif kind == "reload" and entry["position"] is not None:
            # The page shows the first unanswered question: nothing acknowledged is ahead
            # of it, and it is never beyond what the database holds.
            done = seen_positions[entry["attempt"]]
            final = attempts[entry["attempt"]].position
            if (done and entry["position"] <= max(done)) or entry["position"] > final:
                problems.append(f"reload of {entry['attempt']} showed {entry['position']}")

    # 2. Every attempt: one response per answered position, in order (deferred feedback:
    # one per question with a saved answer, once submitted); score = their sum, and = a
    # recomputation from the stored answers.
    for pk, attempt in attempts.items():
        positions = sorted(p for (a, p) in responses if a == pk)
        if attempt.behaviour == Attempt.Behaviour.DEFERRED:
            drafted = sorted(
                p for (a, p), s in slots.items()
                if a == pk and s.draft is not None and attempt.state == Attempt.State.FINISHED
            )  # fmt: skip
            if positions != drafted:
                problems.append(f"deferred attempt {pk}: drafts at {drafted}, answers {positions}")
        elif positions != list(range(attempt.position)):
            problems.append(f"attempt {pk}: position {attempt.position}, answers at {positions}")
        total = sum(responses[(pk, p)].points for p in positions)
        recomputed = sum(
            scoring.score(slots[(pk, p)].question.payload, responses[(pk, p)].answer)
            * slots[(pk, p)].points
            for p in positions
        )
        if abs(attempt.score - total) > 1e-6 or abs(total - recomputed) > 1e-6:
            problems.append(f"attempt {pk}: score {attempt.score}, sum {total}, {recomputed}")

    # 3. Late answers were refused and sent to the results; expired attempts were finished
    # at their deadline, by the late answer or by the sweep.
    late = [e for e in entries if e["event"] == "late"]
    for entry in late:
        if entry["status"] != 409 or "/results/" not in entry["redirect"]:
            problems.append(f"late answer got {entry['status']} {entry['redirect']!r}")
        if (entry["attempt"], entry["position"]) in responses:
            problems.append(f"late answer stored: {entry['attempt']}")
    expired = [
        a for a in attempts.values()
        if a.deadline and a.deadline.timestamp() + max(2, a.grace_seconds) < swept
    ]  # fmt: skip
    for attempt in expired:
        if attempt.position == attempt.question_count:
            continue  # answered everything in time
        if attempt.state != Attempt.State.FINISHED or attempt.ending != "time_up":
            problems.append(f"expired attempt {attempt.pk} is {attempt.state}/{attempt.ending}")
        elif attempt.finished_at != attempt.deadline:
            problems.append(f"expired attempt {attempt.pk} finished at {attempt.finished_at}")

    # 4. Deferred feedback: every acknowledged submission finished its attempt, and each
    # question was scored on the last answer the student saw acknowledged for it.
    last_saved: dict = {}
    for entry in entries:
        if entry["event"] == "saved":
            last_saved[(entry["attempt"], entry["position"])] = entry["answer"]
    submitted = {e["attempt"] for e in entries if e["event"] == "submitted"}
    for pk in submitted:
        if attempts[pk].state != Attempt.State.FINISHED:
            problems.append(f"submitted deferred attempt {pk} is {attempts[pk].state}")
    for (pk, position), sent in last_saved.items():
        if pk not in submitted:
            continue
        slot, attempt, stored = slots[(pk, position)], attempts[pk], responses.get((pk, position))
        data = QueryDict(mutable=True)
        data["position"] = str(position)
        for name, value in sent.items():
            data.setlist(name, value if isinstance(value, list) else [value])
        shown = present(
            slot.question.payload, attempt_id=attempt.pk, position=position,
            language=attempt.language, shuffle_options=attempt.shuffle_options,
            order=sent.get("order"),
        )  # fmt: skip
        form = AnswerForm(data, shown=shown)
        expected = form.cleaned_data["answer"] if form.is_valid() else None
        if stored is None or stored.answer != expected:
            problems.append(
                f"deferred answer scored differs from the last one saved: {pk} {position}"
            )

    # 5. The teacher's statistics agree with the stored answers.
    main = QuestionSet.objects.get(pk=sets["main"])
    results = selectors.set_results(main)
    finished = [
        a for a in attempts.values()
        if a.question_set_id == sets["main"] and a.state == Attempt.State.FINISHED
    ]  # fmt: skip
    mean = sum(a.score for a in finished) / len(finished) if finished else None
    if results.summary.count != len(finished):
        problems.append(f"teacher sees {results.summary.count} finished, {len(finished)} are")
    elif finished and abs(results.summary.mean - mean) > 1e-6:
        problems.append(f"teacher's mean {results.summary.mean}, recomputed {mean}")
    main_responses = collections.Counter(
        slots[key].question.uid
        for key, r in responses.items()
        if attempts[key[0]].question_set_id == sets["main"]
    )
    for item in results.items:
        if item.answered != main_responses[item.uid]:
            problems.append(f"item {item.uid}: teacher sees {item.answered} answers")
    polls = [e for e in entries if e["event"] == "teacher"]
    if not polls or any(e["status"] >= 500 for e in polls):
        problems.append("the teacher's results page failed or was never polled")

    main_attempts = [a for a in attempts.values() if a.question_set_id == sets["main"]]
    figures = {
        "attempts": len(main_attempts),
        "finished": len(finished),
        "responses": len(responses),
        "acknowledged": acknowledged,
        "double": sum(1 for e in entries if e["event"] == "double"),
        "gave up": sum(1 for e in entries if e["event"] == "gave up"),
        "reloads": sum(1 for e in entries if e["event"] == "reload"),
        "refused": sum(1 for e in entries if e["event"] == "refused"),
        "late": len(late),
        "expired": len(expired),
        "polls": len(polls),
        "navigators": sum(1 for a in attempts.values() if a.question_set_id == sets["deferred"]),
        "submitted": len(submitted),
        "saves": sum(1 for e in entries if e["event"] == "saved"),
        "mean": mean,
    }
    return problems, figures


def failures(prefix: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                counts[row["Error"]] += int(row["Occurrences"])
    return counts


def requests_made(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def main(database: str = "sqlite", seconds: int = 150, students: int = 300) -> int:
    database_url = server.fresh_database(database)
    env = server.environment(database_url, DJANGO_BEHIND_PROXY=1)
    print(f"Load and integrity test on {database}: preparing the database")
    server.prepare(env)
    main_code, main_pk = server.publish_set(env, "--questions", "20", "--minutes", "20")
    late_code, late_pk = server.publish_set(
        env, "--questions", "5", "--minutes", "1", "--grace", "5"
    )
    deferred_code, deferred_pk = server.publish_set(
        env, "--questions", "10", "--behaviour", "deferred"
    )
    django_on(database_url)
    password = teacher()
    work = Path(tempfile.mkdtemp(prefix="loadtest-"))
    log_path, prefix = work / "acknowledged.jsonl", work / "locust"
    log_path.touch()
    locust_env = {
        **os.environ, "LOADTEST_LOG": str(log_path), "LOADTEST_CODE": main_code,
        "LOADTEST_LATE_CODE": late_code, "LOADTEST_TEACHER": "bench-teacher",
        "LOADTEST_DEFERRED_CODE": deferred_code,
        "LOADTEST_PASSWORD": password, "LOADTEST_SET": main_pk,
        "PYTHONPATH": str(ROOT),
    }  # fmt: skip
    users = students + 20 + 10 + 30 + 1
    gunicorn_log = work / "gunicorn.log"
    with server.gunicorn(env, cpu=None, workers=3, threads=4, log=gunicorn_log) as (url, process):
        print(f"  {STORM['requests']} wrong join codes from one client in {STORM['seconds']} s")
        wrong = storm(url, main_code)
        killer, watcher = Killer(process.pid), Watcher()
        print(f"  {users} simulated users for {seconds} s on {url}; killing workers from now")
        killer.start()
        watcher.start()
        locust(url, seconds, users, locust_env, prefix)
        killer.stopping.set()
        watcher.stopping.set()
        killer.join()
        watcher.join()
        alive = workers_of(process.pid)
    swept = time.time()
    sweep = subprocess.run(
        [server.PYTHON, str(ROOT / "manage.py"), "sweep"], env=env, cwd=ROOT, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    sets = {"main": int(main_pk), "late": int(late_pk), "deferred": int(deferred_pk)}
    problems, figures = check(log_path, sets, swept)
    if watcher.bad:
        problems.append(f"mid-run checks saw {len(watcher.bad)} attempts out of step")

    errors = failures(prefix)
    server_errors = {k: v for k, v in errors.items() if re.search(r"status 5\d\d", k)}
    if server_errors:
        problems.append(f"server errors: {server_errors}")
    made = requests_made(prefix)
    blocked = wrong["statuses"][429] / STORM["requests"]
    from quizzes.views.limits import CODES_PER_ADDRESS

    looked_up = STORM["requests"] - wrong["statuses"][429]
    if looked_up > CODES_PER_ADDRESS["limit"]:
        problems.append(f"{looked_up} wrong codes were looked up, past the address's limit of "
                        f"{CODES_PER_ADDRESS['limit']} a minute")  # fmt: skip
    if not wrong.get("joined"):
        problems.append("the real student could not join during the storm of wrong codes")
    if figures["submitted"] < figures["navigators"]:
        problems.append(
            f"only {figures['submitted']} of {figures['navigators']} navigators submitted"
        )
    if figures["finished"] < students:
        problems.append(f"only {figures['finished']} of {students} students finished")

    print(f"  workers killed with SIGKILL: {killer.kills} (alive at the end: {len(alive)})")
    print(f"  consistency checks during the run: {watcher.checks}, attempts out of step: "
          f"{len(watcher.bad)}")  # fmt: skip
    print("  requests (locust):")
    for name, row in sorted(made.items()):
        print(f"    {name:22} {row['Request Count']:>7} sent, {row['Failure Count']:>5} failed, "
              f"p50 {row['50%']} ms, p99 {row['99%']} ms")  # fmt: skip
    print(f"  failures by cause: {dict(errors) or 'none'}")
    print(f"  students: {figures['attempts']} attempts on the class set, {figures['finished']} "
          f"finished; {figures['acknowledged']} answers acknowledged, {figures['responses']} "
          f"responses stored in all")  # fmt: skip
    print(f"  sent twice at once: {figures['double']}, "
          f"gave up and sent again: {figures['gave up']}, reloads: {figures['reloads']}, "
          f"refused as out of step (409): {figures['refused']}")  # fmt: skip
    print(f"  late answers: {figures['late']} (all refused with 409 unless listed below); "
          f"sweep: {sweep.stdout.strip()}")  # fmt: skip
    mean = "none" if figures["mean"] is None else f"{figures['mean']:.2f}"
    print(f"  teacher polls: {figures['polls']}; class mean score {mean}")
    print(f"  deferred feedback: {figures['navigators']} attempts, {figures['saves']} saves "
          f"acknowledged, {figures['submitted']} submitted")  # fmt: skip
    print(f"  wrong join codes: {STORM['requests']} in {wrong['seconds']:.1f} s from one "
          f"client, {blocked:.1%} refused with 429 ({dict(wrong['statuses'])}); a real "
          f"student joined meanwhile: {'yes' if wrong.get('joined') else 'NO'}")  # fmt: skip
    for problem in problems[:50]:
        print(f"  PROBLEM: {problem}")
    if len(problems) > 50:
        print(f"  ... and {len(problems) - 50} more problems")
    print(f"  {'FAILED' if problems else 'passed'}: {len(problems)} problems (log: {work})")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args:
        sys.exit(main(args[0], *(int(a) for a in args[1:])))
    # Both databases, one after the other, each in a process of its own.
    status = subprocess.run([sys.executable, "-m", "bench.loadtest", "sqlite"], check=False)
    if not server.postgres_available():
        print("PostgreSQL is not available (tools/postgres-up): its run is skipped.")
        sys.exit(status.returncode)
    again = subprocess.run([sys.executable, "-m", "bench.loadtest", "postgresql"], check=False)
    sys.exit(status.returncode or again.returncode)
