#!/usr/bin/env python3
"""A simul slave written against libzmq (Debian python3-zmq), speaking raw JSON: the interop partner of
SimulPythonInteropTests. It uses the later revision's underscore names on purpose.

usage: python_slave.py NAME HOST ADVISE_PORT COMMAND_PORT MEDIA_DIR
Runs until stdin closes, then sends slave_exit.

With the environment variables SIMUL_MASTER_PUBLIC_KEY and SIMUL_SECRET_KEY (Z85) both sockets are CURVE clients;
without them they are plain. Prints "<bus> event <NAME>" for each connection event of either socket (libzmq's
monitor: HANDSHAKE_SUCCEEDED, HANDSHAKE_FAILED_AUTH, DISCONNECTED, ...) and "received <mtype>" for every command
received, whoever it is for.
"""
import hashlib
import json
import os
import select
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

name, host, advise_port, command_port, media = sys.argv[1:6]
master_key = os.environ.get("SIMUL_MASTER_PUBLIC_KEY")
secret_key = os.environ.get("SIMUL_SECRET_KEY")
context = zmq.Context()
EVENTS = {getattr(zmq, "EVENT_" + n): n for n in ("CONNECTED", "CONNECT_DELAYED", "CONNECT_RETRIED", "CLOSED",
                                                  "DISCONNECTED", "HANDSHAKE_SUCCEEDED", "HANDSHAKE_FAILED_NO_DETAIL",
                                                  "HANDSHAKE_FAILED_PROTOCOL", "HANDSHAKE_FAILED_AUTH")}


def secure(socket):
    if master_key and secret_key:
        socket.curve_serverkey = master_key.encode("ascii")
        socket.curve_secretkey = secret_key.encode("ascii")
        socket.curve_publickey = zmq.curve_public(secret_key.encode("ascii"))


advise = context.socket(zmq.PUB)
advise.setsockopt(zmq.LINGER, 500)
secure(advise)
monitors = {advise.get_monitor_socket(): "advise"}
advise.connect("tcp://%s:%s" % (host, advise_port))
command = context.socket(zmq.SUB)
command.setsockopt(zmq.SUBSCRIBE, b"")
secure(command)
monitors[command.get_monitor_socket()] = "command"
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
for monitor in monitors:
    poller.register(monitor, zmq.POLLIN)
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
    ready = dict(poller.poll(50))
    for monitor, bus in monitors.items():
        if monitor in ready:
            event = recv_monitor_message(monitor)["event"]
            if event in EVENTS:
                print(bus, "event", EVENTS[event], flush=True)
    if command not in ready:
        continue
    message = json.loads(command.recv().decode("utf-8"))
    print("received", message.get("mtype"), flush=True)
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
advise.disable_monitor()
command.disable_monitor()
for monitor in monitors:
    monitor.close(linger=0)
advise.close()
command.close(linger=0)
context.term()
