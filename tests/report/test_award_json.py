# SPDX-License-Identifier: MIT
"""The award round in the machine formats: report.json, report.csv and
report.ndjson of `evaluate --tender examples/award/tender.json --decisions
examples/award/decisions.json samples/`.

Checked: the members docs/report.md names (method, tender, sensitivity,
per bid award and decisions, per result decision); that a decided
result's status and points follow the decision and the tool's own are
kept beside them; that every award figure is the stated arithmetic of
the tender's terms, recomputed here (rounding, price formula, total,
ranking order); that the CSV columns say what report.json says; that an
ndjson line carries the decisions but nothing of the award. Then the
same decisions with hostile committee text (formula, quotes, new line,
bidi override, an over-long name) and one made stale: the CSV neutralises
and cuts, report.json keeps the text whole, the stale one is listed and
not applied. And, always, that a run without --tender and --decisions
has none of these members but `method` (and a `sensitivity` of the
technical ranking), and the CSV none of the new columns.

The example files are written by other parts of the project; while
they are absent the award part is skipped, saying so (exit 77 when
nothing but the absence checks could run).

usage: test_award_json.py CLOUDVET SRC_DIR [TENDER DECISIONS]
(TENDER and DECISIONS default to SRC_DIR/examples/award/tender.json and
decisions.json)"""
import csv
import decimal
import hashlib
import io
import json
import os
import re
import sys
import tempfile

import common

BASE_COLUMNS = ["file", "sha256", "vendor", "service", "verdict", "score",
                "max_score", "rank", "needs_review", "id", "title",
                "category", "mandatory", "status", "points", "max_points",
                "reason", "response", "explanation", "evidence", "citations",
                "conditional", "pending", "tender_id", "tender_title",
                "verdict_word", "status_word", "detail"]
AWARD_COLUMNS = ["decided", "tool_status", "decided_by", "decided_on",
                 "decision_reason", "award_state", "price",
                 "technical_points", "price_points", "total_points",
                 "award_rank"]
AWARD_MEMBERS = ["state", "price", "technical", "technical_raw",
                 "price_points", "price_raw", "total", "total_raw", "rank",
                 "lot", "arithmetic", "reason"]
STATES = {"ranked", "not_qualified", "no_price", "over_ceiling",
          "below_minimum"}
FATES = {"applied", "stale_submission", "stale_criterion",
         "unknown_criterion", "stale_invalid"}
HEX64 = re.compile(r"[0-9a-f]{64}")
EPS = 1e-6


def ok(t, cond, what):
    """t.check that returns the condition, to guard what depends on it."""
    t.check(cond, what)
    return cond


def close(a, b, eps=EPS):
    return a is not None and b is not None and abs(a - b) <= eps


def rounded(rule, x):
    """x rounded by a tender's rounding rule, on decimal digits (x taken
    at 15 significant digits, as the tool does, so binary noise never
    moves a digit)."""
    mode, digits = rule["mode"], rule["digits"]
    if mode == "none":
        return x
    d = decimal.Decimal(f"{x:.15g}")
    q = decimal.Decimal(1).scaleb(-digits)
    how = decimal.ROUND_DOWN if mode == "truncate" else decimal.ROUND_HALF_UP
    return float(d.quantize(q, rounding=how))


