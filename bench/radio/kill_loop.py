#!/usr/bin/env python3
"""Scheduler kill loop (issue 16): SIGKILLs the scheduler at random moments, lets devstack restart it and checks,
after each restart, what the radio protocol promises across a crash.

Started by bench/radio/kill-loop.sh, which starts devstack (hold directory, MongoDB in a process of its own) and
passes its ports, admin token, process id and hold directory. Standard library only; loopback only; every wait is
bounded (--max-minutes for the whole run).

What it does: programs --radios radios on an ordered playlist of short tones (6 to 9 s, so a track boundary, and the
scheduler's plays for it, fall in every outage), connects --listeners plain HTTP listeners per radio to the
streamer, and watches Redis itself (PSUBSCRIBE <prefix>yastream.* and SUBSCRIBE <prefix>yascheduler on a raw
socket): every play the scheduler publishes, every register_listener / unregister_listener the streamer sends.
Then --kills times: waits a random 2..--max-wait seconds, holds the scheduler's restart, SIGKILLs it, keeps it down
a random 0..--max-down seconds, releases it and waits for its health; after each restart (and a settle time) it
closes one listener and opens another (churn), and checks:

  * no duplicate play: no track (radio, file, start time) announced twice by the programme (the plays a joining
    streamer is sent after radio_started repeat what it holds by design, and are counted apart);
  * no skipped track: per radio, the distinct tracks announced follow the playlist, each starting where the
    previous one ends (a gap is a skipped track or dead air, an overlap a track twice);
  * no lost session: every session the streamer registered and has not unregistered is open in the admin API;
  * no lost or double close: every session the streamer unregistered is closed in the history, once: its end time
    is that of its one unregister_listener (a second close after a restart would move it later).

Prints one line per kill and a summary; exits 1 when any check failed.
"""

import argparse
import datetime
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

TONES = [("kl-a", 6.0, 330), ("kl-b", 7.0, 392), ("kl-c", 8.0, 440), ("kl-d", 9.0, 494)]
START_TOLERANCE = 1.0  # seconds between estimated start times that still count as the same instant


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def http(method, url, token, body=None, timeout=5.0):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.strip() else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (OSError, ValueError) as error:
        return 0, str(error)


def children(devstack_pid):
    """The scheduler's process id among devstack's children (by its jar), or None."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[1]) != devstack_pid or fields[0] == "Z":
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if b"scheduler-service.jar" in cmdline.read():
                    return int(entry)
        except (OSError, IndexError, ValueError):
            continue
    return None


class RedisMonitor(threading.Thread):
    """Reads pub/sub on a raw RESP socket: every message on the streamers' channels and on the scheduler's."""

    def __init__(self, port, prefix):
        super().__init__(daemon=True, name="redis-monitor")
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.settimeout(None)
        self.file = self.sock.makefile("rb")
        self.prefix = prefix
        self.lock = threading.Lock()
        self.events = []  # (wall time, channel, message dict)
        self.subscribed = threading.Event()
        self.sock.sendall(self.command("PSUBSCRIBE", prefix + "yastream.*"))
        self.sock.sendall(self.command("SUBSCRIBE", prefix + "yascheduler"))

    @staticmethod
    def command(*parts):
        out = b"*%d\r\n" % len(parts)
        for part in parts:
            data = part.encode()
            out += b"$%d\r\n%s\r\n" % (len(data), data)
        return out

    def read(self):
        line = self.file.readline()
        if not line:
            raise EOFError
        kind, rest = line[:1], line[1:-2]
        if kind == b"*":
            return [self.read() for _ in range(int(rest))]
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            data = self.file.read(length + 2)
            return data[:-2]
        if kind == b":":
            return int(rest)
        return rest

    def run(self):
        try:
            while True:
                reply = self.read()
                now = time.time()
                if not isinstance(reply, list) or not reply:
                    continue
                kind = reply[0]
                if kind in (b"psubscribe", b"subscribe"):
                    self.subscribed.set()
                    continue
                channel, body = (reply[2], reply[3]) if kind == b"pmessage" else (reply[1], reply[2])
                try:
                    message = json.loads(body)
                except ValueError:
                    continue
                with self.lock:
                    self.events.append((now, channel.decode(), message))
        except (EOFError, OSError):
            log("redis monitor: connection lost (Redis is not killed by this script; results after this are void)")

    def snapshot(self):
        with self.lock:
            return list(self.events)


class Listener(threading.Thread):
    """One plain HTTP listener of a radio on the streamer: reads and drops the MP3 bytes until closed."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.bytes = 0
        self.closed = threading.Event()
        self.response = None

    def run(self):
        try:
            self.response = urllib.request.urlopen(self.url, timeout=30)
            while not self.closed.is_set():
                chunk = self.response.read(4096)
                if not chunk:
                    break
                self.bytes += len(chunk)
        except Exception:  # noqa: BLE001 - a closed or cut stream (IncompleteRead too) ends this listener
            pass

    def close(self):
        self.closed.set()
        try:
            if self.response is not None:
                self.response.fp.raw._sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass


