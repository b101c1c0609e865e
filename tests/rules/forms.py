# SPDX-License-Identifier: MIT
"""One model, whatever the form (issue rule 14).

Every sample (samples/*.json, samples/*.xml) and every XML form kept in
tests/data/equivalence/ is converted, guided by the questionnaire's JSON
Schema and its XML hints (x-xml-item; the wrapper is the member's own name),
into three forms of the same facts:

  json    the JSON form
  xml     XML, each list written as its items directly in the parent
  xmlw    XML, each list that has a wrapper written inside it
          (<certifications><certification>...</certification></certifications>)
  mixed   XML, each list of two or more items split: the first item
          directly in the parent, the rest inside the wrapper after it
  wmixed  the same split the other way round: the wrapper with all but
          the last item, then the last item directly in the parent

Each form of the whole batch is evaluated by `cloudvet evaluate --format
json` and every submission must get the same verdict, score, rank and
needs_review, and per criterion the same status, points and reason (with
locations masked: a JSON Pointer and an XPath name the same member
differently). Warnings and errors must agree too, by severity and count:
a form that loses a member without a diagnostic fails here.

A file that is not a readable questionnaire in its own form (the
deliberately malformed sample) is only checked to be invalid.

usage: forms.py CLOUDVET SRC_DIR [--write DIR]
  --write DIR  also keep the generated forms in DIR (to refresh
               tests/data/equivalence/)
Prints one line per check and "N passed, N failed"."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

NS = "urn:cloudvet:questionnaire:1"
AS_OF = "2026-11-21"
FORMS = ("json", "xml", "xmlw", "mixed", "wmixed")
# and "orig": the file itself, as the vendor wrote it


class Num(str):
    """A JSON number kept as written."""


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
            return 1
        return 1 if self.failed else 0


# ---- the schema ------------------------------------------------------------

class Schema:
    def __init__(self, doc):
        self.doc = doc
        self.defs = doc.get("$defs", {})
        self.evidence = self.resolve(doc["properties"]["evidence"])

    def resolve(self, s):
        ref = s.get("$ref") if s else None
        return self.resolve(self.defs[ref.split("/")[-1]]) if ref else s

    def props(self, s):
        return {k: self.resolve(v)
                for k, v in s.get("properties", {}).items()}

    def member(self, s, name):
        """Schema of member `name` of object schema `s`; evidence is
        allowed on every object (as the reader does)."""
        p = self.props(s).get(name)
        if p is None and name == "evidence":
            return self.evidence
        return p


def xml_name(name):
    return name.replace("_", "-")


def wrapper_of(name, s):
    """The wrapper element of array member `name`, or None when its item
    has the member's own name (storage, evidence): no wrapper then."""
    w = xml_name(name)
    return None if w == s["x-xml-item"] else w


# ---- JSON -> XML -------------------------------------------------------------

class NotExpressible(Exception):
    pass


