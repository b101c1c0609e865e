# SPDX-License-Identifier: MIT
# Attacks on `evaluate --online` (exec'd into test_hostile.py: its @attack,
# Case helpers and constants are in scope).
#
# A link-check tarpit: a bid full of URLs that a server accepts and then
# holds. It must not hold the run: each submission's link checks end at its
# time budget (--online-budget), the whole run's at --online-run-budget, the
# URLs over --max-links are not requested, and the connections to one host
# stay within --max-per-host over all --jobs workers together. What was not
# checked says so and is never held against the bid: a criterion that needs
# such a link stays `claimed`, for a person.
#
# Every URL is on 127.0.0.1 (tests/net/server.py, its /hold route the
# tarpit, /stats its count of concurrent held requests per host), reached
# with --allow-private; names are pinned with --resolve. No test here needs
# the internet.

import urllib.request

# Under the sanitizers everything is slower: the time bounds get more
# slack there (and say so).
ONLINE_SLACK = 20.0 if os.environ.get("ASAN_OPTIONS") else 6.0


class OnlineServer:
    def __init__(self, case):
        self.log = case.path("server.log")
        open(self.log, "w").close()
        self.proc = subprocess.Popen(
            [sys.executable, os.path.join(case.src, "tests", "net",
                                          "server.py"), "--log", self.log],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self.proc.stdout.readline())

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def hold_max(self, host="127.0.0.1"):
        with urllib.request.urlopen(self.url("/stats"), timeout=10) as r:
            stats = json.load(r)
        return stats["hold_max"].get(f"{host}:{self.port}", 0)

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def online_bid(case, name, sla_url, evidence_urls, other_url):
    """samples/01 with its SLA URL, its evidence list replaced, and every
    other URL in it pointed at other_url (so nothing reaches a real
    name)."""
    doc = json.load(open(case.good, encoding="utf-8"))

    def repoint(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "url" and isinstance(v, str):
                    node[k] = other_url
                else:
                    repoint(v)
        elif isinstance(node, list):
            for v in node:
                repoint(v)
    repoint(doc)
    doc["sla"]["url"] = sla_url
    doc["evidence"] = [{"title": f"link {i}", "url": u}
                       for i, u in enumerate(evidence_urls)]
    return case.write(name, json.dumps(doc, ensure_ascii=False))


def online_good(case, srv, name="good-online.json"):
    """An honest bid whose links answer at once, on its own host name."""
    return online_bid(case, name, srv.url("/sla.pdf", "good.example"),
                      [srv.url("/doc.html", "good.example")],
                      srv.url("/doc.html", "good.example"))


def tarpit(case, srv, name, n, host="127.0.0.1"):
    """A bid whose SLA and n evidence URLs are all held for a minute."""
    return online_bid(case, name, srv.url("/hold?s=60&sla=1", host),
                      [srv.url(f"/hold?s=60&i={i}", host) for i in range(n)],
                      srv.url("/hold?s=60&other=1", host))


def online_args(srv, *extra):
    return ["--online", "--allow-private", "--no-registry", "--resolve",
            f"good.example:{srv.port}:127.0.0.1", *extra]


def result(sub, cid):
    return next(r for r in sub["results"] if r["id"] == cid)


def warnings_of(sub):
    return [d["message"] for d in sub["diagnostics"]
            if d["severity"] == "warning"]


def expect_good_online(case, run, name, alone):
    """The honest bid: evaluated, its links checked, its verdict the one it
    gets when it is checked alone."""
    s = run.sub(name)
    case.check(s is not None, f"{name} is in the report")
    if s is None:
        return
    links = s["link_checks"] or []
    case.check(links and all(l["checked"] and l["outcome"] == "ok"
                             for l in links),
               f"{name}: every link was checked and reachable "
               f"({[(l['url'], l.get('outcome'), l['message']) for l in links][:3]})")
    case.check(result(s, "CLOUD-TERMS")["status"] == "met",
               f"{name}: CLOUD-TERMS met from its checked SLA link "
               f"({result(s, 'CLOUD-TERMS')})")
    a = alone.sub(name)
    case.check(a is not None and (s["verdict"], s["score"]) ==
               (a["verdict"], a["score"]),
               f"{name}: verdict and score as when checked alone "
               f"({s['verdict']} {s['score']} vs "
               f"{a and (a['verdict'], a['score'])})")


def expect_tarpit_not_checked(case, s, name):
    """Nothing of the tarpit was checked, each link says why, and nothing
    is held against the bid: its SLA criterion is claimed."""
    links = s["link_checks"] or []
    case.check(links and not any(l["checked"] for l in links),
               f"{name}: no held link counts as checked "
               f"({[l for l in links if l['checked']][:1]})")
    case.check(all("not checked" in l["message"] for l in links),
               f"{name}: every link says it was not checked")
    t = result(s, "CLOUD-TERMS")
    case.check(t["status"] == "claimed" and "not checked" in t["reason"],
               f"{name}: CLOUD-TERMS stays claimed, neither met nor "
               f"refuted ({t['status']}: {t['reason']})")
    case.check(s["verdict"] != "disqualified",
               f"{name}: an unchecked link does not disqualify "
               f"({s['verdict']})")


@attack
def online_tarpit_budget(case):
    """300 held URLs and a good bid after them, one worker: the run ends at
    the tarpit's budget, the URLs over the limit and the ones left at the
    budget say so, and the good bid is checked as if alone."""
    srv = OnlineServer(case)
    try:
        good = online_good(case, srv, "b-good.json")
        alone = case.run([good], *online_args(srv), trace=False)
        bad = tarpit(case, srv, "a-tarpit.json", 300)
        run = case.run([bad, good], *online_args(
            srv, "--online-budget", "3", "--jobs", "1"), trace=False)
    finally:
        srv.stop()
    case.check(run.code == 0, f"exit 0 ({run.code}: "
               f"{run.stderr.decode('utf-8', 'replace')[-300:]})")
    if run.report is None:
        case.check(False, "the report was written")
        return
    case.check(run.seconds < 3 + ONLINE_SLACK,
               f"took {run.seconds:.1f} s: the budget of 3 s and "
               f"{ONLINE_SLACK:.0f} s of slack"
               + (" (more under the sanitizers)"
                  if os.environ.get("ASAN_OPTIONS") else ""))
    s = run.sub("a-tarpit.json")
    links = s["link_checks"] or []
    distinct = {l["url"] for l in links}
    # the SLA URL, the 300 evidence URLs, and the one all others point at
    case.check(len(distinct) == 302, f"all 302 URLs are listed "
               f"({len(distinct)})")
    over = {l["url"] for l in links if "limit on URLs" in l["message"]}
    timed = {l["url"] for l in links if "time budget" in l["message"]}
    case.check(len(over) == 46 and len(timed) == 256 and not over & timed,
               f"46 over the limit of 256, those 256 out of time "
               f"({len(over)}, {len(timed)})")
    w = warnings_of(s)
    case.check(any("too many URLs" in m and "302" in m and "256" in m
                   for m in w), f"a warning gives the cap and the count ({w})")
    case.check(any("--online-budget" in m and "3 s" in m and "256" in m
                   for m in w),
               f"a warning says the budget ran out, and for how many ({w})")
    expect_tarpit_not_checked(case, s, "a-tarpit.json")
    expect_good_online(case, run, "b-good.json", alone)
    with open(os.path.join(run.out_dir, "report.json"), "rb") as f:
        case.check(b"time budget" in f.read(), "report.json says it")


@attack
def online_tarpit_run_budget(case):
    """Two tarpits, one worker: the first eats its own budget, the second
    the rest of the run's; after that nothing is requested, and the report
    says the run's budget (not the bid) is why."""
    srv = OnlineServer(case)
    try:
        one = tarpit(case, srv, "a-tarpit.json", 20)
        two = tarpit(case, srv, "b-tarpit.json", 20)
        good = online_good(case, srv, "c-good.json")
        run = case.run([one, two, good], *online_args(
            srv, "--online-budget", "2", "--online-run-budget", "3",
            "--jobs", "1"), trace=False)
    finally:
        srv.stop()
    case.check(run.report is not None, f"the report was written "
               f"({run.stderr.decode('utf-8', 'replace')[-300:]})")
    if run.report is None:
        return
    case.check(run.seconds < 3 + ONLINE_SLACK,
               f"took {run.seconds:.1f} s: the run's budget of 3 s and "
               f"{ONLINE_SLACK:.0f} s of slack")
    for name in ("a-tarpit.json", "b-tarpit.json"):
        expect_tarpit_not_checked(case, run.sub(name), name)
    # The run's budget counts from when the run went online, so on a slow
    # machine (the sanitizers) it may be the one the first tarpit meets.
    case.check(any("--online-budget" in m or "--online-run-budget" in m
                   for m in warnings_of(run.sub("a-tarpit.json"))),
               "the first tarpit says a budget ran out")
    g = run.sub("c-good.json")
    case.check(any("--online-run-budget" in m for m in warnings_of(g)),
               f"the bid after the run's budget says why its links were "
               f"not checked ({warnings_of(g)})")
    t = result(g, "CLOUD-TERMS")
    case.check(t["status"] == "claimed" and g["verdict"] != "disqualified",
               f"and its SLA stays claimed, not refuted "
               f"({t['status']}, {g['verdict']})")


@attack
def online_tarpit_per_host_jobs(case):
    """Two tarpits on one host, two workers: the server never sees more
    connections to the host than --max-per-host, however many workers."""
    srv = OnlineServer(case)
    try:
        one = tarpit(case, srv, "a-tarpit.json", 30)
        two = tarpit(case, srv, "b-tarpit.json", 30)
        run = case.run([one, two], *online_args(
            srv, "--online-budget", "3", "--jobs", "2", "--max-per-host",
            "2"), trace=False)
        seen = srv.hold_max()
    finally:
        srv.stop()
    case.check(run.report is not None and run.code == 0,
               f"the run ends normally ({run.code}: "
               f"{run.stderr.decode('utf-8', 'replace')[-300:]})")
    case.check(seen == 2, f"at most (and here exactly) 2 connections to "
               f"the host at once over both workers: the server saw {seen}")
    case.check(run.seconds < 3 + ONLINE_SLACK,
               f"took {run.seconds:.1f} s: the budget of 3 s and "
               f"{ONLINE_SLACK:.0f} s of slack")


@attack
def online_many_urls_fast(case):
    """30 000 URLs in one bid: telling the distinct ones apart and leaving
    the ones over --max-links must not take the run's time (it took seconds
    when each URL was compared with all before it). They are loopback
    literals, refused before any connection: nothing leaves the machine."""
    f = online_bid(case, "many-urls.json", "http://127.0.0.1/sla.pdf",
                   [f"http://127.0.0.1/{i}" for i in range(30000)],
                   "http://127.0.0.1/other")
    run = case.run([f], "--online", "--no-registry")
    s = run.sub("many-urls.json")
    case.check(s is not None and any("too many URLs" in m and "256" in m
                                     for m in warnings_of(s)),
               "the limit is reported")
    limit = ONLINE_SLACK if os.environ.get("ASAN_OPTIONS") else 3.0
    case.check(run.seconds < limit,
               f"took {run.seconds:.1f} s, must be under {limit:.0f} s"
               + (" (more under the sanitizers)"
                  if os.environ.get("ASAN_OPTIONS") else ""))
    case.expect_no_escape(run)
