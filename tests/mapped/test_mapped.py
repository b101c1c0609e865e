#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_mapped.py: check sheets read through a declared mapping.

    test_mapped.py CV_DUMP_MAPPED CLOUDVET SRC_DIR [CASE...]
    test_mapped.py CV_DUMP_MAPPED CLOUDVET SRC_DIR --libreoffice

Every workbook is written here (tests/registry/workbook.py, standard
library only); the CAIQ ones carry their own question text, never CSA's
(its licence forbids redistributing it), with the real structure and ids.
cv_dump_mapped (dump_mapped.c) prints the raw tree the workbook readers
build, each value with its cell, and, with --results, the results through
the public API; `cloudvet check` and `cloudvet evaluate` are run on the
same files for what a vendor and a committee see. Prints "N passed, N
failed". --libreoffice re-saves one fixture with LibreOffice and checks
that it reads the same (exit 77, a skip, without soffice).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
import workbook  # noqa: E402

DUMP = CLOUDVET = SRC = TMP = None
CRITERIA = None
CASES = []
AS_OF = "2026-11-21"
SANITIZED = bool(os.environ.get("ASAN_OPTIONS"))


def case(fn):
    CASES.append(fn)
    return fn


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))


def ok(cond, what):
    if not cond:
        raise AssertionError(what)


class Dump:
    def __init__(self, out, code):
        self.code = code
        self.values = {}      # path -> (value, cell)
        self.results = {}     # id -> result line
        self.diags = []
        self.head = None
        self.status = None
        for line in out.splitlines():
            obj = json.loads(line)
            if "result" in obj:
                self.results[obj["result"]] = obj
            elif "verdict" in obj:
                self.head = obj
            elif "status" in obj:
                self.status = obj["status"]
            elif "diag" in obj:
                self.diags.append(obj["diag"])
            elif "value" in obj:
                self.values[obj["path"]] = (obj["value"], obj["cell"])

    def value(self, path):
        return self.values.get(path, (None, None))[0]

    def cell(self, path):
        return self.values.get(path, (None, None))[1]

    def diag(self, severity, needle, path=None):
        """The first diagnostic of `severity` whose message has `needle`
        (and whose path is `path`, when given)."""
        for d in self.diags:
            if d["severity"] == severity and needle in d["message"] and \
                    (path is None or d["path"] == path):
                return d
        return None

    def answer(self, criterion):
        """The answers[i] prefix whose id is `criterion`."""
        for path, (value, _) in self.values.items():
            if path.startswith("answers[") and path.endswith("].id") and \
                    value == criterion:
                return path[:-3]
        return None


def dump(path, *args, lang="en"):
    proc = subprocess.run([DUMP, CRITERIA, "--lang", lang, *args, path],
                          capture_output=True, timeout=120)
    if proc.returncode not in (0, 1):
        raise AssertionError("cv_dump_mapped exited %d: %s"
                             % (proc.returncode, proc.stderr.decode()))
    return Dump(proc.stdout.decode("utf-8"), proc.returncode)


def cloudvet(*args):
    proc = subprocess.run([CLOUDVET, "--criteria", CRITERIA, *args],
                          capture_output=True, timeout=120)
    return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"))


def write(name, sheets):
    path = os.path.join(TMP, name)
    workbook.write_xlsx(path, sheets)
    return path


def write_json(name, obj):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)
    return path


def text(s, inline):
    return {"inline": s} if inline else s


# ---- (a) the example municipality sheet --------------------------------

MUNI_TITLE = "クラウドサービス セキュリティチェックシート (cloudvet 記入例)"


