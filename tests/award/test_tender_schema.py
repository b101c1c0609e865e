#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_tender_schema.py: the tender file's three descriptions agree.

criteria/schema/tender-v1.schema.json, the member table of docs/tender.md
and the reader (src/lib/criteria/tender.c, its top_members list) name the
same top-level members; examples/award/tender.json is valid by the schema
(with Python's jsonschema when it is installed; without it that one check
is skipped, saying so).

usage: test_tender_schema.py SRC_DIR"""
import json
import os
import re
import sys


def main():
    src = sys.argv[1]
    passed = failed = 0

    def check(cond, what):
        nonlocal passed, failed
        if cond:
            passed += 1
        else:
            failed += 1
            print("check failed: " + what, file=sys.stderr)

    with open(os.path.join(src, "criteria/schema/tender-v1.schema.json"),
              encoding="utf-8") as f:
        schema = json.load(f)
    with open(os.path.join(src, "examples/award/tender.json"),
              encoding="utf-8") as f:
        example = json.load(f)
    with open(os.path.join(src, "src/lib/criteria/tender.c"),
              encoding="utf-8") as f:
        code = f.read()
    with open(os.path.join(src, "docs/tender.md"), encoding="utf-8") as f:
        doc = f.read()

    in_schema = set(schema["properties"])
    m = re.search(r"top_members\[\] = \{(.*?)\};", code, re.S)
    in_code = set(re.findall(r'"([a-z_]+)"', m.group(1))) if m else set()
    table = doc.split("## The file", 1)[-1].split("\n### ", 1)[0]
    in_doc = set()
    for row in table.splitlines():
        cell = row.split("|")[1].strip() if row.startswith("| `") else ""
        in_doc.update(re.findall(r"`([a-z_]+)`", cell))
    check(in_code == in_schema, f"tender.c and the schema name the same "
          f"members ({sorted(in_code ^ in_schema)})")
    check(in_doc == in_schema, f"docs/tender.md and the schema name the same "
          f"members ({sorted(in_doc ^ in_schema)})")
    check(set(example) <= in_schema, "the example uses schema members only")

    try:
        import jsonschema
    except ImportError:
        jsonschema = None
        print("note: Python jsonschema is not installed; the example is not "
              "validated against the schema here (cloudvet's own reader "
              "checks it in award_tender_file)")
    if jsonschema is not None:
        errors = list(jsonschema.Draft202012Validator(schema)
                      .iter_errors(example))
        check(not errors, f"the example is valid by the schema "
              f"({[e.message for e in errors][:3]})")
        bad = dict(example, colour="red")
        check(any(True for _ in jsonschema.Draft202012Validator(schema)
                  .iter_errors(bad)), "an unknown member is invalid")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
