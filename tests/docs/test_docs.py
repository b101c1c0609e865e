# SPDX-License-Identifier: MIT
"""docs/questionnaire.md and docs/report.md held to the code.

The questionnaire page must document every member the JSON Schema knows
(with its enumeration values, its XML path and the criteria that read it),
every element of the XSD, and everything `cloudvet template` prints; its two
complete examples must pass `cloudvet check`. The report page must document
every member of reports/report.json, every parameter it shows and every key
report_json.c writes.

Member tables are Markdown tables whose first cell is one code span: in
questionnaire.md the columns are JSON path, XML path, type, unit / values,
req., meaning, read by; in report.md the first cell is the member's path
(`submissions[].results[].status`). Array items are written `[]`; members
of a shared definition (the evidence list) are documented once, under the
member's own name (`evidence[].title`, `evidence/title`).

usage: test_docs.py CLOUDVET SRC_DIR
Prints one line per check and "N passed, N failed"; exits non-zero on any
failure, and when no check ran at all."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

AS_OF = "2026-11-21"
XS = "{http://www.w3.org/2001/XMLSchema}"
CODE = re.compile(r"`([^`]+)`")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
            print("ok   " + what)
        else:
            self.failed += 1
            print("FAIL " + what)
        return cond

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        if self.passed + self.failed == 0:
            print("no check ran", file=sys.stderr)
            return 1
        return 1 if self.failed else 0


# ---- Markdown --------------------------------------------------------------

def table_rows(text):
    """Rows of every Markdown table whose first cell is one code span:
    (first cell's code, [cells])."""
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("|") or not line.endswith("|"):
            continue
        cells = [c.strip() for c in
                 re.split(r"(?<!\\)\|", line[1:-1])]
        m = re.fullmatch(r"`([^`]+)`", cells[0]) if cells else None
        if m:
            rows.append((m.group(1), cells))
    return rows


def codes(cell):
    return set(CODE.findall(cell))


# ---- the questionnaire schema --------------------------------------------

def schema_members(schema):
    """{json path: (schema, xml path)} for every member the schema knows;
    members of a $ref'd definition are rebased to the member's name."""
    defs = schema.get("$defs", {})
    out = {}

    def resolve(s):
        ref = s.get("$ref")
        return defs[ref.split("/")[-1]] if ref else s

    def value(s, path, xml):
        if s.get("type") == "object":
            props(s, path + ".", xml + "/")
        elif s.get("type") == "array":
            items = resolve(s.get("items", {}))
            if items.get("type") == "object":
                props(items, path + "[].", xml + "/")

    def props(s, prefix, xprefix):
        for name, ps in s.get("properties", {}).items():
            target = resolve(ps)
            elem = target.get("x-xml-item") or name.replace("_", "-")
            out[prefix + name] = (target, xprefix + elem)
            if "$ref" in ps:
                value(target, name, elem)   # rebased: documented once
            else:
                value(target, prefix + name, xprefix + elem)

    props(schema, "", "")
    return out


def xsd_paths(xsd):
    """Element paths below <questionnaire>; the children of a complex type
    used by more than one element are rebased to that element's name."""
    types = {}
    for ct in xsd.iter(XS + "complexType"):
        types[ct.get("name")] = [(e.get("name"), (e.get("type") or "")
                                  .split(":")[-1])
                                 for e in ct.iter(XS + "element")]
    uses = {}
    for tname, children in types.items():
        # A list wrapper's anonymous type repeats the items its parent
        # declares: that does not make the item's type a shared one.
        for _, t in set(children) if tname else ():
            uses[t] = uses.get(t, 0) + 1
    root = next(e for e in xsd.findall(XS + "element")
                if e.get("name") == "questionnaire")
    out, names = set(), set()

    def walk(tname, prefix, depth):
        for name, t in types.get(tname, []):
            names.add(name)
            path = prefix + name
            out.add(path)
            if t in types and depth < 32:
                walk(t, (name if uses.get(t, 0) > 1 else path) + "/",
                     depth + 1)

    walk(root.get("type").split(":")[-1], "", 0)
    return out, names


def json_paths(v, prefix=""):
    out = set()
    if isinstance(v, dict):
        for k, x in v.items():
            p = prefix + k
            out.add(p)
            out |= json_paths(x, p + ".")
    elif isinstance(v, list):
        for x in v:
            out |= json_paths(x, prefix[:-1] + "[].")
    return out


def xml_paths(elem, prefix=""):
    out = set()
    for ch in elem:
        if not isinstance(ch.tag, str):
            continue   # comments
        p = prefix + ch.tag.split("}")[-1]
        out.add(p)
        out |= xml_paths(ch, p + "/")
    return out


def condition_fields(node, acc):
    if isinstance(node, dict):
        if isinstance(node.get("field"), str):
            acc.add(node["field"])
        for v in node.values():
            condition_fields(v, acc)
    elif isinstance(node, list):
        for v in node:
            condition_fields(v, acc)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          **kw)