def municipality_sheets(inline=False):
    t = lambda s: text(s, inline)  # noqa: E731
    rows = [
        [t(MUNI_TITLE)],
        [t("事業者名"), t("さくらテスト株式会社")],
        [],
        [t("No."), t("確認項目"), t("回答"), None, t("根拠資料")],
        [None, None, t("○△×"), t("説明"), None],
        [t("1. クラウドサービス")],
        [t("1-1"), t("認証の取得"), t("○"), t("ISMAP に登録済み"),
         t("ISMAP クラウドサービスリスト")],
        [t("1-2"), t("約款の公開"), t("△"), t("SLA は契約者のみに開示")],
        [t("1-3"), t("準拠法"), t("×")],
        [t("１-４"), t("データの所在"), t("◯"), t("東京と大阪のみ"),
         t("https://example.jp/regions")],
        [t("2-2"), t("多要素認証"), t("〇")],
        [t("3-1"), t("暗号"), t("有（AES-256 で保存時暗号化）")],
        [t("5-1"), t("設定ミスの防止"), t("済")],
        [t("6-2"), t("消去証明書"), t("○")],
        [t("9-9"), t("独自の項目"), t("○")],
    ]
    return [{"name": "チェックシート", "rows": rows,
             "merges": ["A1:E1", "C4:D4", "A4:A5", "B4:B5", "E4:E5"]}]


@case
def municipality_by_example_mapping():
    """(a) ○/△/× through the built-in example mapping, recognised by its
    title: answers with explanation and evidence, located at their cells."""
    for inline in (False, True):
        path = write("municipality-%d.xlsx" % inline,
                     municipality_sheets(inline))
        d = dump(path)
        eq(d.status, "ok", "status (inline=%s)" % inline)
        a = d.answer("CLOUD-CERT")
        ok(a, "an answer for CLOUD-CERT")
        eq(d.value(a + ".response"), "yes", "1-1 ○")
        eq(d.cell(a + ".response"), "チェックシート!C7", "1-1 cell")
        eq(d.value(a + ".explanation"), "ISMAP に登録済み", "1-1 explanation")
        eq(d.cell(a + ".explanation"), "チェックシート!D7", "explanation cell")
        eq(d.value(a + ".evidence[0].title"), "ISMAP クラウドサービスリスト",
           "1-1 evidence")
        eq(d.cell(a + ".evidence[0].title"), "チェックシート!E7", "evidence cell")
        eq(d.value(a + ".evidence[0].section"), "1-1", "evidence section")
        eq(d.value(d.answer("CLOUD-TERMS") + ".response"), "partial", "△")
        eq(d.value(d.answer("CLOUD-JURISDICTION") + ".response"), "no", "×")
        region = d.answer("CLOUD-REGION")
        ok(region, "full-width item number １-４ is item 1-4")
        eq(d.value(region + ".response"), "yes", "◯")
        eq(d.value(region + ".evidence[0].url"), "https://example.jp/regions",
           "a URL evidence")
        eq(d.value(d.answer("ACCESS-MFA") + ".response"), "yes", "〇")
        crypto = d.answer("CRYPTO-CRYPTREC")
        eq(d.value(crypto + ".response"), "yes", "有（…）: the word, then text")
        eq(d.value(crypto + ".explanation"), "有（AES-256 で保存時暗号化）",
           "the qualified answer is kept in the explanation")
        cfg = d.answer("CONFIG-ERROR-PREVENTION")
        eq(d.value(cfg + ".response"), None, "an unknown word is not read")
        ok(d.diag("warning", "'済'", "チェックシート!C13"),
           "an unknown answer word is a warning at its cell")
        eq(d.value("exit.deletion.certificate"), "true", "○ into a boolean fact")
        eq(d.cell("exit.deletion.certificate"), "チェックシート!C14", "fact cell")
        eq(d.value("vendor.name"), "さくらテスト株式会社", "vendor from the label")
        eq(d.cell("vendor.name"), "チェックシート!B2", "vendor cell")
        eq(d.value("service.name"), "municipality-%d" % inline,
           "service from the file name")
        ok(d.diag("note", "service.name", ""), "a note says where the name is from")
        unread = [x for x in d.diags if x["severity"] == "note" and
                  "9-9" in x["message"]]
        eq(len(unread), 1, "one note lists the unread items")
        eq(unread[0]["path"], "チェックシート", "the note is at the sheet")
        ok("1. クラウドサービス" not in unread[0]["message"],
           "a heading row is not an item")


