#!/usr/bin/python3
"""Screenshots of the web archive's pages for the docs, run by
scripts/screenshot-web.sh: `omvarld run` with [web] on a copy of the demo,
set up as tests/web/browser/archive_browser_test.py sets it up (its Demo
class: a poll and a digest run first), each page in headless Chromium at
1280 px and at 360 px, the page cut at a maximum height, into
OUT/web-PAGE-desktop.png and OUT/web-PAGE-mobile.png (optimised later).

    screenshot_web.py --omvarld BUILD/cli/omvarld --source-dir SRC --out DIR
"""

import argparse
import base64
import hashlib
import hmac
import os
import sqlite3
import struct
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "web", "browser"))
import archive_browser_test as browser_test  # noqa: E402  (its Demo and browser())

from selenium.webdriver.common.by import By  # noqa: E402

WIDTHS = {"desktop": (1280, 2400), "mobile": (360, 3200)}  # width, the most height kept


def feedback_token(key, namnd, item_id, recipient):
    """As web/feedback_token.cpp makes it (version 1), for the confirmation page."""
    def mac(domain, data):
        return hmac.new(key, domain + data, hashlib.sha256).digest()
    tag = mac(b"omvarld feedback recipient\0", recipient.strip().lower().encode())[:16]
    payload = b"\x01" + struct.pack(">Q", item_id) + tag + namnd.encode()
    token = payload + mac(b"omvarld feedback token\0", payload)
    return base64.urlsafe_b64encode(token).rstrip(b"=").decode()


def shoot(driver, url, out, name, before_shot=None):
    for size, (width, max_height) in WIDTHS.items():
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": size == "mobile"})
        driver.get(url)
        if before_shot:
            before_shot(driver)
        height = min(driver.execute_script("return document.documentElement.scrollHeight"), max_height)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "mobile"})
        path = os.path.join(out, f"web-{name}-{size}.png")
        driver.save_screenshot(path)
        print(f"{path}: {width}x{height}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--omvarld", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    browser_test.ARGS = args
    os.makedirs(args.out, exist_ok=True)

    demo = browser_test.Demo()
    driver = browser_test.browser()
    try:
        base = demo.base
        db = sqlite3.connect(os.path.join(demo.dir, "demo.db"))
        # The nämnd with the most digests, its newest digest, and an item of it.
        namnd, = db.execute("SELECT namnd FROM digests GROUP BY namnd ORDER BY count(*) DESC, namnd LIMIT 1").fetchone()
        quoted = urllib.parse.quote(namnd, safe="")
        shoot(driver, base + "/", args.out, "start")
        shoot(driver, f"{base}/namnd/{quoted}", args.out, "namnd")
        driver.get(f"{base}/namnd/{quoted}")
        digest = driver.find_element(By.CSS_SELECTOR, "a[href*='/digest/']").get_attribute("href")
        shoot(driver, digest, args.out, "digest")
        shoot(driver, base + "/sok?q=kommission", args.out, "sok")
        shoot(driver, base + "/deadlines", args.out, "deadlines")
        shoot(driver, base + "/samordnare", args.out, "samordnare")
        shoot(driver, base + "/samordnare/prova?filter=klimat*&sort=term&dagar=365", args.out, "prova")

        # Feedback: the confirmation page a "Ja" link opens, then the answer.
        item_id, = db.execute("SELECT item_id FROM matches WHERE namnd = ? ORDER BY item_id DESC LIMIT 1",
                              (namnd,)).fetchone()
        # The first feedback request makes the key (a garbled token: 403).
        try:
            urllib.request.urlopen(f"{base}/feedback?t=x&v=ja", timeout=30)
        except urllib.error.HTTPError:
            pass
        with open(os.path.join(demo.dir, "feedback.key"), "rb") as key_file:
            key = key_file.read()
        link = f"{base}/feedback?t={feedback_token(key, namnd, item_id, 'tjansteperson@example.se')}&v=ja"
        shoot(driver, link, args.out, "feedback")
        shoot(driver, link, args.out, "feedback-tack",
              before_shot=lambda d: d.find_element(By.CSS_SELECTOR, "form button, form input[type=submit]").click())
    finally:
        driver.quit()
        demo.stop()


if __name__ == "__main__":
    main()
