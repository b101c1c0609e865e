# SPDX-License-Identifier: MIT
"""Hostile strings through `cloudvet diff` (docs/diff.md): markup, terminal
escapes and bidi overrides in the values that changed must reach the
reader escaped (HTML), cleaned (text) and exact (JSON). Exec'd into
test_hostile.py's namespace (see its end)."""
import json as _djson

_DIFF_MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
_DIFF_TERMINAL = "\x1b[2J\x1b]0;owned\x07\u202e\u2066\r\x08"


def _diff_pair(case):
    """samples/01, and a round 2 of it whose vendor, service, one
    explanation and one certification scope carry the hostile strings."""
    doc = _djson.load(open(case.good, encoding="utf-8"))
    doc["vendor"]["name"] += _DIFF_MARKUP + _DIFF_TERMINAL
    doc["service"]["name"] = _DIFF_TERMINAL + doc["service"]["name"]
    doc["answers"][0]["explanation"] = _DIFF_MARKUP + _DIFF_TERMINAL
    doc["certifications"][0]["scope"] += _DIFF_MARKUP
    new = case.write("round2.json", _djson.dumps(doc, ensure_ascii=False))
    return case.good, new


def _diff(case, fmt, old, new):
    proc = subprocess.run([case.cloudvet, "--lang", "en", "diff", "--as-of",
                           AS_OF, "--format", fmt, old, new], env=case.env,
                          capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


@attack
def diff_html_escaped(case):
    old, new = _diff_pair(case)
    code, out, err = _diff(case, "html", old, new)
    case.check(code == 1, f"differences: exit 1 ({code}: {err[-300:]})")
    case.check("<script" not in out and "<img" not in out and
               "onerror=alert(2)>" not in out,
               "no markup of the vendor's reaches the page")
    case.check("&lt;script&gt;alert(1)&lt;/script&gt;" in out,
               "the markup is shown, escaped")
    case.check("\x1b" not in out and "\u202e" not in out and
               "\u2066" not in out and "\x08" not in out,
               "no terminal escape or bidi override in the page")
    parser = html_parser.HTMLParser()
    parser.feed(out)
    parser.close()
    case.check(out.count("<table>") == out.count("</table>") and
               out.rstrip().endswith("</html>"), "the page is whole")


@attack
def diff_text_terminal_safe(case):
    old, new = _diff_pair(case)
    code, out, err = _diff(case, "text", old, new)
    case.check(code == 1, f"differences: exit 1 ({code}: {err[-300:]})")
    for c in ("\x1b", "\x07", "\u202e", "\u2066", "\r", "\x08"):
        case.check(c not in out, f"text: no raw {hex(ord(c))}")
    case.check("note: the vendor names differ" in out,
               "the renamed vendor is said")
    case.check("<script>alert(1)</script>" in out,
               "text shows the markup as text")


@attack
def diff_json_exact(case):
    old, new = _diff_pair(case)
    code, out, err = _diff(case, "json", old, new)
    case.check(code == 1, f"differences: exit 1 ({code}: {err[-300:]})")
    try:
        doc = _djson.loads(out)
    except ValueError as e:
        case.check(False, f"the output is JSON ({e})")
        return
    case.check("\x1b" not in out and "\x07" not in out,
               "JSON escapes the control characters")
    expl = [c for c in doc["changes"] if c["group"] == "answer" and
            c["subject"].endswith(".explanation")]
    case.check(len(expl) == 1 and
               expl[0]["new"] == _DIFF_MARKUP + _DIFF_TERMINAL,
               "JSON keeps the value exactly (escaped, not cleaned)")


@attack
def diff_long_arrays(case):
    """Long arrays cost linear time: 100000 list items matched by index
    side by side, 1000 certifications by their key (the longest a key
    match takes; longer ones fall back to index), one inserted first."""
    doc = _djson.load(open(case.good, encoding="utf-8"))
    cert = dict(doc["certifications"][0])
    cert.pop("evidence", None)
    doc["certifications"] = [dict(cert, id=f"C{i:05d}") for i in range(999)]
    doc["data_location"]["remote_access_countries"] = ["JP"] * 100000
    old = case.write("long1.json", _djson.dumps(doc, ensure_ascii=False))
    doc["certifications"].insert(0, dict(cert, id="C-NEW"))
    doc["data_location"]["remote_access_countries"][-1] = "US"
    new = case.write("long2.json", _djson.dumps(doc, ensure_ascii=False))
    start = time.monotonic()
    code, out, err = _diff(case, "json", old, new)
    seconds = time.monotonic() - start
    case.check(code == 1, f"differences: exit 1 ({code}: {err[-300:]})")
    try:
        facts = [c for c in _djson.loads(out)["changes"]
                 if c["group"] == "fact"]
    except ValueError:
        facts = []
    added = {c["subject"].split("]")[0] for c in facts
             if c["op"] == "added"}
    case.check(added == {"certifications[ISMAP C-NEW"},
               f"the inserted certification is one addition ({added})")
    case.check(any(c["subject"] == "data_location.remote_access_countries"
                   "[99999]" and c["new"] == "US" for c in facts),
               "the last list item changed")
    if os.environ.get("ASAN_OPTIONS"):
        print(f"timing not asserted under the sanitizers ({seconds:.1f} s)")
    else:
        case.check(seconds < 20, f"done in {seconds:.1f} s (at most 20)")
