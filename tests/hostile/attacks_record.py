# SPDX-License-Identifier: MIT
# Attacks on `cloudvet verify` (exec'd into test_hostile.py: its @attack,
# Case helpers and constants are in scope).
#
# A report set handed over for checking is anyone's directory: its
# record.json and record.sig may be crafted. verify must never read or
# name-check a file outside DIR for an output, never crash or hang on a
# malformed record, never accept a changed set, and --rerun must run
# nothing but the evaluate options cloudvet itself records.


def record_set(case, name="set"):
    """A real set of the good submission (record.json without a key)."""
    out = case.path(name)
    run = case.run([case.good], formats="json,md", out=out, trace=False)
    case.check(run.code == 0, f"the set is written ({run.code})")
    with open(os.path.join(out, "record.json"), encoding="utf-8") as f:
        return out, json.load(f)


def write_record(out, rec):
    with open(os.path.join(out, "record.json"), "w", encoding="utf-8") as f:
        json.dump(rec, f)


def verify(case, out, *extra, trace=True):
    run = case.run([out], *extra, command="verify", trace=trace)
    return run, run.stdout.decode("utf-8", "replace") + \
        run.stderr.decode("utf-8", "replace")


@attack
def record_output_names_escape_dir(case):
    out, rec = record_set(case)
    for name in ("../canary-secret.txt", case.canary, "/etc/passwd", "..",
                 "sub/report.json", ""):
        bad = json.loads(json.dumps(rec))
        bad["files"][0]["name"] = name
        write_record(out, bad)
        run, text = verify(case, out)
        case.check(run.code == 1 and "not valid" in text,
                   f"files[].name {name!r} is refused as not valid "
                   f"({run.code}: {text[-300:]})")
        if run.trace is not None:
            case.check(f'"{case.canary}"' not in run.trace and
                       '"/etc/passwd"' not in run.trace,
                       f"files[].name {name!r}: nothing outside DIR opened")


@attack
def record_malformed(case):
    out, rec = record_set(case)
    for what, data in (("deep nesting", "[" * 100000 + "]" * 100000),
                       ("not JSON", "\x00\xff{"),
                       ("another format", json.dumps(
                           dict(rec, format="cloudvet-manifest/1"))),
                       ("a lone surrogate", '{"format": "\\ud800"}'),
                       ("two million values", '{"format": "cloudvet-record/1",'
                        ' "x": [' + ",".join(["1"] * 2000000) + ']}'),
                       ("empty", "")):
        with open(os.path.join(out, "record.json"), "w",
                  encoding="utf-8", errors="surrogateescape") as f:
            f.write(data)
        start = time.monotonic()
        run, text = verify(case, out, trace=False)
        case.check(run.code == 2 and "record.json" in text,
                   f"{what}: exit 2 naming record.json ({run.code}: "
                   f"{text[-200:]})")
        case.check(time.monotonic() - start < 10, f"{what}: no hang")
    # Wrong types where names, sizes and hashes belong: a difference each.
    bad = dict(rec, files=[{"name": 7, "bytes": "x", "sha256": None}],
               inputs=[{"file": None}, 5])
    write_record(out, bad)
    run, text = verify(case, out, trace=False)
    case.check(run.code == 1, f"wrong member types: exit 1 ({run.code}: "
               f"{text[-300:]})")


@attack
def record_sig_crafted(case):
    out, rec = record_set(case)
    for what, sig in (("short signature", {"signature": "00" * 10}),
                      ("not hex", {"signature": "zz" * 64}),
                      ("short key", {"public_key": "ab"}),
                      ("another algorithm", {"algorithm": "rsa"}),
                      ("all zeros", {"signature": "00" * 64,
                                     "public_key": "00" * 32})):
        doc = {"format": "cloudvet-signature/1", "algorithm": "ed25519",
               "public_key": "11" * 32, "signature": "22" * 64}
        doc.update(sig)
        with open(os.path.join(out, "record.sig"), "w") as f:
            json.dump(doc, f)
        run, text = verify(case, out, trace=False)
        case.check(run.code == 1 and "record.sig" in text,
                   f"{what}: exit 1 naming record.sig ({run.code}: "
                   f"{text[-200:]})")
    with open(os.path.join(out, "record.sig"), "wb") as f:
        f.write(b"{" * 10000 + b"\n" * 10000)
    run, text = verify(case, out, trace=False)
    case.check(run.code == 1 and "record.sig" in text,
               f"a huge malformed record.sig: exit 1 ({run.code})")


@attack
def record_rerun_foreign_arguments(case):
    out, rec = record_set(case)
    victim = case.path("victim")
    os.makedirs(victim)
    for extra in (["--out", victim], ["--online"], ["--sign", case.canary],
                  ["--files-from", case.canary], ["--parse-only"]):
        bad = json.loads(json.dumps(rec))
        bad["invocation"]["args"] = extra + bad["invocation"]["args"]
        write_record(out, bad)
        run, text = verify(case, out, "--rerun", trace=False)
        case.check(run.code == 2 and "never records" in text,
                   f"--rerun refuses {extra[0]} ({run.code}: {text[-300:]})")
    case.check(os.listdir(victim) == [], "nothing was written elsewhere")
    bad = json.loads(json.dumps(rec))
    bad["invocation"]["online"] = True
    write_record(out, bad)
    run, text = verify(case, out, "--rerun", trace=False)
    case.check(run.code == 2 and "online" in text,
               f"an --online record is not re-run ({run.code}: {text[-200:]})")


@attack
def record_sign_key_is_a_fifo(case):
    # A FIFO (or a device) named as the signing key is refused at once,
    # never waited on: the key is read like every input, a regular file
    # only, opened without blocking. It used to hang the run.
    fifo = os.path.join(case.tmp, "key.pem")
    os.mkfifo(fifo)
    run = case.run([case.good], "--sign", fifo, trace=False)
    case.check(run.code == 2, f"exit 2 for a FIFO as the key ({run.code}): "
               f"{run.stderr[-300:]!r}")
    case.expect_fast(run, 10.0)
