#!/usr/bin/env python3
"""faultproxy.py: a small HTTP proxy in front of Radicale that breaks on
purpose, for the CalDAV fault tests.

    faultproxy.py PORT UPSTREAM_PORT MODE [ARG]

Modes (each applies to the requests of one method, or to the n-th):
    pass               forward everything
    die-after N        forward N requests, then exit (the server is gone)
    status CODE METHOD answer CODE to every METHOD request
    status-for CODE METHOD TEXT
                       answer CODE to the METHOD requests whose path
                       contains TEXT (one resource refused, the rest not)
    cut METHOD         forward METHOD, send its headers and half the body,
                       then close the connection
    stall METHOD       answer METHOD with nothing, holding the connection
                       for 30 s
    bad-xml METHOD     answer METHOD with 207 and malformed XML
    bad-item TEXT      in REPORT answers, the calendar-data of the
                       resource whose href contains TEXT made garbage
Everything else is forwarded unchanged. One connection per request.
"""
import http.client
import os
import socket
import socketserver
import sys
import threading
import time

port, upstream, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
arg = sys.argv[4] if len(sys.argv) > 4 else ""
count = 0
lock = threading.Lock()


def read_request(f):
    line = f.readline().decode("latin-1")
    if not line:
        return None
    method, path, _ = line.split(" ", 2)
    headers = []
    while True:
        h = f.readline().decode("latin-1")
        if h in ("\r\n", "\n", ""):
            break
        name, value = h.split(":", 1)
        headers.append((name.strip(), value.strip()))
    n = int(dict((k.lower(), v) for k, v in headers).get("content-length", "0"))
    body = f.read(n) if n else b""
    return method, path, headers, body


def forward(method, path, headers, body):
    c = http.client.HTTPConnection("127.0.0.1", upstream, timeout=30)
    c.request(method, path, body=body,
              headers={k: v for k, v in headers if k.lower() != "connection"})
    r = c.getresponse()
    data = r.read()
    out = [(k, v) for k, v in r.getheaders()
           if k.lower() not in ("content-length", "connection",
                                "transfer-encoding")]
    c.close()
    return r.status, r.reason, out, data


def send(sock, status, reason, headers, data, length=None):
    head = "HTTP/1.1 %d %s\r\n" % (status, reason)
    for k, v in headers:
        head += "%s: %s\r\n" % (k, v)
    head += "Content-Length: %d\r\nConnection: close\r\n\r\n" % (
        len(data) if length is None else length)
    sock.sendall(head.encode("latin-1") + data)


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        global count
        req = read_request(self.rfile)
        if req is None:
            return
        method, path, headers, body = req
        with lock:
            count += 1
            n = count
        if mode == "die-after" and n > int(arg):
            os._exit(0)
        if (mode == "status-for" and method == sys.argv[5]
                and sys.argv[6] in path):
            send(self.connection, int(arg), "Injected", [], b"injected\n")
            return
        if mode == "status" and method == sys.argv[5]:
            send(self.connection, int(arg), "Injected", [], b"injected\n")
            return
        if mode == "stall" and method == arg:
            time.sleep(30)
            return
        if mode == "bad-xml" and method == arg:
            send(self.connection, 207, "Multi-Status",
                 [("Content-Type", "application/xml")],
                 b"<?xml version='1.0'?><multistatus xmlns='DAV:'><response><href>/x</href></multistatus>")
            return
        status, reason, out, data = forward(method, path, headers, body)
        if mode == "bad-item" and method == "REPORT":
            import re
            data = re.sub(
                rb"(<href>[^<]*" + re.escape(arg.encode()) +
                rb"[^<]*</href>.*?<C:calendar-data>).*?(</C:calendar-data>)",
                rb"\1this is not iCalendar\2", data, flags=re.S)
        if mode == "cut" and method == arg:
            send(self.connection, status, reason, out, data[:len(data) // 2],
                 length=len(data))
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        send(self.connection, status, reason, out, data)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", port), Handler).serve_forever()
