# SPDX-License-Identifier: MIT
# Attacks on publishing the report set (exec'd into test_hostile.py: its
# @attack, Case helpers and constants are in scope).
#
# `evaluate --out DIR` locks DIR, writes the whole set and record.json
# into a staging directory beside it and swaps the two in one step
# (src/cli/publish.c): DIR always holds one whole set, which its
# record verifies, or the old one untouched. DIR may hold nothing but
# cloudvet's files: anything else is named and the run changes nothing.
import calendar
import hashlib

SET_FORMATS = "json,html,csv,md,xlsx"
LOCK_MESSAGE = b"another cloudvet run is writing this output directory"
FOREIGN_MESSAGE = b"which is not a cloudvet report"


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def record_of(out):
    with open(os.path.join(out, "record.json"), encoding="utf-8") as f:
        return json.load(f)


def set_problems(out):
    """Why `out` is not one whole set by its record ([] when it is)."""
    try:
        m = record_of(out)
    except (OSError, ValueError) as e:
        return [f"record.json cannot be read: {e}"]
    problems = []
    if m.get("format") != "cloudvet-record/1":
        problems.append(f"format {m.get('format')!r}")
    listed = {f["name"]: f for f in m.get("files", [])}
    present = set(os.listdir(out)) - {"record.json"}
    if present != set(listed):
        problems.append(f"files {sorted(present)} but the record lists "
                        f"{sorted(listed)}")
    for name, f in listed.items():
        path = os.path.join(out, name)
        if not os.path.isfile(path):
            continue
        if os.path.getsize(path) != f["bytes"] or sha256_of(path) != f["sha256"]:
            problems.append(f"{name}: size or SHA-256 differs from the record")
        if name != "report." + f["format"]:
            problems.append(f"{name}: format {f['format']}")
    formats = m.get("formats", {})
    written = set(formats.get("written", []))
    failed = {x["format"] for x in formats.get("failed", [])}
    if written != {f["format"] for f in listed.values()}:
        problems.append(f"formats.written {sorted(written)} is not the files")
    if set(formats.get("asked", [])) != written | failed or written & failed:
        problems.append("formats.asked is not written + failed")
    return problems


def snapshot(top):
    """Every file and directory below `top`, with the bytes of each file."""
    out = {}
    for root, dirs, files in os.walk(top):
        for d in dirs:
            out[os.path.relpath(os.path.join(root, d), top) + "/"] = None
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, top)] = fh.read()
    return out


def staging_left(case, name="reports"):
    """Our staging directories left beside case.path(name)."""
    return [n for n in os.listdir(case.tmp) if n.startswith(f".{name}.new-")]


def first_set(case, out, inputs=None, formats=SET_FORMATS):
    run = case.run(inputs or [case.good], formats=formats, out=out,
                   trace=False)
    case.check(run.code == 0, f"a first complete set ({run.code}: "
               f"{run.stderr.decode('utf-8', 'replace')[-300:]})")
    case.check(set_problems(out) == [], f"the first set is whole "
               f"({set_problems(out)})")
    return run


def expect_refused(case, run, out, before, *words):
    err = run.stderr.decode("utf-8", "replace")
    case.check(run.code == 5, f"refused with exit 5 ({run.code}: {err[-300:]})")
    for w in words:
        case.check(w in err, f"the message says {w!r} ({err[-300:]})")
    case.check(out in err, f"the message names the directory ({err[-300:]})")
    case.check(snapshot(out) == before,
               "the output directory is byte for byte as it was")
    case.check(staging_left(case, os.path.basename(out)) == [],
               f"no staging directory is left ({os.listdir(case.tmp)})")


@attack
def publish_dir_named_like_a_report(case):
    out = case.path("reports")
    first_set(case, out)
    os.remove(os.path.join(out, "report.md"))
    os.mkdir(os.path.join(out, "report.md"))
    with open(os.path.join(out, "report.md", "draft.txt"), "w") as f:
        f.write("the committee's notes\n")
    before = snapshot(out)
    run = case.run([case.good], formats=SET_FORMATS, out=out, trace=False)
    expect_refused(case, run, out, before, "'report.md'",
                   FOREIGN_MESSAGE.decode())
    # In Japanese (the default) too.
    ja = subprocess.run([case.cloudvet, "evaluate", "--as-of", AS_OF,
                         "--out", out, case.good], env=case.env,
                        capture_output=True, timeout=120)
    case.check(ja.returncode == 5 and "cloudvet の報告書でないもの 'report.md'"
               in ja.stderr.decode("utf-8", "replace"),
               f"the Japanese message names it ({ja.stderr[-300:]!r})")
    case.check(snapshot(out) == before, "still as it was")