def scalar_text(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    return str(v)


def to_xml(sc, s, v, form, out, indent):
    """Children of an object `v` (schema `s`) as XML lines into `out`."""
    pad = "  " * indent
    for name, val in v.items():
        ms = sc.member(s, name) if s is not None else None
        if val is None:
            continue            # null: not given, and so is no element
        if ms is not None and ms.get("type") == "array":
            items_xml(sc, name, ms, val, form, out, indent)
        else:
            element(sc, xml_name(name), ms, val, form, out, indent)
    return out


def element(sc, tag, s, val, form, out, indent):
    pad = "  " * indent
    if isinstance(val, dict):
        out.append(f"{pad}<{tag}>")
        to_xml(sc, s, val, form, out, indent + 1)
        out.append(f"{pad}</{tag}>")
    elif isinstance(val, list):
        # Only for members the schema does not know: the reader warns.
        for x in val:
            element(sc, tag, None, x, form, out, indent)
    else:
        out.append(f"{pad}<{tag}>{escape(scalar_text(val))}</{tag}>")


def items_xml(sc, name, s, val, form, out, indent):
    item = s["x-xml-item"]
    items = sc.resolve(s["items"])
    wrapper = wrapper_of(name, s)
    pad = "  " * indent
    if not isinstance(val, list):
        raise NotExpressible(f"{name} is not a list")
    if not val:
        if wrapper is None:
            raise NotExpressible(f"an empty {name} has no XML form")
        direct, wrapped = [], []    # only an empty wrapper says "empty"
    elif wrapper is None or form == "xml":
        direct, wrapped = val, None
    elif form == "xmlw":
        direct, wrapped = [], val
    elif len(val) < 2:
        direct, wrapped = val, None
    elif form == "mixed":
        direct, wrapped = val[:1], val[1:]
    else:                           # wmixed: the wrapper first
        direct, wrapped = val[-1:], val[:-1]
    if form != "wmixed":
        for x in direct:
            element(sc, item, items, x, form, out, indent)
    if wrapped is not None:
        out.append(f"{pad}<{wrapper}>")
        for x in wrapped:
            element(sc, item, items, x, form, out, indent + 1)
        out.append(f"{pad}</{wrapper}>")
    if form == "wmixed":
        for x in direct:
            element(sc, item, items, x, form, out, indent)


def questionnaire_xml(sc, doc, form):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<questionnaire xmlns="{NS}">']
    to_xml(sc, sc.doc, doc, form, lines, 1)
    lines.append("</questionnaire>")
    return "\n".join(lines) + "\n"


def dump_json(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        body = ",\n".join(f'{pad}  {json.dumps(k, ensure_ascii=False)}: '
                          f'{dump_json(x, indent + 1)}' for k, x in v.items())
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        body = ",\n".join(f"{pad}  {dump_json(x, indent + 1)}" for x in v)
        return "[\n" + body + "\n" + pad + "]"
    if isinstance(v, Num):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


# ---- XML -> JSON -------------------------------------------------------------

NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def local(tag):
    return tag.split("}")[-1]


def from_xml(sc, s, e, where):
    """The JSON value of element `e` read with schema `s`."""
    kids = [c for c in e if isinstance(c.tag, str)]
    text = (e.text or "").strip()
    if s is None or s.get("type") == "object":
        if not kids:
            if text:
                raise NotExpressible(f"{where}: text in an object")
            return {} if s is not None else None
        return object_from_xml(sc, s, kids, where)
    if kids:
        raise NotExpressible(f"{where}: child elements in a scalar")
    if not text:
        return None
    t = s.get("type")
    if t == "boolean":
        return {"true": True, "1": True, "false": False,
                "0": False}.get(text, text)
    if t in ("number", "integer") and NUMBER.fullmatch(text):
        return Num(text)
    return text


def object_from_xml(sc, s, kids, where):
    out = {}
    props = sc.props(s) if s is not None else {}
    by_item = {ps["x-xml-item"]: n for n, ps in props.items()
               if ps.get("type") == "array"}
    by_item.setdefault("evidence", "evidence")
    by_wrapper = {wrapper_of(n, ps): n for n, ps in props.items()
                  if ps.get("type") == "array" and wrapper_of(n, ps)}
    by_name = {xml_name(n): n for n in props}
    for c in kids:
        tag = local(c.tag)
        at = f"{where}/{tag}"
        if c.tag.startswith("{") and not c.tag.startswith("{" + NS + "}"):
            raise NotExpressible(f"{at}: element of another namespace")
        if tag in by_item:
            name = by_item[tag]
            ms = sc.member(s, name)
            out.setdefault(name, []).append(
                from_xml(sc, sc.resolve(ms["items"]), c, at))
        elif tag in by_wrapper:
            name = by_wrapper[tag]
            ms = sc.member(s, name)
            lst = out.setdefault(name, [])
            for it in c:
                if not isinstance(it.tag, str):
                    continue
                if local(it.tag) != ms["x-xml-item"]:
                    raise NotExpressible(f"{at}: {it.tag} in a wrapper")
                lst.append(from_xml(sc, sc.resolve(ms["items"]), it, at))
        elif tag in by_name:
            name = by_name[tag]
            if name in out:
                raise NotExpressible(f"{at}: repeated")
            v = from_xml(sc, sc.member(s, name), c, at)
            if v is not None:
                out[name] = v
        else:
            # Unknown to the schema: kept under its own name so that both
            # forms warn about it.
            out[tag] = from_xml(sc, None, c, at) or (c.text or "").strip()
    return out


# ---- the forms ---------------------------------------------------------------

def read_model(sc, path):
    """The submission as a JSON value, or None when the file is not
    well-formed in its own form."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        if path.endswith(".json"):
            return json.loads(data.decode("utf-8-sig"), parse_float=Num,
                              parse_int=Num)
        root = ET.fromstring(data)
    except (ValueError, ET.ParseError):
        return None
    if root.attrib:
        raise NotExpressible("attributes on the root")
    return object_from_xml(sc, sc.doc, [c for c in root
                                        if isinstance(c.tag, str)],
                           "/questionnaire")


def write_forms(sc, stem, model, dirs):
    texts = {"json": dump_json(model) + "\n"}
    for form in FORMS[1:]:
        texts[form] = questionnaire_xml(sc, model, form)
    for form, text in texts.items():
        ext = "json" if form == "json" else "xml"
        with open(os.path.join(dirs[form], f"{stem}.{ext}"), "w",
                  encoding="utf-8") as f:
            f.write(text)


LOCATION = re.compile(r"(/questionnaire)?(/[A-Za-z0-9_~\-]+(\[\d+\])?)+"
                      r"( \(\d+(:\d+)?\))?")


def masked(text):
    return LOCATION.sub("<loc>", text or "")


def evaluate(cloudvet, src, directory):
    r = subprocess.run(
        [cloudvet, "--lang", "en", "--criteria", os.path.join(src, "criteria"),
         "evaluate", "--format", "json", "--no-registry", "--as-of", AS_OF,
         "--out", "-", directory],
        capture_output=True, text=True, timeout=300)
    if r.returncode not in (0, 3):
        raise RuntimeError(f"cloudvet exited {r.returncode}: {r.stderr}")
    subs = {}
    for s in json.loads(r.stdout)["submissions"]:
        stem = os.path.splitext(os.path.basename(s["file"]))[0]
        subs[stem] = s
    return subs


def summary(s):
    diags = {}
    for d in s.get("diagnostics") or []:
        if d.get("severity") in ("error", "warning"):
            diags[d["severity"]] = diags.get(d["severity"], 0) + 1
    return {
        "verdict": s["verdict"], "score": s["score"], "rank": s["rank"],
        "needs_review": s["needs_review"], "diagnostics": diags,
        "results": [(r["id"], r["status"], r["points"], masked(r["reason"]))
                    for r in s["results"]],
    }


def first_difference(a, b):
    for k in a:
        if a[k] != b[k]:
            if k == "results":
                for x, y in zip(a[k], b[k]):
                    if x != y:
                        return f"{x} vs {y}"
            return f"{k}: {a[k]} vs {b[k]}"
    return ""


def main(argv):
    if len(argv) not in (3, 5) or len(argv) == 5 and argv[3] != "--write":
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, src = argv[1], argv[2]
    keep = argv[4] if len(argv) == 5 else None
    t = Checks()
    with open(os.path.join(src, "criteria", "schema",
                           "questionnaire-v1.schema.json"),
              encoding="utf-8") as f:
        sc = Schema(json.load(f))
    inputs = sorted(glob.glob(os.path.join(src, "samples", "*.json")) +
                    glob.glob(os.path.join(src, "samples", "*.xml")))
    inputs += sorted(glob.glob(os.path.join(src, "tests", "data",
                                            "equivalence", "*.xml")))
    # OSCAL system security plans are no questionnaires: their two forms
    # are held to the same results by tests/oscal/test_oscal.py.
    inputs = [p for p in inputs if "oscal-ssp" not in os.path.basename(p)]
    t.check(len(inputs) >= 10, f"{len(inputs)} inputs found")
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {f: os.path.join(tmp, f) for f in FORMS + ("orig",)}
        for d in dirs.values():
            os.mkdir(d)
        converted, unreadable = [], []
        for path in inputs:
            stem = os.path.splitext(os.path.basename(path))[0]
            if "equivalence" in path:
                stem = "eq-" + stem
            try:
                model = read_model(sc, path)
            except NotExpressible as e:
                t.check(False, f"{path}: converted ({e})")
                continue
            if model is None:
                unreadable.append((stem, path))
                continue
            try:
                write_forms(sc, stem, model, dirs)
            except NotExpressible as e:
                t.check(False, f"{path}: every form written ({e})")
                continue
            shutil.copy(path, os.path.join(
                dirs["orig"], stem + os.path.splitext(path)[1]))
            converted.append(stem)
        results = {f: evaluate(cloudvet, src, d) for f, d in dirs.items()}
        for stem in converted:
            base = summary(results["json"][stem])
            for form in FORMS[1:] + ("orig",):
                s = results[form].get(stem)
                got = summary(s) if s else None
                t.check(got == base,
                        f"{stem}: {form} gets the same results as json"
                        + ("" if got is None or got == base else
                           " (" + first_difference(base, got) + ")"))
        if unreadable:
            d = os.path.join(tmp, "unreadable")
            os.mkdir(d)
            for stem, path in unreadable:
                shutil.copy(path, d)
            got = evaluate(cloudvet, src, d)
            for stem, _ in unreadable:
                t.check(got.get(stem, {}).get("verdict") == "invalid",
                        f"{stem}: not readable in its own form, invalid")
        if keep:
            for form in FORMS:
                shutil.copytree(dirs[form], os.path.join(keep, form),
                                dirs_exist_ok=True)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