@case
def municipality_results_and_cli():
    """(a) the same sheet evaluated: the verdict follows the answers; the
    CLI check prints each diagnostic at its cell; report.json keeps the
    answer's cell."""
    path = write("municipality.xlsx", municipality_sheets())
    d = dump(path, "--results")
    eq(d.status, "ok", "status")
    eq(d.results["CLOUD-TERMS"]["status"], "partial", "△ is partial")
    eq(d.results["CLOUD-JURISDICTION"]["status"], "not_met", "× is not met")
    eq(d.results["ACCESS-MFA"]["status"], "claimed", "a bare ○ is a claim")
    eq(d.results["CONFIG-ERROR-PREVENTION"]["status"], "unanswered",
       "an unknown word leaves the criterion unanswered")
    eq(d.head["vendor"], "さくらテスト株式会社", "vendor")
    code, out, err = cloudvet("--lang", "en", "check", "--as-of", AS_OF, path)
    ok(code in (0, 1, 6), "check ran (exit %d): %s" % (code, err))
    ok("チェックシート!C13" in out + err, "check names the cell of the warning")
    outdir = os.path.join(TMP, "out-muni")
    code, out, err = cloudvet("--lang", "en", "evaluate", "--as-of", AS_OF,
                              "--no-registry", "--format", "json", "--out",
                              outdir, path)
    ok(code in (0, 3), "evaluate ran (exit %d): %s" % (code, err))
    with open(os.path.join(outdir, "report.json"), encoding="utf-8") as f:
        rep = json.load(f)
    sub = rep["submissions"][0]
    res = {r["id"]: r for r in sub["results"]}
    eq(res["CLOUD-CERT"].get("explanation"), "ISMAP に登録済み", "explanation")
    eq(res["CLOUD-CERT"].get("answer_location"), "チェックシート!A7",
       "answer location is the item's cell")
    locs = [x["location"] for x in sub["diagnostics"]]
    ok(any(loc.startswith("チェックシート!C13") for loc in locs),
       "report.json locates the warning at its cell: %r" % locs)


# ---- (b) a mapping of the test's own, and refusals -------------------------

OWN_MAPPING = {
    "format": "cloudvet-mapping/1",
    "id": "test-own-sheet",
    "title": {"ja": "テスト用の回答票", "en": "a test's own sheet"},
    "source": "written by tests/mapped/test_mapped.py",
    "sheet": {"name": "回答"},
    "columns": {
        "item": {"headers": ["項目番号"], "required": True},
        "answer": {"headers": ["回答"], "required": True},
        "explanation": {"headers": ["備考"]},
    },
    "answers": [
        {"value": "yes", "words": ["対応可"]},
        {"value": "partial", "words": ["代替案"]},
        {"value": "no", "words": ["対応不可"]},
        {"value": "na", "words": ["該当なし"]},
    ],
    "items": [
        {"match": ["A-1", "A-2"], "criterion": "CLOUD-THREATS"},
        {"match": ["B-1", "B-2"], "criterion": "CLOUD-REMEDIES"},
        {"match": ["C-1"], "field": "sla.rto_hours"},
    ],
}


def own_sheet(rows, header=("項目番号", "回答", "備考")):
    return [{"name": "回答", "rows": [list(header)] + rows}]


@case
def own_mapping_weakest_answer():
    """(b) --mapping with a mapping written here: several items feed one
    criterion, the weakest answer decides, every item kept in the
    explanation; NA gives way to the others; a float cell is read as
    Excel shows it."""
    mapping = write_json("own.json", OWN_MAPPING)
    path = write("own.xlsx", own_sheet([
        ["A-1", "対応可", "手順書あり"],
        ["A-2", "代替案", "一部は手作業"],
        ["B-1", "該当なし", None],
        ["B-2", "対応可", "月次で確認"],
        ["C-1", 5.0999999999999996, None],
    ]))
    d = dump(path, "--mapping", mapping)
    eq(d.status, "ok", "status")
    threats = d.answer("CLOUD-THREATS")
    eq(d.value(threats + ".response"), "partial", "yes + partial -> partial")
    eq(d.cell(threats + ".response"), "回答!B3", "the deciding cell")
    eq(d.value(threats + ".explanation"),
       "[A-1] 対応可: 手順書あり\n[A-2] 代替案: 一部は手作業",
       "every item's answer and explanation kept")
    eq(d.value(d.answer("CLOUD-REMEDIES") + ".response"), "yes",
       "NA with yes -> yes")
    eq(d.value("sla.rto_hours"), "5.1", "5.0999999999999996 shows as 5.1")
    eq(d.cell("sla.rto_hours"), "回答!B6", "fact cell")
    # without --mapping no built-in mapping takes the sheet
    d = dump(path)
    eq(d.code, 1, "no built-in mapping recognises it")
    ok(d.diag("error", "--mapping"), "the refusal says to name one")


