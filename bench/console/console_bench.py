#!/usr/bin/env python3
"""Operator console benchmark client (standard library only): seeds radios over the REST admin API, connects burners
that speak the burn farm's line protocol over raw TCP, signs in consoles that hold the live connection
(/console/events) open like a browser tab, then measures page loads and how long a burner's progress line takes to
reach every console (its `burn` event, then the burners part fetched again, showing the new percent).
Run by bench/console/run.sh, which starts the scheduler; figures only, nothing asserted."""

import argparse
import http.client
import json
import math
import re
import socket
import sys
import threading
import time
import urllib.parse

CSRF = re.compile(r'name="_csrf"\s+value="([^"]+)"')


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


class Http:
    """One keep-alive connection, as a browser tab reuses one; carries the console's session cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                if attempt == 2:
                    raise
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, data.decode("utf-8", "replace")


def sign_in(port, token, name):
    client = Http(port)
    status, _, page = client.request("GET", "/console/sign-in")
    csrf = CSRF.search(page)
    if status != 200 or not csrf:
        sys.exit(f"sign-in page: HTTP {status}, no _csrf field")
    form = urllib.parse.urlencode({"operator": name, "token": token, "_csrf": csrf.group(1)})
    status, headers, _ = client.request("POST", "/console/sign-in", form,
                                        {"Content-Type": "application/x-www-form-urlencoded"})
    location = headers.get("Location", "")
    if status != 302 or "error" in location:
        sys.exit(f"sign-in refused: HTTP {status} to {location}")
    status, _, page = client.request("GET", "/console")
    if status != 200 or 'id="burners"' not in page:
        sys.exit(f"/console after sign-in: HTTP {status}")
    return client


class Burner:
    """A burner on the line protocol: ID, CAP with its one image, STATUS AVAIL; answers nothing else by itself."""

    def __init__(self, port, uid, image):
        self.uid = uid
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        self.burns = []
        self.burn_arrived = threading.Condition()
        self.lock = threading.Lock()
        self.expect("IDENT")
        self.send("ID", "V1", "BURNDVD", uid)
        self.expect("CAPAB")
        self.send("CAP", "BURNDVD", image)
        self.send("STATUS", "DVD", "AVAIL")
        threading.Thread(target=self.read, daemon=True).start()

    def send(self, *fields):
        with self.lock:
            self.socket.sendall(("\t".join(fields) + "\r\n\r\n").encode())

    def message(self):
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.socket.recv(65536)
            if not chunk:
                raise ConnectionError(f"burner {self.uid}: connection closed")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        return message.decode().split("\r\n")[0].split("\t")

    def expect(self, kind):
        fields = self.message()
        if fields[0] != kind:
            raise ConnectionError(f"burner {self.uid}: expected {kind}, got {fields}")

    def read(self):
        self.socket.settimeout(None)
        try:
            while True:
                fields = self.message()
                if fields[0] == "BURN":
                    with self.burn_arrived:
                        self.burns.append(fields[1])
                        self.burn_arrived.notify_all()
        except (ConnectionError, OSError):
            pass

    def await_burn(self, timeout):
        deadline = time.monotonic() + timeout
        with self.burn_arrived:
            while not self.burns:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.burn_arrived.wait(left)
            return self.burns.pop(0)


class Step:
    """The progress line now travelling: its percent, when it left, and when each console showed it."""

    def __init__(self, percent, consoles):
        self.percent = percent
        self.sent = None
        self.seen = {}
        self.done = threading.Event()
        self.consoles = consoles
        self.lock = threading.Lock()

    def saw(self, console, at):
        with self.lock:
            if console not in self.seen and self.sent is not None:
                self.seen[console] = at - self.sent
                if len(self.seen) == self.consoles:
                    self.done.set()


class LiveConsole:
    """A signed-in tab: its live connection, and on every `burn` event the burners part fetched again."""

    def __init__(self, index, port, client, row):
        self.index = index
        self.port = port
        self.client = client
        self.row = row
        self.step = None
        self.events = 0
        self.pending = threading.Event()
        self.connected = threading.Event()
        threading.Thread(target=self.listen, daemon=True).start()
        threading.Thread(target=self.refresh, daemon=True).start()

    def listen(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=None)
        cookie = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        connection.request("GET", "/console/events", headers={"Accept": "text/event-stream", "Cookie": cookie})
        response = connection.getresponse()
        if response.status != 200:
            print(f"console {self.index}: /console/events answered HTTP {response.status}", file=sys.stderr)
            return
        self.connected.set()
        while True:
            line = response.readline()
            if not line:
                print(f"console {self.index}: live connection closed", file=sys.stderr)
                return
            if line.strip() == b"event: burn" or line.strip() == b"event:burn":
                self.events += 1
                self.pending.set()

    def refresh(self):
        while True:
            self.pending.wait()
            self.pending.clear()
            step = self.step
            status, _, body = self.client.request("GET", "/console/overview/burners",
                                                  headers={"HX-Request": "true"})
            shown = self.row.search(body) if status == 200 else None
            if step is not None and shown and int(shown.group(1)) == step.percent:
                step.saw(self.index, time.monotonic())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--burn-port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--radios", type=int, default=1000)
    parser.add_argument("--burners", type=int, default=100)
    parser.add_argument("--consoles", type=int, default=10)
    parser.add_argument("--page-loads", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--step-pause", type=float, default=0.2)
    args = parser.parse_args()

    admin = Http(args.port)
    auth = {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"}
    began = time.monotonic()
    failures = []

    def seed(first):
        client = Http(args.port)
        for i in range(first, args.radios, 8):
            status, _, body = client.request("PUT", f"/api/admin/radios/bench-radio-{i:04d}",
                                             json.dumps({"name": f"Bench radio {i:04d}"}), auth)
            if status not in (200, 201):
                failures.append(f"PUT radio {i}: HTTP {status} {body[:200]}")
                return
    seeders = [threading.Thread(target=seed, args=(first,)) for first in range(8)]
    for seeder in seeders:
        seeder.start()
    for seeder in seeders:
        seeder.join()
    if failures:
        sys.exit(failures[0])
    print(f"seeded {args.radios} radios in {time.monotonic() - began:.1f} s (8 connections)")

    measured_image = "%032x" % 0xbe0c4
    idle_image = "%032x" % 0x1d1e
    burners = [Burner(args.burn_port, f"{0xbe000000 + i:08x}" + "0" * 24, measured_image if i == 0 else idle_image)
               for i in range(args.burners)]
    print(f"connected {len(burners)} burners (line protocol, raw TCP)")
    stop = threading.Event()

    def keep_idle_alive():
        while not stop.wait(5):
            for burner in burners[1:]:
                burner.send("STATUS", "DVD", "AVAIL")
    threading.Thread(target=keep_idle_alive, daemon=True).start()

    row = re.compile(re.escape(burners[0].uid[:8]) + r'</span></td>\s*<td><span class="badge[^"]*">[A-Z]+ (\d+)%')
    consoles = [LiveConsole(i, args.port, sign_in(args.port, args.token, f"bench-{i}"), row)
                for i in range(args.consoles)]
    for console in consoles:
        if not console.connected.wait(10):
            sys.exit(f"console {console.index}: no live connection")
    print(f"signed in {len(consoles)} consoles, each with /console/events open")

    print(f"\n(a) page load, {args.page_loads} sequential GETs after 20 unmeasured, one signed-in keep-alive connection:")
    page_client = consoles[0].client
    for path in ("/console", "/console/radios", "/console/burn"):
        status, _, _ = page_client.request("GET", path)
        if status == 404:
            print(f"  {path:18s} skipped: 404 (that page is not in this build)")
            continue
        if status != 200:
            print(f"  {path:18s} skipped: HTTP {status}")
            continue
        for _ in range(20):
            page_client.request("GET", path)
        times, size = [], 0
        for _ in range(args.page_loads):
            t0 = time.perf_counter()
            status, _, body = page_client.request("GET", path)
            times.append((time.perf_counter() - t0) * 1000)
            size = len(body)
        print(f"  {path:18s} p50 {percentile(times, 50):7.1f} ms  p95 {percentile(times, 95):7.1f} ms  "
              f"p99 {percentile(times, 99):7.1f} ms  max {max(times):7.1f} ms  ({size} bytes)")

    status, _, body = admin.request("POST", "/api/admin/burn/queue",
                                    json.dumps({"hash": measured_image, "priority": 5, "copies": args.jobs}), auth)
    if status not in (200, 201):
        sys.exit(f"queue: HTTP {status} {body[:200]}")
    samples, missed = [], 0
    burner = burners[0]
    for job in range(args.jobs):
        if burner.await_burn(30) is None:
            sys.exit(f"job {job + 1}: no BURN reached burner {burner.uid} within 30 s")
        burner.send("STATUS", measured_image, "0")
        time.sleep(0.5)
        for step_number in range(1, args.steps + 1):
            step = Step(min(99, step_number * max(1, 99 // args.steps)), len(consoles))
            for console in consoles:
                console.step = step
            step.sent = time.monotonic()
            burner.send("STATUS", measured_image, str(step.percent))
            if not step.done.wait(5):
                missed += len(consoles) - len(step.seen)
            samples.extend(step.seen.values())
            time.sleep(args.step_pause)
        for console in consoles:
            console.step = None
        burner.send("STATUS", measured_image, "100", "TIME", "5")
        burner.send("STATUS", measured_image, "PASS")
        burner.send("STATUS", "DVD", "AVAIL")
    stop.set()
    ms = [s * 1000 for s in samples]
    print(f"\n(b) progress propagation, burner line sent -> `burn` event -> /console/overview/burners shows the percent:")
    print(f"  {len(ms)} arrivals ({args.jobs} jobs x {args.steps} steps x {len(consoles)} consoles), "
          f"{missed} not seen within 5 s")
    if ms:
        print(f"  p50 {percentile(ms, 50):7.1f} ms  p99 {percentile(ms, 99):7.1f} ms  max {max(ms):7.1f} ms")
    print(f"  burn events received per console: {[c.events for c in consoles]}")


if __name__ == "__main__":
    main()
