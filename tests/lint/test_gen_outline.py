#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tools/gen-outline.py: the outline of a text, --write and --check.

usage: test_gen_outline.py SOURCE_DIR              small texts written here
       test_gen_outline.py SOURCE_DIR --seeds DIR  criteria/documents.json
                                                   against the real texts;
                                                   exit 77 (skipped) without DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77
passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (what, ("\n  " + detail) if detail else ""), file=sys.stderr)


def tool(src, *args):
    return subprocess.run([sys.executable, os.path.join(src, "tools", "gen-outline.py")]
                          + list(args), capture_output=True, text=True)


def outline_of(src, tmp, text, name="000_x.txt"):
    d = tempfile.mkdtemp(dir=tmp)
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)
    r = tool(src, d)
    if r.returncode != 0:
        return {"error": r.stderr}
    return json.loads(r.stdout)["documents"][0]["outline"]


def expect_outline(src, tmp, what, text, want):
    got = outline_of(src, tmp, text)
    check(got == want, what, "got  %s\n  want %s" % (json.dumps(got, ensure_ascii=False),
                                                  json.dumps(want, ensure_ascii=False)))


def texts(src, tmp):
    expect_outline(src, tmp, "ア belongs to the nearest ①", (
        "1 要件\n\n(1) 基本\n\n- ① 一つ目\n- ア 細目\n- イ 細目\n② 二つ目\n(2) 次\n"
        "① 別の一つ目\n"),
        {"1": {"(1)": {"①": {"ア": {}, "イ": {}}, "②": {}}, "(2)": {"①": {}}}})
    expect_outline(src, tmp, "(ア) under ア, キ back under ③", (
        "1 運用\n(1) 委託\n③ 措置\nカ 契約\n(ア) 遵守\n（イ） 責任者\nキ 確認\n"),
        {"1": {"(1)": {"③": {"カ": {"(ア)": {}, "(イ)": {}}, "キ": {}}}}})
    expect_outline(src, tmp, "a wrapped line starting with a number is text", (
        "1 目的\n本文は\n2020 年に定めた。\n2 用語\n- (1) 職員\n5 通を作成する\n3 範囲\n"),
        {"1": {}, "2": {"(1)": {}}, "3": {}})
    expect_outline(src, tmp, "a wrapped line starting with katakana is text", (
        "(6) 接続には、ファイ\n\nアウォールを構築する。\n(7) 次\n（注）：注記\n"),
        {"(6)": {}, "(7)": {}})
    expect_outline(src, tmp, "第N sections with paragraphs; the cover letter left out", (
        "1 対象となる契約\n2 追加条項文\n第〇〇条 乙は\n別添\n第1 趣旨\n本文\n"
        "第 11 アクセス制限\n1 利用者管理\n- (1) 登録\n(10) 権限\n2 権限のない者\n"
        "第12 交換\n（1）手順\n"),
        {"第1": {}, "第11": {"1": {"(1)": {}, "(10)": {}}, "2": {}}, "第12": {"(1)": {}}})
    expect_outline(src, tmp, "procedure headings, articles, then numbers again", (
        "物理的セキュリティ\n\nデータのバックアップをする場合\n\n<手順>\n\n・定期的に行う。\n\n"
        "覚書\n（データの提供）\n第1条 甲は\n第2条 乙は\n共通実施手順\n1 外部記録媒体\n"
        "- (1) 禁止\n2 役割\n"),
        {"データのバックアップをする場合": {}, "第1条": {}, "第2条": {},
         "1": {"(1)": {}}, "2": {}})
    expect_outline(src, tmp, "a label repeated under one parent is one entry", (
        "1 技術\n- ⑦ 次のソフト\n - ア 資産管理\n - イ ウイルス対策\n - ア 別製品\n"
        "- ⑧ 次の情報\n"),
        {"1": {"⑦": {"ア": {}, "イ": {}}, "⑧": {}}})
    expect_outline(src, tmp, "1. numbering", "1. 基本事項\n本文\n2. 情報の分類\n",
                   {"1": {}, "2": {}})