@case
def own_mapping_missing_column():
    """(b) a sheet without a column the mapping requires is refused, and
    the diagnostic names the column and the headers it is found by."""
    mapping = write_json("own.json", OWN_MAPPING)
    path = write("nocol.xlsx", own_sheet([["A-1", "対応可"]],
                                         header=("項目番号", "対応", "備考")))
    d = dump(path, "--mapping", mapping)
    eq(d.code, 1, "refused")
    e = d.diag("error", "answer ('回答')")
    ok(e, "names the missing column: %r" % d.diags)
    eq(e["path"], "回答!A1", "located at the header row")
    eq(d.values, {}, "nothing is read")


def bad_mapping(change, needle):
    m = json.loads(json.dumps(OWN_MAPPING))
    change(m)
    path = write_json("bad.json", m)
    sheet = write("own-b.xlsx", own_sheet([["A-1", "対応可"]]))
    d = dump(sheet, "--mapping", path)
    eq(d.code, 1, "a bad mapping is refused (%s)" % needle)
    ok(d.diag("error", needle), "diagnostic %r in %r" % (needle, d.diags))


@case
def mapping_compiled_strictly():
    """(b) a mapping is compiled like a profile: unknown members, unknown
    criteria, fields outside the schema, values outside its enumerations,
    bad patterns are errors."""
    bad_mapping(lambda m: m.update(colums={}), "unknown member 'colums'")
    bad_mapping(lambda m: m["items"].append(
        {"match": ["Z-1"], "criterion": "CLOUD-NOPE"}),
        "unknown criterion 'CLOUD-NOPE'")
    bad_mapping(lambda m: m["items"].append(
        {"match": ["Z-1"], "field": "sla.rto_minutes"}), "sla.rto_minutes")
    bad_mapping(lambda m: m["items"].append(
        {"match": ["Z-1"], "field": "data_location.storage.country"}),
        "data_location.storage.country")
    bad_mapping(lambda m: m["answers"].append(
        {"value": "maybe", "words": ["たぶん"]}), "'maybe'")
    bad_mapping(lambda m: m.update(rows={"key": "item",
                                         "item_pattern": "([a-"}),
                "")
    bad_mapping(lambda m: m.update(sheet={}), "name_pattern")
    bad_mapping(lambda m: m["answers"][0]["words"].append("代替案"),
                "'代替案'")


@case
def builtin_mappings_lint():
    """`cloudvet criteria lint` compiles the built-in mappings."""
    code, out, err = cloudvet("criteria", "lint")
    ok(not any("mappings/" in line for line in (out + err).splitlines()),
       "no lint finding in criteria/mappings: %s" % (out + err))


@case
def lint_checks_mapping_files():
    """`criteria lint` holds a mapping file of criteria/mappings/ to the
    same rules as loading, and its sources to the published document."""
    crit = os.path.join(TMP, "criteria-lint")
    shutil.copytree(CRITERIA, crit)
    m = json.loads(json.dumps(OWN_MAPPING))
    m["items"].append({"match": ["Z-1"], "criterion": "CLOUD-NOPE"})
    m["source"] = "/work/shared/reference/domain-facts.md"
    with open(os.path.join(crit, "mappings", "zz-bad.json"), "w",
              encoding="utf-8") as f:
        json.dump(m, f, ensure_ascii=False)
    proc = subprocess.run([CLOUDVET, "--lang", "en", "--criteria", crit,
                           "criteria", "lint"], capture_output=True,
                          timeout=120)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    ok(proc.returncode != 0, "lint fails: %s" % out)
    ok("zz-bad.json" in out and "CLOUD-NOPE" in out,
       "lint names the file and the criterion: %s" % out)
    ok(any("zz-bad.json" in line and "source" in line
           for line in out.splitlines()), "lint judges the source: %s" % out)


