#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_schemas.py: the JSON Schema and the XSD of the questionnaire
(criteria/schema/questionnaire-v1.*) describe the same document.

The reader (src/lib/norm/schema.c) is driven by the JSON Schema and reads
both forms by its rules: a member's element name is its name with '_'
written as '-'; an array is a run of repeated elements named by its
x-xml-item, optionally inside a wrapper element named like the member
(no wrapper where the item already carries the member's name). This test
walks both files and checks, for every member path, that

  - the member exists in both (nothing only in one);
  - the types agree: string <-> q:Text, a format "date" <-> q:DateText,
    "country" <-> q:CountryCode; number <-> q:NumberText (numbers are text
    in XML, see the XSD's annotation); boolean <-> xs:boolean; object <->
    a complex type, walked in turn;
  - enums agree (a JSON enum <-> an xs:enumeration restriction, same set);
  - arrays agree: the item element repeats (an unbounded xs:choice), its
    type agrees with "items", and the wrapper exists exactly when the
    reader accepts one, holding the items only;
  - required members agree where the XSD can say so (in an xs:all; an
    unbounded xs:choice cannot require a member, as the XSD's annotation
    and docs/questionnaire.md say).

usage: test_schemas.py SRC_DIR      (Python 3 standard library only)
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"
UNBOUNDED = "unbounded"


class Failures:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("check failed: " + what, file=sys.stderr)


def local(qname):
    """'q:Text' -> 'Text', 'xs:boolean' -> 'xs:boolean'."""
    if qname is None:
        return None
    if qname.startswith("xs:"):
        return qname
    return qname.split(":", 1)[-1]


class Xsd:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.complex = {c.get("name"): c for c in root.findall(XS + "complexType")}
        self.simple = {s.get("name"): s for s in root.findall(XS + "simpleType")}
        self.root = {e.get("name"): e for e in root.findall(XS + "element")}

    def children(self, ctype):
        """{name: (element, container tag, container maxOccurs)} of a
        complex type's content model."""
        out = {}
        for tag in ("all", "choice", "sequence"):
            box = ctype.find(XS + tag)
            if box is None:
                continue
            for el in box.findall(XS + "element"):
                out[el.get("name")] = (el, tag, box.get("maxOccurs", "1"))
        return out

    def complex_of(self, el):
        """The complex type of element `el` (named or inline), or None."""
        inline = el.find(XS + "complexType")
        if inline is not None:
            return inline
        return self.complex.get(local(el.get("type")))

    def enum_of(self, el):
        st = self.simple.get(local(el.get("type")))
        if st is None:
            return None
        rest = st.find(XS + "restriction")
        values = [e.get("value") for e in rest.findall(XS + "enumeration")]
        return sorted(values) if values else None


def resolve(js, schema):
    ref = schema.get("$ref")
    if ref:
        node = js
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node
    return schema


SCALAR_TYPES = {
    ("string", None): "Text",
    ("string", "date"): "DateText",
    ("string", "country"): "CountryCode",
    ("string", "corporate-number"): "Text",
    ("number", None): "NumberText",
    ("boolean", None): "xs:boolean",
}


def compare_value(t, js, xsd, schema, el, path):
    """The JSON schema of one value against the XSD element carrying it."""
    schema = resolve(js, schema)
    kind = schema.get("type")
    if kind == "object":
        ctype = xsd.complex_of(el)
        t.check(ctype is not None, f"{path}: an object in JSON, a complex "
                f"type in the XSD ({el.get('type')})")
        if ctype is not None:
            compare_object(t, js, xsd, schema, ctype, path)
        return
    if "enum" in schema:
        t.check(xsd.enum_of(el) == sorted(schema["enum"]),
                f"{path}: enum {sorted(schema['enum'])} in JSON, "
                f"{xsd.enum_of(el)} in the XSD ({el.get('type')})")
        return
    want = SCALAR_TYPES.get((kind, schema.get("format")))
    t.check(want is not None, f"{path}: a known JSON type ({kind}, "
            f"{schema.get('format')})")
    t.check(xsd.enum_of(el) is None, f"{path}: no enum in JSON, "
            f"{xsd.enum_of(el)} in the XSD")
    t.check(local(el.get("type")) == want,
            f"{path}: {kind}/{schema.get('format')} in JSON is {want} in "
            f"the XSD, not {el.get('type')}")


def compare_array(t, js, xsd, name, schema, kids, seen, path):
    item = schema.get("x-xml-item")
    t.check(item is not None, f"{path}: an array has x-xml-item")
    if item is None:
        return
    got = kids.get(item)
    t.check(got is not None, f"{path}: the XSD has the item <{item}>")
    if got is None:
        return
    el, tag, box_max = got
    seen.add(item)
    t.check(tag == "choice" and box_max == UNBOUNDED or
            el.get("maxOccurs") == UNBOUNDED,
            f"{path}: <{item}> may repeat in the XSD")
    compare_value(t, js, xsd, schema["items"], el, path + "[]")
    wrapper = name.replace("_", "-")
    if wrapper == item:
        return  # the reader accepts no wrapper: the item carries the name
    got = kids.get(wrapper)
    t.check(got is not None, f"{path}: the XSD has the wrapper <{wrapper}>")
    if got is None:
        return
    seen.add(wrapper)
    inner = xsd.children(xsd.complex_of(got[0]))
    t.check(list(inner) == [item] and inner[item][1] == "sequence" and
            inner[item][0].get("minOccurs") == "0" and
            inner[item][0].get("maxOccurs") == UNBOUNDED,
            f"{path}: <{wrapper}> holds any number of <{item}> only")
    if item in inner:
        compare_value(t, js, xsd, schema["items"], inner[item][0],
                      path + "[] (in the wrapper)")


def compare_object(t, js, xsd, schema, ctype, path):
    kids = xsd.children(ctype)
    required = set(schema.get("required", []))
    seen = set()
    for name, sub in schema.get("properties", {}).items():
        sub = resolve(js, sub)
        mpath = f"{path}/{name}"
        if sub.get("type") == "array":
            compare_array(t, js, xsd, name, sub, kids, seen, mpath)
            t.check(name not in required, f"{mpath}: a required array is "
                    "not expressible in the XML form")
            continue
        xname = name.replace("_", "-")
        got = kids.get(xname)
        t.check(got is not None, f"{mpath}: in the JSON Schema, but the XSD "
                f"has no <{xname}> here")
        if got is None:
            continue
        el, tag, _ = got
        seen.add(xname)
        if tag == "all":
            xsd_required = el.get("minOccurs", "1") != "0"
            t.check(xsd_required == (name in required),
                    f"{mpath}: required in JSON {name in required}, in the "
                    f"XSD {xsd_required}")
            t.check(el.get("maxOccurs", "1") == "1",
                    f"{mpath}: a scalar member occurs once in the XSD")
        compare_value(t, js, xsd, sub, el, mpath)
    extra = sorted(set(kids) - seen)
    t.check(not extra, f"{path or '/'}: elements in the XSD that the JSON "
            f"Schema does not have: {extra}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    base = os.path.join(sys.argv[1], "criteria", "schema")
    with open(os.path.join(base, "questionnaire-v1.schema.json"),
              encoding="utf-8") as f:
        js = json.load(f)
    xsd = Xsd(os.path.join(base, "questionnaire-v1.xsd"))
    t = Failures()
    root = xsd.root.get("questionnaire")
    t.check(root is not None and list(xsd.root) == ["questionnaire"],
            "the XSD's one root element is <questionnaire>")
    if root is not None:
        compare_value(t, js, xsd, js, root, "")
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
