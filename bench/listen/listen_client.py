#!/usr/bin/env python3
"""Listeners through the one listen URL: each asks the URL (no automatic redirect), follows the 307 itself,
reads the stream and, when its streamer goes away, asks the URL again (as ffmpeg -reconnect does).

  listen_client.py URL N RATE HOLD [KILL_AFTER KILL_PID]

Prints one JSON line per second (listeners per streamer, connected count) and at the end a summary:
shares per streamer, stalled listeners (< 90 % of 128 kbit/s over the hold, bursts excluded), failed redirects,
and, after it kills KILL_PID (SIGKILL, as a crash), how long each cut listener took to receive audio again
through the URL, watched for KILL_AFTER seconds.
"""
import asyncio, json, os, signal, sys, time, urllib.parse

URL, N, RATE, HOLD = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
KILL_AFTER = float(sys.argv[5]) if len(sys.argv) > 6 else None
KILL_PID = int(sys.argv[6]) if len(sys.argv) > 6 else None
u = urllib.parse.urlsplit(URL)
BITRATE = 16000  # bytes/s at 128 kbit/s

where = {}      # listener -> streamer base url
received = {}   # listener -> bytes after the burst
failed = []
cut_at = {}     # listener -> time its connection broke
back_after = {} # listener -> seconds from the kill (else its cut) to first audio again
kill_time = [None]


async def http_get(host, port, path, headers=""):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nIcy-MetaData: 0\r\n{headers}\r\n".encode())
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 10)
    head = {}
    while True:
        line = await asyncio.wait_for(reader.readline(), 10)
        if line in (b"\r\n", b"\n", b""):
            break
        k, _, v = line.decode("latin-1").partition(":")
        head[k.strip().lower()] = v.strip()
    return int(status.split()[1]), head, reader, writer


async def listener(i):
    first = True
    while True:
        try:
            code, head, r, w = await http_get(u.hostname, u.port, f"{u.path}?auth_token=bench-{i}")
            w.close()
            if code != 307:
                if first:
                    failed.append(code)
                    return
                await asyncio.sleep(1)
                continue
            loc = urllib.parse.urlsplit(head["location"])
            code, _, r, w = await http_get(loc.hostname, loc.port, loc.path + "?" + loc.query)
            if code != 200:
                raise IOError(f"streamer answered {code}")
            where[i] = f"{loc.hostname}:{loc.port}"
            first = False
            got = 0
            while True:
                data = await asyncio.wait_for(r.read(65536), 10)
                if not data:
                    raise IOError("end of stream")
                if i in cut_at and i not in back_after:
                    back_after[i] = time.monotonic() - (kill_time[0] or cut_at[i])
                got += len(data)
                received[i] = received.get(i, 0) + len(data)
        except (OSError, asyncio.TimeoutError, IndexError, ValueError, KeyError) as e:
            if first:
                failed.append(str(e))
                return
            if i not in cut_at:
                cut_at[i] = time.monotonic()
            where.pop(i, None)
            await asyncio.sleep(0.2)


async def main():
    tasks = []
    start = time.monotonic()
    for i in range(N):
        tasks.append(asyncio.create_task(listener(i)))
        await asyncio.sleep(1 / RATE)
    ramp = time.monotonic() - start
    await asyncio.sleep(5)  # bursts over
    base = dict(received)
    t0 = time.monotonic()
    while time.monotonic() - t0 < HOLD:
        await asyncio.sleep(1)
        shares = {}
        for s in where.values():
            shares[s] = shares.get(s, 0) + 1
        print(json.dumps({"t": round(time.monotonic() - t0), "connected": len(where), "per_streamer": shares}), flush=True)
    hold = time.monotonic() - t0
    stalled = sum(1 for i in range(N) if (received.get(i, 0) - base.get(i, 0)) < 0.9 * BITRATE * hold)
    shares = {}
    for s in where.values():
        shares[s] = shares.get(s, 0) + 1
    summary = {"listeners": N, "ramp_s": round(ramp, 1), "hold_s": round(hold, 1), "per_streamer": shares,
               "failed": len(failed), "failures": {str(k): failed.count(k) for k in set(failed)},
               "stalled_below_90pct": stalled}
    print("SUMMARY " + json.dumps(summary), flush=True)
    if KILL_AFTER is not None:
        before = dict(where)
        kill_time[0] = time.monotonic()
        os.kill(KILL_PID, signal.SIGKILL)
        t1 = kill_time[0]
        print(f"killed pid {KILL_PID}", flush=True)
        while time.monotonic() - t1 < KILL_AFTER:
            await asyncio.sleep(1)
            shares = {}
            for s in where.values():
                shares[s] = shares.get(s, 0) + 1
            print(json.dumps({"t_after_kill": round(time.monotonic() - t1), "connected": len(where),
                              "per_streamer": shares}), flush=True)
        cut = sorted(back_after.get(i, float("inf")) for i in cut_at)
        summary = {"cut": len(cut_at), "back": len(back_after), "per_streamer": shares,
                   "back_s_median": round(cut[len(cut) // 2], 2) if cut else None,
                   "back_s_max": round(cut[-1], 2) if cut else None}
        print("AFTER-KILL " + json.dumps(summary), flush=True)
    for t in tasks:
        t.cancel()

asyncio.run(main())