def write_and_check(src, tmp):
    seeds = os.path.join(tmp, "seeds")
    os.mkdir(seeds)
    with open(os.path.join(seeds, "000_a.txt"), "w", encoding="utf-8") as f:
        f.write("1 目的\n2 要件\n(1) 基本\n① 認証\n")
    with open(os.path.join(seeds, "001_b.txt"), "w", encoding="utf-8") as f:
        f.write("第1 趣旨\n第2 範囲\n(1) 対象\n")
    docs = os.path.join(tmp, "documents.json")
    standard = {"title": "S", "kind": "standard", "issuer": "I", "source": "「S」"}
    with open(docs, "w", encoding="utf-8") as f:
        json.dump({"format": "cloudvet-documents/1", "documents": [
            {"title": "A", "kind": "seed", "issuer": "a", "seed": "000"},
            {"title": "B", "kind": "seed", "issuer": "b", "seed": "001"},
            standard]}, f, ensure_ascii=False)
    r = tool(src, seeds, "--write", docs)
    check(r.returncode == 0, "--write", r.stderr)
    with open(docs, encoding="utf-8") as f:
        written = f.read()
    d = json.loads(written)["documents"]
    check(d[0]["outline"] == {"1": {}, "2": {"(1)": {"①": {}}}}, "--write: outline of 000")
    check(len(d[0]["sha256"]) == 64 and d[1]["outline"] == {"第1": {}, "第2": {"(1)": {}}},
          "--write: sha256 and outline of 001")
    check(d[2] == standard, "--write leaves a standard as it was")
    check('"(1)": { "①": {} }' in written, "--write: a list of leaves on one line", written)
    r = tool(src, seeds, "--write", docs)
    with open(docs, encoding="utf-8") as f:
        check(f.read() == written, "--write twice writes the same bytes")
    r = tool(src, seeds, "--check", docs)
    check(r.returncode == 0, "--check after --write", r.stderr)

    with open(os.path.join(seeds, "000_a.txt"), "a", encoding="utf-8") as f:
        f.write("② 追加\n")
    r = tool(src, seeds, "--check", docs)
    check(r.returncode == 1, "--check after the text changed fails")
    check("000: sha256" in r.stderr, "--check names the hash", r.stderr)
    check("000: 2(1)② is in the text, not in the outline" in r.stderr,
          "--check names the new clause", r.stderr)
    check("--write" in r.stderr, "--check says how to regenerate", r.stderr)
    r = tool(src, os.path.join(tmp, "empty"), "--check", docs)
    check(r.returncode != 0, "--check without texts fails")


def real(src, seeds_dir, tmp):
    docs = os.path.join(src, "criteria", "documents.json")
    r = tool(src, seeds_dir, "--check", docs)
    check(r.returncode == 0, "documents.json agrees with the seed texts", r.stderr)
    copy = os.path.join(tmp, "documents.json")
    shutil.copy(docs, copy)
    r = tool(src, seeds_dir, "--write", copy)
    with open(docs, "rb") as a, open(copy, "rb") as b:
        check(r.returncode == 0 and a.read() == b.read(),
              "documents.json is exactly what --write writes", r.stderr)

    # One clause line removed from a copy of a text: --check names it.
    seeds = os.path.join(tmp, "seeds")
    shutil.copytree(seeds_dir, seeds)
    name = next(n for n in sorted(os.listdir(seeds)) if n.startswith("002_"))
    path = os.path.join(seeds, name)
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(l for l in lines if not l.startswith("⑬"))
    r = tool(src, seeds, "--check", docs)
    check(r.returncode == 1 and "002: 5(1)⑬ is in the outline, not in the text" in r.stderr,
          "--check names a clause gone from the text", r.stderr)


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--seeds"):
        print(__doc__, file=sys.stderr)
        return 2
    src = argv[1]
    seeds_dir = argv[3] if len(argv) == 4 else None
    if seeds_dir and not os.path.isdir(seeds_dir):
        print("skipped: the source documents' texts are not at %s; they are "
              "optional (configure with -DCV_SEEDS_DIR=DIR to run this "
              "test)" % seeds_dir)
        return SKIPPED
    with tempfile.TemporaryDirectory() as tmp:
        if seeds_dir:
            real(src, seeds_dir, tmp)
        else:
            os.mkdir(os.path.join(tmp, "empty"))
            texts(src, tmp)
            write_and_check(src, tmp)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
