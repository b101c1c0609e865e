# SPDX-License-Identifier: MIT
"""Hostile vendor strings in the OSCAL assessment results (--format
oscal-ar, oscal-ar-xml: src/lib/report/report_oscal*.c). Exec'd into
test_hostile.py's namespace (see its end): @attack and the Case helpers
are in scope.

Vendor text goes into both forms as data: quotes, '<', '&', every control
character, U+FFFE and bidi controls must leave a JSON document that parses
and an XML document that is well-formed (nothing XML 1.0 forbids), both
carrying the same findings; a prop value stays one line without white
space at its ends, an evidence link is an http(s) URI reference or
nothing. Where NIST's schema is there (TESTDATA_DIR/oscal) the JSON is
validated against it too."""
import copy as _ocopy
import json as _ojson
import re as _ore
import xml.etree.ElementTree as _OET

_O_NS = "{http://csrc.nist.gov/ns/oscal/1.0}"
_O_CONTROLS = "".join(chr(c) for c in range(1, 0x20))
_O_HOSTILE = ('\u3000 "q" <b>&amp;</b> ]]> --> ' + _O_CONTROLS +
              '\ufffe\uffff \u202eevil\u202c \u2028 \u0085 end\u3000 ')
_O_URLS = ["javascript:alert(1)", "data:text/html,<b>x</b>", "http://",
           'https://例え.example/パス a"<>`{}|\\^[x]', "http://x.example/%zz%41",
           "HTTPS://x.example/a#b#c", "ftp://x.example/f",
           "https://x.example/" + _O_CONTROLS]
_O_STRING = _ore.compile(r"^\S(.*\S)?$")
_O_URIREF = _ore.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def _o_hostile_doc(case):
    with open(case.good, encoding="utf-8") as f:
        doc = _ojson.load(f)
    doc["vendor"]["name"] = _O_HOSTILE + "株式会社"
    doc["service"]["name"] = _O_HOSTILE
    doc["tender"]["title"] = _O_HOSTILE
    ans = doc["answers"][0]
    ans["explanation"] = _O_HOSTILE * 3
    base = ans["evidence"][0]
    ans["evidence"] = []
    for u in _O_URLS:
        ev = _ocopy.deepcopy(base)
        ev.update(url=u, title=_O_HOSTILE, quote=_O_HOSTILE)
        ans["evidence"].append(ev)
    return case.write("hostile-oscal.json",
                      _ojson.dumps(doc, ensure_ascii=True))


def _o_read(run, name):
    with open(os.path.join(run.out_dir, name), "rb") as f:
        return f.read()


