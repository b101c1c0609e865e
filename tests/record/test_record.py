#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The record of a run (docs/record.md): `evaluate --sign` writes
record.json and record.sig with the set; `verify` accepts it, and fails
naming the file after one byte of any input, any output, record.json or
record.sig is changed (on copies); another key fails; --rerun reproduces
every output; two runs give the same bytes; a bad key stops the run
before anything is evaluated.

usage: test_record.py CLOUDVET SOURCE_DIR
Prints "N passed, N failed"; exits 1 on any failure, 77 (skipped) when the
openssl command, which makes the keys, is absent.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

AS_OF = "2026-11-21"
COUNTS = {"passed": 0, "failed": 0}


def check(cond, what):
    COUNTS["passed" if cond else "failed"] += 1
    if not cond:
        print("check failed: " + what, file=sys.stderr)
    return cond


def run(args, cwd):
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "replace"), \
        r.stderr.decode("utf-8", "replace")


def flip(path, offset=None):
    """Changes one byte of `path` (the middle one unless told); returns
    the original bytes."""
    with open(path, "rb") as f:
        data = f.read()
    i = len(data) // 2 if offset is None else offset
    changed = bytearray(data)
    changed[i] ^= 0x01
    with open(path, "wb") as f:
        f.write(bytes(changed))
    return data


def flip_hex_digit(path, after):
    """Changes one hex digit of the first 64-digit value after the text
    `after`, keeping the file valid JSON; returns the original bytes."""
    with open(path, "rb") as f:
        data = f.read()
    at = data.index(after.encode()) + len(after)
    at = data.index(b': "', at) + 3 + 10
    changed = bytearray(data)
    changed[at] = ord("0") if changed[at] != ord("0") else ord("1")
    with open(path, "wb") as f:
        f.write(bytes(changed))
    return data


def restore(path, data):
    with open(path, "wb") as f:
        f.write(data)


class Env:
    def __init__(self, cloudvet, src, tmp):
        self.cloudvet = os.path.abspath(cloudvet)
        self.src = src
        self.work = os.path.join(tmp, "work")
        shutil.copytree(os.path.join(src, "samples"),
                        os.path.join(self.work, "samples"))
        for name in ("k.pem", "other.pem"):
            subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519",
                            "-out", os.path.join(self.work, name)],
                           check=True, capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", "k.pem", "-pubout", "-out",
                        "pub.pem"], cwd=self.work, check=True,
                       capture_output=True)
        subprocess.run(["openssl", "genpkey", "-algorithm", "rsa", "-pkeyopt",
                        "rsa_keygen_bits:1024", "-out", "rsa.pem"],
                       cwd=self.work, check=True, capture_output=True)

    def evaluate(self, out, *extra):
        return run([self.cloudvet, "--lang", "en", "evaluate", "--criteria",
                    os.path.join(self.src, "criteria"), "--no-registry",
                    "--as-of", AS_OF, "--out", out] + list(extra) +
                   ["samples/"], self.work)

    def verify(self, out, *extra):
        return run([self.cloudvet, "--lang", "en", "verify"] + list(extra) +
                   [out], self.work)


def signed_set(e):
    code, _, err = e.evaluate("out", "--sign", "k.pem")
    check(code == 3, f"evaluate --sign samples/ exits 3 ({code}: {err[-300:]})")
    names = sorted(os.listdir(os.path.join(e.work, "out")))
    check("record.json" in names and "record.sig" in names and
          "manifest.json" not in names,
          f"the set has record.json and record.sig ({names})")
    with open(os.path.join(e.work, "out", "record.json"), encoding="utf-8") as f:
        rec = json.load(f)
    with open(os.path.join(e.work, "out", "record.sig"), encoding="utf-8") as f:
        sig = json.load(f)
    check(rec["format"] == "cloudvet-record/1" and "created" not in rec,
          "cloudvet-record/1, with no clock")
    check(rec["tool"]["name"] == "cloudvet" and rec["tool"]["build_id"],
          f"tool and build id ({rec['tool']})")
    check(rec["as_of"] == AS_OF and rec["lang"] == "en", "as_of and lang")
    check(rec["tender"] is None and rec["decisions"] is None and
          rec["registry"] is None, "no tender, decisions or registry")
    check(isinstance(rec["method_sha256"], str) and
          len(rec["method_sha256"]) == 64, "the method's hash")
    args = rec["invocation"]["args"]
    check(rec["invocation"]["online"] is False and "--as-of" in args and
          "--no-registry" in args and "--sign" not in args and
          "--out" not in args and args[-len(rec["inputs"]):] ==
          [i["file"] for i in rec["inputs"]],
          f"the invocation ({args})")
    check(sig["format"] == "cloudvet-signature/1" and
          sig["algorithm"] == "ed25519" and len(sig["public_key"]) == 64 and
          len(sig["signature"]) == 128, f"record.sig ({sig})")
    return rec


