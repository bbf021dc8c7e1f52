#!/usr/bin/env python3
"""Minimal radio scheduler for the benchmark: raw RESP over a socket, no libraries.

Answers play_radio for any radio with radio_started and a play of SONG, then replays SONG each
time it ends (with the song's duration given on the command line). Pings every streamer it has heard
from every 5 s, as the real scheduler does by default (docs/protocols: ping interval 5 s): a streamer
that hears no ping for 20 s registers again and re-announces every listener, which a real scheduler
never lets happen and which would disturb the measurement.
Usage: scheduler_double.py REDIS_PORT SONG_FILENAME SONG_SECONDS
"""
import json
import socket
import sys
import threading
import time

port, song, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])


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


def keep_playing(streamer, radio):
    while True:
        time.sleep(max(1.0, seconds - 5))
        publish("yastream." + streamer, {"type": "play", "radio_uuid": radio, "filename": song,
                                          "delay": 5.0, "offset": 0.0, "crossfade_duration": 0.0})


streamers = set()


def keep_pinging():
    while True:
        time.sleep(5.0)
        for streamer in list(streamers):
            publish("yastream." + streamer, {"type": "ping"})


threading.Thread(target=keep_pinging, daemon=True).start()
sub = socket.create_connection(("127.0.0.1", port))
sub_stream = sub.makefile("rb")
command(sub, "SUBSCRIBE", "yascheduler")
playing = set()
while True:
    reply = read_reply(sub_stream)
    if not isinstance(reply, list) or reply[0] != b"message":
        continue
    message = json.loads(reply[2])
    kind = message.get("type")
    if message.get("streamer"):
        streamers.add(message["streamer"])
    if kind == "play_radio":
        streamer, radio = message["streamer"], message["radio_uuid"]
        publish("yastream." + streamer, {"type": "radio_started", "radio_uuid": radio})
        publish("yastream." + streamer, {"type": "play", "radio_uuid": radio, "filename": song,
                                          "delay": 0.0, "offset": 0.0, "crossfade_duration": 0.0})
        if (streamer, radio) not in playing:
            playing.add((streamer, radio))
            threading.Thread(target=keep_playing, args=(streamer, radio), daemon=True).start()
