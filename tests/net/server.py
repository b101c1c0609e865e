#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A small HTTP server for network tests; it never needs the internet.

Usage:
    server.py [--bind ADDR] [--log FILE] [--files DIR] [--no-stdin]

Starts on ADDR (default 127.0.0.1), port 0 (the kernel picks one), and
prints the port, alone, as the first line of stdout (flushed). It stops
when its stdin reaches end of file (so a test that dies takes the server
with it), or on SIGTERM / SIGINT. With --no-stdin it ignores stdin and
stops on a signal only (for shells that cannot keep a pipe open).

--log FILE: one line per request, appended and flushed before the reply is
sent: "METHOD PATH HOST" (HOST is the Host header, "-" when missing). A test
that must prove no request reached the server checks that the file is
empty.

Routes (HEAD answers as GET without the body unless said otherwise):
    /, /doc.html      200 text/html
    /sla.pdf          200 application/pdf (a tiny fake PDF)
    /missing          404 text/plain
    /status/N         status N (100 < N < 600), text/plain
    /no-head          HEAD: 405 (Allow: GET); GET: 200 text/html
    /redirect/N       N redirects (302) then /doc.html: /redirect/N-1 while
                      N > 1, /doc.html when N == 1; N <= 0 serves the
                      document itself
    /loop             302 to /loop, forever
    /to-private       302 to http://10.255.255.1:PORT/doc.html
    /to-metadata      302 to http://169.254.169.254/latest/meta-data/
    /to-file          302 to file:///etc/passwd
    /to-name?host=H   302 to http://H:PORT/doc.html (H: letters, digits,
                      '.', '-'; for names pinned with CURLOPT_RESOLVE)
    /to?url=U         302 to U, verbatim (any Location a test needs)
    /slow?s=N         waits N seconds (default 10) before a 200 text/html
    /hold?s=N         a tarpit: holds the request N seconds (default 30)
                      before a 200 text/html, and lets go as soon as the
                      client hangs up; counted in /stats
    /stats            200 application/json: {"hold_open": {HOST: n},
                      "hold_max": {HOST: n}}, the /hold requests open now
                      and the most open at once, by Host header (with the
                      client's one request per connection, its concurrent
                      connections per host); ?reset=1 clears hold_max
    /large            HEAD: 405; GET: 200 application/octet-stream, 50 MB
                      with Content-Length, streamed in 64 KiB chunks
    /large?chunked=1  the same without Content-Length (chunked)
    /large?endless=1  chunked and never ending (only a client-side cap or
                      timeout ends it)
    /files/NAME       the file NAME in --files DIR (NAME: letters, digits,
                      '.', '_', '-', not starting with '.'), Content-Type
                      by extension (.xlsx, .csv, .json, .xml, .pdf, .html,
                      .txt; else application/octet-stream); 404 if absent
    anything else     404

