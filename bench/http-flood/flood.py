#!/usr/bin/env python3
"""Rough flood of one HTTP port (loopback only), with a legitimate client probing meanwhile.

Starts the target JVM given after `--` (it prints `READY <port>` and answers `stats` on stdin, see
SchedulerFloodTarget), then for each kind in --kinds: asks for heap stats, opens --count connections from --source
(another loopback address, so the prober on 127.0.0.1 has its own per-address budget), sends each the kind's bytes,
probes GET /actuator/health (and, for ws, a link upgrade that must get its `hello`) every 250 ms with a 1 s budget,
holds --hold seconds while counting the connections the server closed, asks for stats again, closes everything,
and checks health answers within 1 s afterwards.

Kinds: idle (connect, send nothing), half (request line and one header, never finished), ws (a complete link
upgrade, never a register; the server's 101, hello and close are never read by the peer's application).
"""
import argparse
import errno
import os
import queue
import select
import socket
import subprocess
import sys
import threading
import time

HALF = b"GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
WS = (b"GET /api/socket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")


class Target:
    """The target JVM; its log goes to target/http-flood-<pid>.log, drained all along so it never blocks."""

    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        os.makedirs("target", exist_ok=True)
        self.log = open(f"target/http-flood-{self.proc.pid}.log", "w")
        threading.Thread(target=self._drain, daemon=True).start()
        while True:
            line = self.lines.get()
            if line is None:
                raise SystemExit(f"target exited before READY, see {self.log.name}")
            if line.startswith("READY"):
                self.port = int(line.split()[1])
                return

    def _drain(self):
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()
            if line.startswith(("READY", "STATS")):
                self.lines.put(line)
        self.lines.put(None)

    def stats(self):
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        line = self.lines.get(timeout=60)
        return dict(word.split("=") for word in line.split()[1:])

    def quit(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()


def http_get(port, path="/actuator/health", timeout=1.0):
    """Milliseconds for a complete 200 answer on a new connection from 127.0.0.1, or None."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(max(0.01, timeout - (time.monotonic() - start)))
            s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            if data.startswith(b"HTTP/1.1 200"):
                return (time.monotonic() - start) * 1000
    except OSError:
        pass
    return None


def link_hello(port, timeout=1.0):
    """Milliseconds until a link upgrade from 127.0.0.1 got its 101 and the hello frame, or None."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(WS)
            data = b""
            while b"hello" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    return None
                data += chunk
            if data.startswith(b"HTTP/1.1 101"):
                return (time.monotonic() - start) * 1000
    except OSError:
        pass
    return None


class Prober(threading.Thread):
    def __init__(self, port, link):
        super().__init__(daemon=True)
        self.port, self.link = port, link
        self.results = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(0.25):
            self.results.append(("health", http_get(self.port)))
            if self.link:
                self.results.append(("link", link_hello(self.port)))

    def summary(self):
        parts = []
        for name in sorted({n for n, _ in self.results}):
            times = [t for n, t in self.results if n == name]
            ok = sorted(t for t in times if t is not None)
            worst = f"{ok[-1]:.0f}" if ok else "-"
            parts.append(f"{name}: {len(ok)}/{len(times)} within 1 s, worst {worst} ms")
        return "; ".join(parts)


def flood(port, kind, count, source, hold, on_opened):
    payload = {"idle": b"", "half": HALF, "ws": WS}[kind]
    ep = select.epoll()
    sockets = {}
    refused = timeouts = 0
    started = time.monotonic()
    for _ in range(count):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.bind((source, 0))
        s.settimeout(0.5)
        try:
            s.connect(("127.0.0.1", port))
            if payload:
                s.sendall(payload)
        except socket.timeout:
            timeouts += 1
            s.close()
            if timeouts > 200:
                break
            continue
        except OSError as ex:
            refused += 1
            s.close()
            if ex.errno == errno.EMFILE:
                break
            continue
        s.setblocking(False)
        sockets[s.fileno()] = s
        ep.register(s.fileno(), select.EPOLLIN | select.EPOLLRDHUP)
    opened = time.monotonic() - started
    on_opened(len(sockets))
    closed_by_server = 0
    closed_at = []
    deadline = time.monotonic() + hold
    while time.monotonic() < deadline:
        for fd, _ in ep.poll(0.2):
            s = sockets.get(fd)
            if s is None:
                continue
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        raise ConnectionResetError
            except BlockingIOError:
                continue
            except OSError:
                closed_by_server += 1
                closed_at.append(time.monotonic() - started)
                ep.unregister(fd)
                del sockets[fd]
                s.close()
    held = len(sockets)
    for s in sockets.values():
        s.close()
    ep.close()
    first_close = f"{min(closed_at):.1f}" if closed_at else "-"
    return (f"connected {count - refused - timeouts} of {count} in {opened:.1f} s (connect errors {refused}, "
            f"connect timeouts {timeouts}); closed by the server while held {closed_by_server} "
            f"(first after {first_close} s); still open after {hold} s: {held}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", default="idle,half,ws")
    parser.add_argument("--count", type=int, default=18000)
    parser.add_argument("--source", default="127.0.0.2")
    parser.add_argument("--hold", type=float, default=15)
    parser.add_argument("--port", type=int, help="an already running target instead of a command")
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    target = Target(args.command) if args.command else None
    port = target.port if target else args.port
    try:
        for kind in args.kinds.split(","):
            before = target.stats() if target else {}
            prober = Prober(port, kind == "ws")
            prober.start()
            during = {}
            def opened(n):
                if target:
                    during.update(target.stats(), held=n)
            result = flood(port, kind, args.count, args.source, args.hold, opened)
            prober.stop.set()
            prober.join()
            after = target.stats() if target else {}
            health = http_get(port)
            line = f"[{kind} x{args.count} from {args.source}] {result}; probes {prober.summary()}"
            if target:
                mb = lambda v: f"{int(v) / 1048576:.1f} MB"
                per = (int(during['heap']) - int(before['heap'])) / max(1, during['held'])
                line += (f"; heap after GC {mb(before['heap'])} before, {mb(during['heap'])} with {during['held']} "
                         f"held ({per / 1024:.1f} KB each), {mb(after['heap'])} after; peak "
                         f"{mb(max(int(during['peak']), int(after['peak'])))} of {mb(after['max'])}")
            health_text = f"{health:.0f} ms" if health is not None else "NO ANSWER"
            print(line + f"; health after: {health_text}", flush=True)
            time.sleep(2)
    finally:
        if target:
            target.quit()


if __name__ == "__main__":
    main()