def accepts(e):
    code, out, err = e.verify("out", "--key", "pub.pem")
    check(code == 0, f"verify --key pub.pem accepts ({code}: {out}{err})")
    check("relative to the current directory" in out,
          "says inputs are checked relative to the current directory")
    code, out, err = e.verify("out", "--key", "k.pem")
    check(code == 0, f"verify --key with the private key ({code}: {out}{err})")
    code, out, _ = e.verify("out")
    check(code == 0 and "not pinned" in out,
          f"without --key: checked by the embedded key, not pinned ({out})")


def every_input_byte(e, rec):
    for i in rec["inputs"]:
        path = os.path.join(e.work, i["file"])
        data = flip(path)
        code, out, _ = e.verify("out", "--key", "pub.pem")
        restore(path, data)
        check(code == 1 and f"{i['file']}: SHA-256 differs" in out,
              f"one byte of {i['file']} changed: named ({code}: {out})")
    path = os.path.join(e.work, rec["inputs"][2]["file"])
    os.rename(path, path + ".away")
    code, out, _ = e.verify("out")
    os.rename(path + ".away", path)
    check(code == 1 and f"{rec['inputs'][2]['file']}: missing" in out,
          f"a missing input is named ({out})")


def every_output_byte(e, rec):
    for f in rec["files"] + [{"name": "record.json"}, {"name": "record.sig"}]:
        copy = os.path.join(e.work, "copy")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(os.path.join(e.work, "out"), copy)
        flip(os.path.join(copy, f["name"]))
        code, out, err = e.verify("copy", "--key", "pub.pem")
        check(code in (1, 2) and f["name"] in out + err,
              f"one byte of {f['name']} changed: fails naming it "
              f"({code}: {out}{err})")
    # A change that keeps the record valid JSON: a hash in record.json
    # (the file no longer matches it, and the signature fails), a digit of
    # the signature.
    for name, after, want in (("record.json", '"name": "report.md", '
                               '"format": "md", "bytes"',
                               "report.md: SHA-256 differs"),
                              ("record.sig", '"signature"',
                               "signature does not verify")):
        copy = os.path.join(e.work, "copy")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(os.path.join(e.work, "out"), copy)
        flip_hex_digit(os.path.join(copy, name), after)
        code, out, _ = e.verify("copy", "--key", "pub.pem")
        check(code == 1 and want in out and
              "record.sig: signature does not verify" in out,
              f"one hex digit of {name} changed ({code}: {out})")
    copy = os.path.join(e.work, "copy")
    os.remove(os.path.join(copy, "record.sig"))
    code, out, _ = e.verify("copy", "--key", "pub.pem")
    check(code == 1 and "record.sig missing although --key was given" in out,
          f"no record.sig with --key ({code}: {out})")
    with open(os.path.join(copy, "notes.txt"), "w") as f:
        f.write("x")
    code, out, _ = e.verify("copy")
    check(code == 1 and "notes.txt: not in the record" in out,
          f"a file the record does not list is named ({out})")


def other_key_fails(e):
    code, out, _ = e.verify("out", "--key", "other.pem")
    check(code == 1 and "signature does not verify" in out,
          f"--key with another key fails ({code}: {out})")
    code, _, err = e.verify("out", "--key", "no-such.pem")
    check(code == 2, f"an unreadable --key is a usage error ({code}: {err})")


def rerun_and_twice(e):
    code, out, err = e.verify("out", "--key", "pub.pem", "--rerun")
    check(code == 0 and "byte for byte" in out,
          f"verify --rerun reproduces every output ({code}: {out}{err})")
    code, _, _ = e.evaluate("out2", "--sign", "k.pem")
    a, b = os.path.join(e.work, "out"), os.path.join(e.work, "out2")
    same = sorted(os.listdir(a)) == sorted(os.listdir(b))
    for name in os.listdir(a):
        with open(os.path.join(a, name), "rb") as f, \
                open(os.path.join(b, name), "rb") as g:
            same = same and f.read() == g.read()
    check(code == 3 and same,
          "two runs give byte-identical record.json, record.sig and outputs")
    # --jobs and --quiet do not change the record.
    code, _, _ = e.evaluate("out3", "--jobs", "1", "--quiet")
    with open(os.path.join(a, "record.json"), "rb") as f, \
            open(os.path.join(e.work, "out3", "record.json"), "rb") as g:
        check(f.read() == g.read(), "--jobs and --quiet do not change the record")
    # A changed output is named by --rerun too.
    copy = os.path.join(e.work, "copy2")
    shutil.copytree(a, copy)
    flip(os.path.join(copy, "report.csv"))
    code, out, _ = e.verify("copy2", "--rerun")
    check(code == 1 and "report.csv: differs from the re-run's output" in out,
          f"--rerun names the output that differs ({out})")


