#!/usr/bin/env python3
"""Minimal radio scheduler for the benchmark: raw RESP over a socket, no libraries.

Answers play_radio for any radio with radio_started and a play of SONG, then replays SONG each
time it ends (with the song's duration given on the command line). Pings every streamer it has heard
from every 5 s, as the real scheduler does by default (docs/protocols: ping interval 5 s): a streamer
that hears no ping for 20 s registers again and re-announces every listener, which a real scheduler
never lets happen and which would disturb the measurement.
Usage: scheduler_double.py REDIS_PORT SONG_FILENAME SONG_SECONDS

Opt-in, to measure a re-announce (the defaults keep the behaviour above):
  PING_PAUSE=S   once, when the PING_PAUSE_LISTENERS-th (default 1000) register_listener arrives, send no
                 ping for S seconds (S > 25 makes the streamer re-announce itself within the pause).
  REPLAY=zero    answer a play_radio for a radio already playing with play from offset 0 (the default);
  REPLAY=offset  ... with play of the song on air at its current offset, as the real scheduler does;
  REPLAY=none    ... with radio_started only (no play), to measure the re-announce alone.
Each register_streamer, each ping pause and each re-announce's listener count go to stdout.
"""
import json
import os
import socket
import sys
import threading
import time

port, song, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
ping_pause = float(os.environ.get("PING_PAUSE", "0"))
pause_after = int(os.environ.get("PING_PAUSE_LISTENERS", "1000"))
replay = os.environ.get("REPLAY", "zero")
if replay not in ("zero", "offset", "none"):
    sys.exit("REPLAY must be zero, offset or none")
started_at = time.monotonic()


def log(text):
    print("%8.3f %s" % (time.monotonic() - started_at, text), flush=True)


def command(sock, *parts):
    out = b"*%d\r\n" % len(parts)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        out += b"$%d\r\n%s\r\n" % (len(data), data)
    sock.sendall(out)


def read_reply(stream):
    line = stream.readline()
    kind, rest = line[:1], line[1:-2]
    if kind == b"*":
        return [read_reply(stream) for _ in range(int(rest))]
    if kind == b"$":
        n = int(rest)
        if n < 0:
            return None
        data = stream.read(n + 2)[:-2]
        return data
    return rest


pub = socket.create_connection(("127.0.0.1", port))
pub_stream = pub.makefile("rb")
lock = threading.Lock()


def publish(channel, message):
    with lock:
        command(pub, "PUBLISH", channel, json.dumps(message))
        read_reply(pub_stream)


song_start = {}


def keep_playing(streamer, radio):
    while True:
        time.sleep(max(1.0, seconds - 5))
        song_start[(streamer, radio)] = time.monotonic() + 5.0
        publish("yastream." + streamer, {"type": "play", "radio_uuid": radio, "filename": song,
                                          "delay": 5.0, "offset": 0.0, "crossfade_duration": 0.0})


streamers = set()
pause_until = [0.0]


def keep_pinging():
    while True:
        time.sleep(5.0)
        if time.monotonic() < pause_until[0]:
            continue
        for streamer in list(streamers):
            publish("yastream." + streamer, {"type": "ping"})


threading.Thread(target=keep_pinging, daemon=True).start()
sub = socket.create_connection(("127.0.0.1", port))
sub_stream = sub.makefile("rb")
command(sub, "SUBSCRIBE", "yascheduler")
playing = set()
listeners = 0
paused = False
while True:
    reply = read_reply(sub_stream)
    if not isinstance(reply, list) or reply[0] != b"message":
        continue
    message = json.loads(reply[2])
    kind = message.get("type")
    if message.get("streamer"):
        streamers.add(message["streamer"])
    if kind == "register_listener":
        listeners += 1
        if ping_pause > 0 and not paused and listeners >= pause_after:
            paused = True
            pause_until[0] = time.monotonic() + ping_pause
            log("pings paused for %.0f s" % ping_pause)
    elif kind == "register_streamer":
        log("register_streamer from %s (%d register_listener so far)" % (message["streamer"], listeners))
    elif kind == "play_radio":
        streamer, radio = message["streamer"], message["radio_uuid"]
        known = (streamer, radio) in playing
        publish("yastream." + streamer, {"type": "radio_started", "radio_uuid": radio})
        offset = 0.0
        if known and replay == "offset":
            offset = max(0.0, time.monotonic() - song_start[(streamer, radio)])
        if not known or replay != "none":
            publish("yastream." + streamer, {"type": "play", "radio_uuid": radio, "filename": song,
                                              "delay": 0.0, "offset": offset, "crossfade_duration": 0.0})
            if known:
                log("play_radio again: play at offset %.3f" % offset)
        if not known:
            song_start[(streamer, radio)] = time.monotonic()
            playing.add((streamer, radio))
            threading.Thread(target=keep_playing, args=(streamer, radio), daemon=True).start()