@attack
def publish_foreign_file_in_out_dir(case):
    # A user's file beside the reports.
    out = case.path("reports")
    first_set(case, out)
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("mine\n")
    before = snapshot(out)
    run = case.run([case.good], formats=SET_FORMATS, out=out, trace=False)
    expect_refused(case, run, out, before, "'notes.txt'")
    # A link named like a report (not a regular file of ours).
    os.remove(os.path.join(out, "notes.txt"))
    os.remove(os.path.join(out, "report.csv"))
    os.symlink(case.canary, os.path.join(out, "report.csv"))
    before = snapshot(out)
    run = case.run([case.good], formats=SET_FORMATS, out=out, trace=False)
    expect_refused(case, run, out, before, "'report.csv'")
    # A home directory given as --out (think --out ~): nothing lost.
    home = case.path("home")
    os.makedirs(os.path.join(home, "Documents"))
    with open(os.path.join(home, ".bashrc"), "w") as f:
        f.write("export X=1\n")
    before = snapshot(home)
    run = case.run([case.good], formats=SET_FORMATS, out=home, trace=False)
    expect_refused(case, run, home, before, FOREIGN_MESSAGE.decode())
    # --out . in a directory that holds only a set: refused, as it would
    # leave the shell in a deleted directory.
    before = snapshot(out)
    here = subprocess.run([case.cloudvet, "--lang", "en", "evaluate",
                           "--as-of", AS_OF, "--out", ".", case.good],
                          env=case.env, cwd=out, capture_output=True,
                          timeout=120)
    case.check(here.returncode == 5 and b"is the current directory" in
               here.stderr, f"--out . is refused ({here.stderr[-300:]!r})")
    case.check(snapshot(out) == before, "and nothing changed")


