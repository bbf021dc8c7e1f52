#!/usr/bin/env python3
"""Fault matrix (issue 21): fails each devstack process in turn under load and measures what it cost.

Started by bench/faults/run.sh, which starts devstack (MongoDB in a process of its own, IRC on, a hold
directory) and passes its ports, admin token, process id, data and hold directories. Standard library only;
runs ffmpeg for the listeners and for silencedetect. Loopback only; every wait is bounded.

Listeners connect through the scheduler's one listen URL (/listen/<radio>: a 307 to the streamer with the
most headroom) and, when their connection ends or stalls for --read-timeout s, ask the URL again, as a player
that reopens the URL does (docs/listening.md); with --streamers=2 (run.sh's default) a streamer fault is applied
to the streamer that serves most of the listeners and masters most radios, and its listeners land on the other.

Per cell (process x fault): recordings are rotated to fresh files, a burn (2 copies) is queued and a simul of a
long tone is started, the fault is applied, then the script measures the time from the process's return until
every service is healthy and every radio gives a new listener audio within 2 s, waits for the burn to finish and
reports: seconds of silence per radio (silencedetect on the recording plus stalls of more than 1 s without any
byte), listener disconnects, the burn's outcome, the simul's state, sessions and tracker peers.
"""

import argparse
import http.client
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PROCESSES = ["redis", "mongodb", "scheduler", "streamer", "tracker", "burner", "player", "ngircd"]
FAULTS = ["kill", "stop", "refuse"]  # and "none" for the --baseline cell
# The devstack names of the processes (as its hold files and output tags name them).
MODULES = {"scheduler": "scheduler-service", "streamer": "streamer-service", "tracker": "tracker-service",
           "burner": "burner-agent", "player": "player-agent", "redis": "redis", "mongodb": "mongodb",
           "ngircd": "ngircd"}
HEALTH = {"scheduler": "scheduler_port", "streamer": "streamer_port", "tracker": "tracker_port",
          "burner": "burner_agent_port", "player": "player_agent_port"}
SIMUL_FILE = "faults-long.mp3"
RADIO_FILE = "faults-tone.mp3"  # 20 s of a continuous tone: a song boundary every 20 s, no silence in it
RADIO_SECONDS = 20.0
STALL = 1.0  # seconds without a byte that count as dead air
TAIL = 48 * 1024  # 3 s of the 128 kbps radio tone


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


class Http:
    def __init__(self, token):
        self.token = token

    def call(self, method, url, body=None, timeout=5.0):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                text = response.read().decode()
                return response.status, (json.loads(text) if text.strip() else None)
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            try:
                return error.code, json.loads(text)
            except ValueError:
                return error.code, text
        except (OSError, ValueError) as error:
            return 0, str(error)


def resolve(url):
    """Asks the one listen URL where to listen, as a player following its redirect does: (location, streamer id)
    from a 307, or (None, reason). A plain streamer URL (no /listen/) is its own location."""
    parts = urllib.parse.urlsplit(url)
    if not parts.path.startswith("/listen/"):
        return url, None
    try:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=3)
        try:
            connection.request("GET", parts.path + (("?" + parts.query) if parts.query else ""))
            response = connection.getresponse()
            response.read()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                return response.getheader("Location"), response.getheader("X-Mediafleet-Streamer")
            return None, f"HTTP {response.status}"
        finally:
            connection.close()
    except OSError as error:
        return None, str(error)