# ---- (c) METI's check list -------------------------------------------------

METI_HEADER = ["No.", "種別", "サービスレベル項目例", "規定内容", "測定単位",
               "設定(例)", "備考", "回答"]


def meti_sheets():
    rows = [
        ["クラウドサービスレベルのチェックリスト (テスト用の記入例)"],
        ["事業者名", None, "テストクラウド株式会社"],
        METI_HEADER,
        [1, "可用性", "サービス時間", "サービスを提供する時間帯", "時間帯",
         "24時間365日", None, "24時間365日"],
        [2, "可用性", "計画停止予定通知", "定期的な保守停止の事前通知",
         "有無", "有", None, "有"],
        [3, "可用性", "サービス提供終了時の事前通知", "終了の事前通知",
         "有無", "有", None, "有"],
        [4, "可用性", "ディザスタリカバリ", "災害時の復旧", "有無", "有",
         None, "無"],
        [5, "可用性", "サービス稼働率", "稼働率", "%", "99.9%以上", None,
         99.9000000000001],
        [6, "可用性", "目標復旧時間", "復旧までの時間", "時間", "12時間",
         None, "4時間"],
        [7, "可用性", "ＲＰＯ", "復旧時点", "時間", "24時間", None,
         "翌営業日"],
        [8, "可用性", "バックアップの保存期間", "保存期間", "日", "90日",
         None, "ベストエフォート"],
        [9, "信頼性", "セキュリティ監査報告の公開", "監査", "有無", "有",
         None, "公開しておりません"],
    ]
    return [{"name": "SLA", "rows": rows}]


@case
def meti_checklist():
    """(c) a METI list filled as published ones are: the figures with
    their units, 有/無 as answers, ベストエフォート never a number, every
    diagnostic at its cell, the unread items in one note."""
    path = write("meti.xlsx", meti_sheets())
    d = dump(path)
    eq(d.status, "ok", "status")
    eq(d.value("sla.availability_percent"), "99.9000000000001",
       "a float cell as Excel shows it")
    eq(d.cell("sla.availability_percent"), "SLA!H8", "availability cell")
    eq(d.value("sla.rto_hours"), "4時間", "RTO with its unit, for the reader")
    eq(d.value("sla.rpo_hours"), "1営業日", "翌営業日 read as 1 business day")
    eq(d.cell("sla.rpo_hours"), "SLA!H10", "RPO cell (full-width ＲＰＯ)")
    ok(d.diag("note", "翌営業日", "SLA!H10"), "the phrase rule is noted")
    eq(d.value("sla.backup.retention_days"), None, "ベストエフォート sets nothing")
    ok(d.diag("warning", "ベストエフォート", "SLA!H11"),
       "ベストエフォート is said at its cell")
    eq(d.value("exit.termination_notice_days"), None, "有 is no figure")
    eq(d.value(d.answer("CLOUD-EXIT-NOTICE") + ".response"), "yes", "有 -> yes")
    eq(d.value(d.answer("CLOUD-RECOVERY") + ".response"), "no", "無 -> no")
    eq(d.value("vendor.name"), "テストクラウド株式会社", "vendor")
    unread = [x for x in d.diags if x["severity"] == "note" and
              "not read" in x["message"]]
    eq(len(unread), 1, "one note for the sheet")
    for label in ("サービス時間", "計画停止予定通知",
                  "セキュリティ監査報告の公開"):
        ok(label in unread[0]["message"], "%s listed as not read" % label)
    r = dump(path, "--results")
    eq(r.results["CLOUD-RECOVERY"]["status"], "not_met", "無 is not met")
    ok("99.9" in r.results["CLOUD-SLA-METRICS"]["reason"],
       "the availability figure is judged")
    code, out, err = cloudvet("--lang", "en", "check", "--as-of", AS_OF, path)
    ok("SLA!H11" in out + err, "check locates the warning: %s" % out)
    outdir = os.path.join(TMP, "out-meti")
    cloudvet("--lang", "en", "evaluate", "--as-of", AS_OF, "--no-registry",
             "--format", "json", "--out", outdir, path)
    with open(os.path.join(outdir, "report.json"), encoding="utf-8") as f:
        sub = json.load(f)["submissions"][0]
    locs = [x["location"] for x in sub["diagnostics"]]
    ok(any(loc.startswith("SLA!H11") for loc in locs), "report.json: %r" % locs)