def tender_and_decisions(e):
    """With the award example's tender and decisions files: both are in
    the record with their hashes, and one changed byte of either is
    named (skipped, saying so, when the example is not there)."""
    award = os.path.join(e.src, "examples", "award")
    names = ("tender.json", "decisions.json")
    if not all(os.path.exists(os.path.join(award, n)) for n in names):
        print("note: examples/award/ has no tender.json and decisions.json; "
              "the tender and decisions checks are skipped")
        return
    for n in names:
        shutil.copy(os.path.join(award, n), os.path.join(e.work, n))
    code, _, err = e.evaluate("award", "--tender", "tender.json",
                              "--decisions", "decisions.json")
    if not check(code in (0, 3), f"evaluate --tender --decisions ({code}: "
                 f"{err[-300:]})"):
        return
    with open(os.path.join(e.work, "award", "record.json"),
              encoding="utf-8") as f:
        rec = json.load(f)
    check(rec["tender"]["file"] == "tender.json" and
          rec["decisions"]["file"] == "decisions.json" and
          "--tender" in rec["invocation"]["args"],
          f"the record names the tender and decisions ({rec['tender']}, "
          f"{rec['decisions']})")
    for n in names:
        data = flip(os.path.join(e.work, n))
        code, out, _ = e.verify("award")
        restore(os.path.join(e.work, n), data)
        check(code == 1 and f"{n}: SHA-256 differs" in out,
              f"one byte of {n} changed: named ({code}: {out})")
    code, out, _ = e.verify("award", "--rerun")
    check(code == 0, f"--rerun with a tender and decisions ({code}: {out})")


def registry_and_limits(e):
    """The registry snapshot used is in the record with its hash (a
    changed byte is named), and so are input limits that differ from the
    defaults; --rerun repeats both."""
    fixture = os.path.join(e.src, "tests", "checks", "ismap_fixture.py")
    subprocess.run([sys.executable, fixture, "ismap.xlsx"], cwd=e.work,
                   check=True, capture_output=True)
    run([e.cloudvet, "--criteria", os.path.join(e.src, "criteria"),
         "registry", "import", "ismap", "ismap.xlsx", "--registry", "reg",
         "--list-date", "2026-11-01"], e.work)
    code, _, err = run([e.cloudvet, "--lang", "en", "evaluate", "--criteria",
                        os.path.join(e.src, "criteria"), "--as-of", AS_OF,
                        "--registry", "reg", "--max-depth", "40", "--format",
                        "json", "--out", "reg-out",
                        "samples/01-qualified-sakura.json"], e.work)
    if not check(code == 0, f"evaluate --registry ({code}: {err[-300:]})"):
        return
    with open(os.path.join(e.work, "reg-out", "record.json"),
              encoding="utf-8") as f:
        rec = json.load(f)
    args = rec["invocation"]["args"]
    check(rec["registry"] and
          rec["registry"]["file"] == "reg/ismap-2026-11-01.json" and
          args[args.index("--registry") + 1] == "reg" and
          args[args.index("--max-depth") + 1] == "40",
          f"the snapshot and the limit are recorded ({rec['registry']}, "
          f"{args})")
    code, out, _ = e.verify("reg-out", "--rerun")
    check(code == 0, f"--rerun with a snapshot and a limit ({code}: {out})")
    path = os.path.join(e.work, rec["registry"]["file"])
    data = flip(path)
    code, out, _ = e.verify("reg-out")
    restore(path, data)
    check(code == 1 and
          f"{rec['registry']['file']}: SHA-256 differs" in out,
          f"one byte of the snapshot changed: named ({code}: {out})")


def bad_keys(e):
    for key, what in (("no-such.pem", "an unreadable key"),
                      ("rsa.pem", "an RSA key"), ("pub.pem", "a public key")):
        out = os.path.join(e.work, "bad")
        code, _, err = e.evaluate("bad", "--sign", key)
        check(code == 2 and not os.path.exists(out) and
              "evaluated:" not in err and "nothing was evaluated" in err,
              f"--sign {what}: exit 2 before any evaluation ({code}: {err})")
    code, outs, err = run([e.cloudvet, "--lang", "en", "evaluate", "--as-of",
                           AS_OF, "--no-registry", "--sign", "k.pem",
                           "--out", "-", "samples/01-qualified-sakura.json"],
                          e.work)
    check(code == 2 and outs == "", f"--sign with --out - is refused ({err})")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    if not shutil.which("openssl"):
        print("skipped: the openssl command (to make Ed25519 keys) is not "
              "installed (.ci/install-deps --tests installs it)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        e = Env(sys.argv[1], sys.argv[2], tmp)
        rec = signed_set(e)
        accepts(e)
        every_input_byte(e, rec)
        every_output_byte(e, rec)
        other_key_fails(e)
        rerun_and_twice(e)
        tender_and_decisions(e)
        registry_and_limits(e)
        bad_keys(e)
    print(f"{COUNTS['passed']} passed, {COUNTS['failed']} failed")
    return 1 if COUNTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