class Listener(threading.Thread):
    """A real ffmpeg reading one radio's MP3 stream (copied, not decoded) into the current cell's file; a
    disconnect (the connection ended, or no byte for read_timeout s) is counted and followed by a new connection
    0.5 s later, through the listen URL again; gaps of more than STALL s are recorded."""

    def __init__(self, radio, url, read_timeout):
        super().__init__(daemon=True, name="listener-" + radio)
        self.radio = radio
        self.url = url
        self.read_timeout = read_timeout
        self.streamer = None  # (streamer id, port) serving it now, from the listen URL's redirect
        self.reconnects = []  # (disconnect wall time, first byte again) pairs
        self.lost_at = None
        self.lock = threading.Lock()
        self.sink = None
        self.last = None
        self.stalls = []  # (start, end) wall times
        self.disconnects = []  # wall times
        self.connects = 0
        self.running = True
        self.process = None
        self.tail = bytearray()  # the last TAIL bytes heard, to tell whether the radio is audible now

    def rotate(self, path):
        with self.lock:
            if self.sink:
                self.sink.close()
            self.sink = open(path, "wb") if path else None

    def gaps(self, start, end):
        """Seconds without audio bytes within [start, end], an open gap included."""
        with self.lock:
            spans = list(self.stalls)
            if self.last is not None and end - self.last > STALL:
                spans.append((self.last, end))
        return sum(max(0.0, min(b, end) - max(a, start)) for a, b in spans)

    def run(self):
        while self.running:
            location, streamer = resolve(self.url)
            if location is None:
                time.sleep(0.5)
                continue
            port = urllib.parse.urlsplit(location).port
            self.process = subprocess.Popen(
                ["ffmpeg", "-nostdin", "-loglevel", "error", "-rw_timeout", str(int(self.read_timeout * 1e6)),
                 "-i", location, "-c", "copy", "-f", "mp3", "pipe:1"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            got = False
            while True:
                chunk = os.read(self.process.stdout.fileno(), 8192)
                if not chunk:
                    break
                now = time.time()
                with self.lock:
                    if not got:
                        got = True
                        self.connects += 1
                        self.streamer = (streamer, port)
                        if self.lost_at is not None:
                            self.reconnects.append((self.lost_at, now))
                            self.lost_at = None
                    if self.last is not None and now - self.last > STALL:
                        self.stalls.append((self.last, now))
                    self.last = now
                    if self.sink:
                        self.sink.write(chunk)
                    self.tail += chunk
                    del self.tail[:-TAIL]
            self.process.wait()
            if not self.running:
                return
            if got:
                with self.lock:
                    self.disconnects.append(time.time())
                    self.lost_at = self.last
                    self.streamer = None
            time.sleep(0.5)

    def audible(self):
        """Whether the last 3 s heard (and heard within the last STALL s) are louder than -50 dB."""
        with self.lock:
            if self.last is None or time.time() - self.last > STALL:
                return False
            tail = bytes(self.tail)
        result = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-f", "mp3", "-i", "pipe:0", "-af",
                                 "volumedetect", "-f", "null", "-"], input=tail, capture_output=True, timeout=30)
        match = re.search(rb"max_volume: (-?[0-9.]+|-inf) dB", result.stderr)
        return bool(match) and match.group(1) != b"-inf" and float(match.group(1)) > -50.0

    def close(self):
        self.running = False
        if self.process and self.process.poll() is None:
            self.process.kill()
        self.rotate(None)