# ---- (d) CSA CAIQ v4.0.x ----------------------------------------------------

CAIQ_HEADER = ["Question ID", "Question", "CSP CAIQ Answer",
               "SSRM Control Ownership", "CSP Implementation Description",
               "CSC Responsibilities"]


def caiq_sheets(version="4.0.3"):
    q = "テスト用の独自の質問文 (not CSA's text) %d"
    rows = [
        ["Test questionnaire in the CAIQ layout (own text)"],
        CAIQ_HEADER,
        ["A&A-01.1", q % 1, "Yes", "CSP-owned", "own audit text", None],
        ["DSP-19.1", q % 2, "Yes", "CSP-owned", "東京と大阪のみ", None],
        ["CEK-03.1", q % 3, "Yes", "Shared CSP and CSC", "AES-256 at rest",
         "The customer manages its own keys"],
        ["IAM-14.1", q % 4, "Yes", "CSC-owned", None,
         "The customer turns MFA on"],
        ["SEF-07.1", q % 5, "No", "CSP-owned", None, None],
        ["DSP-02.1", q % 6, "NA", "CSP-owned", None, None],
        ["© test footer: end of the questionnaire"],
        ["IAM-14.1", q % 4, "No", "CSP-owned", "after the footer", None],
    ]
    return [{"name": "Introduction", "rows": [["own introduction text"]]},
            {"name": "CAIQv" + version, "rows": rows}]


@case
def caiq_v403():
    """(d) CAIQ v4.0.3: answers with the SSRM ownership and the CSC
    responsibilities; rows after the table are not read."""
    path = write("caiq.xlsx", caiq_sheets())
    d = dump(path)
    eq(d.status, "ok", "status")
    region = d.answer("CLOUD-REGION")
    eq(d.value(region + ".response"), "yes", "DSP-19.1")
    eq(d.value(region + ".responsibility"), "provider", "CSP-owned")
    crypto = d.answer("CRYPTO-CRYPTREC")
    eq(d.value(crypto + ".responsibility"), "shared_customer", "shared")
    eq(d.value(crypto + ".customer_responsibilities"),
       "The customer manages its own keys", "CSC Responsibilities")
    eq(d.cell(crypto + ".customer_responsibilities"), "CAIQv4.0.3!F5", "cell")
    mfa = d.answer("ACCESS-MFA")
    eq(d.value(mfa + ".response"), "yes", "the row after the footer is not read")
    eq(d.value(mfa + ".responsibility"), "customer", "CSC-owned")
    eq(d.value(d.answer("CLOUD-INCIDENT") + ".response"), "no", "No")
    eq(d.value(d.answer("EXIT-DELETION") + ".response"), "na", "NA")
    ok("after the footer" not in json.dumps(d.values, ensure_ascii=False),
       "nothing after the footer")
    ok(d.diag("note", "A&A-01.1", "CAIQv4.0.3"), "unread questions listed")
    r = dump(path, "--results")
    eq(r.results["ACCESS-MFA"]["responsibility"], "customer", "result carries it")
    eq(r.results["ACCESS-MFA"]["customer_responsibilities"],
       "The customer turns MFA on", "and the customer's part")


