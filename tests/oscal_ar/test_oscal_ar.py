# SPDX-License-Identifier: MIT
"""The OSCAL assessment results (--format oscal-ar, oscal-ar-xml) from the
outside.

  schema  report.oscal-ar.json of samples/ (both languages) validates
          against NIST's OSCAL 1.0.6 assessment-results JSON schema
          (TESTDATA_DIR/oscal/, CMake's CV_TESTDATA_DIR; skipped, saying
          why, when it is absent), carries one finding per criterion per
          submission with the state report.json's status gives, and every
          reference in it resolves.
  cli     the XML form is well-formed, in the OSCAL namespace, with the
          same findings (count, UUIDs, states) as the JSON; two runs are
          byte-identical and other inputs give other UUIDs; oscal-ar with
          json in one run; --out - takes it alone; the default set is
          unchanged.

usage: test_oscal_ar.py CLOUDVET SRC_DIR TESTDATA_DIR schema|cli"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oscal_check  # noqa: E402

SKIP = 77
AS_OF = "2026-11-21"
NS = "{http://csrc.nist.gov/ns/oscal/1.0}"
SCHEMA = "oscal/oscal_assessment-results_schema-1.0.6.json"

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("check failed: " + what, file=sys.stderr)


def evaluate(cloudvet, inputs, out, fmt, lang="en", extra=()):
    argv = [cloudvet, "--lang", lang, "evaluate", "--as-of", AS_OF,
            "--no-registry", "--format", fmt, "--out", out] + list(extra)
    return subprocess.run(argv + list(inputs), capture_output=True,
                          timeout=300)


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else
                             {"encoding": "utf-8"})) as f:
        return f.read()


def ar_findings(doc):
    return doc["assessment-results"]["results"][0].get("findings", [])


def prop(item, name):
    for p in item.get("props", []):
        if p["name"] == name:
            return p["value"]
    return None


def check_references(doc):
    ar = doc["assessment-results"]
    res = ar["results"][0]
    comps = {c["uuid"] for c in res["local-definitions"]["components"]}
    obs = {o["uuid"]: o for o in res.get("observations", [])}
    resources = {r["uuid"] for r in ar["back-matter"]["resources"]}
    check(ar["import-ap"]["href"][1:] in resources,
          "import-ap points at the profile's back-matter resource")
    dangling = [r["observation-uuid"] for f in ar_findings(doc)
                for r in f["related-observations"]
                if r["observation-uuid"] not in obs]
    check(not dangling, f"every related observation exists ({dangling[:2]})")
    bad = [s["subject-uuid"] for o in obs.values() for s in o["subjects"]
           if s["subject-uuid"] not in comps]
    check(not bad, f"every observation's subject is a component ({bad[:2]})")
    uuids = [ar["uuid"], res["uuid"]] + list(comps) + list(obs) + \
        [f["uuid"] for f in ar_findings(doc)] + list(resources)
    check(len(uuids) == len(set(uuids)), "every UUID is unique")


def check_against_report(doc, report):
    """One finding per criterion per submission, in order, satisfied
    exactly when report.json says met."""
    want = [(s["file"], r["id"], r["status"]) for s in report["submissions"]
            for r in s["results"]]
    got = ar_findings(doc)
    check(len(got) == len(want),
          f"{len(want)} findings (one per criterion per submission), "
          f"got {len(got)}")
    wrong = []
    for f, (_, cid, status) in zip(got, want):
        state = f["target"]["status"]["state"]
        if (f["target"]["target-id"] != cid or prop(f, "status") != status
                or (state == "satisfied") != (status == "met")):
            wrong.append((cid, status, state))
    check(not wrong, f"each finding's criterion and state ({wrong[:3]})")
    controls = [c["control-id"] for c in doc["assessment-results"]["results"]
                [0]["reviewed-controls"]["control-selections"][0]
                ["include-controls"]]
    ids = [r["id"] for r in report["submissions"][0]["results"]]
    check(controls == ids, "the reviewed controls are the profile's criteria")
    clauses = [p for p in doc["assessment-results"]["results"][0]
               ["reviewed-controls"].get("props", []) if p["name"] == "clause"]
    check(len(clauses) >= len(ids), "every criterion's clause is a prop")


def test_schema(cloudvet, src, testdata):
    schema = os.path.join(testdata or "", SCHEMA)
    if not testdata or not os.path.exists(schema):
        print(f"skipped: NIST's OSCAL schema {schema} is not here; it is "
              f"optional (configure with -DCV_TESTDATA_DIR=DIR to run this "
              f"test)")
        return SKIP
    print(f"pattern engine: {oscal_check.regex_engine()}")
    for lang in ("en", "ja"):
        with tempfile.TemporaryDirectory() as out:
            run = evaluate(cloudvet, [os.path.join(src, "samples")], out,
                           "oscal-ar,json", lang)
            check(run.returncode in (0, 3), f"{lang}: evaluate ran "
                  f"(exit {run.returncode}: {run.stderr[-300:]!r})")
            path = os.path.join(out, "report.oscal-ar.json")
            if not os.path.exists(path):
                check(False, f"{lang}: report.oscal-ar.json was written")
                continue
            doc = json.loads(read(path))
            errs = oscal_check.errors(schema, doc)
            check(not errs, f"{lang}: valid OSCAL 1.0.6 assessment results "
                  f"({errs})")
            meta = doc["assessment-results"]["metadata"]
            check(meta["oscal-version"] == "1.0.6", "oscal-version 1.0.6")
            check(meta["last-modified"] == AS_OF + "T00:00:00Z",
                  "last-modified is the as-of date, not the clock")
            check_against_report(doc, json.loads(read(
                os.path.join(out, "report.json"))))
            check_references(doc)
    return 0


def xml_findings(root):
    res = root.find(f"{NS}result")
    out = []
    for f in res.findall(f"{NS}finding"):
        t = f.find(f"{NS}target")
        out.append((f.get("uuid"), t.get("target-id"),
                    t.find(f"{NS}status").get("state")))
    return out


def test_cli(cloudvet, src):
    samples = os.path.join(src, "samples")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        run = evaluate(cloudvet, [samples], a, "oscal-ar,oscal-ar-xml,json")
        check(run.returncode == 3, f"evaluate samples/ exits 3 as without "
              f"OSCAL (got {run.returncode}: {run.stderr[-300:]!r})")
        names = sorted(os.listdir(a))
        check(names == ["record.json", "report.json", "report.oscal-ar.json",
                        "report.oscal-ar.xml"],
              f"oscal-ar and json in one run write both ({names})")
        doc = json.loads(read(os.path.join(a, "report.oscal-ar.json")))
        root = ET.fromstring(read(os.path.join(a, "report.oscal-ar.xml"),
                                  "rb"))
        check(root.tag == NS + "assessment-results",
              f"the XML root is OSCAL's assessment-results ({root.tag})")
        check(root.get("uuid") == doc["assessment-results"]["uuid"],
              "both forms have the document's UUID")
        jf = [(f["uuid"], f["target"]["target-id"],
               f["target"]["status"]["state"]) for f in ar_findings(doc)]
        xf = xml_findings(root)
        check(len(jf) > 0 and jf == xf,
              f"the XML carries the JSON's findings ({len(jf)} / {len(xf)})")
        jo = len(doc["assessment-results"]["results"][0]["observations"])
        xo = len(root.find(f"{NS}result").findall(f"{NS}observation"))
        check(jo == xo, f"and its observations ({jo} / {xo})")
        check_against_report(doc, json.loads(read(os.path.join(
            a, "report.json"))))
        check_references(doc)

        evaluate(cloudvet, [samples], b, "oscal-ar,oscal-ar-xml")
        again = evaluate(cloudvet, [samples], b, "oscal-ar,oscal-ar-xml")
        check(again.returncode == 3 and b"not a cloudvet report" not in
              again.stderr, "a set holding the OSCAL files is cloudvet's: a "
              f"second run replaces it ({again.stderr[-300:]!r})")
        for name in ("report.oscal-ar.json", "report.oscal-ar.xml"):
            check(read(os.path.join(a, name), "rb") ==
                  read(os.path.join(b, name), "rb"),
                  f"{name}: two runs are byte-identical")

        ver = subprocess.run([cloudvet, "--lang", "en", "verify", "--rerun",
                              a], capture_output=True, timeout=300)
        check(ver.returncode == 0, "verify --rerun finds the OSCAL files as "
              f"recorded, byte for byte ({ver.stdout[-300:]!r})")

        one = os.path.join(tmp, "one")
        evaluate(cloudvet, [os.path.join(samples, "01-qualified-sakura.json")],
                 one, "oscal-ar")
        d1 = json.loads(read(os.path.join(one, "report.oscal-ar.json")))
        check(d1["assessment-results"]["uuid"] !=
              doc["assessment-results"]["uuid"],
              "other inputs give another document UUID")
        ids1 = {f["uuid"] for f in ar_findings(d1)}
        check(not ids1 & {f[0] for f in jf},
              "and other finding UUIDs")

        argv = [cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
                "--no-registry", "--format", "oscal-ar", "--out", "-",
                os.path.join(samples, "01-qualified-sakura.json")]
        out = subprocess.run(argv, capture_output=True, timeout=120)
        check(out.returncode == 0, f"--format oscal-ar --out - exits 0 "
              f"({out.returncode}: {out.stderr[-200:]!r})")
        try:
            sd = json.loads(out.stdout)
            check(sd == d1, "--out - writes the same document to stdout")
        except ValueError:
            check(False, "--out - writes JSON to stdout")
        argv[argv.index("oscal-ar")] = "oscal-ar,json"
        out = subprocess.run(argv, capture_output=True, timeout=120)
        check(out.returncode == 2, "--out - takes one format only (exit 2)")

        dflt = os.path.join(tmp, "default")
        subprocess.run([cloudvet, "evaluate", "--as-of", AS_OF,
                        "--no-registry", "--out", dflt,
                        os.path.join(samples, "01-qualified-sakura.json")],
                       capture_output=True, timeout=120)
        names = sorted(os.listdir(dflt))
        check(not [n for n in names if "oscal" in n],
              f"the default set has no OSCAL file ({names})")
        check("report.xlsx" in names and "report.json" in names,
              "the default set is still written")
        helps = subprocess.run([cloudvet, "--lang", "en", "help",
                                "evaluate"], capture_output=True,
                               timeout=60).stdout.decode()
        check("oscal-ar" in helps and "oscal-ar-xml" in helps,
              "evaluate --help lists the OSCAL formats")
    return 0


def main():
    if len(sys.argv) != 5 or sys.argv[4] not in ("schema", "cli"):
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, src, testdata, mode = sys.argv[1:5]
    src = os.path.abspath(src)
    code = (test_schema(cloudvet, src, testdata) if mode == "schema"
            else test_cli(cloudvet, src))
    if code == SKIP:
        return SKIP
    print(f"{passed} passed, {failed} failed")
    if passed + failed == 0:
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
