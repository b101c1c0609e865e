# SPDX-License-Identifier: MIT
"""Hostile text: characters XML 1.0 forbids, Unicode non-characters,
invisible and bidi characters, and the limit messages (issue 13, items 5,
12 and 13). Exec'd into test_hostile.py's namespace (see its end)."""
import json as _json
import os as _os
import xml.etree.ElementTree as _etree
import zipfile as _zipfile

# U+FFFE, U+FFFF, U+FDD0, U+1FFFE (non-characters; the first two are also
# forbidden by XML 1.0) and U+0001, U+000B (C0 controls XML 1.0 forbids).
XML_FORBIDDEN = "\ufffe\uffff\ufdd0\U0001fffe\x01\x0b"
# Invisible or reordering characters a terminal shows raw or acts on.
INVISIBLE = "\u2028\u2029\u200f\u061c\u200b\u202e\u2066\x85\x1b"


def _hostile_sample(case, name, text):
    """samples/01 with `text` in the vendor and service names, an
    explanation, and two values a diagnostic quotes back."""
    doc = _json.load(open(case.good, encoding="utf-8"))
    doc["vendor"]["name"] = "株式会社" + text + "あおば行政システムズ"
    doc["service"]["name"] = "あおば" + text + "オンライン申請クラウド"
    doc["service"]["model"] = "SaaS" + text
    doc["submitted"] = "2026-11-12" + text
    for ans in doc.get("answers", {}).values() if isinstance(
            doc.get("answers"), dict) else doc.get("answers", []):
        if isinstance(ans, dict) and "explanation" in ans:
            ans["explanation"] = text + ans["explanation"] + text
            break
    # json.dumps escapes the C0 controls, as JSON requires.
    return case.write(name, _json.dumps(doc, ensure_ascii=False))


@attack
def report_xml_forbidden_characters(case):
    f = _hostile_sample(case, "nonchar.json", XML_FORBIDDEN)
    run = case.run([case.good, f], formats="json,html,csv,md,xlsx",
                   trace=False)
    case.check(sorted(_os.listdir(run.out_dir)) ==
               sorted(FORMATS + ["record.json"]),
               f"every format is written ({_os.listdir(run.out_dir)})")
    s = run.sub("nonchar.json") if run.report else None
    case.check(s is not None and s["verdict"] != "invalid",
               "the submission is evaluated, not refused for its names")
    with _zipfile.ZipFile(_os.path.join(run.out_dir, "report.xlsx")) as z:
        for part in z.namelist():
            if not part.endswith((".xml", ".rels")):
                continue
            data = z.read(part)
            try:
                _etree.fromstring(data)
                ok = True
            except _etree.ParseError as e:
                ok = False
                print(f"{part}: {e}", file=sys.stderr)
            case.check(ok, f"report.xlsx {part} is well-formed XML")
            text = data.decode("utf-8", errors="replace")
            left = [hex(ord(c)) for c in XML_FORBIDDEN if c in text]
            case.check(not left, f"report.xlsx {part}: none of the "
                       f"forbidden characters ({left})")
    for name, data in shown_to_people(run):
        text = data.decode("utf-8-sig", errors="replace")
        left = [hex(ord(c)) for c in XML_FORBIDDEN if c in text]
        case.check(not left, f"{name}: none of the forbidden characters "
                   f"({left})")
    case.expect_good_evaluated(run)


@attack
def check_invisible_characters(case):
    f = _hostile_sample(case, "invisible.json", INVISIBLE + XML_FORBIDDEN)
    chk = case.run([f], command="check", trace=False)
    out = chk.stdout + chk.stderr
    for c in INVISIBLE + XML_FORBIDDEN:
        case.check(c.encode("utf-8") not in out,
                   f"check prints no raw U+{ord(c):04X}")
    case.check(b"[U+200B]" in out and b"[U+2028]" in out,
               "the invisible characters are shown as [U+XXXX], as the "
               "reports show them")
    case.check(b"/service/model" in out,
               "the diagnostic quoting the value is printed")
    # The reports say the same as the terminal.
    run = case.run([f], formats="html,md", trace=False)
    md = report_bytes(run, "report.md").decode("utf-8")
    case.check("U+200F" in md and "\u200f" not in md,
               "report.md shows U+200F as the terminal does")


