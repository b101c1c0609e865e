# SPDX-License-Identifier: MIT
"""Every reason the samples produce reads as plain words (issue 15, item 4).

The ten samples are evaluated with the default and the full profile, in
Japanese and in English (`cloudvet evaluate --format json`). For every
result:

  - the reason, once the vendor's own values are taken out (what it quotes
    in 「…」 or '…', URLs, mail addresses), holds no JSON Pointer, no
    dotted field path, no item index (`storage[1]`), no `x = y`
    assignment, no snake_case member or enumeration token (`all_users`,
    `governing_law`) and, in Japanese, no raw status token (`not_met`);
  - a met result that did not get full points names every bonus it
    missed, with the points it is worth, and those points add up to what
    it lost;
  - `detail`, when present, is a list of locations: JSON Pointers for the
    JSON samples, XPaths for the XML ones (or the dotted field of a value
    that could not be read), never more than 32 plus a count;
  - a reason with a sub-check (✓ ✗ ?) has a detail line.

usage: reasons_samples.py CLOUDVET SRC_DIR
Prints one line per failure and "N passed, N failed"."""
import json
import os
import re
import subprocess
import sys

AS_OF = "2026-11-21"

# The vendor's values, which a reason quotes and may hold anything.
QUOTED = re.compile(r"「[^」]*」|'[^']*'|https?://\S+|[\w.+-]+@[\w.-]+")
RAW = [
    (re.compile(r"[a-z_]+\.[a-z_]+(\.[a-z_]+)* ?="), "dotted assignment"),
    (re.compile(r"(?<![\w.])[a-z]+(_[a-z]+)*\.[a-z]+_?[a-z_]*\b"
                r"(?!\.[a-z]{2})"), "dotted field path"),
    (re.compile(r"\b[a-z_]+\[\d+\]"), "item index"),
    (re.compile(r"(?<![\w/])/[a-z_-]+/[a-z_/-]+"), "JSON Pointer / XPath"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "snake_case token"),
    (re.compile(r" = "), "assignment"),
]
STATUS_TOKENS = re.compile(r"\b(not_met|claimed|contradicted|unanswered|"
                           r"not_applicable|partial|met)\b")
MISSED = {"ja": "加点なし:", "en": "no bonus:"}
POINTS = re.compile(r"\(\+([0-9.]+)\)")


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")


def evaluate(cloudvet, src, lang, profile):
    cmd = [cloudvet, "--lang", lang, "--criteria",
           os.path.join(src, "criteria"), "evaluate", "--format", "json",
           "--no-registry", "--as-of", AS_OF, "--out", "-"]
    if profile:
        cmd += ["--profile", profile]
    cmd.append(os.path.join(src, "samples"))
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if r.returncode not in (0, 3):
        raise RuntimeError(f"cloudvet exited {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)["submissions"]


def plain(reason):
    return QUOTED.sub("Q", reason)


def check_reason(t, where, lang, reason):
    text = plain(reason)
    for pattern, what in RAW:
        m = pattern.search(text)
        t.check(m is None, f"{where}: {what} '{m.group(0) if m else ''}' "
                f"in the reason: {reason}")
    if lang == "ja":
        m = STATUS_TOKENS.search(text)
        t.check(m is None, f"{where}: raw status token "
                f"'{m.group(0) if m else ''}' in: {reason}")


def check_bonuses(t, where, lang, r):
    if r["status"] != "met" or r["points"] >= r["max_points"]:
        return
    lost = round(r["max_points"] - r["points"], 2)
    named = 0.0
    for sentence in re.split(r"。|; ", r["reason"]):
        if sentence.startswith(MISSED[lang]):
            m = POINTS.search(sentence)
            t.check(m is not None, f"{where}: missed bonus without its "
                    f"points: {sentence}")
            named += float(m.group(1)) if m else 0.0
    t.check(abs(named - lost) < 0.011,
            f"{where}: lost {lost} points, the reason names {named}: "
            f"{r['reason']}")


def check_detail(t, where, xml, r):
    detail = r.get("detail")
    if any(mark in r["reason"] for mark in ("✓", "✗", "? ")):
        t.check(bool(detail), f"{where}: a sub-check without its location")
    if detail is None:
        return
    parts = detail.split(" … (+")[0].split(", ")
    t.check(0 < len(parts) <= 32, f"{where}: {len(parts)} locations")
    for p in parts:
        if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", p):
            continue  # a value given but unreadable: its field
        root = "/system-security-plan" if "/system-security-plan" in p \
            else "/questionnaire"  # an OSCAL SSP sample (docs/oscal.md)
        ok = p.startswith(root if xml else "/") and \
            (xml or not p.startswith("/questionnaire"))
        t.check(ok, f"{where}: '{p}' is not a location of this form")


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    cloudvet, src = argv[1], argv[2]
    t = Tally()
    for profile in (None, "full-catalogue"):
        for lang in ("ja", "en"):
            for s in evaluate(cloudvet, src, lang, profile):
                xml = s["file"].endswith(".xml")
                for r in s["results"]:
                    where = (f"{os.path.basename(s['file'])} {r['id']} "
                             f"({lang}, {profile or 'default'})")
                    check_reason(t, where, lang, r["reason"])
                    check_bonuses(t, where, lang, r)
                    check_detail(t, where, xml, r)
    print(f"{t.passed} passed, {t.failed} failed")
    return 0 if t.failed == 0 and t.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