def silence_seconds(path):
    """Silent audio in an MP3 recording: ffmpeg silencedetect (-50 dB for 0.5 s), an unterminated silence up
    to the end included. Returns (silent seconds, recording length, audio time at which the last silence
    ended: 0.0 without silence, None when the recording ends silent)."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return 0.0, 0.0, 0.0
    result = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-i", path, "-af",
                             "silencedetect=noise=-50dB:d=0.5", "-f", "null", "-"],
                            capture_output=True, text=True, timeout=120)
    text = result.stderr
    total = sum(float(x) for x in re.findall(r"silence_duration: ([0-9.]+)", text))
    starts = re.findall(r"silence_start: ([0-9.]+)", text)
    ends = re.findall(r"silence_end: ([0-9.]+)", text)
    times = re.findall(r"time=(\d+):(\d+):([0-9.]+)", text)
    length = 0.0
    if times:
        h, m, s = times[-1]
        length = int(h) * 3600 + int(m) * 60 + float(s)
    last_end = float(ends[-1]) if ends else 0.0
    if len(starts) > len(ends) and length:
        total += max(0.0, length - float(starts[-1]))
        last_end = None
    return total, length, last_end


def audible_after(path, closed_at, back_at):
    """Seconds from the process's return until the radio's audio was last silent in the recording (0 if it
    never was after the return), mapping audio time to wall time from the recording's end (closed_at); None
    when the recording ends silent."""
    _, length, last_end = silence_seconds(path)
    if last_end is None:
        return None
    if last_end == 0.0:
        return 0.0
    return max(0.0, closed_at - (length - last_end) - back_at)


def children(devstack_pid):
    """The processes devstack started, by name: its direct children's command lines."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[1]) != devstack_pid:
                continue
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if fields[0] == "Z":
            continue
        if "streamer-service.jar" in command:
            # every streamer runs the same jar: devstack names them by working directory (streamer-service,
            # streamer-service-2, ...)
            try:
                found[os.path.basename(os.readlink(f"/proc/{entry}/cwd"))] = int(entry)
            except OSError:
                pass
            continue
        for name, module in MODULES.items():
            marker = {"redis": "redis-server", "mongodb": "mongodb-server", "ngircd": "ngircd"}.get(
                name, module + ".jar")
            if marker in command:
                found[name] = int(entry)
    return found


