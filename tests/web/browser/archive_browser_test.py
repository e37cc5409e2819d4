#!/usr/bin/python3
"""The web archive in a real browser: headless Chromium (Debian's chromium and
chromium-driver, through python3-selenium) against `omvarld run` on a copy of
the demo, after a poll and a digest run gave it something to show.

Every page reachable from the start page (same origin, at most MAX_PAGES) is
opened at desktop width and at 360 px and checked with axe-core (WCAG 2.1 A
and AA rules): no serious or critical violation, no Content-Security-Policy
violation in the console, Swedish (lang="sv") and a title. Then what an
official and a coordinator do: search, follow a digest's "Visa i
webbläsaren" to the digest's page, answer "Nej" through a digest's link
(the confirmation page records nothing until its button is pressed), and
find the answer on /samordnare and in the coordinators' report.

    archive_browser_test.py --omvarld BUILD/cli/omvarld --source-dir SRC --axe AXE.JS
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

MAX_PAGES = 40
WIDTHS = {"desktop": (1280, 900), "mobile": (360, 740)}
ARGS = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, cwd, check=True):
    result = subprocess.run([ARGS.omvarld, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    if check and result.returncode not in (0, 1):
        raise AssertionError(f"omvarld {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


class Demo:
    """A copy of examples/ with [web] on a free loopback port and `omvarld run` on it."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="omvarld-browser-")
        shutil.copytree(os.path.join(ARGS.source_dir, "examples"), self.dir, dirs_exist_ok=True)
        for leftover in ("demo.db", "outbox"):
            path = os.path.join(self.dir, leftover)
            shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else None
            if os.path.isfile(path):
                os.remove(path)
        # The newsletters come from an IMAP server the demo does not start here.
        imap = os.path.join(self.dir, "conf.d", "42-imap.toml")
        if os.path.exists(imap):
            os.remove(imap)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        with open(os.path.join(self.dir, "omvarld.toml"), "a", encoding="utf-8") as config:
            config.write(f'\n[web]\nlisten = "127.0.0.1:{self.port}"\nbase_url = "{self.base}"\n')
        self.config = os.path.join(self.dir, "omvarld.toml")
        run(["--config", self.config, "check-config"], self.dir)
        run(["--config", self.config, "poll", "--once"], self.dir)
        run(["--config", self.config, "digest", "send", "--now", "--all"], self.dir, check=False)
        self.log = open(os.path.join(self.dir, "run.log"), "w", encoding="utf-8")
        self.daemon = subprocess.Popen([ARGS.omvarld, "--config", self.config, "run"], cwd=self.dir,
                                       stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.daemon.poll() is not None:
                    break
                time.sleep(0.2)
        raise AssertionError("omvarld run did not listen: " + open(os.path.join(self.dir, "run.log")).read())

    def stop(self):
        self.daemon.send_signal(signal.SIGTERM)
        self.daemon.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def browser():
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def axe_violations(driver, axe_source):
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify({passes: r.passes.length, violations: r.violations})))"
        ".catch(e => done(JSON.stringify({passes: 1, violations: [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]})));")
    outcome = json.loads(result)
    if outcome["passes"] == 0:
        return [{"id": "axe-ran-no-rule", "impact": "critical", "help": "axe checked nothing", "nodes": []}]
    return [v for v in outcome["violations"] if v.get("impact") in ("serious", "critical")]


class ArchiveInABrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.demo = Demo()
        cls.driver = browser()
        cls.driver.set_script_timeout(60)
        with open(ARGS.axe, encoding="utf-8") as axe:
            cls.axe = axe.read()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.demo.stop()

    def same_origin_links(self):
        links = []
        for anchor in self.driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = urllib.parse.urldefrag(anchor.get_attribute("href"))[0]
            if href.startswith(self.demo.base + "/") and not href.endswith((".ics", ".atom", ".css")):
                links.append(href)
        return links

    def test_every_page_is_accessible_swedish_and_within_its_policy(self):
        seen, queue, problems = set(), [self.demo.base + "/"], []
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            print(f"checking {url}", file=sys.stderr, flush=True)
            if "/digest/" in url:
                # A digest as sent is its own document under a sandbox CSP in
                # which no script runs, axe's neither: it is the email, checked
                # by the digest's own tests.
                continue
            for name, (width, height) in WIDTHS.items():
                self.driver.set_window_size(width, height)
                self.driver.get(url)
                self.driver.get_log("browser")  # drop what an earlier page left
                self.driver.get(url)
                if self.driver.execute_script("return document.documentElement.lang") != "sv":
                    problems.append(f"{url}: not lang=sv")
                if not self.driver.title.strip():
                    problems.append(f"{url}: no title")
                for violation in axe_violations(self.driver, self.axe):
                    targets = [n.get("target") for n in violation.get("nodes", [])][:3]
                    problems.append(f"{url} ({name}): {violation['id']} ({violation['impact']}): "
                                    f"{violation['help']} {targets}")
                for entry in self.driver.get_log("browser"):
                    if "Content Security Policy" in entry.get("message", ""):
                        problems.append(f"{url}: {entry['message']}")
                if name == "mobile":
                    overflow = self.driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    if overflow > 0:
                        problems.append(f"{url}: {overflow} px wider than a 360 px screen")
            queue.extend(link for link in self.same_origin_links() if link not in seen)
        self.assertGreaterEqual(len(seen), 5, f"only {len(seen)} pages reachable: {sorted(seen)}")
        self.assertEqual(problems, [], "\n".join(problems))


    def test_an_official_searches_with_an_inflected_word(self):
        self.driver.set_window_size(*WIDTHS["mobile"])
        self.driver.get(self.demo.base + "/sok")
        field = self.driver.find_element(By.ID, "q")
        field.send_keys("kommission")
        field.submit()
        self.assertIn("/sok?", self.driver.current_url)
        results = self.driver.find_element(By.ID, "innehall").text
        # The demo's feeds speak of "kommissionen" and "Kommissionens": the
        # base form finds them, as a filter would.
        self.assertRegex(results.lower(), r"kommission(en|ens)")
        self.assertNotIn("Inga nyheter matchade", results)

    def test_a_digests_visa_i_webblasaren_opens_it_in_the_archive(self):
        outbox = os.path.join(self.demo.dir, "outbox")
        pages = sorted(f for f in os.listdir(outbox) if f.endswith(".html"))
        self.assertTrue(pages, "the demo sent no digest")
        with open(os.path.join(outbox, pages[0]), encoding="utf-8") as digest:
            html = digest.read()
        start = html.find(self.demo.base + "/utskick/")
        self.assertGreaterEqual(start, 0, "no Visa i webbläsaren link in " + pages[0])
        link = html[start:html.find('"', start)].replace("&amp;", "&")
        self.assertIn("Visa i webbläsaren", html)
        self.driver.get(link)
        self.assertRegex(self.driver.current_url, r"/namnd/[^/]+/digest/\d+$")
        self.assertIn("Omvärldsbevakning", self.driver.page_source)


    def test_an_official_answers_nej_through_a_digest_link(self):
        outbox = os.path.join(self.demo.dir, "outbox")
        link = None
        for page in sorted(f for f in os.listdir(outbox) if f.endswith(".html")):
            with open(os.path.join(outbox, page), encoding="utf-8") as digest:
                html = digest.read()
            end = html.find("&amp;v=nej")
            if end >= 0:
                start = html.rfind('"', 0, end) + 1
                link = html[start:end].replace("&amp;", "&") + "&v=nej"
                break
        self.assertIsNotNone(link, "no digest in the outbox has a Nej link")
        self.assertTrue(link.startswith(self.demo.base + "/feedback?t="), link)
        self.assertNotIn('Nej: "', self.report(), "an answer before anyone answered")

        self.driver.set_window_size(*WIDTHS["mobile"])
        self.driver.get(link)
        button = self.driver.find_element(By.CSS_SELECTOR, "form[action='/feedback'] button")
        self.assertEqual(button.text, "Skicka: Inte relevant")
        title = self.driver.find_element(By.CSS_SELECTOR, "#innehall p").text.strip()
        self.assertTrue(title)
        problems = axe_violations(self.driver, self.axe)
        self.assertEqual(problems, [], "axe on the confirmation page")
        # Opening the link (a mail scanner may) records nothing.
        self.driver.get(self.demo.base + "/samordnare")
        self.assertNotIn("Nyheter som fick Nej", self.driver.page_source)
        self.assertNotIn('Nej: "', self.report())

        self.driver.get(link)
        self.driver.find_element(By.CSS_SELECTOR, "form[action='/feedback'] button").click()
        self.assertEqual(self.driver.current_url.split("?")[0], self.demo.base + "/feedback")
        self.assertIn("Tack! Ditt svar är sparat.", self.driver.page_source)
        # The pages and the report count answers in [from, now) at whole
        # seconds: one given this very second shows from the next.
        time.sleep(1.1)
        self.driver.get(self.demo.base + "/samordnare")
        coordinators = self.driver.find_element(By.ID, "innehall").text
        self.assertIn("Nyheter som fick Nej", coordinators)
        self.assertIn(title[:40], coordinators)
        report = self.report()
        self.assertIn("1 Nej (inte relevant)", report)
        self.assertIn('Nej: "' + title[:40], report)

    def report(self):
        result = run(["--config", self.demo.config, "digest", "preview", "--report"], self.demo.dir)
        return result.stdout


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--omvarld", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--axe", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