def _limit_runs(case):
    """(option, value, limit name, JSON file, XML file) that exceed it."""
    root = '<questionnaire xmlns="urn:cloudvet:questionnaire:1">'
    deep_json = '{"a":' * 8 + "1" + "}" * 8
    deep_xml = root + "<a>" * 8 + "1" + "</a>" * 8 + "</questionnaire>"
    many_json = "[" + ",".join(["1"] * 200) + "]"
    many_xml = root + "<a>1</a>" * 200 + "</questionnaire>"
    long_json = '{"format": "' + "x" * 300 + '"}'
    long_xml = root + "<format>" + "x" * 300 + "</format></questionnaire>"
    big_json = '{"format": "' + "x" * 6000 + '"}'
    big_xml = root + "<format>" + "x" * 6000 + "</format></questionnaire>"
    return [("--max-depth", "4", "max_depth", deep_json, deep_xml),
            ("--max-nodes", "50", "max_nodes", many_json, many_xml),
            ("--max-string-bytes", "100", "max_string_bytes", long_json,
             long_xml),
            ("--max-input-bytes", "4096", "max_input_bytes", big_json,
             big_xml)]


@attack
def limit_messages_name_the_limit(case):
    for opt, value, limit, js, xml in _limit_runs(case):
        files = [case.write(f"{limit}.json", js),
                 case.write(f"{limit}.xml", '<?xml version="1.0"?>\n' + xml)]
        run = case.run(files, opt, value, trace=False)
        for f in files:
            name = _os.path.basename(f)
            s = run.sub(name) if run.report else None
            case.check(s is not None and s["verdict"] == "invalid",
                       f"{name}: invalid under {opt} {value}")
            if s is None:
                continue
            msgs = [d["message"] for d in s["diagnostics"]]
            hit = [m for m in msgs if limit in m]
            case.check(bool(hit), f"{name}: a diagnostic names {limit} "
                       f"({msgs[:2]})")
            case.check(any(value in m for m in hit),
                       f"{name}: the {limit} message gives the value {value}"
                       f" ({hit[:1]})")
            case.check(not any("()" in m for m in hit),
                       f"{name}: no empty parentheses where the limit "
                       f"should be ({hit[:1]})")


@attack
def terminal_output_amplification(case):
    """A vendor value of 600 000 characters (a region id and a service
    model the tables cannot place) is quoted by warnings and reasons: the
    terminal shows it cut, as the reports do, with the marker saying where
    the full text is, not once per message in full."""
    doc = json.load(open(case.good, encoding="utf-8"))
    big = "r" * 600000
    doc["data_location"]["storage"][0]["region"] = big
    doc["service"]["model"] = "m" * 600000
    f = case.write("long-values.json", json.dumps(doc, ensure_ascii=False))
    size = os.path.getsize(f)
    for command in ("check", "evaluate"):
        run = case.run([f], command=command, trace=False)
        out = run.stdout + run.stderr
        case.check(len(out) < size // 20,
                   f"{command}: the terminal gets {len(out)} bytes for a "
                   f"{size}-byte file (under {size // 20})")
        case.check(b"the full text is in report.json" in out,
                   f"{command}: what was cut says so ({out[-300:]!r})")
        # Reasons and messages are cut at 2,000 characters, as in the
        # reports; the value inside them is never shown whole.
        case.check(b"r" * 2001 not in out and b"m" * 2001 not in out,
                   f"{command}: no vendor value of over 2,000 characters")
        case.check(not any(ln.rstrip().endswith((b"error:", b"warning:"))
                           for ln in out.splitlines()),
                   f"{command}: no diagnostic with an empty message")
    # report.json: a message quoting the value is cut (4 KiB, at a
    # character, with "…"), never empty; the value stays in the file.
    run = case.run([f], trace=False)
    msgs = [d["message"] for d in run.report["submissions"][0]["diagnostics"]]
    case.check(msgs and all(0 < len(m.encode()) <= 4096 for m in msgs),
               f"report.json: every message 1..4096 bytes "
               f"({[len(m) for m in msgs]})")
    case.check(any(m.endswith("\u2026") for m in msgs),
               "report.json: a cut message ends with an ellipsis")
