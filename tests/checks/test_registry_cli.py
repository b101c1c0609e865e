#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`cloudvet registry import ismap` / `registry list` and the cross-check in
`evaluate`, end to end through the CLI, on workbooks this test writes
(tests/registry/workbook.py, tests/checks/ismap_fixture.py).

    test_registry_cli.py CLOUDVET SRC_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "registry"))
import ismap_fixture  # noqa: E402
import workbook  # noqa: E402

from checklib import AS_OF, check, finish  # noqa: E402


class Env:
    def __init__(self, cloudvet, src, tmp):
        self.cloudvet = cloudvet
        self.src = src
        self.tmp = tmp
        # No snapshot of the user's own may leak into a test.
        self.env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src,
                                                                   "criteria"),
                        XDG_DATA_HOME=os.path.join(tmp, "xdg"),
                        HOME=os.path.join(tmp, "home"))

    def run(self, *args):
        p = subprocess.run([self.cloudvet, *args], env=self.env,
                           capture_output=True, text=True)
        return p

    def evaluate(self, out, *args, inputs=None):
        inputs = inputs or [os.path.join(self.src, "samples")]
        p = self.run("evaluate", "--as-of", AS_OF, "--format", "json,html,md",
                     "--quiet", "--out", out, *args, *inputs)
        with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
            return p, json.load(f)


def by_file(report):
    return {os.path.basename(s["file"]): s for s in report["submissions"]}


def cert_result(sub):
    for r in sub["results"]:
        if r["id"] == "CLOUD-CERT":
            return r
    return None


def test_import_and_list(e):
    reg = os.path.join(e.tmp, "reg")
    xlsx = os.path.join(e.tmp, "list.xlsx")
    ismap_fixture.write_fixture(xlsx)
    p = e.run("registry", "import", "ismap", xlsx, "--registry", reg,
              "--list-date", "2026-11-01", "--lang", "en")
    check(p.returncode == 0, f"import exits 0 ({p.returncode}): {p.stderr}")
    snap = os.path.join(reg, "ismap-2026-11-01.json")
    check(os.path.isfile(snap), "the snapshot is named by the list date")
    check("7 rows" in p.stdout, "import says how many rows: " + p.stdout)
    with open(snap, encoding="utf-8") as f:
        s = json.load(f)
    check(s["format"] == "cloudvet-registry/1", "snapshot format")
    check(s["sheet"] == "クラウドサービスリスト",
          "the sheet with the header is found past a cover sheet")
    check(s["header_row"] == 3, f"two-row merged header ends on row 3 "
          f"({s['header_row']})")
    check(len(s["rows"]) == 7, "every numbered row, no notes row")
    first = s["rows"][0]
    check(first == {"row": 4, "number": "C23-0187-1",
                    "service": "あおばオンライン申請クラウド",
                    "provider": "株式会社あおば行政システムズ",
                    "registered": "2026-06-30", "expires": "2027-09-30",
                    "scheme": "ISMAP"}, f"first row read exactly: {first}")
    check(s["rows"][5]["scheme"] == "ISMAP-LIU", "the scheme column is read")
    check(s["columns"]["expires"] == "有効期限",
          "the header used for each field is recorded")
    with open(xlsx, "rb") as f:
        import hashlib
        check(s["source_sha256"] == hashlib.sha256(f.read()).hexdigest(),
              "the source file's SHA-256 is recorded")
    p = e.run("registry", "list", "--registry", reg)
    check(p.returncode == 0 and "ismap-2026-11-01.json\t2026-11-01\t7\t" in
          p.stdout and "list.xlsx" in p.stdout,
          "list shows file, as-of date, rows and source: " + p.stdout)
    # The default directory is under XDG_DATA_HOME.
    p = e.run("registry", "import", "ismap", xlsx, "--list-date",
              "2026-10-01")
    check(p.returncode == 0 and os.path.isfile(os.path.join(
        e.tmp, "xdg", "cloudvet", "registry", "ismap-2026-10-01.json")),
        "default registry directory is $XDG_DATA_HOME/cloudvet/registry")
    return reg


