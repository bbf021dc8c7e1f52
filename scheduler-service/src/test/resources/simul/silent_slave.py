#!/usr/bin/env python3
"""A simul member that keeps the others waiting, written against libzmq (python3-zmq): it says slave_ready every
200 ms and, in mode "mute", nothing else (it never reports a file); in mode "no-start" it reports the file it is
asked for (md5 of the bytes in MEDIA_DIR) but never answers simul-start. The partner of SimulLatePolicyIntegrationTests.

usage: silent_slave.py NAME HOST ADVISE_PORT COMMAND_PORT MEDIA_DIR MODE
Runs until stdin closes (or 120 s). Prints every command addressed to it as "received <mtype> <json>".
"""
import hashlib
import json
import os
import select
import sys
import time

import zmq

name, host, advise_port, command_port, media, mode = sys.argv[1:7]
context = zmq.Context()
advise = context.socket(zmq.PUB)
advise.setsockopt(zmq.LINGER, 0)
advise.connect("tcp://%s:%s" % (host, advise_port))
command = context.socket(zmq.SUB)
command.setsockopt(zmq.SUBSCRIBE, b"")
command.connect("tcp://%s:%s" % (host, command_port))


def send(message):
    message["src"] = name
    advise.send(json.dumps(message).encode("utf-8"))


wanted = None
next_ready = 0.0
deadline = time.time() + 120
while time.time() < deadline:
    if select.select([sys.stdin], [], [], 0)[0] and not sys.stdin.readline():
        break
    now = time.time()
    if now >= next_ready:
        send({"mtype": "slave_ready"})
        if wanted and mode == "no-start":
            with open(os.path.join(media, os.path.basename(wanted)), "rb") as f:
                md5 = hashlib.md5(f.read()).hexdigest()
            send({"mtype": "file_status", "filename": wanted, "md5": md5, "ts": int(now)})
        next_ready = now + 0.2
    if not command.poll(50):
        continue
    message = json.loads(command.recv().decode("utf-8"))
    if message.get("dest") not in (None, name):
        continue
    print("received", message["mtype"].replace("_", "-"), json.dumps(message), flush=True)
    if message["mtype"].replace("_", "-") == "simul-file":
        wanted = message["filename"]

advise.close()
command.close()
context.term()
