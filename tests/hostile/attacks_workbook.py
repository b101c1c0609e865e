# SPDX-License-Identifier: MIT
# attacks_workbook.py: hostile workbooks handed in as bids (issue 14).
# Exec'd into test_hostile.py's namespace: attack, Case, AS_OF ... are its.
#
# A submission may be an Excel workbook now, read by load/load_xlsx.c (the
# zip and XML defences of the ISMAP list reader) and then by a workbook
# reader of norm/sheets.h. Whatever a workbook holds, it costs bounded
# time and memory, it is refused with a located diagnostic, and the other
# bids of the run are still evaluated.
import zipfile as _zipfile


def _workbook_module(case):
    """tests/registry/workbook.py: the tests' own .xlsx writer."""
    sys.path.insert(0, os.path.join(case.src, "tests", "registry"))
    import workbook
    return workbook


_EXAMPLE_TITLE = "クラウドサービス セキュリティチェックシート (cloudvet 記入例)"


def _checksheet_parts(case, extra_rows=""):
    """A small check sheet the example mapping of criteria/mappings/ reads;
    `extra_rows` is raw <row> XML put after it."""
    wb = _workbook_module(case)
    parts = wb.workbook_parts([{
        "name": "チェックシート",
        "rows": [[_EXAMPLE_TITLE],
                 ["事業者名", "株式会社テスト"],
                 ["サービス名", "テストクラウド"],
                 ["項番", "確認項目", "回答", "説明"],
                 ["1-1", "ISMAP に登録されていること", "○", "登録済み"]]}])
    if extra_rows:
        sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
        sheet = sheet.replace("</sheetData>", extra_rows + "</sheetData>")
        parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    return wb, parts


def _slow_limit(seconds):
    # The sanitizers make the parser several times slower; the bound still
    # catches work that grows with what the file claims.
    return seconds * 8 if os.environ.get("ASAN_OPTIONS") else seconds


def _read_through_mapping(case, run, name):
    """The workbook was read (not refused) by the example mapping."""
    s = run.sub(name) if run.report else None
    case.check(s is not None, f"{name} is in the report")
    if s is None:
        return None
    msgs = " | ".join(d["message"] for d in s["diagnostics"])
    case.check(s["verdict"] != "invalid",
               f"{name}: read as a questionnaire ({s['verdict']}: {msgs[:300]})")
    case.check("example-municipality-checksheet" in msgs,
               f"{name}: read through the example mapping ({msgs[:300]})")
    case.check(all(d["location"] for d in s["diagnostics"]),
               f"{name}: every diagnostic has a location")
    return s