def check_questionnaire(t, cloudvet, src):
    crit = os.path.join(src, "criteria")
    doc_path = os.path.join(src, "docs", "questionnaire.md")
    if not t.check(os.path.exists(doc_path), "docs/questionnaire.md exists"):
        return
    with open(doc_path, encoding="utf-8") as f:
        text = f.read()
    rows = [(k, c) for k, c in table_rows(text) if len(c) >= 7]
    t.check(len(rows) > 0, f"questionnaire.md has member tables "
            f"({len(rows)} rows)")
    by_json = {k: c for k, c in rows}
    by_xml = {}
    for _, c in rows:
        for x in codes(c[1]):
            by_xml[x] = c
    t.check(len(by_json) == len(rows),
            "each JSON path has one row in questionnaire.md")

    with open(os.path.join(crit, "schema", "questionnaire-v1.schema.json"),
              encoding="utf-8") as f:
        schema = json.load(f)
    members = schema_members(schema)
    for path, (s, xml) in sorted(members.items()):
        row = by_json.get(path)
        t.check(row is not None,
                f"questionnaire.md documents schema member {path}")
        if row is None:
            continue
        t.check(xml in codes(row[1]),
                f"{path}: XML path `{xml}` given in its row")
        for value in s.get("enum", []):
            t.check(value in codes(row[3]) or value in codes(row[5]),
                    f"{path}: enum value {value} documented in its row")
        if path in ("format", "vendor", "service", "vendor.name",
                    "service.name", "answers[].id"):
            t.check(row[4].startswith("yes"),
                    f"{path}: documented as required")
    for path in sorted(by_json):
        t.check(path in members,
                f"documented member {path} is a member of the schema")

    xsd = ET.parse(os.path.join(crit, "schema", "questionnaire-v1.xsd"))
    paths, names = xsd_paths(xsd.getroot())
    t.check(len(paths) > 0, f"the XSD declares elements ({len(paths)})")
    documented_names = {p.split("/")[-1] for p in by_xml}
    for name in sorted(names):
        t.check(name in documented_names,
                f"questionnaire.md documents XSD element <{name}>")
    for path in sorted(paths):
        t.check(path in by_xml,
                f"questionnaire.md documents XSD element path {path}")

    # Every criterion that names a field reads it: its id is in the row.
    for cat in sorted(glob.glob(os.path.join(crit, "catalogue", "*.json"))):
        with open(cat, encoding="utf-8") as f:
            criteria = json.load(f)["criteria"]
        for c in criteria:
            fields = set(c.get("facts", []))
            condition_fields(c.get("check"), fields)
            condition_fields(c.get("grading"), fields)
            if isinstance(c.get("check", {}).get("link"), str):
                fields.add(c["check"]["link"])
            for field in sorted(fields):
                row = next((r for k, r in rows
                            if k.replace("[]", "") == field), None)
                t.check(row is not None and c["id"] in codes(row[-1]),
                        f"{field}: row names {c['id']} "
                        f"({os.path.basename(cat)}) as a reader")

    # What `cloudvet template` prints is documented.
    for fmt in ("json", "xml"):
        r = run([cloudvet, "template", "--criteria", crit, "--format", fmt])
        if not t.check(r.returncode == 0 and r.stdout,
                       f"cloudvet template --format {fmt} runs"):
            continue
        if fmt == "json":
            printed = json_paths(json.loads(r.stdout))
            known = by_json
        else:
            printed = xml_paths(ET.fromstring(r.stdout.encode("utf-8")))
            known = by_xml
        t.check(len(printed) > 0, f"template {fmt} has members")
        for path in sorted(printed):
            t.check(path in known,
                    f"template --format {fmt} member {path} documented")

    # The complete examples pass `cloudvet check`.
    examples = {}
    for m in re.finditer(r"<!--\s*complete-example:\s*(\w+)\s*-->\s*\n"
                         r"```(\w+)\n(.*?)\n```", text, re.S):
        t.check(m.group(1) == m.group(2),
                f"complete example marked {m.group(1)} is a "
                f"```{m.group(2)} block")
        t.check(m.group(1) not in examples,
                f"one complete example in {m.group(1)}")
        examples[m.group(1)] = m.group(3) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for fmt in ("json", "xml"):
            if not t.check(fmt in examples,
                           f"questionnaire.md has a complete {fmt} example"):
                continue
            path = os.path.join(tmp, "example." + fmt)
            with open(path, "w", encoding="utf-8") as f:
                f.write(examples[fmt])
            files[fmt] = path
            r = run([cloudvet, "check", "--criteria", crit, "--no-registry",
                     "--lang", "en", "--as-of", AS_OF, path])
            t.check(r.returncode == 0,
                    f"complete {fmt} example passes cloudvet check --as-of "
                    f"{AS_OF} (exit {r.returncode}: "
                    f"{(r.stdout + r.stderr).strip()[:300]})")
            t.check(": error:" not in r.stdout + r.stderr,
                    f"complete {fmt} example has no error diagnostic")
        if "json" in examples:
            try:
                used = json_paths(json.loads(examples["json"]))
            except ValueError:
                used = set()
            for path in sorted(members):
                t.check(path in used or
                        any(u.endswith("." + path) for u in used),
                        f"complete JSON example uses {path}")
        if "xml" in examples:
            try:
                used = xml_paths(ET.fromstring(examples["xml"]
                                               .encode("utf-8")))
            except ET.ParseError:
                used = set()
            # A list wrapper (an element of anonymous type, <hashes>) is
            # transparent: the items inside it are the list's items.
            wrappers = {e.get("name") for e in xsd.iter(XS + "element")
                        if e.find(XS + "complexType") is not None}
            used |= {"/".join(s for s in u.split("/") if s not in wrappers)
                     for u in used}
            for path in sorted(paths):
                t.check(path in used or
                        any(u.endswith("/" + path) for u in used),
                        f"complete XML example uses {path}")
        # Both forms say the same thing, so they get the same result.
        lines = {}
        for fmt, path in files.items():
            r = run([cloudvet, "evaluate", "--criteria", crit,
                     "--no-registry", "--as-of", AS_OF, "--format", "ndjson",
                     "--out", "-", path])
            if t.check(r.returncode == 0 and r.stdout.strip(),
                       f"complete {fmt} example evaluates to ndjson"):
                lines[fmt] = json.loads(r.stdout.splitlines()[0])
        if len(lines) == 2:
            same = [(x["id"], x["status"], x["points"])
                    for x in lines["json"]["results"]] == \
                   [(x["id"], x["status"], x["points"])
                    for x in lines["xml"]["results"]]
            t.check(same, "the JSON and XML examples get the same results")
        return lines


