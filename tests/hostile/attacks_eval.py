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