def _o_props(node):
    """Every prop value of the JSON document."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "props":
                for p in v:
                    yield p["value"]
            else:
                yield from _o_props(v)
    elif isinstance(node, list):
        for v in node:
            yield from _o_props(v)


def _o_hrefs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "href":
                yield v
            else:
                yield from _o_hrefs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _o_hrefs(v)


def _o_strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _o_strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _o_strings(v)
    elif isinstance(node, str):
        yield node


def _o_check_forms(case, run, what):
    raw = _o_read(run, "report.oscal-ar.json")
    try:
        doc = _ojson.loads(raw.decode("utf-8"))
    except ValueError as e:
        case.check(False, f"{what}: the JSON parses ({e})")
        return None
    xml = _o_read(run, "report.oscal-ar.xml")
    try:
        root = _OET.fromstring(xml)
    except _OET.ParseError as e:
        case.check(False, f"{what}: the XML is well-formed ({e})")
        return None
    case.check(root.tag == _O_NS + "assessment-results",
               f"{what}: the XML is in OSCAL's namespace")
    bad = sorted({hex(b) for b in xml if b < 0x20 and b not in (9, 10, 13)})
    case.check(not bad, f"{what}: no control byte in the XML ({bad})")
    case.check(b"\xef\xbf\xbe" not in xml and b"\xef\xbf\xbf" not in xml,
               f"{what}: no U+FFFE/U+FFFF in the XML")
    jf = [(f["uuid"], f["target"]["status"]["state"]) for f in
          doc["assessment-results"]["results"][0].get("findings", [])]
    xf = [(f.get("uuid"), f.find(f"{_O_NS}target/{_O_NS}status").get("state"))
          for f in root.iter(f"{_O_NS}finding")]
    case.check(jf == xf, f"{what}: both forms carry the same findings "
               f"({len(jf)} / {len(xf)})")
    props = list(_o_props(doc))
    badp = [p for p in props if not _O_STRING.match(p)]
    case.check(not badp, f"{what}: every prop value is one line without "
               f"white space at its ends ({badp[:2]!r})")
    hrefs = list(_o_hrefs(doc))
    badh = [h for h in hrefs if not h.startswith("#") and (
        not _O_URIREF.match(h) or h.count("#") > 1 or
        not h.lower().startswith(("http://", "https://")))]
    case.check(not badh, f"{what}: every link is an http(s) URI "
               f"reference ({badh[:2]!r})")
    schema = os.path.join(case.testdata or "", "oscal",
                          "oscal_assessment-results_schema-1.0.6.json")
    if os.path.exists(schema):
        sys.path.insert(0, os.path.join(case.src, "tests", "oscal_ar"))
        import oscal_check
        errs = oscal_check.errors(schema, doc)
        case.check(not errs, f"{what}: valid OSCAL 1.0.6 ({errs[:3]})")
    else:
        print(f"note: {schema} absent: the schema check is left to "
              f"oscal_ar_schema", file=sys.stderr)
    return doc, root


@attack
def oscal_ar_hostile_vendor_strings(case):
    bad = _o_hostile_doc(case)
    run = case.run([case.good, bad], formats="oscal-ar,oscal-ar-xml,json",
                   trace=False)
    case.check(run.code in (0, 1), f"evaluated (exit {run.code}: "
               f"{run.stderr[-300:]!r})")
    got = _o_check_forms(case, run, "hostile strings")
    if got is None:
        return
    doc, root = got
    text = "\n".join(_o_strings(doc))
    case.check("\u202e" in text, "the bidi override is kept as data")
    case.check('"q" <b>&amp;</b>' in text,
               "quotes, markup and '&' are kept as text in the JSON")
    xtext = "".join(root.itertext())
    case.check('"q" <b>&amp;</b>' in xtext,
               "and read back as the same text from the XML")
    hrefs = [h for h in _o_hrefs(doc) if not h.startswith("#")]
    case.check(not [h for h in hrefs if "javascript" in h.lower() or
                    h.startswith(("data:", "ftp:"))],
               f"no link but http(s) ({hrefs})")
    case.check(any("%E4%BE%8B" in h for h in hrefs),
               f"a non-ASCII URL is percent-encoded ({hrefs})")
    case.expect_good_evaluated(run)


@attack
def oscal_ar_unreadable_submission(case):
    """A submission that cannot be read (NUL in a string, invalid UTF-8)
    is a subject with its verdict, and the documents stay valid."""
    nul = case.write("nul.json", '{"format": "cloudvet-questionnaire/1", '
                     '"vendor": {"name": "a\\u0000b"}}')
    raw = case.write("raw.json", b'{"vendor": {"name": "\xff\xfe\x01<"}}')
    run = case.run([case.good, nul, raw],
                   formats="oscal-ar,oscal-ar-xml,json", trace=False)
    got = _o_check_forms(case, run, "unreadable submissions")
    if got is None:
        return
    doc, _ = got
    comps = doc["assessment-results"]["results"][0]["local-definitions"][
        "components"]
    case.check(len(comps) == 3, f"every submission is a subject ({len(comps)})")
    verdicts = [[p["value"] for p in c["props"] if p["name"] == "verdict"]
                for c in comps]
    case.check(verdicts[1:] == [["invalid"], ["invalid"]],
               f"the unreadable ones are invalid ({verdicts})")
    case.expect_good_evaluated(run)
