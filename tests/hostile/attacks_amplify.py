# SPDX-License-Identifier: MIT
"""Output amplification (issue 13, item 11): a submission near the input
limit, built to make the reports as large as possible, must give reports
that grow at most a small factor over it. Exec'd into test_hostile.py's
namespace (see its end).

The human formats (HTML, XLSX, CSV, Markdown) quote each vendor field at most
CV_VIEW_QUOTE_MAX_CHARS characters, the bid's name where it is repeated
at most CV_VIEW_NAME_MAX_CHARS, a reason or message at most
CV_VIEW_REASON_MAX_CHARS and at most CV_VIEW_LIST_MAX_ITEMS evidence per
answer, and say where the full text is (report.json). The limits are
read from src/lib/report/view.h, so this test follows them."""
import html as _html
import json as _json
import os as _os
import re as _re
import zipfile as _zipfile

# Per file: at most this many times the input's size. report.json is the
# record (every vendor string once, plus its structure and our reasons);
# each human format, being cut, stays below the input itself.
AMP_FACTOR = {"report.json": 3.0, "report.html": 1.0, "report.csv": 1.0,
              "report.md": 1.0, "report.xlsx": 1.0}
AMP_TOTAL_FACTOR = 4.0
AMP_HUMAN = ["report.html", "report.csv", "report.md", "report.xlsx"]
AMP_MARKER = "… (cut: the full text is in report.json)"
AMP_MORE = "(cut: the full list is in report.json)"
AMP_MIB = 1 << 20
AMP_IN_REASONS = ("service", "region", "member")

# One fill character per kind of field (a run of it is that field's text
# as a report shows it); each string also starts with its own tag "⟦id⟧",
# so report.json can be checked to hold each string exactly once.
AMP_FILL = {"vendor": "ベ", "service": "サ", "explanation": "エ",
            "title": "タ", "quote": "ノ", "page": "ペ", "section": "セ",
            "url": "u", "region": "リ", "member": "キ"}


def _amp_limits(case):
    """The CV_VIEW_*_MAX_* limits, from view.h."""
    with open(_os.path.join(case.src, "src/lib/report/view.h"),
              encoding="utf-8") as f:
        text = f.read()
    return {m.group(1): int(m.group(2)) for m in _re.finditer(
        r"#define CV_VIEW_(\w+_MAX_\w+) (\d+)", text)}


def _amp_text(tag, kind, nbytes):
    """A string of about `nbytes` UTF-8 bytes: its tag, then fill."""
    head = f"⟦{tag}⟧"
    ch = AMP_FILL[kind]
    n = (nbytes - len(head.encode())) // len(ch.encode())
    return head + ch * n


