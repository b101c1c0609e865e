# SPDX-License-Identifier: MIT
# attacks_eval.py: hostile inputs for the evaluator itself: work that grows
# faster than the input (issue 13: 60 000 answers took 418 s, because each
# answer was compared with every one before it).
# Exec'd into test_hostile.py's namespace: attack, Case, AS_OF ... are its.


@attack
def eval_many_answers(case):
    doc = json.load(open(case.good, encoding="utf-8"))
    real = doc["answers"]
    unknown = [{"id": f"X-{i}", "response": "yes"} for i in range(60000)]
    repeats = [{"id": real[i % len(real)]["id"], "response": "no"}
               for i in range(60000)]
    # Interleaved, so both warnings come before the diagnostics' cap.
    doc["answers"] = real + [a for pair in zip(unknown, repeats) for a in pair]
    f = case.write("many-answers.json", json.dumps(doc, ensure_ascii=False))
    run = case.run([case.good, f], "--max-nodes", "2000000", trace=False)
    case.check(run.code == 0, f"exit 0 ({run.code}): {run.stderr[-300:]!r}")
    s = run.sub("many-answers.json")
    case.check(s is not None and s["verdict"] == "qualified",
               "the first answer of each criterion is the one evaluated, "
               "so the bid keeps its verdict")
    msgs = [d["message"] for d in s["diagnostics"]] if s else []
    case.check(any("is not a criterion of this profile" in m for m in msgs),
               "an unknown answer id is named")
    case.check(any("given twice" in m for m in msgs),
               "a repeated answer is named")
    # Sorting, not comparing all pairs: well under a second in a release
    # build; the sanitizers' build gets more room.
    slack = 5 if os.environ.get("ASAN_OPTIONS") else 1
    if slack > 1:
        print("note: under the sanitizers the time bound is 5x")
    case.expect_fast(run, 10.0 * slack)
    case.expect_good_evaluated(run)


def _certified_copies(case, n, same_holder):
    doc = json.load(open(case.good, encoding="utf-8"))
    cert = doc["certifications"][0]
    certs = []
    for i in range(n):
        c = dict(cert)
        if not same_holder and i == n - 1:
            c["holder"] = "別会社株式会社"  # the number given for another
        certs.append(c)
    doc["certifications"] = certs
    return doc


def _cert_status(sub):
    for r in (sub or {}).get("results", []):
        if r["id"] == "CLOUD-CERT":
            return r["status"]
    return None


@attack
def eval_many_certifications(case):
    # One number written 1 000 times: each entry is cross-checked with
    # every other (a number belongs to one service). That took a minute
    # for 3 000 entries while every pair folded its names again; with
    # the names folded once per check it is a fraction of a second, and
    # the last entry's other holder is still found.
    doc = _certified_copies(case, 1000, same_holder=False)
    f = case.write("many-certs.json", json.dumps(doc, ensure_ascii=False))
    run = case.run([case.good, f], "--max-nodes", "2000000", trace=False)
    s = run.sub("many-certs.json")
    case.check(_cert_status(s) == "contradicted",
               f"a number given for another holder is still found among "
               f"1 000 entries: {_cert_status(s)}")
    slack = 5 if os.environ.get("ASAN_OPTIONS") else 1
    if slack > 1:
        print("note: under the sanitizers the time bound is 5x")
    case.expect_fast(run, 5.0 * slack)
    case.expect_good_evaluated(run)


@attack
def eval_too_many_certifications(case):
    # Past the named limit (1 000 entries) the entries are not
    # cross-checked at all, so the criterion is never met on them: a
    # person confirms (claimed), and the run stays fast.
    doc = _certified_copies(case, 3000, same_holder=True)
    f = case.write("too-many-certs.json", json.dumps(doc, ensure_ascii=False))
    run = case.run([case.good, f], "--max-nodes", "2000000", trace=False)
    s = run.sub("too-many-certs.json")
    case.check(_cert_status(s) == "claimed",
               f"3 000 certifications: CLOUD-CERT is claimed, not met "
               f"({_cert_status(s)})")
    slack = 5 if os.environ.get("ASAN_OPTIONS") else 1
    case.expect_fast(run, 5.0 * slack)
    case.expect_good_evaluated(run)
