#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An ISMAP cloud service list for the samples, written as the public body
would distribute it: an .xlsx with a title row, a two-row header with merged
cells, dates stored as serials under date formats, a float cell, and a
notes row at the bottom. Nothing here is a real registration: the numbers
are the ones samples/ claim, in the format of the published list (C21-0004-2).

    ismap_fixture.py OUT.xlsx          the list for samples/ (README demo)
    ismap_fixture.py --csv OUT.csv     the same rows as CSV

Used by tests/checks/test_registry_cli.py, which also builds variants.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "registry"))
import workbook  # noqa: E402  (tests/registry/workbook.py)

HEADER_TOP = ["No.", "登録番号", "クラウドサービス名称", "クラウドサービス事業者名",
              "有効期間", None, "ISMAP / ISMAP-LIU"]
HEADER_SUB = [None, None, None, None, "登録日", "有効期限", None]

# (number, service, provider, registered, expires, scheme)
ROWS = [
    ("C23-0187-1", "あおばオンライン申請クラウド", "株式会社あおば行政システムズ",
     "2026-06-30", "2027-09-30", "ISMAP"),
    # (株) and a full-width space: the same company after normalisation
    ("C24-0251-1", "ミライ窓口オンライン申請クラウド", "(株)ミライ窓口テック",
     "2026-03-27", "2027-07-31", "ISMAP"),
    # the IaaS that sample 04's SaaS runs on: its number is not the SaaS's
    ("C21-0011-1", "Microsoft Azure", "日本マイクロソフト株式会社",
     "2025-09-30", "2027-01-31", "ISMAP"),
    ("C25-0078-1", "ことのはオンライン申請クラウド", "株式會社ことのは公共システム",
     "2026-01-30", "2027-04-30", "ISMAP"),
    ("C25-0102-1", "かがりび電子申請クラウド", "株式会社かがりびネットワークス",
     "2026-04-24", "2027-08-31", "ISMAP"),
    ("L24-0007-1", "しらかば窓口チャット", "株式会社しらかば情報サービス",
     "2025-12-19", "2026-12-31", "ISMAP-LIU"),
    # an expired registration
    ("C22-0040-1", "つばさ電子申請クラウド", "株式会社つばさデジタルソリューションズ",
     "2022-03-01", "2025-06-30", "ISMAP"),
]
# Sample 06 claims C24-0139-1, which is deliberately absent.


def rows_for_sheet(rows=ROWS, date_fmt="yyyy/m/d"):
    out = [[{"inline": "ISMAPクラウドサービスリスト（テスト用）"}] + [None] * 6,
           HEADER_TOP, HEADER_SUB]
    for i, (num, svc, prov, reg, exp, scheme) in enumerate(rows, 1):
        out.append([i, num, svc, prov,
                    {"date": reg, "fmt": date_fmt},
                    {"date": exp, "fmt": date_fmt}, scheme])
    # a float that Excel shows as 5.1 (the list's edition, say)
    out.append([None, None, None, None, None, None, None])
    out.append([{"n": 5.0999999999999996, "fmt": "0.0"},
                "※ 版数は上の値です。登録番号のない行は注記です。",
                None, None, None, None, None])
    return out


SHEET_MERGES = ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:G3"]


def write_fixture(path, rows=ROWS):
    workbook.write_xlsx(path, [
        {"name": "表紙", "rows": [["ISMAPクラウドサービスリスト"], ["説明"]]},
        {"name": "クラウドサービスリスト", "rows": rows_for_sheet(rows),
         "merges": SHEET_MERGES},
    ])


def write_csv(path, rows=ROWS):
    import csv
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["登録番号", "クラウドサービス名称", "クラウドサービス事業者名",
                    "登録日", "有効期限", "ISMAP / ISMAP-LIU"])
        for num, svc, prov, reg, exp, scheme in rows:
            w.writerow([num, svc, prov, reg.replace("-", "/"), exp, scheme])


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--csv":
        write_csv(sys.argv[2])
    elif len(sys.argv) == 2:
        write_fixture(sys.argv[1])
    else:
        sys.exit(__doc__)