def run_set(cloudvet, src, out, *extra, files=None):
    """evaluate into `out` with json, csv and ndjson; returns (code,
    report, csv rows, ndjson lines) or None when no report was written."""
    code, _ = common.evaluate(cloudvet, src, out, "--format",
                              "json,csv,ndjson", *extra, files=files)
    path = os.path.join(out, "report.json")
    if not os.path.exists(path):
        print(f"evaluate {' '.join(extra)} wrote no report (exit {code})",
              file=sys.stderr)
        return None
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    with open(os.path.join(out, "report.csv"), "rb") as f:
        text = f.read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    with open(os.path.join(out, "report.ndjson"), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    return code, report, rows, lines


# ---- without --tender and --decisions --------------------------------------

def check_absent(t, got):
    _, report, rows, lines = got
    method = report.get("method")
    t.check(isinstance(method, dict) and "sha256" in method,
            "report.json has method.sha256 without a tender")
    t.check(method is None or method.get("sha256") is None or
            HEX64.fullmatch(method["sha256"] or ""),
            "method.sha256 is 64 hex digits (or null)")
    # (a sensitivity of the technical ranking may be there: docs/report.md)
    t.check("tender" not in report, "no top-level tender without --tender")
    for s in report["submissions"]:
        t.check("award" not in s, f"{s['file']}: no award without --tender")
        t.check("decisions" not in s,
                f"{s['file']}: no decisions without --decisions")
        t.check(all("decision" not in r for r in s["results"]),
                f"{s['file']}: no decided result without --decisions")
        t.check(isinstance(s["tender"], (dict, type(None))),
                f"{s['file']}: the bid's own tender is kept")
    t.check(rows and rows[0][:len(BASE_COLUMNS)] == BASE_COLUMNS and
            not set(AWARD_COLUMNS) & set(rows[0]),
            "CSV without --tender/--decisions has none of the new columns")
    for line in lines:
        t.check("award" not in line and "decisions" not in line and
                "method" not in line,
                f"ndjson {line.get('file')}: nothing of the award")


# ---- with both -------------------------------------------------------------

def check_tender_head(t, report, tender_path):
    tender = report.get("tender")
    if not ok(t, isinstance(tender, dict), "report.json has tender"):
        return None
    with open(tender_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    t.check(tender.get("sha256") == digest,
            "tender.sha256 is the tender file's SHA-256")
    t.check(HEX64.fullmatch(report["method"].get("sha256") or ""),
            "method.sha256 is set with a tender")
    for key in ("id", "title", "file", "method_sha256", "profile", "method",
                "points", "formula", "division_scale", "ceiling",
                "lowest_price", "tax", "rounding", "tie_break", "minimum"):
        t.check(key in tender, f"tender.{key} is present")
    t.check(tender.get("method") in ("technical-only", "additive",
                                     "division"), "tender.method is a word")
    t.check(tender.get("profile", {}).get("id") == report["profile"]["id"],
            "tender.profile.id is the report's profile")
    for part in ("technical", "price", "total"):
        rule = tender.get("rounding", {}).get(part, {})
        t.check(rule.get("mode") in ("none", "truncate", "round-half-up") and
                isinstance(rule.get("digits"), int),
                f"tender.rounding.{part} has mode and digits")
    return tender


def expected_price_raw(tender, price):
    share = tender["points"]["price"]
    if tender["formula"] == "from-ceiling":
        return share * (1 - price / tender["ceiling"])
    return share * tender["lowest_price"] / price


def check_award_figures(t, tender, s):
    a = s["award"]
    name = os.path.basename(s["file"])
    t.check(a["state"] in STATES, f"{name}: award.state is a word")
    rnd = tender["rounding"]
    if s["max_score"]:
        t.check(close(a["technical_raw"],
                      s["score"] / s["max_score"] *
                      tender["points"]["technical"], 0.01),
                f"{name}: technical_raw = score / max_score x "
                f"{tender['points']['technical']}")
    t.check(close(a["technical"], rounded(rnd["technical"],
                                          a["technical_raw"])),
            f"{name}: technical is technical_raw rounded "
            f"({a['technical']} from {a['technical_raw']})")
    over = (a["price"] is not None and tender["ceiling"] is not None and
            a["price"] > tender["ceiling"])
    t.check(not over or a["state"] in ("over_ceiling", "not_qualified"),
            f"{name}: a price above the ceiling is never ranked")
    if s["verdict"] != "qualified":
        t.check(a["state"] == "not_qualified",
                f"{name}: a bid that does not qualify is not_qualified")
    if a["state"] == "ranked" and tender["method"] == "additive":
        t.check(close(a["price_raw"], expected_price_raw(tender, a["price"])),
                f"{name}: price_raw by the {tender['formula']} formula "
                f"({a['price_raw']})")
        t.check(close(a["price_points"], rounded(rnd["price"],
                                                 a["price_raw"])),
                f"{name}: price_points is price_raw rounded")
    if a["state"] != "ranked":
        t.check(a["rank"] is None and a["total"] is None and
                a["price_points"] is None and a["reason"],
                f"{name}: an unranked bid has no rank, 価格点 or total, and "
                f"a reason")
        t.check(s["rank"] is None, f"{name}: submission rank null too")
        return
    if tender["method"] == "additive":
        want = a["technical"] + a["price_points"]
    elif tender["method"] == "division":
        want = a["technical"] / a["price"] * tender["division_scale"]
    else:
        want = a["technical"]
    t.check(close(a["total_raw"], want),
            f"{name}: total_raw {a['total_raw']} = {want} by "
            f"{tender['method']}")
    t.check(close(a["total"], rounded(rnd["total"], a["total_raw"])),
            f"{name}: total is total_raw rounded")
    t.check(isinstance(a["rank"], int) and a["rank"] >= 1,
            f"{name}: a ranked bid has a rank")
    t.check(s["rank"] == a["rank"],
            f"{name}: the submission's rank is the award rank")
    t.check(isinstance(a["arithmetic"], str) and a["arithmetic"],
            f"{name}: the arithmetic is written out")


def check_award(t, report, tender_path):
    tender = check_tender_head(t, report, tender_path)
    if tender is None:
        return
    ranked = []
    for s in report["submissions"]:
        a = s.get("award")
        if not ok(t, isinstance(a, dict) and
                       all(k in a for k in AWARD_MEMBERS),
                       f"{s['file']}: award has every member"):
            continue
        check_award_figures(t, tender, s)
        if a["state"] == "ranked":
            ranked.append(a)
    t.check(len(ranked) >= 2, f"two or more bids are ranked ({len(ranked)})")
    for x in ranked:
        for y in ranked:
            if x["total"] > y["total"] + EPS:
                t.check(x["rank"] < y["rank"],
                        f"a higher total ranks first ({x['total']} rank "
                        f"{x['rank']}, {y['total']} rank {y['rank']})")
    t.check(sorted(a["rank"] for a in ranked)[0] == 1 if ranked else True,
            "the first rank is 1")
    check_sensitivity(t, report, ranked)


def check_sensitivity(t, report, ranked):
    sens = report.get("sensitivity")
    if len(ranked) < 2:
        return
    if not ok(t, isinstance(sens, dict), "report.json has sensitivity"):
        return
    files = {s["file"]: s for s in report["submissions"]}
    first = files.get(sens.get("first"), {}).get("award", {})
    second = files.get(sens.get("second"), {}).get("award", {})
    t.check(first.get("rank") == 1, "sensitivity.first is ranked first")
    if first.get("total") is not None and second.get("total") is not None:
        t.check(close(sens["margin"], first["total"] - second["total"], 0.01),
                f"margin {sens['margin']} = first - second total")
    t.check(isinstance(sens.get("fragile"), bool), "fragile is a boolean")
    cases = sens.get("cases", [])
    t.check(len(cases) > 0, "sensitivity lists its cases")
    for c in cases:
        t.check(c.get("delta_percent") in (-20, -10, 10, 20) and
                c.get("winner") in files and
                (c["winner"] != sens["first"]) == c["winner_changed"],
                f"case {c.get('criterion')} {c.get('delta_percent')}: "
                f"winner and winner_changed agree")
    moving = {c["criterion"] or "split" for c in cases if c["winner_changed"]}
    t.check(set(sens.get("depends_on", [])) == moving,
            "depends_on names exactly the changes that move first place")
    small = any(c["winner_changed"] and abs(c["delta_percent"]) <= 10
                for c in cases)
    t.check(sens["fragile"] == small,
            "fragile exactly when a ±10 % change moves first place")


def check_decided_result(t, s, r, partial_share=0.5):
    d = r["decision"]
    name = f"{os.path.basename(s['file'])} {r['id']}"
    for key in ("status", "tool_status", "tool_points", "by", "on",
                "reason"):
        t.check(key in d, f"{name}: decision.{key} is present")
    t.check(r["status"] == d["status"] and
            d["status"] in ("met", "not_met", "partial"),
            f"{name}: the status is the decision ({r['status']})")
    if d["status"] == "met":
        t.check(close(r["points"], r["max_points"]),
                f"{name}: decided met earns the weight")
    elif d["status"] == "not_met":
        t.check(close(r["points"], 0.0), f"{name}: decided not_met earns 0")
    else:
        t.check(close(r["points"], r["max_points"] * partial_share, 0.01),
                f"{name}: decided partial earns the partial share")
    if r["mandatory"] and d["status"] == "not_met":
        t.check(s["verdict"] == "disqualified",
                f"{name}: a mandatory criterion decided not_met "
                f"disqualifies")


def check_decisions(t, report):
    applied = stale = decided = 0
    for s in report["submissions"]:
        by_id = {r["id"]: r for r in s["results"]}
        notes = s.get("decisions", [])
        ok_ids = set()
        for n in notes:
            name = f"{os.path.basename(s['file'])} {n.get('criterion')}"
            for key in ("criterion", "decision", "by", "on", "reason",
                        "fate", "message"):
                t.check(key in n, f"{name}: decisions[].{key} is present")
            t.check(n.get("fate") in FATES, f"{name}: fate is a word")
            if n.get("fate") == "applied":
                applied += 1
                ok_ids.add(n["criterion"])
                r = by_id.get(n["criterion"])
                t.check(r is not None and "decision" in r and
                        r["decision"]["status"] == n["decision"] and
                        r["decision"]["by"] == n["by"],
                        f"{name}: an applied decision shows on its result")
            else:
                stale += 1
                t.check(bool(n.get("message")),
                        f"{name}: a decision not applied says why")
        for r in s["results"]:
            if "decision" in r:
                decided += 1
                t.check(r["id"] in ok_ids,
                        f"{s['file']} {r['id']}: a decided result has an "
                        f"applied decision")
                check_decided_result(t, s, r)
        if s["results"]:
            total = round(sum(r["points"] for r in s["results"]), 2)
            t.check(close(s["score"], total, 0.011),
                    f"{s['file']}: the score is the sum of the points "
                    f"after the decisions ({s['score']} vs {total})")
    t.check(applied > 0 and decided == applied,
            f"decisions were applied ({applied}) and shown ({decided})")
    print(f"decisions: {applied} applied, {stale} not applied")


def figure(cell):
    return float(cell) if cell != "" else None


def check_csv(t, report, rows):
    header = rows[0]
    t.check(header[:len(BASE_COLUMNS)] == BASE_COLUMNS,
            "CSV keeps its columns first")
    t.check(header[-len(AWARD_COLUMNS):] == AWARD_COLUMNS,
            "CSV ends with the award and decision columns")
    body = [dict(zip(header, r)) for r in rows[1:]]
    t.check(all(len(r) == len(header) for r in rows[1:]),
            "every CSV row has every column")
    subs = {s["file"]: s for s in report["submissions"]}
    for row in body:
        s = subs.get(row["file"])
        if not ok(t, s is not None, f"CSV row of {row['file']} is a bid"):
            continue
        a = s["award"]
        where = f"CSV {os.path.basename(row['file'])} {row['id']}"
        t.check(row["award_state"] == a["state"],
                f"{where}: award_state")
        t.check(row["price"] == ("" if a["price"] is None
                                 else str(a["price"])), f"{where}: price")
        for col, key in (("technical_points", "technical"),
                         ("price_points", "price_points"),
                         ("total_points", "total")):
            got, want = figure(row[col]), a[key]
            t.check((got is None and want is None) or close(got, want, 1e-9),
                    f"{where}: {col} {row[col]!r} is award.{key} {want}")
        t.check(row["award_rank"] == ("" if a["rank"] is None
                                      else str(a["rank"])),
                f"{where}: award_rank")
        t.check(row["rank"] == ("" if s["rank"] is None else str(s["rank"])),
                f"{where}: rank is the award rank")
        r = next((x for x in s["results"] if x["id"] == row["id"]), None)
        d = r.get("decision") if r else None
        t.check(row["decided"] == ("yes" if d else ""), f"{where}: decided")
        if d:
            t.check(row["status"] == r["status"] and
                    row["tool_status"] == d["tool_status"] and
                    row["decided_on"] == (d["on"] or "") and
                    close(float(row["points"]), r["points"], 0.005),
                    f"{where}: the decision's columns are report.json's")
            t.check(row["decided_by"].lstrip("'") == (d["by"] or "")[:100] or
                    len(d["by"] or "") > 100,
                    f"{where}: decided_by")
        else:
            t.check(row["tool_status"] == "" and row["decided_by"] == "",
                    f"{where}: no decision, empty decision columns")


def check_ndjson(t, report, lines):
    by_file = {s["file"]: s for s in report["submissions"]}
    for line in lines:
        s = by_file.get(line["file"], {})
        t.check("award" not in line and "sensitivity" not in line and
                line["rank"] is None,
                f"ndjson {line['file']}: nothing of the award, rank null")
        t.check(line.get("decisions") == s.get("decisions"),
                f"ndjson {line['file']}: decisions as in report.json")
        t.check([r.get("decision") for r in line["results"]] ==
                [r.get("decision") for r in s.get("results", [])],
                f"ndjson {line['file']}: decided results as in report.json")


HOSTILE_BY = "=HYPERLINK(\"http://x.invalid\")" + "委" * 150
HOSTILE_REASON = "+cmd|' /C calc'!A0\n\"quoted\" \u202eevil"


def hostile_decisions(src_path, dst_path):
    """The example decisions with the committee's text made hostile (a
    formula, quotes, a new line, a bidi override, an over-long name) and
    the first decision's submission hash changed, so it is stale. The
    hashes of the others are untouched: they still apply. Returns the
    (file, criterion) of the stale one, or None."""
    with open(src_path, encoding="utf-8") as f:
        data = json.load(f)
    items = data.get("decisions", [])
    stale = None
    for i, d in enumerate(items):
        d["by"], d["reason"] = HOSTILE_BY, HOSTILE_REASON
        if i == 0 and "submission_sha256" in d:
            d["submission_sha256"] = "0" * 64
            stale = (os.path.basename(d["file"]), d["criterion"])
    with open(dst_path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return stale


def check_hostile(t, got, stale):
    _, report, rows, _ = got
    header = rows[0]
    body = [dict(zip(header, r)) for r in rows[1:]]
    decided = [r for r in body if r.get("decided") == "yes"]
    t.check(len(decided) > 0, "hostile decisions still apply")
    for row in decided:
        where = f"CSV {os.path.basename(row['file'])} {row['id']}"
        t.check(row["decided_by"].startswith("'="),
                f"{where}: a formula in decided_by is neutralised")
        t.check(row["decision_reason"].startswith("'+"),
                f"{where}: a formula in decision_reason is neutralised")
        t.check("\u202e" not in row["decision_reason"] and
                "[U+202E]" in row["decision_reason"],
                f"{where}: a bidi override is shown, not obeyed")
        t.check(len(row["decided_by"]) < len(HOSTILE_BY),
                f"{where}: an over-long name is cut")
    found = False
    for s in report["submissions"]:
        for r in s["results"]:
            d = r.get("decision")
            if d:
                t.check(d["by"] == HOSTILE_BY and d["reason"] ==
                        HOSTILE_REASON,
                        f"{s['file']} {r['id']}: report.json keeps the "
                        f"committee's text whole")
        for n in s.get("decisions", []):
            if stale and (os.path.basename(s["file"]), n["criterion"]) == \
                    stale and n["fate"] == "stale_submission":
                found = True
                r = next(x for x in s["results"] if x["id"] == n["criterion"])
                t.check("decision" not in r or
                        r["decision"]["by"] != HOSTILE_BY or
                        any(m["criterion"] == n["criterion"] and
                            m["fate"] == "applied"
                            for m in s["decisions"]),
                        f"{s['file']} {n['criterion']}: a stale decision "
                        f"is not applied")
    if stale:
        t.check(found, f"the decision on {stale} whose bid changed is "
                f"listed as stale_submission")


def main():
    if len(sys.argv) not in (3, 5):
        print(__doc__, file=sys.stderr)
        return 2
    cloudvet, src = sys.argv[1], sys.argv[2]
    award = os.path.join(src, "examples", "award")
    tender, decisions = (sys.argv[3:5] if len(sys.argv) == 5 else
                         (os.path.join(award, "tender.json"),
                          os.path.join(award, "decisions.json")))
    t = common.Failures()
    samples = os.path.join(src, "samples")
    with tempfile.TemporaryDirectory() as tmp:
        got = run_set(cloudvet, src, os.path.join(tmp, "plain"),
                      files=[os.path.join(samples,
                                          "01-qualified-sakura.json"),
                             os.path.join(samples, "02-backup-abroad.xml")])
        if ok(t, got is not None, "evaluate without a tender writes"):
            check_absent(t, got)
        missing = [p for p in (tender, decisions) if not os.path.exists(p)]
        if missing:
            print("SKIP the award checks: " + ", ".join(
                os.path.relpath(p, src) for p in missing) + " not there "
                "yet (only the run without a tender was checked)")
            code = t.finish()
            return code or 77
        files = sorted(os.path.join(samples, f) for f in os.listdir(samples)
                       if f.endswith((".json", ".xml")))
        got = run_set(cloudvet, src, os.path.join(tmp, "award"),
                      "--tender", tender, "--decisions", decisions,
                      files=files)
        if ok(t, got is not None, "evaluate --tender --decisions writes"):
            _, report, rows, lines = got
            check_award(t, report, tender)
            check_decisions(t, report)
            check_csv(t, report, rows)
            check_ndjson(t, report, lines)
        hostile = os.path.join(tmp, "hostile-decisions.json")
        stale = hostile_decisions(decisions, hostile)
        got = run_set(cloudvet, src, os.path.join(tmp, "hostile"),
                      "--tender", tender, "--decisions", hostile,
                      files=files)
        if ok(t, got is not None, "evaluate with hostile decisions writes"):
            check_hostile(t, got, stale)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