def _amp_submission(case):
    """samples/01 with every quoted field as long as the limits allow:
    names of 1 MiB, long explanations, more evidence than a report lists,
    each part long, a region the tables cannot place (quoted in a reason
    and a diagnostic) and an unknown member with a long name. About 14.7
    MB: under max_input_bytes (16 MiB), every string under
    max_string_bytes (1 MiB), far fewer values than max_nodes."""
    doc = _json.load(open(case.good, encoding="utf-8"))
    strings = {}

    def text(tag, kind, nbytes):
        strings[tag] = _amp_text(tag, kind, nbytes)
        return strings[tag]

    doc["vendor"]["name"] = text("v", "vendor", AMP_MIB - 64)
    doc["service"]["name"] = text("s", "service", AMP_MIB - 64)
    doc["data_location"]["storage"][0]["region"] = text(
        "r", "region", AMP_MIB // 2)
    doc[_amp_text("m", "member", AMP_MIB // 4)] = 1
    for i, ans in enumerate(doc["answers"]):
        ans["explanation"] = text(f"e{i}", "explanation", 220_000)
        ans["evidence"] = []
        for k in range(25):
            t = f"{i}.{k}"
            ans["evidence"].append({
                "title": text("t" + t, "title", 4000),
                "url": "https://evidence.example/" + text("u" + t, "url",
                                                          1000),
                "page": text("p" + t, "page", 600),
                "section": text("x" + t, "section", 600),
                "note": text("q" + t, "quote", 5800)})
    data = _json.dumps(doc, ensure_ascii=False)
    return case.write("amplify.json", data), strings


def _amp_runs(text, kind):
    """Length of every run of the kind's fill, with the tag before it."""
    ch = _re.escape(AMP_FILL[kind])
    return [(m.group(1), len(m.group(2))) for m in _re.finditer(
        "(?:⟦([^⟧]*)⟧)?(" + ch + "{50,})", text)]


def _amp_xlsx_text(run):
    """The text of every string cell of report.xlsx, one cell a line (a
    fill run never joins two cells). The strings are in the cells
    (inlineStr, constant_memory) or, should that change, in the shared
    table: both are read, each <is>/<si> being one cell's text."""
    cells = []
    with _zipfile.ZipFile(_os.path.join(run.out_dir, "report.xlsx")) as z:
        for n in z.namelist():
            if n != "xl/sharedStrings.xml" and \
                    not n.startswith("xl/worksheets/sheet"):
                continue
            xml = z.read(n).decode("utf-8")
            for m in _re.finditer(r"<(is|si)>(.*?)</\1>", xml, _re.S):
                cells.append("".join(_html.unescape(t) for t in _re.findall(
                    r"<t(?:\s[^>]*)?>(.*?)</t>", m.group(2), _re.S)))
    return "\n".join(cells)


def _amp_human_text(run, name):
    """The text of a human report as a person reads it."""
    if name == "report.xlsx":
        return _amp_xlsx_text(run)
    text = report_bytes(run, name).decode("utf-8-sig", errors="replace")
    if name == "report.md":  # as rendered: escapes and breaks undone
        text = text.replace("\\(", "(").replace("\\)", ")") \
            .replace("<!---->", "")
    return text


def _amp_strings(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _amp_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _amp_strings(v)
    elif isinstance(obj, str):
        yield obj


@attack
def report_output_amplification(case):
    lim = _amp_limits(case)
    quote_max, name_max = lim["QUOTE_MAX_CHARS"], lim["NAME_MAX_CHARS"]
    reason_max = lim["REASON_MAX_CHARS"]
    f, strings = _amp_submission(case)
    size = _os.path.getsize(f)
    run = case.run([f], formats="json,html,csv,md,xlsx", trace=False)
    case.check(run.report is not None, f"the report was written "
               f"({run.stderr[-300:]!r})")
    if run.report is None:
        return
    s = run.sub("amplify.json")
    case.check(s is not None and s["verdict"] != "invalid",
               "the submission is evaluated (it is within every limit)")
    total = 0
    sizes = []
    for name in FORMATS:
        n = _os.path.getsize(_os.path.join(run.out_dir, name))
        total += n
        sizes.append(f"{name} {n / size:.3f}x")
        case.check(n <= AMP_FACTOR[name] * size,
                   f"{name}: {n} bytes, at most {AMP_FACTOR[name]} x the "
                   f"input's {size}")
    case.check(total <= AMP_TOTAL_FACTOR * size,
               f"all reports: {total} bytes, at most {AMP_TOTAL_FACTOR} x "
               f"the input's {size}")
    print(f"input {size} bytes; " + ", ".join(sizes) +
          f"; total {total / size:.3f}x")

    # The human formats: marked cuts, no field past its limit.
    for name in AMP_HUMAN:
        text = _amp_human_text(run, name)
        case.check(AMP_MARKER in text, f"{name}: the cut marker is there")
        if name != "report.md":  # which lists no evidence
            case.check(AMP_MORE in text, f"{name}: the evidence over the "
                       f"list limit is counted")
        for kind in AMP_FILL:
            # Values our reasons and messages quote (the service name in
            # CLOUD-CERT's, the region, the member's name) are cut with
            # the reason, at its limit.
            cap = reason_max if kind in AMP_IN_REASONS else quote_max
            longest = max([n for _, n in _amp_runs(text, kind)], default=0)
            case.check(longest <= cap, f"{name}: no {kind} text longer than "
                       f"{cap} characters (longest {longest})")
        # The name repeated on every row or heading is the short one.
        names = [n for _, n in _amp_runs(text, "vendor")]
        case.check(sum(n > name_max for n in names) <= 1,
                   f"{name}: the vendor's name is quoted at length at most "
                   f"once, elsewhere cut at {name_max} ({names[:8]})")

    # report.json: the record keeps every string whole, each once.
    counts = {}
    for v in _amp_strings(run.report):
        for kind in AMP_FILL:
            for tag, n in _amp_runs(v, kind):
                if tag and tag in strings and \
                        n + len(f"⟦{tag}⟧") == len(strings[tag]):
                    counts[tag] = counts.get(tag, 0) + 1
    # The service name is quoted again by the CLOUD-CERT reason, the
    # region by a reason and a diagnostic (our sentences, not the
    # record's fields): whole, but not only once.
    again = {"s", "r"}
    once = [t for t in strings if t not in again and counts.get(t) != 1]
    case.check(not once, f"report.json holds each vendor string whole and "
               f"once ({len(once)} not: {once[:5]}, "
               f"{[counts.get(t, 0) for t in once[:5]]})")
    missing = [t for t in again if not counts.get(t)]
    case.check(not missing, f"report.json holds {missing} whole")
    case.check(len(s["results"][0]["evidence"]) == 25 if s else False,
               "report.json lists every evidence")
