#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`evaluate --online` and `registry import --from` against the test server
(tests/net/server.py) on 127.0.0.1, through the CLI. No test reaches the
internet: every URL is loopback, a private or metadata address that is
never connected to, or a name pinned with --resolve.

    test_online_cli.py CLOUDVET SRC_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from checklib import AS_OF, check, finish  # noqa: E402


class Server:
    def __init__(self, src, tmp):
        self.log = os.path.join(tmp, "server.log")
        self.files = os.path.join(tmp, "files")
        os.makedirs(self.files)
        open(self.log, "w").close()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(src, "tests", "net", "server.py"),
             "--log", self.log, "--files", self.files],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def requests(self):
        with open(self.log, encoding="utf-8") as f:
            return [line.split() for line in f if line.strip()]

    def clear(self):
        open(self.log, "w").close()

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def submission(src, tmp, name, sla_url, evidence_urls):
    with open(os.path.join(src, "samples", "01-qualified-sakura.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    doc["sla"]["url"] = sla_url
    doc["evidence"] = [{"title": f"link {i}", "url": u}
                       for i, u in enumerate(evidence_urls)]
    for c in doc.get("certifications", []):
        c.pop("evidence", None)
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def run(cloudvet, src, tmp, out, *args):
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"),
               XDG_DATA_HOME=os.path.join(tmp, "xdg"))
    p = subprocess.run([cloudvet, *args], env=env, capture_output=True,
                       text=True, timeout=120)
    rep = None
    if out and os.path.exists(os.path.join(out, "report.json")):
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            rep = json.load(f)
    return p, rep


def links_by_url(rep):
    return {l["url"]: l for l in rep["submissions"][0]["link_checks"]}


def terms(rep):
    return next(r for r in rep["submissions"][0]["results"]
                if r["id"] == "CLOUD-TERMS")


def evaluate(cloudvet, src, tmp, sub, *args):
    out = os.path.join(tmp, "out")
    return run(cloudvet, src, tmp, out, "evaluate", "--as-of", AS_OF,
               "--no-registry", "--format", "json", "--quiet", "--out", out,
               "--lang", "en", *args, sub)


def test_blocked_without_allow_private(cv, src, tmp, srv):
    urls = [srv.url("/doc.html"), srv.url("/sla.pdf"),
            srv.url("/doc.html", "localhost"), srv.url("/", "[::1]"),
            f"http://2130706433:{srv.port}/doc.html",
            f"http://0x7f.1:{srv.port}/doc.html",
            f"http://[::ffff:127.0.0.1]:{srv.port}/doc.html",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/sla.html", "http://192.168.1.1/",
            f"http://evil.example:{srv.port}/doc.html",
            "file:///etc/passwd", "gopher://127.0.0.1:70/"]
    sub = submission(src, tmp, "blocked.json", srv.url("/sla.pdf"), urls)
    srv.clear()
    p, rep = evaluate(cv, src, tmp, sub, "--online", "--resolve",
                      f"evil.example:{srv.port}:127.0.0.1")
    check(p.returncode == 0, f"exit 0 ({p.returncode}): {p.stderr}")
    check(rep["online"] is True, "report says links were checked online")
    links = links_by_url(rep)
    for u in urls:
        l = links.get(u)
        check(l is not None and l["outcome"] == "blocked",
              f"{u}: blocked ({l and l['outcome']}: {l and l['message']})")
    check(links["http://169.254.169.254/latest/meta-data/"]["blocked"]
          ["address_class"] == "link-local", "metadata address: link-local")
    check(links[srv.url("/doc.html")]["blocked"]["address_class"] ==
          "loopback", "127.0.0.1: loopback")
    check(links["http://10.0.0.1/sla.html"]["blocked"]["address_class"] ==
          "private", "10.0.0.1: private")
    check(links[f"http://evil.example:{srv.port}/doc.html"]["blocked"]
          ["address"] == "127.0.0.1",
          "a name resolving to loopback is blocked at the connected address")
    check(links["file:///etc/passwd"]["blocked"]["scheme"] == "file",
          "file: refused for its scheme")
    check(srv.requests() == [], f"no request reached the server: "
          f"{srv.requests()}")
    t = terms(rep)
    # The vendor answered yes, so facts that refute it are "contradicted".
    check(t["status"] in ("not_met", "contradicted") and
          "refused" in t["reason"],
          f"CLOUD-TERMS not met when the SLA link is blocked: {t}")


def test_allowed(cv, src, tmp, srv):
    urls = [srv.url("/doc.html"), srv.url("/sla.pdf"), srv.url("/missing"),
            srv.url("/redirect/2"), srv.url("/no-head"),
            srv.url("/to-metadata"), srv.url("/to-file"), srv.url("/loop"),
            srv.url("/large"), srv.url("/doc.html", "localhost")]
    sub = submission(src, tmp, "allowed.json", srv.url("/sla.pdf"), urls)
    srv.clear()
    p, rep = evaluate(cv, src, tmp, sub, "--online", "--allow-private")
    check(p.returncode == 0, f"exit 0 ({p.returncode}): {p.stderr}")
    links = links_by_url(rep)

    def l(path):
        return links[srv.url(path)]
    d = l("/doc.html")
    check(d["outcome"] == "ok" and d["http_status"] == 200 and
          d["content_type"].startswith("text/html") and d["method"] == "HEAD"
          and d["final_url"] == srv.url("/doc.html") and
          d["checked_at"].endswith("Z"), f"/doc.html: {d}")
    check(l("/sla.pdf")["content_type"] == "application/pdf", "pdf")
    check(l("/missing")["outcome"] == "http_error" and
          l("/missing")["http_status"] == 404, f"404: {l('/missing')}")
    r = l("/redirect/2")
    check(r["outcome"] == "ok" and r["redirects"] == 2 and
          r["final_url"].endswith("/doc.html"), f"redirects: {r}")
    n = l("/no-head")
    check(n["outcome"] == "ok" and n["method"] == "GET",
          f"HEAD refused, GET used: {n}")
    m = l("/to-metadata")
    check(m["outcome"] == "blocked" and
          m["blocked"]["address_class"] == "link-local" and
          m["blocked"]["url"].startswith("http://169.254.169.254"),
          f"a redirect into the metadata address is blocked at the hop, "
          f"even with --allow-private: {m}")
    f = l("/to-file")
    check(f["outcome"] in ("blocked", "failed"),
          f"a redirect to file: is not followed: {f}")
    check(l("/loop")["outcome"] == "failed", "redirect loop fails")
    g = l("/large")
    check(g["outcome"] == "ok" and g["method"] == "GET" and
          g["elapsed_ms"] < 10000, f"a 50 MB body is not downloaded: {g}")
    check(links[srv.url("/doc.html", "localhost")]["outcome"] == "ok",
          "localhost allowed with --allow-private")
    paths = [r[1] for r in srv.requests()]
    check(not any("meta-data" in p for p in paths) and
          "/etc/passwd" not in paths, "nothing was requested for blocked hops")
    check(paths.count("/doc.html") >= 1, "the server saw the checks")
    t = terms(rep)
    check(t["status"] == "met" and "resolves to a document" in t["reason"],
          f"CLOUD-TERMS met when the SLA link is a PDF: {t['reason']}")
    # An SLA link that does not resolve to a document is not met.
    for path, why in (("/missing", "404"), ("/large", "not a document")):
        sub = submission(src, tmp, "sla-bad.json", srv.url(path), [])
        _, rep = evaluate(cv, src, tmp, sub, "--online", "--allow-private")
        t = terms(rep)
        check(t["status"] in ("not_met", "contradicted") and
              why in t["reason"],
              f"SLA {path}: not met ({t['status']}: {t['reason']})")


def test_offline(cv, src, tmp, srv):
    sub = submission(src, tmp, "offline.json", srv.url("/sla.pdf"),
                     [srv.url("/doc.html")])
    srv.clear()
    p, rep = evaluate(cv, src, tmp, sub, "--allow-private")
    check(rep["online"] is False and
          rep["submissions"][0]["link_checks"] is None,
          "without --online nothing is checked, and the report says so")
    check(srv.requests() == [], "without --online no request at all")
    check(terms(rep)["status"] == "met", "offline, CLOUD-TERMS as before")


def test_slow(cv, src, tmp, srv):
    sub = submission(src, tmp, "slow.json", srv.url("/sla.pdf"),
                     [srv.url("/slow?s=30")])
    p, rep = evaluate(cv, src, tmp, sub, "--online", "--allow-private",
                      "--timeout", "2")
    l = links_by_url(rep)[srv.url("/slow?s=30")]
    check(l["outcome"] == "failed" and l["elapsed_ms"] < 6000,
          f"a slow server hits the timeout: {l}")
    # A check that failed on the way (timeout) or on a passing server error
    # refutes nothing: the vendor's SLA stays a claim for a person. A 4xx
    # is the server's own word (test_allowed).
    for path in ("/slow?s=30", "/status/503", "/status/429"):
        sub = submission(src, tmp, "sla-unreachable.json", srv.url(path), [])
        _, rep = evaluate(cv, src, tmp, sub, "--online", "--allow-private",
                          "--timeout", "2")
        t = terms(rep)
        check(t["status"] == "claimed" and
              "could not be checked from this PC" in t["reason"],
              f"SLA {path}: claimed, not refuted ({t['status']}: "
              f"{t['reason']})")


def test_max_links(cv, src, tmp, srv):
    """--max-links: the URLs past it are not requested, each says so, and a
    warning of the submission gives the limit and the count."""
    urls = [srv.url(f"/doc.html?i={i}") for i in range(6)]
    sub = submission(src, tmp, "many.json", srv.url("/sla.pdf"), urls)
    p, _ = evaluate(cv, src, tmp, sub, "--online", "--max-links", "0")
    check(p.returncode == 2, f"--max-links 0 is a usage error "
          f"({p.returncode})")
    srv.clear()
    p, rep = evaluate(cv, src, tmp, sub, "--online", "--allow-private",
                      "--max-links", "3")
    check(p.returncode == 0, f"exit 0 ({p.returncode}): {p.stderr}")
    s = rep["submissions"][0]
    links = s["link_checks"]
    distinct = {l["url"] for l in links}
    checked = {l["url"] for l in links if l["checked"]}
    check(len(checked) == 3, f"3 distinct URLs checked ({checked})")
    check(all("limit on URLs" in l["message"] for l in links
              if not l["checked"]), "the others say the limit")
    want = f"of {len(distinct)} distinct URLs only the first 3"
    check(any(d["severity"] == "warning" and want in d["message"]
              for d in s["diagnostics"]),
          f"a warning: '{want}' ({[d['message'] for d in s['diagnostics']]})")
    asked = {r[1] for r in srv.requests()}
    check(not any(f"/doc.html?i={i}" in asked for i in range(3, 6)),
          f"nothing past the limit was requested ({sorted(asked)})")


def test_download(cv, src, tmp, srv):
    import ismap_fixture
    xlsx = os.path.join(srv.files, "ismap.xlsx")
    ismap_fixture.write_fixture(xlsx)
    reg = os.path.join(tmp, "reg")
    url = srv.url("/files/ismap.xlsx")
    srv.clear()
    p, _ = run(cv, src, tmp, None, "registry", "import", "ismap", "--from",
               url, "--registry", reg, "--lang", "en")
    check(p.returncode == 3 and "blocked" in p.stderr,
          f"--from a loopback URL is blocked ({p.returncode}): {p.stderr}")
    check(srv.requests() == [], "and no request was made")
    p, _ = run(cv, src, tmp, None, "registry", "import", "ismap", "--from",
               url, "--registry", reg, "--allow-private", "--list-date",
               "2026-11-01")
    check(p.returncode == 0, f"--from with --allow-private ({p.stderr})")
    snap = os.path.join(reg, "ismap-2026-11-01.json")
    if os.path.exists(snap):
        s = json.load(open(snap, encoding="utf-8"))
        check(s["source"] == url and len(s["rows"]) == 7,
              "the URL is recorded as the source")


def main():
    cv, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="cloudvet-online-") as tmp:
        srv = Server(src, tmp)
        try:
            test_blocked_without_allow_private(cv, src, tmp, srv)
            test_allowed(cv, src, tmp, srv)
            test_offline(cv, src, tmp, srv)
            test_slow(cv, src, tmp, srv)
            test_max_links(cv, src, tmp, srv)
            test_download(cv, src, tmp, srv)
        finally:
            srv.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