PORT in the redirects above is this server's own port. Connections are
HTTP/1.1 with keep-alive; every request is served on its own thread.
"""

import argparse
import json
import os
import re
import select
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LARGE_BYTES = 50 * 1024 * 1024
CHUNK = 64 * 1024

FAKE_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")
DOC_HTML = (b"<!doctype html><html><head><title>SLA</title></head>"
            b"<body><p>Service level agreement.</p></body></html>\n")

TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument."
             "spreadsheetml.sheet",
    ".csv": "text/csv",
    ".json": "application/json",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".txt": "text/plain",
}

NAME_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
HOST_RE = re.compile(r"[A-Za-z0-9.-]+")


class Server(ThreadingHTTPServer):
    # The default backlog (5) drops connections when a test opens many at
    # once, and a dropped SYN costs a one-second retransmit.
    request_queue_size = 128
    daemon_threads = True  # a sleeping /slow must not hold up exit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are separate writes: without this, delayed ACKs
    # add 40 ms to every response.
    disable_nagle_algorithm = True
    server_version = "cloudvet-test-server"

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):  # noqa: A002 (stdlib's name)
        pass  # the --log file is the log; stderr stays quiet

    def handle(self):
        # A client that stops reading on purpose (a capped probe) resets
        # the connection: that is the test working, not an error.
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            pass

    def do_HEAD(self):
        self.route(head=True)

    def do_GET(self):
        self.route(head=False)

    # ---- helpers ----

    def record(self):
        srv = self.server
        if srv.log is None:
            return
        line = "%s %s %s\n" % (self.command, self.path,
                               self.headers.get("Host", "-"))
        with srv.log_lock:
            srv.log.write(line)
            srv.log.flush()

    def reply(self, status, body=b"", ctype="text/plain", head=False,
              headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def redirect(self, location, head):
        self.reply(302, b"", head=head, headers=[("Location", location)])

    def stream(self, total, chunked, head):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        if head:
            return
        block = b"\0" * CHUNK
        sent = 0
        while total is None or sent < total:
            n = CHUNK if total is None else min(CHUNK, total - sent)
            if chunked:
                self.wfile.write(b"%x\r\n" % n + block[:n] + b"\r\n")
            else:
                self.wfile.write(block[:n])
            sent += n
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    # ---- routes ----

    def route(self, head):
        self.record()
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = urllib.parse.parse_qs(url.query)
        port = self.server.server_address[1]

        if path in ("/", "/doc.html"):
            self.reply(200, DOC_HTML, "text/html", head)
        elif path == "/sla.pdf":
            self.reply(200, FAKE_PDF, "application/pdf", head)
        elif path == "/missing":
            self.reply(404, b"not found\n", head=head)
        elif path.startswith("/status/") and path[8:].isdigit() \
                and 100 < int(path[8:]) < 600:
            self.reply(int(path[8:]), b"status\n", head=head)
        elif path == "/no-head":
            if head:
                self.reply(405, b"", head=True, headers=[("Allow", "GET")])
            else:
                self.reply(200, DOC_HTML, "text/html")
        elif path.startswith("/redirect/"):
            try:
                n = int(path[len("/redirect/"):])
            except ValueError:
                self.reply(404, b"bad count\n", head=head)
                return
            if n <= 0:
                self.reply(200, DOC_HTML, "text/html", head)
            else:
                self.redirect("/redirect/%d" % (n - 1) if n > 1 else
                              "/doc.html", head)
        elif path == "/loop":
            self.redirect("/loop", head)
        elif path == "/to-private":
            self.redirect("http://10.255.255.1:%d/doc.html" % port, head)
        elif path == "/to-metadata":
            self.redirect("http://169.254.169.254/latest/meta-data/", head)
        elif path == "/to-file":
            self.redirect("file:///etc/passwd", head)
        elif path == "/to-name":
            host = query.get("host", [""])[0]
            if not HOST_RE.fullmatch(host):
                self.reply(400, b"bad host\n", head=head)
                return
            self.redirect("http://%s:%d/doc.html" % (host, port), head)
        elif path == "/to":
            self.redirect(query.get("url", ["/doc.html"])[0], head)
        elif path == "/slow":
            try:
                secs = float(query.get("s", ["10"])[0])
            except ValueError:
                secs = 10.0
            time.sleep(secs)
            self.reply(200, DOC_HTML, "text/html", head)
        elif path == "/hold":
            self.hold(query, head)
        elif path == "/stats":
            self.stats(query.get("reset") == ["1"])
        elif path == "/large":
            if head:
                self.reply(405, b"", head=True, headers=[("Allow", "GET")])
            elif query.get("endless") == ["1"]:
                self.stream(None, True, False)
            else:
                self.stream(LARGE_BYTES, query.get("chunked") == ["1"],
                            False)
        elif path.startswith("/files/"):
            self.serve_file(path[len("/files/"):], head)
        else:
            self.reply(404, b"no such route\n", head=head)

    def client_gone(self, secs):
        """Waits up to secs; True when the client closed the connection."""
        r, _, _ = select.select([self.connection], [], [], secs)
        if not r:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def hold(self, query, head):
        try:
            secs = float(query.get("s", ["30"])[0])
        except ValueError:
            secs = 30.0
        srv = self.server
        host = self.headers.get("Host", "-")
        with srv.hold_lock:
            n = srv.hold_open.get(host, 0) + 1
            srv.hold_open[host] = n
            srv.hold_max[host] = max(srv.hold_max.get(host, 0), n)
        try:
            end = time.monotonic() + secs
            while time.monotonic() < end:
                if self.client_gone(min(0.05, max(0.0,
                                                  end - time.monotonic()))):
                    self.close_connection = True
                    return
            self.reply(200, DOC_HTML, "text/html", head)
        finally:
            with srv.hold_lock:
                srv.hold_open[host] -= 1

    def stats(self, reset):
        srv = self.server
        with srv.hold_lock:
            if reset:
                srv.hold_max = dict((h, n) for h, n in srv.hold_open.items()
                                    if n)
            body = json.dumps({"hold_open": srv.hold_open,
                               "hold_max": srv.hold_max}).encode()
        self.reply(200, body, "application/json")

    def serve_file(self, name, head):
        root = self.server.files
        if root is None or not NAME_RE.fullmatch(name):
            self.reply(404, b"no such file\n", head=head)
            return
        try:
            with open(os.path.join(root, name), "rb") as f:
                body = f.read()
        except OSError:
            self.reply(404, b"no such file\n", head=head)
            return
        ext = os.path.splitext(name)[1].lower()
        self.reply(200, body, TYPES.get(ext, "application/octet-stream"),
                   head)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--log")
    ap.add_argument("--files")
    ap.add_argument("--no-stdin", action="store_true")
    args = ap.parse_args()

    srv = Server((args.bind, 0), Handler)
    srv.log = open(args.log, "a", encoding="utf-8") if args.log else None
    srv.log_lock = threading.Lock()
    srv.hold_lock = threading.Lock()
    srv.hold_open = {}
    srv.hold_max = {}
    srv.files = args.files

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if not args.no_stdin:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except OSError:
                pass
            stop.set()
        threading.Thread(target=watch_stdin, daemon=True).start()

    threading.Thread(target=srv.serve_forever, daemon=True).start()
    print(srv.server_address[1], flush=True)
    while not stop.wait(0.5):
        pass
    srv.shutdown()
    srv.server_close()
    if srv.log:
        srv.log.close()


if __name__ == "__main__":
    main()