# ---- the report ------------------------------------------------------------

def report_paths(v, prefix=""):
    """Member paths of report.json, array indices collapsed and the names
    of profile.parameters collapsed to <name>."""
    out = set()
    if isinstance(v, dict):
        for k, x in v.items():
            key = "<name>" if prefix == "profile.parameters." else k
            p = prefix + key
            out.add(p)
            out |= report_paths(x, p + ".")
    elif isinstance(v, list):
        for x in v:
            out |= report_paths(x, prefix[:-1] + "[].")
    return out


def check_report(t, src, lines):
    doc_path = os.path.join(src, "docs", "report.md")
    if not t.check(os.path.exists(doc_path), "docs/report.md exists"):
        return
    with open(doc_path, encoding="utf-8") as f:
        text = f.read()
    documented = {k for k, _ in table_rows(text)}
    t.check(len(documented) > 0, "report.md has member tables")
    t.check(not os.path.exists(os.path.join(src, "docs",
                                            "report-extensions.md")),
            "docs/report-extensions.md is folded into report.md")

    with open(os.path.join(src, "reports", "report.json"),
              encoding="utf-8") as f:
        report = json.load(f)
    for path in sorted(report_paths(report)):
        t.check(path in documented,
                f"report.md documents report.json member {path}")
    for name in sorted(report.get("profile", {}).get("parameters", {})):
        t.check(name in documented,
                f"report.md documents profile parameter {name}")

    # Every key report_json.c writes (the template is not the report).
    with open(os.path.join(src, "src", "lib", "report", "report_json.c"),
              encoding="utf-8") as f:
        code = f.read().split("---- template ----")[0]
    keys = set(re.findall(r'json_object_set(?:_new)?\(\s*\w+,\s*"(\w+)"',
                          code))
    keys |= set(re.findall(r'\bset\(\s*\w+,\s*"(\w+)"', code))
    t.check(len(keys) > 0, f"report_json.c writes keys ({len(keys)})")
    last = {p.replace("[]", "").split(".")[-1] for p in documented}
    for key in sorted(keys):
        t.check(key in last, f"report.md documents key \"{key}\" "
                f"written by report_json.c")
    # ...and the paths documented are ones it writes.
    tops = {"format", "as_of", "profile", "registry", "online",
            "submissions"}
    for path in sorted(documented):
        if "." not in path or path.split(".")[0].split("[")[0] not in tops:
            continue
        leaf = path.replace("[]", "").split(".")[-1]
        t.check(leaf in keys or leaf == "<name>",
                f"documented report member {path} is written by "
                f"report_json.c")

    # report.ndjson lines: every member documented.
    for fmt, line in sorted((lines or {}).items()):
        for key in line:
            t.check(key in documented or "submissions[]." + key in documented,
                    f"report.md documents ndjson member {key} "
                    f"(line of the {fmt} example)")


def check_record(t, cloudvet, src):
    """Every member of a fresh record.json is documented in the
    record.json section of record.md."""
    with open(os.path.join(src, "docs", "record.md"), encoding="utf-8") as f:
        text = f.read()
    section = text.split("\n## record.json\n", 1)[-1].split("\n## ", 1)[0]
    documented = {k for k, _ in table_rows(section)}
    t.check(len(documented) > 0, "record.md has a record.json section")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        r = run([cloudvet, "evaluate", "--criteria",
                 os.path.join(src, "criteria"), "--no-registry", "--as-of",
                 AS_OF, "--out", out,
                 os.path.join(src, "samples", "01-qualified-sakura.json")])
        if not t.check(r.returncode == 0, "evaluate writes a set"):
            return
        with open(os.path.join(out, "record.json"), encoding="utf-8") as f:
            record = json.load(f)
    for path in sorted(report_paths(record)):
        t.check(path in documented,
                f"record.md documents record.json member {path}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, src = sys.argv[1], sys.argv[2]
    t = Checks()
    lines = check_questionnaire(t, cloudvet, src)
    check_report(t, src, lines)
    check_record(t, cloudvet, src)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
