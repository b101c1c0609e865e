# SPDX-License-Identifier: MIT
# Attacks on walking input directories (exec'd into test_hostile.py: its
# @attack, Case helpers and constants are in scope).
#
# Inside a directory given to `evaluate`, only regular *.json / *.xml files
# and directories are entered: no symlink is followed (wherever it points),
# nothing else is opened, the --out directory is never walked, and a
# directory deeper than the limit is named. Each is a warning on stderr
# with the entry's path; the run goes on.


def inbox(case, name="inbox"):
    """A directory holding a copy of the good submission as good.json."""
    d = case.path(name)
    os.makedirs(d, exist_ok=True)
    shutil.copy(case.good, os.path.join(d, "good.json"))
    return d


def submitted(run):
    return sorted(os.path.basename(s["file"])
                  for s in (run.report or {}).get("submissions", []))


def expect_skipped(case, run, name, *words):
    """`name` is not in the report, and a warning names it and says why."""
    case.check(run.sub(name) is None,
               f"{name} is not reported as a submission ({submitted(run)})")
    err = run.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if name in ln]
    case.check(any("warning" in ln for ln in lines),
               f"a warning names {name} ({err[-400:]})")
    for w in words:
        case.check(any(w.lower() in ln.lower() for ln in lines),
                   f"the warning about {name} says '{w}' ({lines[:2]})")


def expect_only_good(case, run):
    case.expect_good_evaluated(run)
    case.check(run.code == 0, f"exit 0 as for good input ({run.code}: "
               f"{run.stderr.decode('utf-8', 'replace')[-300:]})")
    case.check(submitted(run) == ["good.json"],
               f"only good.json is evaluated ({submitted(run)})")


@attack
def walk_symlink_outside_tree(case):
    d = inbox(case)
    other = case.path("other-bidder.json")  # another bidder's file
    shutil.copy(os.path.join(case.src, "samples/10-conditional-iij.json"),
                other)
    os.symlink(other, os.path.join(d, "attacker.json"))
    os.symlink(case.canary, os.path.join(d, "canary-link.json"))
    run = case.run([d])
    expect_skipped(case, run, "attacker.json", "not followed", other)
    expect_skipped(case, run, "canary-link.json", "not followed")
    expect_only_good(case, run)
    case.expect_no_escape(run)


@attack
def walk_symlink_proc_environ(case):
    d = inbox(case)
    os.symlink("/proc/self/environ", os.path.join(d, "env.json"))
    os.symlink("/proc/self/environ", os.path.join(d, "env.xml"))
    case.env["CV_WALK_CANARY"] = "CANARY-environ-41"
    run = case.run([d])
    expect_skipped(case, run, "env.json", "/proc/self/environ")
    expect_skipped(case, run, "env.xml", "/proc/self/environ")
    expect_only_good(case, run)
    if run.trace is not None:
        # A sanitizer's runtime reads /proc/self/environ itself at start;
        # what counts is that the links add no open of it.
        base = case.run([case.good])
        case.check(run.trace.count('"/proc/self/environ"') ==
                   base.trace.count('"/proc/self/environ"'),
                   "/proc/self/environ is never opened through the links")
    with open(os.path.join(run.out_dir, "report.json"), "rb") as f:
        case.check(b"CANARY" not in f.read(),
                   "no environment variable is in the report")


@attack
def walk_symlink_loop(case):
    d = inbox(case)
    os.symlink("loop2.json", os.path.join(d, "loop1.json"))
    os.symlink("loop1.json", os.path.join(d, "loop2.json"))
    os.symlink("self.json", os.path.join(d, "self.json"))
    os.symlink("..", os.path.join(d, "up"))         # a directory loop
    os.symlink(".", os.path.join(d, "here.json"))
    run = case.run([d])
    for name in ("loop1.json", "loop2.json", "self.json", "up", "here.json"):
        expect_skipped(case, run, name, "not followed")
    expect_only_good(case, run)
    case.expect_fast(run, 5.0)


@attack
def walk_fifo_in_directory(case):
    d = inbox(case)
    os.mkdir(os.path.join(d, "sub"))
    os.mkfifo(os.path.join(d, "sub", "fifo.json"))
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock_path = os.path.join(d, "sock.xml")
    try:
        sock.bind(sock_path)
    except OSError:
        sock_path = None  # path too long for a socket here: FIFO only
    run = case.run([d])  # a blocking open would hang here
    sock.close()
    expect_skipped(case, run, "fifo.json", "FIFO", "not a regular file")
    if sock_path:
        expect_skipped(case, run, "sock.xml", "socket")
    expect_only_good(case, run)
    case.expect_fast(run, 5.0)