@attack
def workbook_million_empty_rows(case):
    rows = "".join('<row r="%d"/>' % r for r in range(6, 1000006))
    wb, parts = _checksheet_parts(case, rows)
    path = case.path("million-rows.xlsx")
    wb.write_parts(path, parts)
    case.check(os.path.getsize(path) < 4 << 20,
               f"the workbook is small on disk ({os.path.getsize(path)} B)")
    run = case.run([case.good, path], trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = _read_through_mapping(case, run, "million-rows.xlsx")
    if s is not None:
        cert = [r for r in s["results"] if r["id"] == "CLOUD-CERT"]
        case.check(bool(cert) and cert[0]["response"] == "yes",
                   "the one answer above the empty rows is read")
    case.expect_good_evaluated(run)
    case.expect_fast(run, _slow_limit(10.0))


@attack
def workbook_million_item_rows(case):
    # Rows that all look like items: the mapping examines a bounded number
    # of data rows and says where it stopped, whatever the sheet holds.
    rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>9-%d</t>'
                   '</is></c><c r="C%d" t="inlineStr"><is><t>○</t></is></c>'
                   "</row>" % (r, r, r, r) for r in range(6, 300006))
    wb, parts = _checksheet_parts(case, rows)
    path = case.path("many-items.xlsx")
    wb.write_parts(path, parts)
    run = case.run([case.good, path], trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    s = run.sub("many-items.xlsx")
    case.check(s is not None, "the workbook is in the report")
    if s is not None:
        msgs = " | ".join(d["message"] for d in s["diagnostics"])
        case.check("reads at most 5000 rows" in msgs,
                   f"a diagnostic says where reading stopped ({msgs[:400]})")
        case.check(len(json.dumps(s)) < 2 << 20,
                   "the submission's report entry stays small "
                   f"({len(json.dumps(s))} B)")
    case.expect_good_evaluated(run)
    case.expect_fast(run, _slow_limit(20.0))


@attack
def workbook_shared_string_out_of_range(case):
    wb, parts = _checksheet_parts(case)
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    sheet = sheet.replace("</sheetData>",
                          '<row r="3"><c r="A3" t="s"><v>4000000000</v></c>'
                          '<c r="B3" t="s"><v>18446744073709551617</v></c>'
                          "</row></sheetData>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    path = case.path("sst-range.xlsx")
    wb.write_parts(path, parts)
    run = case.run([case.good, path])
    case.expect_invalid(run, "sst-range.xlsx", "shared string")
    s = run.sub("sst-range.xlsx")
    if s is not None:
        where = " ".join(d["location"] for d in s["diagnostics"])
        case.check("A3" in where or "B3" in where,
                   f"the diagnostic names the cell ({where[:200]})")
    case.expect_good_evaluated(run)
    case.expect_no_escape(run)


@attack
def workbook_zip_bomb_member(case):
    wb, parts = _checksheet_parts(case)
    path = case.path("bomb.xlsx")
    with _zipfile.ZipFile(path, "w", _zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name == "xl/worksheets/sheet1.xml":
                # 300 MB of blanks inside the sheet: far past the 128 MiB
                # a part may inflate to, whatever the directory says.
                text = data.decode("utf-8")
                head, tail = text.split("<sheetData>", 1)
                with z.open(name, "w", force_zip64=True) as f:
                    f.write((head + "<sheetData>").encode("utf-8"))
                    chunk = b" " * (1 << 20)
                    for _ in range(300):
                        f.write(chunk)
                    f.write(tail.encode("utf-8"))
            else:
                z.writestr(name, data)
    case.check(os.path.getsize(path) < 2 << 20,
               f"the bomb is small on disk ({os.path.getsize(path)} B)")
    run = case.run([case.good, path], trace=False)
    case.expect_invalid(run, "bomb.xlsx")
    s = run.sub("bomb.xlsx")
    if s is not None:
        msgs = " ".join(d["message"] for d in s["diagnostics"])
        case.check("limit" in msgs.lower(),
                   f"the diagnostic names the limit ({msgs[:300]})")
    case.expect_good_evaluated(run)
    case.expect_fast(run, _slow_limit(10.0))


@attack
def workbook_content_decides_not_the_name(case):
    junk = case.write("junk.xlsx", b"\x00\x01 not a workbook at all \xff")
    shutil.copy(case.good, case.path("really-json.xlsx"))
    run = case.run([case.good, junk, case.path("really-json.xlsx")])
    case.expect_invalid(run, "junk.xlsx")
    s = run.sub("really-json.xlsx")
    case.check(s is not None and s["verdict"] == "qualified",
               "a JSON questionnaire named .xlsx is read as JSON")
    case.expect_good_evaluated(run)


@attack
def workbook_lock_files_are_not_bids(case):
    d = case.path("bids")
    os.makedirs(d, exist_ok=True)
    shutil.copy(case.good, os.path.join(d, "good.json"))
    wb, parts = _checksheet_parts(case)
    wb.write_parts(os.path.join(d, "vendor.xlsx"), parts)
    # Excel keeps "~$vendor.xlsx" beside a workbook it has open.
    with open(os.path.join(d, "~$vendor.xlsx"), "wb") as f:
        f.write(b"\x0bvendor-pc" + b"\x00" * 150)
    run = case.run([d], trace=False)
    case.check(run.report is not None, "the report was written")
    if run.report is None:
        return
    names = [os.path.basename(s["file"]) for s in run.report["submissions"]]
    case.check("vendor.xlsx" in names,
               f"a workbook in a directory is taken as a bid ({names})")
    case.check("~$vendor.xlsx" not in names,
               f"Excel's lock file is not a bid ({names})")
    case.expect_good_evaluated(run)