def test_cross_check(e, reg):
    out = os.path.join(e.tmp, "out-reg")
    p, rep = e.evaluate(out, "--registry", reg, "--lang", "en")
    check(p.returncode == 3, f"samples still give exit 3 ({p.returncode})")
    r = rep["registry"]
    check(r["checked"] is True and r["snapshot"] == "ismap-2026-11-01.json"
          and r["rows"] == 7 and r["age_days"] == 20 and r["stale"] is False,
          f"report names the snapshot used: {r}")
    subs = by_file(rep)
    # Every ISMAP claim of every readable sample has a registry check.
    for name, sub in subs.items():
        if sub["verdict"] == "invalid":
            continue
        claims = [c for c in sub["registry_checks"]]
        check(all(c["outcome"] != "not_checked" for c in claims),
              f"{name}: every ISMAP claim was looked up")
    s01 = subs["01-qualified-sakura.json"]["registry_checks"][0]
    check(s01["outcome"] == "registered" and s01["registry_row"]["row"] == 4
          and s01["registry_row"]["number"] == "C23-0187-1",
          f"01: registered, row 4 shown: {s01}")
    check("row 4" in cert_result(subs["01-qualified-sakura.json"])["reason"],
          "01: the CLOUD-CERT reason quotes the registry row")
    s02 = subs["02-backup-abroad.xml"]["registry_checks"][0]
    check(s02["outcome"] == "registered",
          f"02: (株) matches 株式会社 after normalisation: {s02}")
    s04 = subs["04-ismap-iaas-only.xml"]["registry_checks"][0]
    check(s04["outcome"] == "other_service" and
          s04["registry_row"]["service"] == "Microsoft Azure" and
          "underlying" in s04["message"],
          f"04: the IaaS's number is reported with its row: {s04}")
    check(cert_result(subs["04-ismap-iaas-only.xml"])["status"] in
          ("not_met", "contradicted"), "04: CLOUD-CERT not met")
    s05 = subs["05-weak-crypto.json"]["registry_checks"][0]
    check(s05["outcome"] == "registered",
          f"05: 株式會社 matches 株式会社: {s05}")
    s06 = subs["06-sms-mfa.xml"]["registry_checks"][0]
    check(s06["outcome"] == "not_found" and s06["registry_row"] is None and
          "C24-0139-1" in s06["message"], f"06: absent number: {s06}")
    html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    check("C21-0011-1" in html and "Microsoft Azure" in html,
          "HTML shows the registry row compared")
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    check("C24-0139-1" in md, "Markdown shows the registry checks")