@attack
def walk_symlink_named_explicitly(case):
    d = case.path("elsewhere")
    os.mkdir(d)
    link = case.path("chosen-link.json")
    os.symlink(case.good, link)  # the user names the link: it is followed
    run = case.run([link, d])
    s = run.sub("chosen-link.json")
    case.check(s is not None and s["verdict"] == "qualified",
               "a link named on the command line is evaluated")
    case.check(run.code == 0, f"exit 0 ({run.code})")
    dlink = case.path("inbox-link")
    os.symlink(inbox(case), dlink)  # so is a directory link named there
    run = case.run([dlink])
    expect_only_good(case, run)


@attack
def walk_deep_file(case):
    d = inbox(case)
    at16 = os.path.join(d, *[f"d{i}" for i in range(1, 17)])
    at17 = os.path.join(at16, "d17")
    os.makedirs(at17)
    shutil.copy(case.good, os.path.join(at16, "deep16.json"))
    shutil.copy(case.good, os.path.join(at17, "deep17.json"))
    run = case.run([d])
    s = run.sub("deep16.json")
    case.check(s is not None and s["verdict"] == "qualified",
               "a file 16 directories deep is evaluated")
    err = run.stderr.decode("utf-8", "replace")
    named = [ln for ln in err.splitlines() if "/d16/d17" in ln]
    case.check(run.sub("deep17.json") is not None or
               any("16 directories" in ln and "limit" in ln for ln in named),
               f"a file 17 deep is evaluated or its directory is named with "
               f"the limit ({err[-300:]})")
    case.expect_good_evaluated(run)


@attack
def walk_out_inside_input_tree(case):
    d = inbox(case)
    out = os.path.join(d, "reports")
    for n in (1, 2):
        run = case.run([d], formats="json,ndjson", out=out, trace=False)
        expect_only_good(case, run)
        case.check(run.sub("report.json") is None,
                   f"run {n}: the previous report is not evaluated")
    expect_skipped(case, run, "reports", "output directory")
    # and the same with the --out directory named as a relative path
    proc = subprocess.run([case.cloudvet, "--lang", "en", "evaluate",
                           "--as-of", AS_OF, "--format", "json", "--out",
                           "reports", "."], cwd=d, env=case.env,
                          capture_output=True, timeout=120)
    case.check(proc.returncode == 0, f"relative --out: exit 0 "
               f"({proc.returncode}: {proc.stderr[-300:]})")


@attack
def walk_report_set_inside_tree(case):
    """An earlier report set inside the input tree (another --out), and the
    staging directory a stopped run left: neither holds bids, so both are
    skipped with a warning, and the run exits 0, not 3."""
    d = inbox(case)
    old = os.path.join(d, "old-reports")
    first = case.run([case.good], formats="json,ndjson", out=old, trace=False)
    case.check(first.code == 0 and os.path.exists(
        os.path.join(old, "record.json")), "the earlier set was written")
    stage = os.path.join(d, ".old-reports.new-AbC123")
    os.makedirs(stage)
    shutil.copy(os.path.join(old, "report.json"), stage)
    run = case.run([d], formats="json", trace=False)
    expect_only_good(case, run)
    expect_skipped(case, run, "old-reports", "report set")
    expect_skipped(case, run, ".old-reports.new-AbC123", "report set")


@attack
def input_own_report_explicit(case):
    first = case.run([case.good], formats="json,ndjson", trace=False)
    report = os.path.join(first.out_dir, "report.json")
    line = case.path("result-line.json")  # one report.ndjson line
    with open(os.path.join(first.out_dir, "report.ndjson"), "rb") as f:
        data = f.read()
    with open(line, "wb") as f:
        f.write(data.splitlines()[0] + b"\n")
    run = case.run([case.good, report, line])
    case.expect_invalid(run, "report.json", "cloudvet report",
                        "not a questionnaire")
    case.expect_invalid(run, "result-line.json", "cloudvet report")
    case.expect_good_evaluated(run)
    run = case.run([report], command="check")
    case.check(b"cloudvet report" in run.stdout + run.stderr,
               "check says the file is a cloudvet report")