@case
def caiq_check_lists_the_customers_duties():
    """(d) `check` on a CAIQ lists each residual obligation with the
    provider's words for the customer's part, in both languages, and the
    options --mapping, --vendor and --service work on the command line."""
    path = write("caiq-cli.xlsx", caiq_sheets())
    code, out, err = cloudvet("--lang", "en", "check", "--as-of", AS_OF,
                              "--no-registry", "--vendor", "Aoba K.K.",
                              path)
    ok("! customer's duty ACCESS-MFA: this item is the customer's "
       "responsibility" in out, "the CSC-owned item is listed: %s" % out)
    ok("The customer turns MFA on" in out, "with the customer's part")
    ok("! customer's duty CRYPTO-CRYPTREC" in out, "the shared one too")
    ok("customer's duty CLOUD-REGION" not in out, "a CSP-owned one is not")
    ok("'Aoba K.K.' from --vendor" in out, "--vendor on the command line")
    code, out, err = cloudvet("check", "--as-of", AS_OF, "--no-registry",
                              path)
    ok("! 利用者側の責任 ACCESS-MFA: この項目は利用者側の責任です" in out,
       "in Japanese: %s" % out)
    code, out, err = cloudvet("--lang", "en", "check", "--as-of", AS_OF,
                              "--no-registry", "--mapping",
                              os.path.join(CRITERIA, "mappings",
                                           "meti-cloud-sla-checklist.json"),
                              path)
    ok("does not fit this workbook" in out + err,
       "--mapping on the command line is the only one tried: %s" % out)


@case
def caiq_v41_refused():
    """(d) a CAIQv4.1.0 sheet is refused by the 4.0 map, saying why."""
    path = write("caiq41.xlsx", caiq_sheets("4.1.0"))
    d = dump(path)
    eq(d.code, 1, "refused")
    e = d.diag("error", "renumbered")
    ok(e, "the refusal says why: %r" % d.diags)
    eq(e["path"], "CAIQv4.1.0", "at the sheet")
    ok("CAIQ v4.0.x" in e["message"], "names the version it was written for")


@case
def caiq_unknown_ownership_is_the_customers():
    """(d) an ownership mark the mapping does not know is said at its cell
    and the item is listed as the customer's until a person reads it
    (never dropped, never guessed as one of CAIQ's values)."""
    sheets = caiq_sheets()
    rows = sheets[1]["rows"]
    rows[5] = ["IAM-14.1", "own text", "Yes", "Customer (mostly)", None,
               "The customer turns MFA on"]
    path = write("caiq-unknown-owner.xlsx", sheets)
    d = dump(path)
    mfa = d.answer("ACCESS-MFA")
    eq(d.value(mfa + ".responsibility"), "unclear", "marked unclear")
    w = d.diag("warning", "Customer (mostly)")
    ok(w, "a warning names the mark: %r" % d.diags)
    eq(w["path"] if w else None, "CAIQv4.0.3!D6", "at its cell")
    r = dump(path, "--results")
    eq(r.results["ACCESS-MFA"].get("residual"), True,
       "listed as the customer's residual obligation")
    ok("responsibility" not in r.results["ACCESS-MFA"] or
       r.results["ACCESS-MFA"]["responsibility"] is None,
       "no CAIQ value is claimed for it")


# ---- (e) who answered --------------------------------------------------------

@case
def names_from_options_and_file():
    """(e) vendor and service from the workbook where the mapping says,
    else --vendor/--service, else the file name with a note."""
    path = write("あおば_CAIQ.xlsx", caiq_sheets())
    d = dump(path)
    eq(d.value("vendor.name"), "あおば_CAIQ", "the file name")
    ok(d.diag("note", "vendor.name"), "noted")
    d = dump(path, "--vendor", "あおば株式会社", "--service", "あおばクラウド")
    eq(d.value("vendor.name"), "あおば株式会社", "--vendor")
    eq(d.value("service.name"), "あおばクラウド", "--service")


# ---- hostile mapping files and sheets ---------------------------------------

