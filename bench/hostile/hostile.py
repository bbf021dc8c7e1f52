#!/usr/bin/env python3
"""Hostile-load suite: floods one port of a running devstack at a time and checks that a legitimate
client of that port is still served within 1 s, that the owning service's heap stays under its
limit and that it did not restart, and that every service answers health within 1 s once the flood
ends (issue 19). Standard library only; loopback only.

Flood kinds (each up to --connections sockets, opened over at most --ramp seconds, held --hold s):
  idle        connect, send nothing; whatever the server sends is read and dropped
  half-http   HTTP request line plus one header, never the blank line that ends the head
  silent-ws   a complete WebSocket upgrade to the link; the master's hello is read, nothing is sent
  slow-read   GET of the demo radio's stream with a 4 KB receive buffer that is never read
  half-line   burn: "ID\tV1" without the line end; TSP: the first 5 of a frame's 9 header bytes
  half-zmtp   the 10-byte ZMTP signature, never the rest of the greeting

The attacking sockets bind to source address 127.0.0.2 (all of 127/8 is loopback on Linux) and the
legitimate client uses 127.0.0.1, so limits per source address (one of the defences issue 19
allows) tell the two apart, as they would tell an attacker from a real agent on a network.

Exit status 0 when every check of every flood passed, 1 otherwise, 2 on bad usage.
"""

import argparse
import base64
import errno
import json
import os
import re
import resource
import selectors
import socket
import struct
import sys
import threading
import time
import urllib.request

ATTACKER = "127.0.0.2"
LEGIT = "127.0.0.1"
TARGET = "127.0.0.1"
LEGIT_LIMIT_S = 1.0
PROBE_INTERVAL_S = 0.5
PROBE_TIMEOUT_S = 5.0
HEAP_INTERVAL_S = 2.0
HEAP_LIMIT_RATIO = 0.95
MAX_PENDING_CONNECTS = 256
CONNECT_TIMEOUT_S = 3.0
TCP_ESTABLISHED = 1
IP_BIND_ADDRESS_NO_PORT = 24

# devstack's default ports (bench/hostile/run.sh passes the ones it chose).
DEFAULT_PORTS = {
    "scheduler": 8080, "streamer": 8081, "tracker": 8082, "burner-agent": 8083, "player-agent": 8084,
    "burn": 1337, "simul-advise": 5556, "simul-command": 5557, "tsp": 7070, "tsp-peer": 7071,
    "listener": 0,
}


# ---------------------------------------------------------------------------------------------
# Legitimate clients: each opens its own connection from 127.0.0.1 and returns its latency (s)
# or raises with the reason.

def legit_socket(port, timeout=PROBE_TIMEOUT_S):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.bind((LEGIT, 0))
    sock.connect((TARGET, port))
    return sock


def read_until(sock, marker, limit=65536):
    data = b""
    while marker not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed after %d bytes" % len(data))
        data += chunk
        if len(data) > limit:
            raise ConnectionError("no %r within %d bytes" % (marker, limit))
    return data


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed after %d of %d bytes" % (len(data), count))
        data += chunk
    return data


