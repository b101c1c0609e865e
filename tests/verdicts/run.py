#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Verdict cases written from the clauses (cases.json), in JSON and in XML.

Each case is a known-good sample (or the blank template, or the sample's
answers alone) with a few values changed, and the verdict and results a
correct evaluator gives, with the clause and a one-line rationale. Every
case is evaluated as JSON, as XML and as XML with wrapped lists; each
form must give what the case expects, and all the same results.

usage: run.py CLOUDVET SRC_DIR"""
import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "rules"))
import forms  # noqa: E402  (JSON -> XML, tests/rules/forms.py)

AS_OF = "2026-11-21"
# JSON; XML with lists written item by item; XML with lists in wrappers.
FORMS = ("json", "xml", "xmlw")


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL " + what)


def pointer_set(doc, pointer, value):
    """Sets (or, for None, deletes) the member at a JSON pointer."""
    parts = [p.replace("~1", "/").replace("~0", "~")
             for p in pointer.lstrip("/").split("/")]
    node = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if isinstance(node, list):
        if value is None:
            del node[int(last)]
        else:
            node[int(last)] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value


def load_json(text):
    """JSON with every number kept as written (forms.Num)."""
    return json.loads(text, parse_float=forms.Num, parse_int=forms.Num)


def literal(v):
    """A case's value: {"$number": "99.9"} is a number as written."""
    if isinstance(v, dict) and list(v) == ["$number"]:
        return forms.Num(v["$number"])
    if isinstance(v, dict):
        return {k: literal(x) for k, x in v.items()}
    if isinstance(v, list):
        return [literal(x) for x in v]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return forms.Num(json.dumps(v))
    return v


def base_doc(name, cloudvet, src, env):
    if name == "template":
        out = subprocess.run([cloudvet, "template"], env=env, check=True,
                             capture_output=True).stdout
        return load_json(out.decode("utf-8"))
    with open(os.path.join(src, "samples/01-qualified-sakura.json"),
              encoding="utf-8") as f:
        doc = load_json(f.read())
    if name == "answers-of-01":
        keep = ("format", "tender", "vendor", "service", "submitted",
                "answers")
        doc = {k: v for k, v in doc.items() if k in keep}
        doc["service"] = {k: v for k, v in doc["service"].items()
                          if k == "name"}
    return doc


def build(case, cloudvet, src, env):
    doc = copy.deepcopy(base_doc(case["base"], cloudvet, src, env))
    for pointer, value in case.get("set", {}).items():
        pointer_set(doc, pointer, literal(value))
    for crit_id, response in case.get("set_answer", {}).items():
        for a in doc["answers"]:
            if a["id"] == crit_id:
                a["response"] = response
    return doc


def evaluate(cloudvet, env, folder, out):
    proc = subprocess.run([cloudvet, "--lang", "en", "evaluate", "--quiet",
                           "--as-of", AS_OF, "--no-registry", "--format",
                           "json", "--out", out, folder], env=env,
                          capture_output=True)
    if proc.returncode not in (0, 3):
        sys.exit(f"evaluate failed ({proc.returncode}): "
                 f"{proc.stderr.decode(errors='replace')[-500:]}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    return {os.path.splitext(os.path.basename(s["file"]))[0]: s
            for s in report["submissions"]}


def judge(t, case, sub, form):
    name = f"{case['id']} ({form}, {case['clause']}: {case['why']})"
    exp = case["expect"]
    if sub is None:
        t.check(False, f"{name}: not in the report")
        return
    results = {r["id"]: r for r in sub["results"]}
    if "verdict" in exp:
        t.check(sub["verdict"] == exp["verdict"],
                f"{name}: verdict {sub['verdict']}, want {exp['verdict']}")
    if "conditional" in exp:
        t.check(sub.get("conditional") == exp["conditional"],
                f"{name}: conditional {sub.get('conditional')}, want "
                f"{exp['conditional']}")
    for crit_id, allowed in exp.get("results", {}).items():
        got = results.get(crit_id, {}).get("status")
        t.check(got in allowed, f"{name}: {crit_id} is {got}, want one of "
                f"{allowed} ({results.get(crit_id, {}).get('reason', '')[:200]})")
    for crit_id, rule in exp.get("points", {}).items():
        r = results.get(crit_id, {})
        if rule == "< max":
            t.check(r.get("points", 0) < r.get("max_points", 0),
                    f"{name}: {crit_id} earns {r.get('points')} of "
                    f"{r.get('max_points')}, want less than full marks")
    if "mandatory_points" in exp:
        got = sum(r["points"] for r in sub["results"] if r["mandatory"])
        t.check(got == exp["mandatory_points"],
                f"{name}: mandatory criteria earn {got} points, want "
                f"{exp['mandatory_points']}")
    if "diagnostic" in exp and form == "json":
        where = [d.get("path") or d.get("location") or ""
                 for d in sub["diagnostics"]]
        t.check(any(w.startswith(exp["diagnostic"]) for w in where),
                f"{name}: a diagnostic located at {exp['diagnostic']} "
                f"(got {where[:5]})")


def same_results(t, case, form, a, b):
    if a is None or b is None:
        return
    key = [(r["id"], r["status"], r["points"]) for r in a["results"]]
    other = [(r["id"], r["status"], r["points"]) for r in b["results"]]
    t.check(key == other and a["verdict"] == b["verdict"],
            f"{case['id']}: JSON and {form} give the same verdict and results "
            f"({[x for x, y in zip(key, other) if x != y][:3]})")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cloudvet, src = sys.argv[1], os.path.abspath(sys.argv[2])
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"))
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    with open(os.path.join(src, "criteria/schema/questionnaire-v1.schema.json"),
              encoding="utf-8") as f:
        schema = forms.Schema(json.load(f))
    t = Checks()
    with tempfile.TemporaryDirectory(prefix="cloudvet-verdicts-") as tmp:
        for form in FORMS:
            os.mkdir(os.path.join(tmp, form))
        for case in cases:
            doc = build(case, cloudvet, src, env)
            with open(os.path.join(tmp, "json", case["id"] + ".json"), "w",
                      encoding="utf-8") as f:
                f.write(forms.dump_json(doc) + "\n")
            for form in FORMS[1:]:
                try:
                    text = forms.questionnaire_xml(schema, doc, form)
                except forms.NotExpressible as e:
                    # e.g. an empty list that XML can only write as absent
                    print(f"note: {case['id']} has no {form} form ({e})")
                    continue
                with open(os.path.join(tmp, form, case["id"] + ".xml"), "w",
                          encoding="utf-8") as f:
                    f.write(text)
        by_form = {form: evaluate(cloudvet, env, os.path.join(tmp, form),
                                  os.path.join(tmp, "out-" + form))
                   for form in FORMS}
        for case in cases:
            for form in FORMS:
                if form == "json" or case["id"] in by_form[form]:
                    judge(t, case, by_form[form].get(case["id"]), form)
            for form in FORMS[1:]:
                same_results(t, case, form, by_form["json"].get(case["id"]),
                             by_form[form].get(case["id"]))
    print(f"{len(cases)} cases; {t.passed} passed, {t.failed} failed")
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed or t.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
