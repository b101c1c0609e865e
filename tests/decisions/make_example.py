#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""examples/award/decisions.json: the committee's decisions on sample 07
(its claimed items, after a hearing) and sample 10 (its pending item),
with the real hashes, plus one deliberately stale decision.

  make_example.py HASH_HELPER REPO          writes the file
  make_example.py --check HASH_HELPER REPO  fails when it is out of date

The hashes are the submissions' SHA-256 and cv_method_criterion_sha256 of
this build: when a criterion (or how it is hashed) changes, the example
must be written again with the first form, which this test says.
"""
import json
import os
import subprocess
import sys

S07 = "samples/07-answers-only.json"
S10 = "samples/10-conditional-iij.json"
BY = "審査委員会 (委員長 佐藤)"
ON = "2026-11-25"

# Sample 07 answered yes everywhere with no facts. After the hearing of
# 2026-11-24 the committee saw the documents for most items; one it found
# only partly shown, one (not mandatory) not shown at all.
PARTIAL_07 = "CLOUD-RECOVERY"
STALE_10 = "CLOUD-NO-SECONDARY-USE"
NOT_MET_07 = "CLOUD-THREATS"
REASONS = {
    "met": "ヒアリング (2026-11-24) で提示された証跡を確認した",
    "partial": "復旧手順書は提示されたが、復旧目標の記載が一部のシステムに"
               "限られていた",
    "not_met": "脅威情報の共有の体制について、ヒアリングでも説明と証跡が"
               "なかった",
}


def rows(helper, repo):
    out = subprocess.run([helper, os.path.join(repo, "criteria"),
                          os.path.join(repo, S07), os.path.join(repo, S10)],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line]


def decision(row, file, word, reason=None):
    return {
        "file": file,
        "submission_sha256": row["submission_sha256"],
        "criterion": row["criterion"],
        "criterion_sha256": row["criterion_sha256"],
        "decision": word,
        "by": BY,
        "on": ON,
        "reason": reason or REASONS[word],
    }


def build(helper, repo):
    decisions = []
    for row in rows(helper, repo):
        name = os.path.basename(row["file"])
        if name == os.path.basename(S07) and row["status"] == "claimed":
            word = ("partial" if row["criterion"] == PARTIAL_07 else
                    "not_met" if row["criterion"] == NOT_MET_07 else "met")
            decisions.append(decision(row, S07, word))
        elif name == os.path.basename(S10) and row["status"] == "claimed":
            if row["mandatory"]:
                decisions.append(decision(
                    row, S10, "met",
                    "東京リージョンの所在を示す契約書の別紙を確認した"))
            elif row["criterion"] == STALE_10:
                # Deliberately stale: made on the first round's bytes, so
                # the report lists it as not applied.
                stale = decision(row, S10, "met",
                                 "第 1 回提出の資料で確認した (第 2 回提出の前)")
                stale["submission_sha256"] = "0" * 64
                decisions.append(stale)
    return {
        "format": "cloudvet-decisions/1",
        "tender": "R8-DX-0217",
        "committee": "クラウドサービス調達 技術審査委員会",
        "decisions": decisions,
    }


def main(argv):
    check = argv[1:2] == ["--check"]
    args = argv[2:] if check else argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    helper, repo = args
    text = json.dumps(build(helper, repo), ensure_ascii=False, indent=2) + "\n"
    path = os.path.join(repo, "examples", "award", "decisions.json")
    if not check:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {path}")
        return 0
    try:
        with open(path, encoding="utf-8") as f:
            current = f.read()
    except OSError as e:
        print(f"FAIL {path}: {e}\n0 passed, 1 failed")
        return 1
    if current != text:
        print(f"FAIL {path} is out of date with the hashes of this build: "
              f"run tests/decisions/make_example.py {helper} {repo}\n"
              "0 passed, 1 failed")
        return 1
    print(f"ok   {path} has the hashes of this build\n1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
