#!/usr/bin/env python3
"""A simul slave written against libzmq (Debian python3-zmq), speaking raw JSON: the interop partner of
SimulPythonInteropTests. It uses the later revision's underscore names on purpose.

usage: python_slave.py NAME HOST ADVISE_PORT COMMAND_PORT MEDIA_DIR
Runs until stdin closes, then sends slave_exit.
"""
import hashlib
import json
import os
import select
import sys
import time

import zmq

name, host, advise_port, command_port, media = sys.argv[1:6]
context = zmq.Context()
advise = context.socket(zmq.PUB)
advise.setsockopt(zmq.LINGER, 500)
advise.connect("tcp://%s:%s" % (host, advise_port))
command = context.socket(zmq.SUB)
command.setsockopt(zmq.SUBSCRIBE, b"")
command.connect("tcp://%s:%s" % (host, command_port))


def send(message):
    message["src"] = name
    advise.send(json.dumps(message).encode("utf-8"))


def file_status(filename):
    path = os.path.join(media, filename)
    if os.path.sep in filename or ".." in filename or not os.path.isfile(path):
        send({"mtype": "simul_notstarted", "filename": filename, "reason": "no such file"})
        return
    with open(path, "rb") as f:
        md5 = hashlib.md5(f.read()).hexdigest()
    ts = max(os.path.getmtime(path), os.path.getctime(path))  # a float, as Python gives it
    send({"mtype": "file_status", "filename": filename, "md5": md5, "ts": ts})


poller = zmq.Poller()
poller.register(command, zmq.POLLIN)
wanted = None
next_ready = 0.0
deadline = time.time() + 120
while time.time() < deadline:
    if select.select([sys.stdin], [], [], 0)[0] and not sys.stdin.readline():
        break
    now = time.time()
    if now >= next_ready:
        send({"mtype": "slave_ready"})
        if wanted:
            file_status(wanted)
        next_ready = now + 0.2
    if not dict(poller.poll(50)):
        continue
    message = json.loads(command.recv().decode("utf-8"))
    if message.get("dest") not in (None, name):
        continue
    mtype = message["mtype"].replace("_", "-")
    if mtype == "simul-file":
        wanted = message["filename"]
        file_status(wanted)
    elif mtype == "simul-start":
        at = message.get("at")
        if at is not None:
            time.sleep(max(0.0, at / 1000.0 - time.time()))
        send({"mtype": "simul_started", "filename": message["filename"]})
        print("started", message["filename"], flush=True)
    elif mtype == "simul-stop":
        print("stopped", message["filename"], flush=True)

send({"mtype": "slave_exit"})
advise.close()
command.close(linger=0)
context.term()
