"""Benchmark: what the browser downloads, and Lighthouse's scores, for the main pages.

Against the site as in production (gunicorn, DEBUG off, compressed hashed static files):
- page weight, from the browser's own request sizes (Playwright driving Debian's Chromium):
  the home page, the first quiz page (empty cache), each later question (an htmx swap),
  and the results page; bytes on the wire (compressed bodies and headers), request count,
  and every host contacted;
- Lighthouse (the npm package, headless Chromium, on localhost): performance,
  accessibility, best practices and SEO of the home, question and results pages.
Usage: python -m bench.pages [sqlite|postgresql]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from bench import server
from tests.e2e.conftest import ARGS, CHROMIUM

LIGHTHOUSE = server.ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIMITS = {"first quiz page": (25 * 1024, 4), "later question": (2 * 1024, 1)}


class Recorder:
    """Every response a page receives: URL, bytes on the wire."""

    def __init__(self, page):
        self.entries = []
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        sizes = request.sizes()
        self.entries.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def take(self):
        entries, self.entries = self.entries, []
        return entries


def submit(page) -> None:
    """Answer the question on the page with one request (the order shown, the first choice,
    a number or a name) and wait for the next question or the results."""
    step = page.locator("#step")
    before = page.locator("#step-title").inner_text()
    if step.locator("label.choice").count():
        step.locator("label.choice").first.click()
    elif step.locator(".pairs select").count():
        for select in step.locator(".pairs select").all():
            select.select_option(index=1)
    elif step.locator("#answer-input").count():
        numeric = step.locator("input[inputmode=decimal]").count()
        step.locator("#answer-input").fill("139" if numeric else "Lenin")
    # /answer/, or /save/ in deferred feedback.
    with page.expect_event("requestfinished", lambda r: r.url.endswith(("/answer/", "/save/"))):
        step.locator("button.primary").click()
    page.wait_for_function(
        "before => { const t = document.querySelector('#step-title');"
        " return !t || t.textContent !== before; }",
        arg=before,
    )
    page.wait_for_load_state("networkidle")


def fresh_page(browser, cookies):
    """A page in a new context (empty cache) that carries the student's session."""
    context = browser.new_context()
    context.add_cookies(cookies)
    page = context.new_page()
    return page, Recorder(page)


def weigh(url: str) -> tuple[dict, list, dict]:
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context()
        page = context.new_page()
        recorder = Recorder(page)
        page.goto(url + "/", wait_until="networkidle")
        results["home page"] = recorder.take()
        urls = {}
        for name in ("weighed", "question"):
            page.goto(url + "/")
            page.locator("input[name=length][value='5']").check()
            # Deferred feedback: each answer is one request that brings the next question.
            page.locator("input[name=behaviour][value='deferred']").check()
            page.get_by_role("button", name="Start the quiz").click()
            page.wait_for_load_state("networkidle")
            urls[name] = page.url.split("#")[0]
        cookies = context.cookies()
        # The first quiz page with an empty cache, as a student arriving on it.
        fresh, fresh_recorder = fresh_page(browser, cookies)
        fresh.goto(urls["weighed"], wait_until="networkidle")
        results["first quiz page"] = fresh_recorder.take()
        later = []
        for _ in range(4):
            submit(fresh)
            later.append(fresh_recorder.take())
        results["later question"] = later
        submit(fresh)  # the last answer: the summary, then "Submit all and finish"
        fresh.get_by_role("button", name="Submit all and finish").click()
        fresh.wait_for_url("**/results/")
        urls["results"] = fresh.url
        page, recorder = fresh_page(browser, cookies)
        page.goto(urls["results"], wait_until="networkidle")
        results["results page"] = recorder.take()
        browser.close()
    return results, cookies, urls


def lighthouse(url: str, cookies: list) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: `make bench` installs it with npm")
    out = Path(tempfile.mkdtemp(prefix="lighthouse-")) / "report.json"
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    flags = " ".join(["--headless=new", *ARGS])
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={flags}", "--preset=desktop",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    if done.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    scores = {key: round(100 * cat["score"]) for key, cat in report["categories"].items()}
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") == "binary" and (audit.get("score") or 1) < 1
    ]
    return {"scores": scores, "failing": failing}


def main(database: str = "sqlite") -> int:
    env = server.environment(server.fresh_database(database))
    server.prepare(env)
    problems = 0
    with server.gunicorn(env, cpu=None, workers=2, threads=4) as (url, _process):
        url = url.replace("127.0.0.1", "localhost")  # a secure context for the browser
        weights, cookies, urls = weigh(url)
        print("Page weight, from Chromium's own request sizes (bytes on the wire, compressed)")
        hosts = set()
        for name, entries in weights.items():
            groups = entries if name == "later question" else [entries]
            for index, group in enumerate(groups, start=1):
                hosts |= {urlparse(u).hostname for u, _ in group}
                total = sum(size for _, size in group)
                label = f"{name} {index}" if name == "later question" else name
                limit = LIMITS.get(name)
                ok = limit is None or (total <= limit[0] and len(group) <= limit[1])
                problems += not ok
                limits = f"  (limit {limit[0] // 1024} KB, {limit[1]} req)" if limit else ""
                print(f"  {label:22} {total / 1024:6.1f} KB in {len(group)} requests"
                      f"{limits}{'' if ok else '  OVER'}")  # fmt: skip
                for request_url, size in group:
                    print(f"      {size / 1024:6.1f} KB  {urlparse(request_url).path}")
        print(f"  hosts contacted: {', '.join(sorted(hosts))}"
              "  (the median web page: about 2.3 MB in 66 requests)")  # fmt: skip
        problems += hosts != {"localhost"}
        print("Lighthouse (desktop preset, headless Chromium, localhost)")
        pages = (("home", url + "/"), ("question", urls["question"]), ("results", urls["results"]))
        for name, page_url in pages:
            result = lighthouse(page_url, cookies)
            scores = result["scores"]
            failing = f"   failing: {', '.join(result['failing'])}" if result["failing"] else ""
            print(f"  {name:9} " + "  ".join(f"{k} {v}" for k, v in scores.items()) + failing)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