def run_pair(case, out, a, b):
    argv = [case.cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
            "--jobs", "1", "--format", SET_FORMATS, "--out", out]
    procs = [subprocess.Popen(argv + [x], env=case.env,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for x in (a, b)]
    return [(p.wait(timeout=300), p.stderr.read()) for p in procs]


@attack
def publish_concurrent_runs(case):
    out = case.path("reports")
    first_set(case, out)
    a, b = batch(case, 60), batch(case, 40)  # both hold 09-malformed: exit 3
    for trial in range(10):
        (ca, ea), (cb, eb) = run_pair(case, out, a, b)
        won = [c in (0, 3) for c in (ca, cb)]
        case.check(sum(won) == 1, f"trial {trial}: exactly one run publishes "
                   f"(exits {ca}, {cb})")
        for c, e in ((ca, ea), (cb, eb)):
            if c not in (0, 3):
                case.check(c == 5 and LOCK_MESSAGE in e and out.encode() in e,
                           f"trial {trial}: the other refuses, naming the "
                           f"directory and the other run ({c}: {e[-200:]!r})")
        problems = set_problems(out)
        case.check(problems == [], f"trial {trial}: the set is whole "
                   f"({problems})")
        if problems:
            continue
        m = record_of(out)
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            subs = json.load(f)["submissions"]
        want = 60 if won[0] else 40
        case.check(len(m["inputs"]) == len(subs) == want,
                   f"trial {trial}: the report and the record are the "
                   f"winner's ({len(m['inputs'])}, {len(subs)}, {want})")
        case.check(staging_left(case) == [], f"trial {trial}: nothing left "
                   f"beside the set ({staging_left(case)})")


def staged_files(case, name="reports", ignore=()):
    """The files in our staging directories beside case.path(name) (but
    those in `ignore`, left by earlier runs)."""
    found = []
    for d in set(staging_left(case, name)) - set(ignore):
        try:
            found += os.listdir(os.path.join(case.tmp, d))
        except OSError:
            pass
    return found


def start_and_wait_for_publish(case, argv):
    """Starts a run and returns once it writes its set (a file appears in
    its staging directory) or ends: the moment publishing starts."""
    earlier = staging_left(case)
    proc = subprocess.Popen(argv, env=case.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None and not staged_files(case, ignore=earlier):
        time.sleep(0.002)
    return proc, time.monotonic()


@attack
def publish_kill_during_publish(case):
    """kill -9 at moments spread over the part of a run that writes and
    swaps the set (found by watching the staging directory): after each,
    the set is whole by its record, the old one byte for byte or the
    new one, and the next run removes what a killed one left."""
    out = case.path("reports")
    big = batch(case, 100)
    argv = [case.cloudvet, "evaluate", "--as-of", AS_OF, "--out", out, big]
    first_set(case, out)
    proc, begun = start_and_wait_for_publish(case, argv)
    proc.wait()
    window = max(time.monotonic() - begun, 0.05)
    shutil.rmtree(out)
    first_set(case, out)  # the old set the kills fall on
    old = snapshot(out)
    seen = {"old": 0, "new": 0}
    kills, tries = 0, 20
    for i in range(tries):
        delay = window * 1.1 * i / (tries - 1)
        proc, _ = start_and_wait_for_publish(case, argv)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        problems = set_problems(out)
        case.check(problems == [], f"after kill -9 {delay:.3f} s into "
                   f"publishing the set is whole ({problems})")
        n = len(record_of(out)["inputs"]) if not problems else -1
        if n == 1:
            seen["old"] += 1
            case.check(snapshot(out) == old, f"after kill -9 at {delay:.3f} "
                       "s the old set is byte for byte as it was")
        else:
            seen["new"] += 1
            case.check(n == 100, f"or the new one, whole ({n} inputs)")
        case.check(all(len(x) == len(".reports.new-") + 6
                       for x in staging_left(case)),
                   f"only staging directories are left ({staging_left(case)})")
    case.check(kills >= tries // 2, f"the runs were killed while publishing "
               f"({kills} of {tries}; the window is {window:.3f} s)")
    print(f"note: publishing takes {window:.3f} s; after the kills the set "
          f"was the old one {seen['old']} times, the new one {seen['new']} "
          f"times", file=sys.stderr)
    run = case.run([case.good], formats=SET_FORMATS, out=out, trace=False)
    case.check(run.code == 0 and set_problems(out) == [],
               f"the next run publishes a whole set ({run.code})")
    case.check(staging_left(case) == [], f"and removes what killed runs left "
               f"({staging_left(case)})")


def fd_limit(n):
    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
    return limit


@attack
def publish_one_format_fails(case):
    """XLSX needs more descriptors than the other formats (libxlsxwriter
    assembles the zip from temporary files): under a tight descriptor
    limit it fails alone. Whatever the limit, the set is the old one
    untouched or a new whole one; where only XLSX fails, the others are
    published, the record says why XLSX is missing, and the exit code
    is 7."""
    out = case.path("reports")
    found = False
    for n in range(5, 40):
        if os.path.exists(out):
            shutil.rmtree(out)
        first_set(case, out)
        old = snapshot(out)
        run = case.run([case.good], "--jobs", "1", formats=SET_FORMATS,
                       out=out, trace=False, preexec=fd_limit(n))
        err = run.stderr.decode("utf-8", "replace")
        if run.code in (0, 7):
            case.check(set_problems(out) == [],
                       f"limit {n}: a whole new set ({set_problems(out)})")
        else:
            case.check(snapshot(out) == old, f"limit {n}: exit {run.code} "
                       "leaves the old set as it was")
        if run.code != 7:
            if run.code == 0:
                break  # enough descriptors from here on
            continue
        failed = record_of(out)["formats"]["failed"]
        names = [f["format"] for f in failed]
        case.check(all(f["reason"] for f in failed),
                   f"limit {n}: every failed format has its reason ({failed})")
        for f in names:
            case.check(f"/report.{f}: cannot write the report" in err,
                       f"limit {n}: the error names report.{f} ({err[-300:]})")
        if names == ["xlsx"]:
            found = True
            case.check(sorted(os.listdir(out)) ==
                       ["record.json", "report.csv", "report.html",
                        "report.json", "report.md"],
                       f"the other formats are published ({os.listdir(out)})")
            case.check("some formats could not be written" in err,
                       f"the exit is explained ({err[-300:]})")
    case.check(found, "some descriptor limit makes XLSX alone fail (exit 7)")
    case.check(staging_left(case) == [], "nothing is left beside the set")


@attack
def record_verifies(case):
    out = case.path("reports")
    samples = os.path.join(case.src, "samples")
    odd = os.path.join(os.fsencode(case.tmp), b"bid-\xff.json")  # not UTF-8
    shutil.copy(case.good, odd)
    run = case.run([samples, odd], formats=SET_FORMATS + ",ndjson", out=out,
                   trace=False)
    case.check(run.code == 3, f"samples/ exits 3 ({run.code})")
    problems = set_problems(out)
    case.check(problems == [], f"whole ({problems})")
    if problems:
        return
    m = record_of(out)
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        rep = json.load(f)
    case.check(m["formats"]["asked"] ==
               ["json", "html", "csv", "md", "xlsx", "ndjson"] and
               m["formats"]["failed"] == [], f"formats {m['formats']}")
    case.check([i["file"] for i in m["inputs"]] ==
               [s["file"] for s in rep["submissions"]],
               "the inputs are the report's submissions, named alike")
    case.check(m["inputs"][-1]["file"].endswith("bid-\ufffd.json"),
               f"a name that is not UTF-8 reads as in report.json "
               f"({m['inputs'][-1]['file']!r})")
    for i in m["inputs"]:
        path = i["file"] if os.path.exists(i["file"]) else odd
        case.check(i["sha256"] == sha256_of(path),
                   f"{i['file']}: the input's SHA-256")
    case.check(m["profile"] == {k: rep["profile"][k]
                                for k in ("id", "version", "sha256")},
               "the profile of the report")
    case.check(m["as_of"] == rep["as_of"] == AS_OF, "the evaluation date")
    version = subprocess.run([case.cloudvet, "--version"], env=case.env,
                             capture_output=True, text=True).stdout
    case.check(m["tool"]["name"] == "cloudvet" and m["tool"]["version"] in
               version, f"the tool version ({m['tool']}, {version!r})")
    # No clock: a record must be reproducible byte for byte.
    case.check("created" not in m, "the record has no clock member")
    # A changed byte no longer verifies.
    with open(os.path.join(out, "report.md"), "ab") as f:
        f.write(b" ")
    case.check(set_problems(out) != [], "a changed file does not verify")
