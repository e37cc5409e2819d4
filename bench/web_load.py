#!/usr/bin/python3
"""Times the web archive's pages and counts requests per second (stdlib only).

  web_load.py pages BASE N PATH...            each PATH: one warm-up GET, then N
                                              GETs one after another on one
                                              kept-alive connection; one JSON line
                                              per PATH (median, p95, bytes, status)
  web_load.py rps BASE SECONDS CLIENTS PATH   CLIENTS processes, each GETting PATH
                                              on its own kept-alive connection for
                                              SECONDS; one JSON line (requests/s)

A request's time runs from sending it to having read the whole body.
"""
import http.client
import json
import multiprocessing
import statistics
import sys
import time
import urllib.parse


def connect(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def get(connection, base, path):
    """One GET; reconnects once when the server closed the kept-alive connection."""
    for attempt in (0, 1):
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
            return response.status, len(body)
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            if attempt:
                raise
    raise AssertionError("unreachable")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def pages(base, count, paths):
    connection = connect(base)
    for path in paths:
        status, size = get(connection, base, path)  # warm-up: SQLite's page cache, the lemma cache
        times = []
        for _ in range(count):
            started = time.perf_counter()
            status, size = get(connection, base, path)
            times.append((time.perf_counter() - started) * 1000)
        print(json.dumps({"path": path, "status": status, "bytes": size, "n": count,
                          "median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95),
                          "max_ms": max(times)}), flush=True)


def client(base, path, seconds, counts):
    connection = connect(base)
    deadline = time.monotonic() + seconds
    ok = failed = 0
    while time.monotonic() < deadline:
        try:
            status, _ = get(connection, base, path)
            ok += status == 200
            failed += status != 200
        except (OSError, http.client.HTTPException):
            failed += 1
            connection = connect(base)
    counts.put((ok, failed))


def rps(base, seconds, clients, path):
    counts = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=client, args=(base, path, seconds, counts)) for _ in range(clients)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    results = [counts.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started
    ok = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    print(json.dumps({"path": path, "clients": clients, "seconds": round(elapsed, 2), "ok": ok,
                      "failed": failed, "rps": ok / elapsed}), flush=True)


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "pages":
        pages(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
    elif len(sys.argv) == 6 and sys.argv[1] == "rps":
        rps(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
