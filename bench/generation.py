"""Benchmark: generating the question bank against loading the fact fixtures (same run).

Each round migrates a fresh SQLite database in a temporary folder, times `loaddata` of
fixtures/conference.yaml, then times the generation of the whole bank from those facts
(reading them, generating, and storing the questions). Prints the medians and the ratio.
Usage: python bench/generation.py [rounds]
"""

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(rounds: int) -> None:
    folder = tempfile.mkdtemp(prefix="bench-generation-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from conference import wording
    from quizzes import selectors
    from quizzes.generation.distractors import content_stems
    from quizzes.generation.registry import generate
    from quizzes.models import Question
    from quizzes.services import bank_refresh

    logging.getLogger("quizzes").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    load, pure, stored = [], [], []
    for _ in range(rounds):
        call_command("flush", interactive=False, verbosity=0)
        start = time.perf_counter()
        call_command("loaddata", str(ROOT / "fixtures" / "conference.yaml"), verbosity=0)
        load.append(time.perf_counter() - start)

        # Cold caches, as in a fresh process: generation memoises folded words.
        wording.fold.cache_clear()
        wording.sort_key.cache_clear()
        content_stems.cache_clear()
        start = time.perf_counter()
        drafts = generate(selectors.fact_base())
        pure.append(time.perf_counter() - start)

        Question.objects.all().delete()
        start = time.perf_counter()
        bank_refresh()
        stored.append(time.perf_counter() - start)

    load_s, pure_s, stored_s = (statistics.median(x) for x in (load, pure, stored))
    print(f"bank generation vs loaddata, median of {rounds} rounds, same process and database")
    print(f"  loaddata fixtures/conference.yaml      {load_s * 1000:8.1f} ms")
    print(
        f"  generate {len(drafts)} questions (read+generate) {pure_s * 1000:8.1f} ms"
        f"   ratio {pure_s / load_s:.2f}x loaddata"
    )
    print(
        f"  generate and store them (bank_refresh)  {stored_s * 1000:8.1f} ms"
        f"   ratio {stored_s / load_s:.2f}x loaddata"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