@case
def hostile_mapping_files():
    """A mapping given with --mapping is hostile input: too large, too
    deep, too many items, a catastrophic pattern (the match limit), a
    huge sheet (rows examined are bounded)."""
    sheet = write("own-h.xlsx", own_sheet([["A-1", "対応可"]]))
    big = os.path.join(TMP, "big.json")
    with open(big, "w", encoding="utf-8") as f:
        f.write('{"format": "cloudvet-mapping/1", "note": "%s"}'
                % ("x" * (2 << 20)))
    eq(dump(sheet, "--mapping", big).code, 1, "a 2 MiB mapping is refused")
    deep = os.path.join(TMP, "deep.json")
    with open(deep, "w", encoding="utf-8") as f:
        f.write('{"format": "cloudvet-mapping/1", "note": ' + "[" * 40
                + "]" * 40 + "}")
    eq(dump(sheet, "--mapping", deep).code, 1, "a deep mapping is refused")
    m = json.loads(json.dumps(OWN_MAPPING))
    m["items"] = [{"match": ["X-%d" % i], "criterion": "CLOUD-THREATS"}
                  for i in range(2001)]
    eq(dump(sheet, "--mapping", write_json("many.json", m)).code, 1,
       "2001 items are refused")
    m = json.loads(json.dumps(OWN_MAPPING))
    m["rows"] = {"key": "item", "item_pattern": "^(a+)+$"}
    evil = write("evil.xlsx", own_sheet([["a" * 40 + "!", "対応可"],
                                         ["A-1", "対応可"]]))
    start = time.monotonic()
    d = dump(evil, "--mapping", write_json("evil.json", m))
    took = time.monotonic() - start
    eq(d.status, "ok", "the sheet is still read")
    ok(d.diag("warning", "limit"), "the match limit is said: %r" % d.diags)
    if SANITIZED:
        print("note: timing bound relaxed under the sanitizers")
    ok(took < (60 if SANITIZED else 10), "bounded time (%.1f s)" % took)
    rows = [["A-1", "対応可"]] * 6000
    d = dump(write("long.xlsx", own_sheet(rows)), "--mapping",
             write_json("own.json", OWN_MAPPING))
    ok(d.diag("warning", "at most 5000 rows"), "rows examined are bounded")


# ---- LibreOffice --------------------------------------------------------------

def libreoffice():
    soffice = shutil.which("soffice")
    if not soffice:
        print("skipped: LibreOffice (soffice) is not installed; this optional "
              "check re-saves a fixture with it")
        return 77
    with tempfile.TemporaryDirectory(prefix="cv-mapped-lo.") as tmp:
        global TMP
        TMP = tmp
        src = write("municipality.xlsx", municipality_sheets())
        out = os.path.join(tmp, "out")
        subprocess.run([soffice, "-env:UserInstallation=file://" + tmp
                        + "/profile", "--headless", "--calc", "--convert-to",
                        "xlsx", "--outdir", out, src],
                       capture_output=True, timeout=300, check=True)
        ours = dump(src)
        theirs = dump(os.path.join(out, "municipality.xlsx"))
        eq(theirs.status, "ok", "LibreOffice's copy reads")
        eq(theirs.values, ours.values, "LibreOffice's copy reads the same")
    print("1 passed, 0 failed")
    return 0


def main(argv):
    global DUMP, CLOUDVET, SRC, TMP, CRITERIA
    if len(argv) < 4:
        sys.stderr.write("usage: test_mapped.py CV_DUMP_MAPPED CLOUDVET SRC "
                         "[--libreoffice | CASE...]\n")
        return 2
    DUMP, CLOUDVET, SRC = argv[1], argv[2], argv[3]
    CRITERIA = os.path.join(SRC, "criteria")
    if argv[4:] == ["--libreoffice"]:
        return libreoffice()
    wanted = set(argv[4:])
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cv-mapped.") as tmp:
        TMP = tmp
        for fn in CASES:
            if wanted and fn.__name__ not in wanted:
                continue
            try:
                fn()
                passed += 1
            except Exception:  # noqa: BLE001 -- report and go on
                failed += 1
                sys.stderr.write("FAIL %s\n" % fn.__name__)
                traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