class Matrix:
    def __init__(self, args):
        self.args = args
        self.http = Http(args.token)
        self.base = f"http://127.0.0.1:{args.scheduler_port}"
        self.radios = [f"faults{i}" for i in range(args.radios)]
        self.listeners = []
        self.rows = []
        self.image = None
        # devstack name -> web port of every streamer; the first is devstack's "streamer-service"
        self.streamer_ports = {"streamer-service": args.streamer_port}
        for number, port in enumerate(p for p in args.extra_streamer_ports.split(",") if p):
            self.streamer_ports[f"streamer-service-{number + 2}"] = int(port)

    # --- set-up -------------------------------------------------------------------------------------------
    def setup(self):
        # A 20 s tone, again and again, so any silence is the fault's (the demo tones have ~1 s gaps) and a song
        # boundary, which needs the scheduler's next play, falls in every fault.
        calls = [("/api/admin/songs/faults-tone", {"filename": RADIO_FILE, "durationSeconds": RADIO_SECONDS,
                                                   "title": "Fault tone"}),
                 ("/api/admin/playlists/faults", {"name": "Fault tone", "songIds": ["faults-tone"],
                                                  "random": False})]
        calls += [(f"/api/admin/radios/{radio}", {"name": "Fault radio " + radio, "defaultPlaylistId": "faults"})
                  for radio in self.radios]
        for path, body in calls:
            status, answer = self.http.call("PUT", self.base + path, body)
            if status // 100 != 2:
                sys.exit(f"PUT {path} answered {status} {answer}")
        for radio in self.radios:
            for n in range(self.args.listeners):
                listener = Listener(radio, self.listen_url(radio), self.args.read_timeout)
                listener.start()
                self.listeners.append(listener)
        deadline = time.time() + 120
        while time.time() < deadline and any(l.connects == 0 for l in self.listeners):
            time.sleep(0.5)
        missing = [l.radio for l in self.listeners if l.connects == 0]
        if missing:
            sys.exit(f"no audio after 120 s on {missing}")
        log(f"{len(self.listeners)} listeners on {len(self.radios)} radios hear audio")
        deadline = time.time() + 60
        while time.time() < deadline and not self.image:
            status, images = self.http.call("GET", f"{self.base}/api/admin/burn/images")
            if status == 200 and images:
                self.image = images[0]["hash"]
            else:
                time.sleep(1)
        log("burn image", self.image)

    def listen_url(self, radio):
        if self.args.direct:
            return f"http://127.0.0.1:{self.args.streamer_port}/radios/{radio}"
        return f"{self.base}/listen/{radio}"

    def streamer_name(self, port):
        return next((name for name, p in self.streamer_ports.items() if p == port), f"port {port}")

    def placement(self):
        """Listeners per streamer now, by devstack name ('none' for those between two connections)."""
        counts = {}
        for listener in self.listeners:
            served = listener.streamer
            key = self.streamer_name(served[1]) if served else "none"
            counts[key] = counts.get(key, 0) + 1
        return counts

    def masters(self):
        """Radios mastered per streamer id, from GET /api/admin/radios."""
        status, body = self.http.call("GET", f"{self.base}/api/admin/radios")
        counts = {}
        if status == 200 and isinstance(body, list):
            for radio in body:
                master = (radio.get("status") or {}).get("masterStreamer")
                if radio.get("uuid") in self.radios and master:
                    counts[master] = counts.get(master, 0) + 1
        return counts

    def streamer_target(self):
        """The streamer to fail: the one serving most listeners, plus one per radio it masters; (name, why)."""
        ids = {}
        score = {name: 0 for name in self.streamer_ports}
        for listener in self.listeners:
            if listener.streamer:
                name = self.streamer_name(listener.streamer[1])
                ids[listener.streamer[0]] = name
                score[name] = score.get(name, 0) + 1
        masters = self.masters()
        for streamer_id, count in masters.items():
            if streamer_id in ids:
                score[ids[streamer_id]] += count
        name = max(score, key=lambda n: (score[n], -list(self.streamer_ports).index(n)))
        served = sum(1 for l in self.listeners if l.streamer and self.streamer_name(l.streamer[1]) == name)
        mastered = sum(c for i, c in masters.items() if ids.get(i) == name)
        return name, f"{name}: {served} of {len(self.listeners)} listeners, master of {mastered} of {len(self.radios)} radios"

    # --- probes -------------------------------------------------------------------------------------------
    def healthy(self):
        """Names of what is not back: services' health, Redis, MongoDB, ngircd, a new listener per radio
        ('radio X'); a process's name stands for its own check."""
        bad = []
        checks = [(name, getattr(self.args, attribute)) for name, attribute in HEALTH.items() if name != "streamer"]
        checks += list(self.streamer_ports.items())
        for name, port in checks:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/health", timeout=2) as response:
                    if response.status != 200:
                        bad.append(name)
            except (OSError, ValueError):
                bad.append(name)
        if not self.redis_ping():
            bad.append("redis")
        procs = children(self.args.devstack_pid)
        for name in ("mongodb", "ngircd"):
            if name not in procs or not self.accepts(getattr(self.args, name + "_port")):
                bad.append(name)
        for radio in self.radios:
            if not self.new_listener_hears(radio):
                bad.append("radio " + radio)
        return bad

    def accepts(self, port):
        import socket
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    def redis_ping(self):
        import socket
        try:
            with socket.create_connection(("127.0.0.1", self.args.redis_port), timeout=1) as sock:
                sock.settimeout(1)
                sock.sendall(b"PING\r\n")
                return sock.recv(7) == b"+PONG\r\n"
        except OSError:
            return False

    def new_listener_hears(self, radio):
        """A new listener (through the listen URL unless --direct; urllib follows its 307) gets its first audio
        bytes within 2 s (the issue's 'back to normal')."""
        try:
            with urllib.request.urlopen(self.listen_url(radio), timeout=2) as response:
                return response.status == 200 and len(response.read(1024)) > 0
        except (OSError, ValueError):
            return False

    def sessions(self):
        opened = closed = 0
        for radio in self.radios:
            status, body = self.http.call("GET", f"{self.base}/api/admin/sessions?radio={radio}")
            if status == 200:
                opened += len(body)
        return opened

    def history_since(self, since):
        count = 0
        for radio in self.radios:
            status, body = self.http.call("GET", f"{self.base}/api/admin/sessions/history?radio={radio}&limit=1000")
            if status == 200:
                for session in body:
                    started = datetime.datetime.fromisoformat(session["startedAt"].replace("Z", "+00:00"))
                    if started.timestamp() >= since:
                        count += 1
        return count

    def duplicates(self):
        try:
            with urllib.request.urlopen(f"{self.base}/actuator/prometheus", timeout=5) as response:
                text = response.read().decode()
            match = re.search(r"^mediafleet_radio_sessions_duplicate_total\S* ([0-9.e+]+)", text, re.M)
            return float(match.group(1)) if match else 0.0
        except (OSError, ValueError):
            return None

    def discs(self):
        """Discs the burner verified so far: its 'Burnt <image> in N ms: PASS' lines in devstack's log (the
        ejected files' names start again after a burner restart, so they cannot be counted)."""
        try:
            with open(self.args.log, errors="replace") as log_file:
                return sum(1 for line in log_file if line.startswith("burner-agent") and ": PASS" in line
                           and "Burnt " in line)
        except OSError:
            return 0

    def tracker_peers(self):
        status, body = self.http.call("GET", f"http://127.0.0.1:{self.args.tracker_port}/admin/tracker/peers")
        return len(body) if status == 200 and isinstance(body, list) else None

    def simul(self):
        status, body = self.http.call("GET", f"{self.base}/api/admin/simul")
        if status != 200:
            return f"HTTP {status}"
        slaves = ",".join(f"{s.get('start')}{' completed' if s.get('playCompleted') else ''}"
                          for s in body.get("slaves", []) if isinstance(s, dict))
        return f"{body.get('state')} ({body.get('filename')}; slaves {slaves or 'none'})"

    def start_simul(self):
        status, _ = self.http.call("POST", f"{self.base}/api/admin/simul/file", {"filename": SIMUL_FILE})
        deadline = time.time() + 30
        while time.time() < deadline:
            status, body = self.http.call("GET", f"{self.base}/api/admin/simul")
            if status == 200 and body.get("state") == "READY":
                self.http.call("POST", f"{self.base}/api/admin/simul/start")
                break
            time.sleep(0.5)
        deadline = time.time() + 15
        while time.time() < deadline:
            status, body = self.http.call("GET", f"{self.base}/api/admin/simul")
            if status == 200 and body.get("state") == "PLAYING":
                return "PLAYING"
            time.sleep(0.5)
        return self.simul()

    # --- faults -------------------------------------------------------------------------------------------
    def hold(self, name, on):
        path = os.path.join(self.args.hold_dir, MODULES.get(name, name))
        if on:
            open(path, "w").close()
        elif os.path.exists(path):
            os.remove(path)

    def pid(self, name, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid = children(self.args.devstack_pid).get(name)
            if pid:
                return pid
            time.sleep(0.2)
        raise RuntimeError(f"no {name} process under devstack {self.args.devstack_pid}")

    def apply(self, name, fault, seconds):
        """Applies the fault; returns the wall time at which the process is allowed back (released)."""
        if fault == "none":
            time.sleep(seconds)
            return time.time()
        pid = self.pid(name)
        if fault == "kill":
            self.hold(name, True)
            os.kill(pid, signal.SIGKILL)
            time.sleep(seconds)
            self.hold(name, False)
        elif fault == "stop":
            os.kill(pid, signal.SIGSTOP)
            try:
                time.sleep(seconds)
            finally:
                os.kill(pid, signal.SIGCONT)
        elif fault == "refuse":
            # Port closed: the process is stopped cleanly (SIGTERM: Redis saves its snapshot, MongoDB commits
            # its H2 file), so its port refuses connections, and it comes back on the same port after `seconds`.
            began = time.time()
            self.hold(name, True)
            os.kill(pid, signal.SIGTERM)
            time.sleep(max(0.0, seconds - (time.time() - began)))
            self.hold(name, False)
        return time.time()

    def cell(self, name, fault, seconds, index):
        log(f"cell {index}: {name} {fault} {seconds} s")
        directory = os.path.join(self.args.work, f"cell{index:02d}-{name}-{fault}")
        os.makedirs(directory, exist_ok=True)
        for n, listener in enumerate(self.listeners):
            listener.rotate(os.path.join(directory, f"{listener.radio}-{n}.mp3"))
        disconnects0 = [len(l.disconnects) for l in self.listeners]
        connects0 = sum(l.connects for l in self.listeners)
        duplicates0 = self.duplicates()
        discs0 = self.discs()
        simul_before = self.start_simul()
        job = None
        if self.image:
            status, body = self.http.call("POST", f"{self.base}/api/admin/burn/queue",
                                          {"hash": self.image, "priority": 5, "copies": 2})
            job = body.get("job_id") if status == 201 and isinstance(body, dict) else None
            if job is None:
                log("could not queue a burn:", status, body)
        begin = time.time()
        time.sleep(3)
        # a streamer fault hits the streamer that serves most listeners and masters most radios
        process, target = name, None
        if name == "streamer":
            process, target = self.streamer_target()
            log("  target " + target)
        placement_before = self.placement()
        fault_at = time.time()
        # While the fault lasts, the admin API is asked every 2 s: it must answer, a 503 problem at worst.
        answers = {}
        probing = threading.Event()

        def probe():
            while not probing.wait(2):
                for path in ("/api/admin/streamers", "/api/admin/sessions", "/api/admin/burn/queue",
                             "/api/admin/radios"):
                    status, body = self.http.call("GET", self.base + path, timeout=3)
                    problem = isinstance(body, dict) and "title" in body
                    answer = f"{status}{' problem' if problem else ''}" if status else "no answer in 3 s"
                    key = f"{path.rsplit('/', 1)[-1]} {answer}"
                    answers[key] = answers.get(key, 0) + 1

        prober = threading.Thread(target=probe, daemon=True)
        prober.start()
        try:
            back_at = self.apply(process, fault, seconds)
        finally:
            probing.set()
            prober.join()
        recovered = None
        own = None  # when the faulted process itself answered again
        missing = []
        limit = back_at + self.args.settle
        while time.time() < limit:
            missing = self.healthy()
            now = time.time()
            if own is None and process not in missing:
                own = now - back_at
            if not missing:
                recovered = now - back_at
                break
            time.sleep(0.25)
        log(f"  own {own} s, all back after {recovered if recovered is not None else 'NOT'} s; missing {missing}")
        time.sleep(5)
        end = time.time()
        # burn outcome: wait (bounded) for the job to leave the open queue
        burn = "no burn"
        if job is not None:
            deadline = time.time() + self.args.burn_wait
            open_job = None
            while time.time() < deadline:
                status, queue = self.http.call("GET", f"{self.base}/api/admin/burn/queue")
                open_job = next((j for j in queue if j.get("job_id") == job), None) if status == 200 else "?"
                if open_job is None:
                    break
                time.sleep(1)
            discs = self.discs() - discs0
            if open_job is not None:
                burn = f"STUCK: job {job} still open ({open_job}), {discs} discs"
            elif discs == 2:
                burn = "2 of 2 discs"
            elif discs < 2:
                burn = f"LOST: {discs} of 2 discs"
            else:
                burn = f"DUPLICATED: {discs} discs for 2"
        for listener in self.listeners:
            listener.rotate(None)
        closed_at = time.time()
        silence = {}
        audible = 0.0
        for n, listener in enumerate(self.listeners):
            path = os.path.join(directory, f"{listener.radio}-{n}.mp3")
            after = audible_after(path, closed_at, back_at)
            audible = None if (after is None or audible is None) else max(audible, after)
            audio, length, _ = silence_seconds(path)
            dead = listener.gaps(begin, end)
            silence[listener.radio] = max(silence.get(listener.radio, 0.0), audio + dead)
        disconnects = sum(len(l.disconnects) - d for l, d in zip(self.listeners, disconnects0))
        # a reconnect: from the last byte before a disconnect to the first byte on the next connection
        gaps = [b - a for l in self.listeners for a, b in list(l.reconnects) if a >= begin]
        placement_after = self.placement()
        reconnects = sum(l.connects for l in self.listeners) - connects0
        # sessions: after the cell, the open sessions must be exactly our listeners (no lost, no stale), and
        # the duplicate counter must not have moved.
        time.sleep(2)
        open_sessions = self.sessions()
        duplicates1 = self.duplicates()
        duplicated = (duplicates1 - duplicates0) if None not in (duplicates0, duplicates1) else "n/a"
        row = {
            "process": name, "fault": f"{fault} {seconds} s", "silence": silence,
            "disconnects": disconnects, "reconnects": reconnects, "target": target,
            "placement_before": placement_before, "placement_after": placement_after,
            "longest_reconnect": max(gaps) if gaps else None,
            "recovery": recovered, "own_recovery": own, "audible_after": audible, "missing": missing,
            "burn": burn, "admin_during": answers,
            "simul_before": simul_before, "simul_after": self.simul(),
            "open_sessions": open_sessions, "listeners": len(self.listeners),
            "duplicate_sessions": duplicated, "tracker_peers": self.tracker_peers(),
            "window": [begin, fault_at, back_at, end],
        }
        log("  " + json.dumps({k: v for k, v in row.items() if k != "window"}))
        self.rows.append(row)
        # settle before the next cell: healthy and every radio audible again (bounded), so one cell's damage is
        # not blamed on the next
        deadline = time.time() + self.args.settle
        while time.time() < deadline and (self.healthy() or not all(l.audible() for l in self.listeners)):
            time.sleep(1)

    def table(self):
        lines = ["| # | process | fault | silence per radio (s) | listener disconnects | "
                 "process answers / everything normal / every radio audible after (s) "
                 "| burn (2 copies) | simul after | open sessions / listeners | duplicate sessions | tracker peers "
                 "| admin API during the fault | listeners per streamer before → after; longest reconnect (s) |",
                 "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for i, row in enumerate(self.rows, 1):
            silence = ", ".join(f"{r} {s:.1f}" for r, s in row["silence"].items())
            own = row.get("own_recovery")
            recovery = ((f"{own:.1f}" if own is not None else "-") + " / " +
                        (f"{row['recovery']:.1f}" if row["recovery"] is not None
                         else f"not within {self.args.settle} s ({', '.join(row['missing'])})"))
            audible = row.get("audible_after")
            recovery += " / " + (f"{audible:.1f}" if audible is not None else "still silent")
            placed = "; ".join(f"{k} {v}" for k, v in sorted(row["placement_before"].items())) + " → " + \
                "; ".join(f"{k} {v}" for k, v in sorted(row["placement_after"].items()))
            longest = row.get("longest_reconnect")
            placed += "; " + (f"{longest:.1f}" if longest is not None else "no reconnect")
            fault = row["fault"] + (f" ({row['target']})" if row.get("target") else "")
            lines.append(f"| {i} | {row['process']} | {fault} | {silence} | {row['disconnects']} | "
                         f"{recovery} | {row['burn']} | {row['simul_after']} | {row['open_sessions']} / "
                         f"{row['listeners']} | {row['duplicate_sessions']} | {row['tracker_peers']} | "
                         + ", ".join(f"{k}: {v}" for k, v in sorted(row.get("admin_during", {}).items()))
                         + f" | {placed} |")
        return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", default=",".join(PROCESSES), help="comma-separated subset of " +
                        ",".join(PROCESSES))
    parser.add_argument("--faults", default=",".join(FAULTS), help="comma-separated subset of kill,stop,refuse "
                        "(refuse applies to redis and mongodb only)")
    parser.add_argument("--long", action="store_true", help="also kill and restart after 60 s")
    parser.add_argument("--kill-seconds", type=int, default=5)
    parser.add_argument("--stop-seconds", type=int, default=30)
    parser.add_argument("--refuse-seconds", type=int, default=30)
    parser.add_argument("--radios", type=int, default=3)
    parser.add_argument("--listeners", type=int, default=1, help="listeners per radio")
    parser.add_argument("--settle", type=int, default=120, help="at most this long for recovery, in s")
    parser.add_argument("--burn-wait", type=int, default=120)
    parser.add_argument("--baseline", action="store_true", help="first a cell without a fault")
    parser.add_argument("--streamers", type=int, default=2, help="streamers devstack runs (run.sh passes "
                        "--streamers=N to devstack; default 2)")
    parser.add_argument("--extra-streamer-ports", default="", help="web ports of streamer-service-2, ... "
                        "(comma-separated; run.sh reads them from devstack's summary)")
    parser.add_argument("--direct", action="store_true", help="listeners connect straight to the first "
                        "streamer's /radios/<radio> instead of the scheduler's listen URL (runs 1-7)")
    parser.add_argument("--read-timeout", type=float, default=3.0, help="a listener that gets no byte for this "
                        "long drops its connection and asks the listen URL again (ffmpeg -rw_timeout; runs 1-7: 10)")
    parser.add_argument("--results", default="bench/faults/results.md")
    for name in ["scheduler", "streamer", "tracker", "burner-agent", "player-agent", "redis", "mongodb", "ngircd"]:
        parser.add_argument(f"--{name}-port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--devstack-pid", type=int, required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--hold-dir", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--log", required=True, help="devstack's output, for the burner's verdicts")
    args = parser.parse_args()
    processes = [p for p in args.processes.split(",") if p]
    faults = [f for f in args.faults.split(",") if f]
    for p in processes:
        if p not in PROCESSES:
            sys.exit(f"unknown process {p}; choose from {PROCESSES}")
    for f in faults:
        if f not in FAULTS:
            sys.exit(f"unknown fault {f}; choose from {FAULTS}")
    # SIGTERM (run.sh's Ctrl-C handling) ends the run through the finally below: ffmpeg listeners are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    matrix = Matrix(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    uptime_before = open("/proc/loadavg").read().split()[:3]
    try:
        matrix.setup()
        index = 0
        if args.baseline:
            index += 1
            matrix.cell("(none)", "none", 10, index)
        for name in processes:
            plan = []
            if "kill" in faults:
                plan.append(("kill", args.kill_seconds))
                if args.long:
                    plan.append(("kill", 60))
            if "stop" in faults:
                plan.append(("stop", args.stop_seconds))
            if "refuse" in faults and name in ("redis", "mongodb"):
                plan.append(("refuse", args.refuse_seconds))
            for fault, seconds in plan:
                index += 1
                try:
                    matrix.cell(name, fault, seconds, index)
                except RuntimeError as error:
                    log(f"cell {index} failed: {error}")
    finally:
        for listener in matrix.listeners:
            listener.close()
    uptime_after = open("/proc/loadavg").read().split()[:3]
    command = os.environ.get("FAULTS_COMMAND", "bench/faults/faults.py")
    header = (f"Fault matrix run {started:%Y-%m-%d %H:%M} UTC: `{command}`: processes "
              f"{','.join(processes)}, faults {','.join(faults)}{' (+60 s kills)' if args.long else ''}; "
              f"{args.radios} radios x {args.listeners} listener(s) "
              f"{'on the first streamer directly' if args.direct else 'through the listen URL'}, "
              f"{1 + len([p for p in args.extra_streamer_ports.split(',') if p])} streamer(s); load average before "
              f"{' '.join(uptime_before)}, after {' '.join(uptime_after)} (2 cores)\n")
    table = matrix.table()
    print()
    print(header)
    print(table)
    with open(args.results, "w") as out:
        out.write(header + "\n" + table + "\n")
    with open(os.path.splitext(args.results)[0] + ".json", "w") as out:
        json.dump(matrix.rows, out, indent=1)


if __name__ == "__main__":
    main()