def probe_http_health(port):
    started = time.monotonic()
    with legit_socket(port) as sock:
        sock.sendall(b"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        head = read_until(sock, b"\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise ConnectionError("health answered " + head.split(b"\r\n")[0].decode("latin-1"))
    return time.monotonic() - started


def probe_websocket_hello(port):
    started = time.monotonic()
    key = base64.b64encode(os.urandom(16)).decode()
    with legit_socket(port) as sock:
        sock.sendall(("GET /api/socket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                      % key).encode())
        head = read_until(sock, b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError("upgrade answered " + head.split(b"\r\n")[0].decode("latin-1"))
        rest = head[head.index(b"\r\n\r\n") + 4:]
        frame = rest + read_exactly(sock, max(0, 2 - len(rest)))
        length = frame[1] & 0x7F
        offset = 2
        if length == 126:
            frame += read_exactly(sock, max(0, 4 - len(frame)))
            length = struct.unpack(">H", frame[2:4])[0]
            offset = 4
        frame += read_exactly(sock, max(0, offset + length - len(frame)))
        message = json.loads(frame[offset:offset + length])
    if message.get("type") != "hello":
        raise ConnectionError("first message was %r, not hello" % message.get("type"))
    return time.monotonic() - started


BURN_TOKEN = {"value": None}


def probe_burn_display(port):
    """IDENT from the server, our ID as a DISPLAY client and AUTH with a control token (when the suite has the admin
    token to mint one), then the server's next message: CAPAB when authenticated."""
    started = time.monotonic()
    with legit_socket(port) as sock:
        ident = read_until(sock, b"\r\n\r\n")
        if not ident.startswith(b"IDENT"):
            raise ConnectionError("greeting was %r" % ident[:40])
        # A burner uid is 32 hex digits.
        hello = b"ID\tV1\tDISPLAY\t484f5354494c45535549544520444953\r\n\r\n"
        if BURN_TOKEN["value"]:
            hello += b"AUTH\t" + BURN_TOKEN["value"].encode("ascii") + b"\r\n\r\n"
        sock.sendall(hello)
        answer = read_until(sock, b"\r\n\r\n")
    if not answer:
        raise ConnectionError("no answer to ID")
    if BURN_TOKEN["value"] and not answer.startswith(b"CAPAB"):
        raise ConnectionError("answer to ID and AUTH was %r" % answer[:60])
    return time.monotonic() - started


def mint_control_token(scheduler_port, admin_token):
    """A one-hour link token with the control role, from the scheduler's REST admin API."""
    request = urllib.request.Request(
        "http://%s:%d/api/admin/link/tokens" % (LEGIT, scheduler_port),
        data=json.dumps({"role": "control", "subject": "hostile-suite", "ttl_seconds": 3600}).encode("utf-8"),
        headers={"Authorization": "Bearer " + admin_token, "Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))["token"]


def probe_tsp_list(port):
    started = time.monotonic()
    with legit_socket(port) as sock:
        sock.sendall(bytes([1]) + struct.pack(">iI", -1, 0))
        kind, _, length = struct.unpack(">BiI", read_exactly(sock, 9))
        payload = read_exactly(sock, length)
        if kind == 6:
            raise ConnectionError("LIST answered ERROR %r" % payload[:80].decode("utf-8", "replace"))
        if kind not in (1, 7):
            raise ConnectionError("LIST answered with frame type %d" % kind)
    return time.monotonic() - started


def probe_tsp_peer_play(port):
    """PLAY of a song the peer cannot have: any complete answer frame (ERROR expected) counts."""
    started = time.monotonic()
    with legit_socket(port) as sock:
        sock.sendall(bytes([3]) + struct.pack(">iI", 0x7FFFFFF0, 0))
        kind, _, length = struct.unpack(">BiI", read_exactly(sock, 9))
        payload = read_exactly(sock, min(length, 65536))
        if kind == 6 and payload.startswith(b"peer busy"):
            raise ConnectionError("PLAY refused: %r" % payload[:80].decode("utf-8", "replace"))
    return time.monotonic() - started


# The greeting names the bus's security mechanism: a CURVE server (devstack's buses) answers a NULL greeting with its
# 10-byte signature and closes, so the probe offers CURVE unless told the buses are plain (--zmq-mechanism=NULL).
ZMTP_MECHANISM = {"value": b"CURVE"}


def zmtp_greeting():
    return (b"\xff" + b"\x00" * 8 + b"\x7f" + bytes([3, 0]) + ZMTP_MECHANISM["value"].ljust(20, b"\x00")
            + b"\x00" + b"\x00" * 31)


def probe_zmtp_greeting(port):
    """A ZMTP 3 peer's greeting: the bus's 64-byte answer shows it accepts and serves connections."""
    started = time.monotonic()
    with legit_socket(port) as sock:
        sock.sendall(zmtp_greeting())
        greeting = read_exactly(sock, 64)
    if greeting[0] != 0xFF or greeting[9] != 0x7F:
        raise ConnectionError("not a ZMTP greeting: %r" % greeting[:12])
    return time.monotonic() - started


def probe_new_listener(port, path):
    """A new listener's first audio bytes."""
    started = time.monotonic()
    with legit_socket(port) as sock:
        sock.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" % path).encode())
        head = read_until(sock, b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise ConnectionError("stream answered " + head.split(b"\r\n")[0].decode("latin-1"))
        if len(head) - head.index(b"\r\n\r\n") - 4 < 1:
            read_exactly(sock, 1)
    return time.monotonic() - started


class ListeningListener(threading.Thread):
    """One real listener kept open through a flood; records the longest gap between audio reads."""

    def __init__(self, port, path):
        super().__init__(daemon=True)
        self.port, self.path = port, path
        self.max_gap = 0.0
        self.error = None
        self.bytes = 0
        self.stopping = threading.Event()

    def run(self):
        try:
            with legit_socket(self.port, timeout=PROBE_TIMEOUT_S) as sock:
                sock.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n" % self.path).encode())
                head = read_until(sock, b"\r\n\r\n")
                if not head.startswith(b"HTTP/1.1 200"):
                    raise ConnectionError("stream answered " + head.split(b"\r\n")[0].decode("latin-1"))
                last = time.monotonic()
                while not self.stopping.is_set():
                    chunk = sock.recv(65536)
                    now = time.monotonic()
                    if not chunk:
                        raise ConnectionError("stream ended after %d bytes" % self.bytes)
                    self.max_gap = max(self.max_gap, now - last)
                    self.bytes += len(chunk)
                    last = now
        except socket.timeout:
            if not self.stopping.is_set():
                self.error = "running listener: no audio for %g s" % PROBE_TIMEOUT_S
        except (OSError, ValueError) as ex:
            if not self.stopping.is_set():
                self.error = "running listener: %s" % ex


# ---------------------------------------------------------------------------------------------
# Heap and restarts, from the owning service's /actuator/prometheus.

def metric_sum(text, name, label_filter):
    total, found = 0.0, False
    for line in text.splitlines():
        if line.startswith(name + "{") and label_filter in line:
            value = float(line.rsplit(" ", 1)[1])
            if value >= 0:
                total += value
                found = True
    return total if found else None


def heap_sample(http_port):
    """(used bytes, max bytes, process start time) or None when the endpoint does not answer."""
    try:
        with urllib.request.urlopen("http://%s:%d/actuator/prometheus" % (TARGET, http_port),
                                    timeout=2) as response:
            text = response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return None
    used = metric_sum(text, "jvm_memory_used_bytes", 'area="heap"')
    maximum = metric_sum(text, "jvm_memory_max_bytes", 'area="heap"')
    start = None
    match = re.search(r"^process_start_time_seconds(?:\{[^}]*\})? (\S+)$", text, re.M)
    if match:
        start = float(match.group(1))
    return used, maximum, start


def health_latency(http_port, timeout=LEGIT_LIMIT_S):
    try:
        started = time.monotonic()
        with legit_socket(http_port, timeout=timeout) as sock:
            sock.sendall(b"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            head = read_until(sock, b"\r\n")
        if head.startswith(b"HTTP/1.1 200"):
            return time.monotonic() - started
        return None
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------
# The attacker.

def payload_for(kind, path):
    if kind == "idle":
        return b""
    if kind == "half-http":
        return b"GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n"
    if kind == "silent-ws":
        key = base64.b64encode(os.urandom(16)).decode()
        return ("GET /api/socket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % key).encode()
    if kind == "slow-read":
        return ("GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n" % path).encode()
    if kind == "half-line-burn":
        return b"ID\tV1"
    if kind == "half-line-tsp":
        return bytes([1, 0xFF, 0xFF, 0xFF, 0xFF])
    if kind == "half-zmtp":
        return zmtp_greeting()[:10]
    raise ValueError(kind)


class Flood:
    """Up to `count` attacking connections to `port`, opened over at most `ramp` s and held `hold` s."""

    def __init__(self, port, kind, payload, count, ramp, hold, on_tick):
        self.port, self.kind, self.payload = port, kind, payload
        self.count, self.ramp, self.hold = count, ramp, hold
        self.on_tick = on_tick
        self.read = kind != "slow-read"
        self.selector = selectors.DefaultSelector()
        self.pending = {}  # socket -> connect deadline
        self.open = set()
        self.opened = 0
        self.closed_by_server = 0
        self.errors = {}
        self.peak_held = 0
        self.held_at_end = 0

    def _error(self, code):
        name = errno.errorcode.get(code, str(code))
        self.errors[name] = self.errors.get(name, 0) + 1

    def _start_connect(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST: no TIME_WAIT
        try:
            sock.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        except OSError:
            pass
        if not self.read:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.bind((ATTACKER, 0))
        code = sock.connect_ex((TARGET, self.port))
        if code not in (0, errno.EINPROGRESS):
            self._error(code)
            sock.close()
            return False
        self.pending[sock] = time.monotonic() + CONNECT_TIMEOUT_S
        self.selector.register(sock, selectors.EVENT_WRITE)
        return True

    def _connected(self, sock):
        del self.pending[sock]
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code != 0:
            self._error(code)
            self.selector.unregister(sock)
            sock.close()
            return
        self.opened += 1
        self.open.add(sock)
        if self.payload:
            try:
                sock.send(self.payload)
            except OSError as ex:
                self._error(ex.errno or 0)
        if self.read:
            self.selector.modify(sock, selectors.EVENT_READ)
        else:
            self.selector.unregister(sock)

    def _readable(self, sock):
        try:
            data = sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.closed_by_server += 1
            self.selector.unregister(sock)
            self.open.discard(sock)
            sock.close()

    def held(self):
        held = 0
        for sock in self.open:
            try:
                if sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1)[0] == TCP_ESTABLISHED:
                    held += 1
            except OSError:
                pass
        return held

    def run(self):
        began = time.monotonic()
        ramp_end = began + self.ramp
        end = None
        attempts = 0
        last_tick = 0.0
        give_up = False
        while True:
            now = time.monotonic()
            if end is None and (attempts >= self.count or now >= ramp_end or give_up) and not self.pending:
                end = now + self.hold
            if end is not None and now >= end:
                break
            # Open more, within the rate that spreads `count` over the ramp and the pending cap.
            if end is None and not give_up and now < ramp_end:
                due = min(self.count, int(self.count * (now - began) / max(self.ramp * 0.8, 0.001)) + 1)
                while attempts < due and len(self.pending) < MAX_PENDING_CONNECTS:
                    attempts += 1
                    try:
                        self._start_connect()
                    except OSError as ex:
                        self._error(ex.errno or 0)
                        if ex.errno in (errno.EMFILE, errno.ENFILE, errno.EADDRNOTAVAIL):
                            give_up = True
                            break
            for key, events in self.selector.select(timeout=0.05):
                sock = key.fileobj
                if sock in self.pending:
                    self._connected(sock)
                elif events & selectors.EVENT_READ:
                    self._readable(sock)
            for sock, deadline in list(self.pending.items()):
                if now > deadline:
                    del self.pending[sock]
                    self.selector.unregister(sock)
                    sock.close()
                    self._error(errno.ETIMEDOUT)
            if now - last_tick >= 2.0:
                last_tick = now
                self.peak_held = max(self.peak_held, self.held())
                self.on_tick(self)
        self.held_at_end = self.held()
        self.peak_held = max(self.peak_held, self.held_at_end)
        self.close()

    def close(self):
        for sock in list(self.pending) + list(self.open):
            try:
                self.selector.unregister(sock)
            except (KeyError, ValueError):
                pass
            sock.close()
        self.pending.clear()
        self.open.clear()
        self.selector.close()


# ---------------------------------------------------------------------------------------------
# The plan: every listening port of every service, with its flood kinds and legitimate clients.

def plan(ports, stream_path):
    p = ports
    targets = [
        # (port name, service name, port, owning service's HTTP port, kinds, probes)
        ("scheduler HTTP", "scheduler", p["scheduler"], p["scheduler"], ["idle", "half-http"],
         [("health", lambda: probe_http_health(p["scheduler"]))]),
        ("scheduler link /api/socket", "scheduler", p["scheduler"], p["scheduler"], ["silent-ws"],
         [("ws hello", lambda: probe_websocket_hello(p["scheduler"])),
          ("health", lambda: probe_http_health(p["scheduler"]))]),
        ("burn TCP", "scheduler", p["burn"], p["scheduler"], ["idle", "half-line-burn"],
         [("burn DISPLAY ID", lambda: probe_burn_display(p["burn"]))]),
        ("simul advise bus", "scheduler", p["simul-advise"], p["scheduler"], ["idle", "half-zmtp"],
         [("zmtp greeting", lambda: probe_zmtp_greeting(p["simul-advise"]))]),
        ("simul command bus", "scheduler", p["simul-command"], p["scheduler"], ["idle", "half-zmtp"],
         [("zmtp greeting", lambda: probe_zmtp_greeting(p["simul-command"]))]),
        ("streamer web", "streamer", p["streamer"], p["streamer"], ["idle", "half-http", "slow-read"],
         [("health", lambda: probe_http_health(p["streamer"])),
          ("new listener", lambda: probe_new_listener(p["streamer"], stream_path))]),
        ("streamer TSP peer", "streamer", p["tsp-peer"], p["streamer"], ["idle", "half-line-tsp"],
         [("tsp PLAY", lambda: probe_tsp_peer_play(p["tsp-peer"]))]),
        ("tracker TSP", "tracker", p["tsp"], p["tracker"], ["idle", "half-line-tsp"],
         [("tsp LIST", lambda: probe_tsp_list(p["tsp"]))]),
        ("tracker HTTP", "tracker", p["tracker"], p["tracker"], ["idle", "half-http"],
         [("health", lambda: probe_http_health(p["tracker"]))]),
        ("burner-agent HTTP", "burner-agent", p["burner-agent"], p["burner-agent"], ["idle", "half-http"],
         [("health", lambda: probe_http_health(p["burner-agent"]))]),
        ("player-agent HTTP", "player-agent", p["player-agent"], p["player-agent"], ["idle", "half-http"],
         [("health", lambda: probe_http_health(p["player-agent"]))]),
    ]
    if p.get("listener"):
        targets.insert(6, ("streamer listener port", "streamer", p["listener"], p["streamer"],
                           ["idle", "half-http", "slow-read"],
                           [("new listener", lambda: probe_new_listener(p["listener"], stream_path))]))
    return targets


HTTP_SERVICES = ["scheduler", "streamer", "tracker", "burner-agent", "player-agent"]


def wait_all_healthy(ports, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(health_latency(ports[s], timeout=2.0) is not None for s in HTTP_SERVICES):
            return True
        time.sleep(1)
    return False


def wait_listener_ready(port, path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if probe_new_listener(port, path) <= LEGIT_LIMIT_S:
                return True
        except (OSError, ValueError):
            pass
        time.sleep(1)
    return False


def run_one(name, service, port, http_port, kind, probes, args, ports, streams_audio):
    """One flood; returns the result row."""
    failures = []
    if not wait_all_healthy(ports, args.settle):
        failures.append("not every service was healthy before the flood")
    if service == "streamer" and not wait_listener_ready(ports["streamer"], args.stream_path, args.settle):
        # The first listener of a radio waits for the streamer to start it: not the flood's doing.
        failures.append("no audio within 1 s for a new listener before the flood")
    before = heap_sample(http_port)
    start_time = before[2] if before else None
    stop = threading.Event()
    latencies = {label: [] for label, _ in probes}
    probe_errors = []
    heap = {"max_ratio": None, "samples": 0, "restarted": False}

    listener = None
    if streams_audio:
        listener = ListeningListener(ports["streamer"], args.stream_path)
        listener.start()

    def probing():
        next_heap = 0.0
        while not stop.is_set():
            for label, probe in probes:
                try:
                    latencies[label].append(probe())
                except (OSError, ValueError) as ex:
                    latencies[label].append(float("inf"))
                    if len(probe_errors) < 5:
                        probe_errors.append("%s: %s" % (label, ex))
            if time.monotonic() >= next_heap:
                next_heap = time.monotonic() + HEAP_INTERVAL_S
                sample = heap_sample(http_port)
                if sample and sample[0] is not None and sample[1]:
                    heap["samples"] += 1
                    ratio = sample[0] / sample[1]
                    heap["max_ratio"] = max(heap["max_ratio"] or 0, ratio)
                    if start_time is not None and sample[2] is not None and sample[2] != start_time:
                        heap["restarted"] = True
            stop.wait(PROBE_INTERVAL_S)

    prober = threading.Thread(target=probing, daemon=True)
    prober.start()
    progress = lambda flood: print("    %s %s: %d opened, %d held, %d closed by server" % (
        name, kind, flood.opened, flood.held(), flood.closed_by_server), flush=True)
    flood = Flood(port, kind, payload_for(kind, args.stream_path), args.connections, args.ramp, args.hold,
                  progress if args.verbose else (lambda f: None))
    flood_began = time.monotonic()
    flood.run()
    flood_seconds = time.monotonic() - flood_began
    stop.set()
    prober.join(PROBE_TIMEOUT_S * len(probes) + 5)
    if listener:
        listener.stopping.set()
        listener.join(PROBE_TIMEOUT_S + 1)

    # Everything answers health within 1 s once the flood ends.
    after = {s: health_latency(ports[s]) for s in HTTP_SERVICES}
    slow_after = [s for s, latency in after.items() if latency is None or latency > LEGIT_LIMIT_S]
    recovered_in = None
    if slow_after:
        failures.append("no health within 1 s after the flood: " + ", ".join(slow_after))
        began = time.monotonic()
        if wait_all_healthy(ports, args.settle):
            recovered_in = time.monotonic() - began
    sample = heap_sample(http_port)
    if sample and start_time is not None and sample[2] is not None and sample[2] != start_time:
        heap["restarted"] = True

    all_latencies = [x for values in latencies.values() for x in values]
    worst = max(all_latencies) if all_latencies else float("inf")
    slow = sum(1 for x in all_latencies if x > LEGIT_LIMIT_S)
    if not all_latencies:
        failures.append("the legitimate client never ran")
    elif slow:
        failures.append("legitimate client: %d of %d exchanges failed or took over 1 s (%s)" % (
            slow, len(all_latencies), "; ".join(probe_errors) or "slow"))
    if listener:
        if listener.error:
            failures.append(listener.error)
        elif listener.max_gap > LEGIT_LIMIT_S:
            failures.append("running listener: audio stalled %.1f s" % listener.max_gap)
        worst = max(worst, listener.max_gap if not listener.error else float("inf"))
    if heap["restarted"]:
        failures.append("%s restarted during the flood (out of memory?)" % service)
    if heap["max_ratio"] is not None and heap["max_ratio"] >= HEAP_LIMIT_RATIO:
        failures.append("heap reached %.0f %% of its limit" % (heap["max_ratio"] * 100))
    return {
        "port_name": name, "service": service, "port": port, "kind": kind,
        "target": args.connections, "opened": flood.opened, "peak_held": flood.peak_held,
        "held_at_end": flood.held_at_end, "closed_by_server": flood.closed_by_server,
        "connect_errors": flood.errors, "flood_seconds": round(flood_seconds, 1),
        "legit_exchanges": len(all_latencies), "legit_slow": slow,
        "legit_max_ms": None if worst == float("inf") else round(worst * 1000),
        "listener_max_gap_ms": round(listener.max_gap * 1000) if listener else None,
        "heap_max_percent": None if heap["max_ratio"] is None else round(heap["max_ratio"] * 100),
        "heap_samples": heap["samples"], "restarted": heap["restarted"],
        "health_after_ms": {s: (None if v is None else round(v * 1000)) for s, v in after.items()},
        "recovered_after_s": None if recovered_in is None else round(recovered_in, 1),
        "passed": not failures, "failures": failures,
    }


def format_row(r):
    legit = "timeout" if r["legit_max_ms"] is None else "%d ms" % r["legit_max_ms"]
    heap = "n/a" if r["heap_max_percent"] is None else "%d %%" % r["heap_max_percent"]
    return "| %d | %s | %s | %d/%d (%d at end, %d closed by server) | %s | %s | %s |" % (
        r["port"], r["port_name"], r["kind"], r["peak_held"], r["target"], r["held_at_end"],
        r["closed_by_server"], legit, heap, "passed" if r["passed"] else "FAILED: " + "; ".join(r["failures"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=18000, help="attacking connections per flood")
    parser.add_argument("--ramp", type=float, default=30, help="at most this many seconds to open them")
    parser.add_argument("--hold", type=float, default=20, help="seconds to hold them once opened")
    parser.add_argument("--settle", type=float, default=120,
                        help="seconds to wait for every service to be healthy before each flood")
    parser.add_argument("--only", default="", help="comma-separated ports or port names (e.g. 8080,burn)")
    parser.add_argument("--kinds", default="", help="comma-separated flood kinds to run (default: all)")
    parser.add_argument("--stream-path", default="/radios/demo", help="a radio the streamer plays")
    parser.add_argument("--results", default="bench/hostile/results.md", help="where the table goes")
    parser.add_argument("--verbose", action="store_true", help="print progress every 2 s")
    parser.add_argument("--zmq-mechanism", default="CURVE", choices=["CURVE", "NULL"],
                        help="security mechanism the simul buses use (devstack: CURVE); the probe's greeting names it")
    parser.add_argument("--admin-token", default=os.environ.get("MEDIAFLEET_TOKEN", ""),
                        help="the scheduler's admin token (default $MEDIAFLEET_TOKEN), to mint the burn probe's "
                             "control token; without it the burn probe only checks that ID is answered")
    for key, default in DEFAULT_PORTS.items():
        parser.add_argument("--%s-port" % key, type=int, default=default,
                            help="(0: not listening)" if key == "listener" else argparse.SUPPRESS)
    args = parser.parse_args()
    if args.connections < 1 or args.ramp <= 0 or args.hold < 0 or args.ramp + args.hold > 120:
        parser.error("need connections >= 1, ramp > 0, hold >= 0 and ramp + hold <= 120 s")
    ports = {key: getattr(args, key.replace("-", "_") + "_port") for key in DEFAULT_PORTS}
    ZMTP_MECHANISM["value"] = args.zmq_mechanism.encode("ascii")
    if args.admin_token:
        BURN_TOKEN["value"] = mint_control_token(ports["scheduler"], args.admin_token)

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.connections + 200
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard) if hard != resource.RLIM_INFINITY
                                                    else wanted, hard))
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if soft < wanted:
        print("note: open-file limit %d (hard %d) < %d: floods stop at about %d connections"
              % (soft, hard, wanted, soft - 200), flush=True)
    try:
        probe = socket.socket()
        probe.bind((ATTACKER, 0))
        probe.close()
    except OSError as ex:
        print("cannot bind the attacker's source address %s: %s" % (ATTACKER, ex), file=sys.stderr)
        return 2

    only = {x.strip() for x in args.only.split(",") if x.strip()}
    kinds = {x.strip() for x in args.kinds.split(",") if x.strip()}
    rows = []
    header = ("| port | what | flood | held peak/target | legit client max | heap max | result |\n"
              "|---|---|---|---|---|---|---|")
    print("hostile-load suite: %d connections per flood from %s, legitimate client from %s, ramp <= %g s, "
          "hold %g s" % (args.connections, ATTACKER, LEGIT, args.ramp, args.hold), flush=True)
    for name, service, port, http_port, flood_kinds, probes in plan(ports, args.stream_path):
        if only and str(port) not in only and name not in only and not any(o in name for o in only):
            continue
        for kind in flood_kinds:
            short = kind.replace("-burn", "").replace("-tsp", "")
            if kinds and kind not in kinds and short not in kinds:
                continue
            print("  flooding %d (%s) with %s ..." % (port, name, short), flush=True)
            streams_audio = service == "streamer" and port == ports["streamer"]
            row = run_one(name, service, port, http_port, kind, probes, args, ports, streams_audio)
            row["kind"] = short
            rows.append(row)
            print(header.splitlines()[0] if len(rows) == 1 else "", end="")
            print(("\n" + header.splitlines()[1] + "\n") if len(rows) == 1 else "", end="")
            print(format_row(row), flush=True)
    passed = sum(1 for r in rows if r["passed"])
    summary = "%d of %d floods passed" % (passed, len(rows))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    with open(args.results, "w") as out:
        out.write("# Hostile-load suite, %s\n\n%d connections per flood from %s (legitimate client from %s), "
                  "ramp <= %g s, hold %g s.\n\n%s\n" % (stamp, args.connections, ATTACKER, LEGIT, args.ramp,
                                                        args.hold, header))
        for r in rows:
            out.write(format_row(r) + "\n")
        out.write("\n%s\n" % summary)
    with open(os.path.splitext(args.results)[0] + ".json", "w") as out:
        json.dump(rows, out, indent=1)
    print("\n%s; table in %s" % (summary, args.results), flush=True)
    return 0 if rows and passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