def submission_with(e, name, **cert):
    """Sample 01 with its ISMAP certification changed."""
    with open(os.path.join(e.src, "samples", "01-qualified-sakura.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    doc["certifications"][0].update(cert)
    path = os.path.join(e.tmp, "subs", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path


def test_outcomes(e, reg):
    cases = {
        "liu.json": ({"id": "C23-0187-1", "scheme": "ISMAP-LIU"},
                     "scheme_mismatch"),
        "expired.json": ({"id": "C22-0040-1"}, "other_service"),
        "fullwidth.json": ({"id": "Ｃ２３－０１８７－１"}, "registered"),
        "nonumber.json": ({"id": None}, "no_number"),
    }
    paths = []
    for name, (cert, _) in cases.items():
        cert = {k: v for k, v in cert.items()}
        if cert.get("id") is None:
            cert.pop("id")
            p = submission_with(e, name)
            doc = json.load(open(p, encoding="utf-8"))
            doc["certifications"][0].pop("id")
            json.dump(doc, open(p, "w", encoding="utf-8"), ensure_ascii=False)
        else:
            p = submission_with(e, name, **cert)
        paths.append(p)
    # A service whose registration expired: the list says so.
    with open(os.path.join(e.src, "samples", "03-expired-cert.json"),
              encoding="utf-8") as f:
        doc = json.load(f)
    doc["certifications"].append({"scheme": "ISMAP", "id": "C22-0040-1",
                                  "holder": doc["vendor"]["name"],
                                  "scope": doc["service"]["name"],
                                  "valid_until": "2027-06-30"})
    p = os.path.join(e.tmp, "subs", "expired-listed.json")
    json.dump(doc, open(p, "w", encoding="utf-8"), ensure_ascii=False)
    cases["expired-listed.json"] = (None, "expired")
    paths.append(p)
    out = os.path.join(e.tmp, "out-cases")
    _, rep = e.evaluate(out, "--registry", reg, inputs=paths)
    subs = by_file(rep)
    for name, (_, want) in cases.items():
        if name == "expired.json":
            continue  # another company's number: other_service, checked below
        got = [c["outcome"] for c in subs[name]["registry_checks"]]
        check(want in got, f"{name}: {want} in {got}")
    got = subs["expired.json"]["registry_checks"][0]["outcome"]
    check(got == "other_service", f"someone else's number: {got}")


def test_no_snapshot(e):
    out = os.path.join(e.tmp, "out-none")
    empty = os.path.join(e.tmp, "empty-reg")
    os.makedirs(empty)
    for args in (["--registry", empty], ["--no-registry"]):
        p, rep = e.evaluate(out, *args)
        check(rep["registry"]["checked"] is False and
              "照合は行っていません" in rep["registry"]["message"],
              f"{args}: the report says the registry was not checked")
        s01 = by_file(rep)["01-qualified-sakura.json"]
        check([c["outcome"] for c in s01["registry_checks"]] ==
              ["not_checked"], f"{args}: the claim is marked not_checked")
        check("照合していません" in cert_result(s01)["reason"],
              "the CLOUD-CERT reason says so too (no silent pass)")
        html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
        check("照合は行っていません" in html, "and so does the HTML")


def test_default_dir(e):
    out = os.path.join(e.tmp, "out-default")
    _, rep = e.evaluate(out)
    check(rep["registry"]["checked"] is True and
          rep["registry"]["as_of"] == "2026-10-01",
          "evaluate finds the snapshot in the default directory")


def test_stale(e, reg):
    out = os.path.join(e.tmp, "out-stale")
    _, rep = e.evaluate(out, "--registry", reg, "--registry-max-age", "7")
    r = rep["registry"]
    check(r["stale"] is True and r["max_age_days"] == 7 and
          "注意" in r["message"], f"a 20-day-old list past 7 days: {r}")


def test_columns_and_variants(e):
    reg = os.path.join(e.tmp, "reg-cols")
    xlsx = os.path.join(e.tmp, "other-headers.xlsx")
    workbook.write_xlsx(xlsx, [{"name": "一覧", "rows": [
        ["登録No.", "サービス名", "事業者", "有効期間終了日"],
        ["C23-0187-1", "あおばオンライン申請クラウド", "株式会社あおば行政システムズ",
         {"date": "2027-09-30", "fmt": 14}],
    ]}])
    p = e.run("registry", "import", "ismap", xlsx, "--registry", reg,
              "--lang", "en")
    check(p.returncode == 3 and "--columns" in p.stderr and "number" in
          p.stderr, f"unknown headers: exit 3, says what is missing and how "
          f"to map it ({p.returncode}): {p.stderr}")
    check(not os.path.exists(reg) or not os.listdir(reg),
          "nothing is written on failure")
    p = e.run("registry", "import", "ismap", xlsx, "--registry", reg,
              "--list-date", "2026-11-02", "--columns",
              "number=登録No.,service=サービス名,provider=事業者,"
              "expires=有効期間終了日")
    check(p.returncode == 0, f"--columns maps them ({p.stderr})")
    s = json.load(open(os.path.join(reg, "ismap-2026-11-02.json"),
                       encoding="utf-8"))
    check(s["rows"][0]["expires"] == "2027-09-30",
          f"builtin date format 14 read as a date: {s['rows'][0]}")
    p = e.run("registry", "import", "ismap", xlsx, "--registry", reg,
              "--columns", "colour=登録No.")
    check(p.returncode == 2, f"a bad --columns is a usage error "
          f"({p.returncode})")
    # Header spellings: line break inside, full-width space, a note.
    variant = os.path.join(e.tmp, "variant.xlsx")
    workbook.write_xlsx(variant, [{"name": "Sheet1", "rows": [
        ["登録\n番号", "クラウドサービス　名称", "クラウドサービス事業者名",
         "有効期限（注1）"],
        ["C23-0187-1", "あおばオンライン申請クラウド", "株式会社あおば行政システムズ",
         "令和9年9月30日"],
    ]}])
    p = e.run("registry", "import", "ismap", variant, "--registry", reg,
              "--list-date", "2026-11-03")
    check(p.returncode == 0, f"header variants are recognised ({p.stderr})")
    if p.returncode == 0:
        s = json.load(open(os.path.join(reg, "ismap-2026-11-03.json"),
                           encoding="utf-8"))
        check(s["rows"][0]["expires"] == "2027-09-30",
              f"an era date typed as text: {s['rows'][0]}")
    # CSV
    csv_path = os.path.join(e.tmp, "list.csv")
    ismap_fixture.write_csv(csv_path)
    p = e.run("registry", "import", "ismap", csv_path, "--registry", reg,
              "--list-date", "2026-11-04")
    check(p.returncode == 0, f"CSV import ({p.stderr})")
    s = json.load(open(os.path.join(reg, "ismap-2026-11-04.json"),
                       encoding="utf-8"))
    check(len(s["rows"]) == 7 and s["rows"][0]["registered"] == "2026-06-30",
          "CSV rows, YYYY/M/D dates normalised")
    # Not a list at all.
    junk = os.path.join(e.tmp, "junk.xls")
    with open(junk, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    p = e.run("registry", "import", "ismap", junk, "--registry", reg,
              "--lang", "en")
    check(p.returncode == 3 and ".xlsx" in p.stderr,
          f"an old .xls is refused with advice ({p.stderr})")


def test_snapshot_selection(e, reg):
    # Snapshots of 2026-11-01 (in reg) and a later one: --as-of picks.
    later = os.path.join(e.tmp, "reg-sel")
    shutil.copytree(reg, later)
    xlsx = os.path.join(e.tmp, "later.xlsx")
    ismap_fixture.write_fixture(xlsx, ismap_fixture.ROWS[:1])
    p = e.run("registry", "import", "ismap", xlsx, "--registry", later,
              "--list-date", "2026-12-01")
    check(p.returncode == 0, "second snapshot imported")
    out = os.path.join(e.tmp, "out-sel")
    _, rep = e.evaluate(out, "--registry", later)
    check(rep["registry"]["as_of"] == "2026-11-01",
          "the newest list on or before --as-of is used, not a later one")
    p = e.run("evaluate", "--as-of", "2026-12-05", "--format", "json",
              "--quiet", "--out", out, "--registry", later,
              os.path.join(e.src, "samples", "01-qualified-sakura.json"))
    rep = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    check(rep["registry"]["as_of"] == "2026-12-01", "a later --as-of takes "
          "the later list")
    # A corrupt snapshot is an error, not a silent "not checked".
    bad = os.path.join(e.tmp, "reg-bad")
    os.makedirs(bad)
    with open(os.path.join(bad, "ismap-2026-11-01.json"), "w") as f:
        f.write("{not json")
    p = e.run("evaluate", "--as-of", AS_OF, "--format", "json", "--quiet",
              "--out", out, "--registry", bad,
              os.path.join(e.src, "samples", "01-qualified-sakura.json"))
    check(p.returncode == 3 and "ismap-2026-11-01.json" in p.stderr,
          f"a broken snapshot stops the run with its location "
          f"({p.returncode}): {p.stderr}")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="cloudvet-registry-") as tmp:
        e = Env(os.path.abspath(cloudvet), os.path.abspath(src), tmp)
        reg = test_import_and_list(e)
        test_cross_check(e, reg)
        test_outcomes(e, reg)
        test_no_snapshot(e)
        test_default_dir(e)
        test_stale(e, reg)
        test_columns_and_variants(e)
        test_snapshot_selection(e, reg)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
