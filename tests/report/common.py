# SPDX-License-Identifier: MIT
"""Shared by the report tests: run cloudvet over samples/ plus the hostile
submission into a temporary directory, and a small DOM over html.parser
(the standard library has no DOM for HTML)."""
import html.parser
import json
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


def evaluate(cloudvet, src, out_dir, *extra, registry=None, files=None):
    """Runs `cloudvet evaluate` over `files` (default: the samples and the
    hostile submission); returns (exit code, inputs given). The registry
    is always explicit (a snapshot directory, or --no-registry), so no
    snapshot in the user's home changes a result."""
    files = files or inputs(src)
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"))
    reg = ["--registry", registry] if registry else ["--no-registry"]
    proc = subprocess.run([cloudvet, "evaluate", "--as-of", AS_OF, "--out",
                           out_dir, *reg, *extra, *files], env=env,
                          capture_output=True, text=True)
    return proc.returncode, files


# The ISMAP list the report tests check the samples against. Outcomes:
# 01 registered; 02 expired; 04 another service's number (its IaaS,
# Azure); 05 claimed ISMAP, listed ISMAP-LIU; 06 a row of hostile text
# (markup, a formula, a pipe, a bidi override) that names another
# service; the hostile submission claims 01's number.
REGISTRY_AS_OF = "2026-11-01"
HOSTILE_SERVICE = ("<script>alert('reg')</script>=HYPERLINK(\"http://evil."
                   "example/\",\"x\")\u202egnp.exe")
HOSTILE_PROVIDER = "=HYPERLINK(\"http://evil.example/\",\"p\")|**bold**"
REGISTRY_ROWS = [
    {"row": 2, "number": "C23-0187-1", "service": "あおばオンライン申請クラウド",
     "provider": "株式会社あおば行政システムズ", "registered": "2026-06-30",
     "expires": "2027-09-30", "scheme": "ISMAP"},
    {"row": 3, "number": "C21-0011-1", "service": "Microsoft Azure",
     "provider": "日本マイクロソフト株式会社", "registered": "2025-09-30",
     "expires": "2027-01-31", "scheme": "ISMAP"},
    {"row": 4, "number": "C24-0251-1",
     "service": "ミライ窓口オンライン申請クラウド", "provider": "株式会社ミライ窓口テック",
     "registered": "2024-08-01", "expires": "2026-10-31", "scheme": "ISMAP"},
    {"row": 5, "number": "C25-0078-1", "service": "ことのはオンライン申請クラウド",
     "provider": "株式会社ことのは公共システム", "registered": "2026-01-30",
     "expires": "2027-04-30", "scheme": "ISMAP-LIU"},
    {"row": 6, "number": "C24-0139-1", "service": HOSTILE_SERVICE,
     "provider": HOSTILE_PROVIDER, "registered": "2024-05-01",
     "expires": "2027-05-31", "scheme": "ISMAP"},
]


def write_registry(directory):
    """A snapshot directory with the list above; returns its path."""
    os.makedirs(directory, exist_ok=True)
    snap = {"format": "cloudvet-registry/1", "registry": "ismap",
            "as_of": REGISTRY_AS_OF, "source": "test.xlsx",
            "source_sha256": "0" * 64, "sheet": "S", "header_row": 1,
            "columns": {}, "rows": REGISTRY_ROWS}
    with open(os.path.join(directory, f"ismap-{REGISTRY_AS_OF}.json"), "w",
              encoding="utf-8") as f:
        json.dump(snap, f, ensure_ascii=False, indent=1)
    return directory


# --online without the network: the hostile submission's host is pinned
# to loopback, which the link guard refuses before connecting.
ONLINE_OFFLINE = ["--online", "--resolve", "aoba.example.co.jp:443:127.0.0.1",
                  "--resolve", "aoba.example.co.jp:80:127.0.0.1",
                  "--connect-timeout", "2", "--timeout", "5"]


def hostile_input(src):
    return os.path.join(src, "tests/data/hostile/injection.json")


def display(s):
    """What cv_view_text makes of a string (src/lib/base/unicode.h): bidi
    and invisible characters shown as [U+XXXX], tab and line feed as a
    space, other controls and non-characters as U+FFFD."""
    invisible = [(0x00AD, 0x00AD), (0x061C, 0x061C), (0x180E, 0x180E),
                 (0x200B, 0x200B), (0x200E, 0x200F), (0x2028, 0x202E),
                 (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
                 (0xFFF9, 0xFFFB), (0xE0000, 0xE007F)]
    out = []
    for ch in s or "":
        o = ord(ch)
        if ch in "\t\n":
            out.append(" ")
        elif (o < 0x20 or 0x7F <= o <= 0x9F or 0xFDD0 <= o <= 0xFDEF
              or o & 0xFFFE == 0xFFFE):
            out.append("\ufffd")
        elif any(lo <= o <= hi for lo, hi in invisible):
            out.append(f"[U+{o:04X}]")
        else:
            out.append(ch)
    return "".join(out)


REG_WORDS = {
    "ja": {"not_checked": "未照合", "registered": "登録を確認",
           "no_number": "番号なし", "not_found": "登録なし",
           "other_service": "別サービスの番号",
           "provider_mismatch": "事業者不一致", "scheme_mismatch": "制度不一致",
           "expired": "期限切れ", "not_yet_valid": "登録日前",
           "expiry_unknown": "期限不明"},
    "en": {"not_checked": "not checked", "registered": "registered",
           "no_number": "no number", "not_found": "not in the list",
           "other_service": "another service's number",
           "provider_mismatch": "provider differs",
           "scheme_mismatch": "scheme differs", "expired": "expired",
           "not_yet_valid": "not yet registered",
           "expiry_unknown": "expiry unknown"},
}


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