class KillLoop:
    def __init__(self, args):
        self.args = args
        self.base = f"http://127.0.0.1:{args.scheduler_port}"
        self.radios = [f"killloop{i}" for i in range(args.radios)]
        self.listeners = {radio: [] for radio in self.radios}
        self.durations = {f"{name}.mp3": seconds for name, seconds, _ in TONES}
        self.order = [f"{name}.mp3" for name, _, _ in TONES]
        self.rows = []
        self.failures = []

    def call(self, method, path, body=None):
        return http(method, self.base + path, self.args.token, body)

    def healthy(self):
        try:
            with urllib.request.urlopen(self.base + "/actuator/health", timeout=2) as response:
                return response.status == 200
        except (OSError, ValueError):
            return False

    def setup(self):
        library = os.path.join(self.args.data_dir, "streamer-service", "library")
        for name, seconds, frequency in TONES:
            subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                            f"sine=frequency={frequency}:duration={seconds}", "-b:a", "64k",
                            os.path.join(library, name + ".mp3")], check=True)
        calls = [(f"/api/admin/songs/{name}", {"filename": name + ".mp3", "durationSeconds": seconds, "title": name})
                 for name, seconds, _ in TONES]
        calls.append(("/api/admin/playlists/killloop", {"name": "Kill loop", "songIds": [t[0] for t in TONES],
                                                        "random": False}))
        calls += [(f"/api/admin/radios/{radio}", {"name": "Kill loop " + radio, "defaultPlaylistId": "killloop"})
                  for radio in self.radios]
        for path, body in calls:
            status, answer = self.call("PUT", path, body)
            if status // 100 != 2:
                sys.exit(f"PUT {path} answered {status} {answer}")
        for radio in self.radios:
            for _ in range(self.args.listeners):
                self.open_listener(radio)
        deadline = time.time() + 120
        while time.time() < deadline and any(l.bytes == 0 for ls in self.listeners.values() for l in ls):
            time.sleep(0.5)
        if any(l.bytes == 0 for ls in self.listeners.values() for l in ls):
            sys.exit("some listeners got no audio within 120 s")
        log(f"{sum(map(len, self.listeners.values()))} listeners on {len(self.radios)} radios hear audio")

    def open_listener(self, radio):
        listener = Listener(f"http://127.0.0.1:{self.args.streamer_port}/radios/{radio}")
        listener.start()
        self.listeners[radio].append(listener)

    def churn(self):
        """One listener leaves and a new one comes, on a random radio (the scheduler is up)."""
        radio = random.choice(self.radios)
        if self.listeners[radio]:
            self.listeners[radio].pop(0).close()
        self.open_listener(radio)

    def kill(self, index):
        pid = None
        deadline = time.time() + 60
        while pid is None and time.time() < deadline:
            pid = children(self.args.devstack_pid)
            time.sleep(0.2)
        if pid is None:
            raise RuntimeError("no scheduler process under devstack")
        hold = os.path.join(self.args.hold_dir, "scheduler-service")
        open(hold, "w").close()
        os.kill(pid, signal.SIGKILL)
        killed = time.time()
        down = random.uniform(0, self.args.max_down)
        time.sleep(down)
        os.remove(hold)
        deadline = time.time() + 240
        while not self.healthy():
            if time.time() > deadline:
                raise RuntimeError("scheduler not healthy 240 s after its release")
            time.sleep(0.5)
        back = time.time()
        return killed, down, back

    # --- checks -------------------------------------------------------------------------------------------
    def plays(self, events):
        """Per radio: programme plays as (start, file, time) and the number of join repeats."""
        tracks = {radio: [] for radio in self.radios}
        duplicates = []
        joins = 0
        joined_at = {}
        for at, channel, message in events:
            kind = message.get("type")
            radio = message.get("radio_uuid")
            if radio not in tracks:
                continue
            if kind == "radio_started":
                joined_at[radio] = at
                continue
            if kind != "play":
                continue
            start = at + float(message["delay"]) - float(message["offset"])
            joining = radio in joined_at and at - joined_at[radio] < 1.0
            same = [t for t in tracks[radio] if t[1] == message["filename"] and abs(t[0] - start) < START_TOLERANCE]
            if same:
                if joining:
                    joins += 1
                else:
                    duplicates.append((radio, message["filename"], time.strftime("%H:%M:%S", time.localtime(start))))
                continue
            tracks[radio].append((start, message["filename"], at))
        return tracks, duplicates, joins

    def skips(self, tracks, until):
        """Gaps and overlaps between consecutive tracks of a radio that have started by `until`."""
        found = []
        worst = 0.0
        for radio, held in tracks.items():
            held = sorted(t for t in held if t[0] < until)
            for previous, current in zip(held, held[1:]):
                expected_start = previous[0] + self.durations.get(previous[1], 0)
                error = current[0] - expected_start
                successor = self.order[(self.order.index(previous[1]) + 1) % len(self.order)] \
                    if previous[1] in self.order else None
                worst = max(worst, abs(error))
                if abs(error) > START_TOLERANCE or current[1] != successor:
                    found.append((radio, previous[1], current[1], round(error, 2),
                                  time.strftime("%H:%M:%S", time.localtime(current[0]))))
        return found, worst

    def sessions(self, events):
        """Lost sessions, lost closes and double (late) closes, from what the streamer sent and the admin API."""
        registered, unregistered = {}, {}
        for at, channel, message in events:
            if message.get("type") == "register_listener" and message.get("radio_uuid") in self.listeners:
                registered.setdefault(str(message["session_id"]), at)
            elif message.get("type") == "unregister_listener":
                unregistered.setdefault(str(message["session_id"]), at)
        open_ids = set()
        for radio in self.radios:
            status, body = self.call("GET", f"/api/admin/sessions?radio={radio}")
            if status != 200:
                return [f"GET sessions: {status}"], [], [], 0
            open_ids |= {s["sessionId"] for s in body}
        history = {}
        for radio in self.radios:
            status, body = self.call("GET", f"/api/admin/sessions/history?radio={radio}&limit=1000")
            if status == 200:
                for s in body:
                    history[s["sessionId"]] = s
        lost = [sid for sid in registered if sid not in unregistered and sid not in open_ids]
        lost_close, late_close = [], []
        for sid, at in unregistered.items():
            if sid not in registered:
                continue
            entry = history.get(sid)
            if sid in open_ids or entry is None or entry.get("endedAt") is None:
                lost_close.append(sid)
                continue
            ended = datetime.datetime.fromisoformat(entry["endedAt"].replace("Z", "+00:00")).timestamp()
            if ended - at > 5.0:
                late_close.append((sid, round(ended - at, 1)))
        return lost, lost_close, late_close, len(open_ids)

    def run(self):
        monitor = RedisMonitor(self.args.redis_port, self.args.channel_prefix)
        monitor.start()
        if not monitor.subscribed.wait(10):
            sys.exit("could not subscribe to Redis")
        self.setup()
        began = time.time()
        time.sleep(5)
        for index in range(1, self.args.kills + 1):
            if time.time() - began > self.args.max_minutes * 60:
                log(f"stopping after {index - 1} kills: --max-minutes={self.args.max_minutes} reached")
                break
            time.sleep(random.uniform(2, self.args.max_wait))
            killed, down, back = self.kill(index)
            time.sleep(self.args.settle)
            self.churn()
            time.sleep(2)
            events = monitor.snapshot()
            tracks, duplicates, joins = self.plays(events)
            skips, worst = self.skips(tracks, time.time())
            lost, lost_close, late_close, open_count = self.sessions(events)
            row = {"kill": index, "down_s": round(down, 1), "restart_s": round(back - killed, 1),
                   "tracks": sum(map(len, tracks.values())), "duplicates": len(duplicates), "join_repeats": joins,
                   "skips": len(skips), "worst_start_error_s": round(worst, 2), "open_sessions": open_count,
                   "lost_sessions": len(lost), "lost_closes": len(lost_close), "double_closes": len(late_close)}
            self.rows.append(row)
            log(" ".join(f"{k}={v}" for k, v in row.items()))
            for what, items in (("duplicate", duplicates), ("skip", skips), ("lost session", lost),
                                ("lost close", lost_close), ("double close", late_close)):
                for item in items:
                    text = f"{what}: {item}"
                    if text not in self.failures:
                        self.failures.append(text)
                        log("  " + text)
        for radio in self.radios:
            for listener in self.listeners[radio]:
                listener.close()
        log(f"{len(self.rows)} kills in {round((time.time() - began) / 60, 1)} min; "
            f"{len(self.failures)} distinct failure(s)")
        if self.args.results:
            with open(self.args.results, "w") as out:
                json.dump({"rows": self.rows, "failures": self.failures, "load": os.getloadavg()}, out, indent=1)
        return 1 if self.failures or len(self.rows) < self.args.kills else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--radios", type=int, default=2)
    parser.add_argument("--listeners", type=int, default=3, help="listeners per radio")
    parser.add_argument("--max-wait", type=float, default=20.0, help="longest wait before a kill (s)")
    parser.add_argument("--max-down", type=float, default=8.0, help="longest hold before the restart (s)")
    parser.add_argument("--settle", type=float, default=5.0, help="wait after the restart before checking (s)")
    parser.add_argument("--max-minutes", type=float, default=40.0, help="bound of the whole run")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--channel-prefix", default="")
    parser.add_argument("--results", default=None)
    parser.add_argument("--token", required=True)
    parser.add_argument("--devstack-pid", type=int, required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--hold-dir", required=True)
    parser.add_argument("--scheduler-port", type=int, required=True)
    parser.add_argument("--streamer-port", type=int, required=True)
    parser.add_argument("--redis-port", type=int, required=True)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    log(f"seed {seed} (--seed={seed} replays the kill times)")
    sys.exit(KillLoop(args).run())


if __name__ == "__main__":
    main()
