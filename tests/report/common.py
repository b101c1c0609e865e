# SPDX-License-Identifier: MIT
"""Shared by the report tests: run cloudvet over samples/ plus the hostile
submission into a temporary directory, and a small DOM over html.parser
(the standard library has no DOM for HTML)."""
import html.parser
import os
import subprocess
import sys
import tempfile

AS_OF = "2026-11-21"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Failures:
    """Collects failed checks; prints "N passed, N failed" like the C tests."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("check failed: " + what, file=sys.stderr)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def inputs(src):
    samples = os.path.join(src, "samples")
    files = sorted(os.path.join(samples, f) for f in os.listdir(samples)
                   if f.endswith((".json", ".xml")))
    return files + [os.path.join(src, "tests/data/hostile/injection.json")]


def evaluate(cloudvet, src, out_dir, *extra):
    """Runs `cloudvet evaluate`; returns (exit code, inputs given)."""
    files = inputs(src)
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"))
    proc = subprocess.run([cloudvet, "evaluate", "--as-of", AS_OF, "--out",
                           out_dir, *extra, *files], env=env,
                          capture_output=True, text=True)
    return proc.returncode, files


def temp_dir():
    return tempfile.TemporaryDirectory(prefix="cloudvet-report-test-")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.texts = []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        out = list(self.texts)
        for c in self.children:
            out.append(c.text())
        return "".join(out)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        for n in self.walk():
            if tag and n.tag != tag:
                continue
            if cls and cls not in n.classes():
                continue
            if any(n.attrs.get(k) != v for k, v in attrs.items()):
                continue
            yield n

    def find(self, tag=None, cls=None, **attrs):
        return next(self.find_all(tag, cls, **attrs), None)


class _Builder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        # Text is kept in order with the children by a text child node.
        t = Node("#text", [], self.cur)
        t.texts.append(data)
        self.cur.children.append(t)


def parse_html(text):
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root
