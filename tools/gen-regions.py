#!/usr/bin/env python3
"""Generate criteria/data/regions.json from the cloud-regions reference.

Usage: tools/gen-regions.py [path/to/cloud-regions.md]
Default input: ../shared/reference/cloud-regions.md (relative to the repo root).
Writes criteria/data/regions.json. Standard library only; the output is
deterministic (providers sorted by id, entries by provider then id).

Rules (see "How to use" in the reference):
- every backticked identifier of a provider table row becomes one entry,
  lower-cased (lookups are case-insensitive); `a`..`c` ranges are expanded and
  templates such as `apne1-az<N>` are dropped;
- the country column gives ISO alpha-2 codes (several for multi-region rows);
- [UNCONFIRMED ...] / [SECONDARY ...] marks become the entry's "note";
- the display name (up to " — ", ";" or ", ") becomes an alias when it looks
  like a real name; the Japanese alias table adds aliases to its entries, and
  each of its Japanese names gives one more, its city followed by リージョン
  (東京リージョン), noted as derived;
- the collisions table only repeats provider rows and is not read;
- section 8.6 lists providers without identifiers: no entries (the reference
  says to ask for the country in writing);
- every "source" written is a published document (the row's URLs, or for the
  file as a whole each provider's region documentation, PROVIDER_DOCS), never
  the reference itself; a row whose source is "none found" says so.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_IN = os.path.join(ROOT, "..", "shared", "reference", "cloud-regions.md")
OUT = os.path.join(ROOT, "criteria", "data", "regions.json")
# The file-level source: each provider's own published region list (the
# documents the entries cite), not the compiled reference it is read from.
PROVIDER_DOCS = [
    ("Amazon Web Services", "AWS Availability Zones "
     "https://docs.aws.amazon.com/global-infrastructure/latest/regions/"
     "aws-availability-zones.html, AWS Local Zones https://docs.aws.amazon.com/"
     "local-zones/latest/ug/available-local-zones.html and the region file "
     "of the AWS SDK (botocore partitions.json)"),
    ("Microsoft Azure", "Azure regions list "
     "https://learn.microsoft.com/azure/reliability/regions-list (21Vianet: "
     "https://docs.azure.cn/en-us/reliability/regions-list)"),
    ("Google Cloud", "Regions and zones "
     "https://cloud.google.com/compute/docs/regions-zones and Cloud Storage "
     "locations https://cloud.google.com/storage/docs/locations"),
    ("Oracle Cloud Infrastructure", "the region definitions of the OCI "
     "Python SDK and the region list of the Oracle NoSQL SDK"),
    ("IBM Cloud", "VPC regions https://cloud.ibm.com/docs/vpc?topic="
     "vpc-creating-a-vpc-in-a-different-region, Code Engine regions "
     "https://cloud.ibm.com/docs/codeengine?topic=codeengine-regions and "
     "Cloud Object Storage endpoints https://cloud.ibm.com/docs/"
     "cloud-object-storage?topic=cloud-object-storage-advanced-endpoints"),
    ("Alibaba Cloud", "the region tables of its service documentation, e.g. "
     "https://help.aliyun.com/en/sls/sls-supported-regions1"),
    ("Tencent Cloud", "regions and zones "
     "https://www.tencentcloud.com/document/product/628/33133"),
    ("さくらのクラウド", "the zone and site definitions of the sacloud "
     "iaas-api-go and object-storage-api-go libraries"),
    ("富士通 FJcloud-O", "リージョン https://doc.cloud.global.fujitsu.com/lib/"
     "iaas/jp/function-manual/concept/concept_cloudservice_region.html"),
    ("NIFCLOUD", "the region names of nifcloud-sdk-python and "
     "terraform-provider-nifcloud"),
    ("NTT Communications SDPF", "Region/Zone/Group https://sdpf.ntt.com/docs/"
     "about-region-zone-group/service-descriptions/region_zone_group.html and "
     "terraform-provider-ecl"),
    ("KDDI KCPS", "a third-party Terraform provider (no KDDI list found)"),
    ("NHN Cloud", "the Compute identity API document (TOAST-DOCS)"),
]
SOURCE = ("Each provider's own published region list or SDK region data, as "
          "published up to 2026-08; every entry names the document it comes "
          "from. " + "; ".join(f"{p}: {d}" for p, d in PROVIDER_DOCS))

# Section number -> provider id. 8.6 has no identifiers (None = skip).
SECTIONS = {"1": "aws", "2": "azure", "3": "gcp", "4": "oci", "5": "ibm",
            "6": "alibaba", "7": "tencent", "8.1": "sakura", "8.2": "fujitsu",
            "8.3": "nifcloud", "8.4": "ntt", "8.5": "kddi", "8.6": None,
            "8.7": "nhn"}
# Tables whose second column is a description, not a display name.
NO_ALIAS = {"1.4", "3.2", "5.2", "5.3", "8.3", "8.4", "8.5", "8.7"}
# Provider words used in the Japanese alias table.
ALIAS_PROVIDER = {"AWS": "aws", "Azure": "azure", "Google": "gcp",
                  "Alibaba": "alibaba", "Tencent": "tencent", "OCI": "oci"}
# Section-level caveats that apply to every row of a table.
SECTION_NOTES = {
    "8.4": ("UNCONFIRMED", "city not confirmed (the provider's region table "
            "could not be read); country taken from the id prefix"),
}
EU27 = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT "
           "RO SK SI ES SE".split())

PROVIDERS = {
    "aws": (["AWS", "Amazon Web Services", "Amazon", "アマゾン ウェブ サービス",
             "アマゾンウェブサービス"],
            # ap-northeast-1a -> ap-northeast-1; Local/Wavelength zones
            # (ap-northeast-1-tpe-1a) do not match and are listed whole.
            [r"^([a-z]{2,4}(?:-[a-z]+)+-[0-9]+)[a-z]$"]),
    "azure": (["Microsoft Azure", "Azure", "Microsoft", "マイクロソフト",
               "マイクロソフト Azure"],
              [r"^([a-z0-9]+)-az[0-9]+$"]),                 # japaneast-az1
    "gcp": (["Google Cloud", "GCP", "Google Cloud Platform", "Google",
             "Google Cloud Storage", "グーグル"],
            [r"^([a-z]+-[a-z]+[0-9]+)-[a-z]$"]),            # asia-northeast1-a
    "oci": (["Oracle Cloud Infrastructure", "OCI", "Oracle", "Oracle Cloud",
             "オラクル"],
            # Uocm:AP-TOKYO-1-AD-1 -> ap-tokyo-1
            [r"^(?:[a-z0-9]+:)?([a-z]+(?:-[a-z]+)+-[0-9]+)-ad-[0-9]+$"]),
    "ibm": (["IBM Cloud", "IBM", "日本アイ・ビー・エム", "IBM Cloud Object Storage"],
            [r"^([a-z]{2}-[a-z]+)-[0-9]+$"]),               # jp-tok-1
    "alibaba": (["Alibaba Cloud", "Alibaba", "Aliyun", "阿里云",
                 "アリババクラウド"], []),
    "tencent": (["Tencent Cloud", "Tencent", "腾讯云", "テンセントクラウド"],
                [r"^([a-z]{2}-[a-z]+(?:-fsi)?)-[0-9]+$"]),  # ap-tokyo-2
    "sakura": (["さくらのクラウド", "さくらインターネット", "SAKURA internet",
                "SAKURA Cloud", "さくらのクラウド オブジェクトストレージ"], []),
    "fujitsu": (["富士通", "Fujitsu", "FJcloud", "FJcloud-O",
                 "Fujitsu Cloud Service", "K5"], []),
    "nifcloud": (["ニフクラ", "NIFCLOUD", "FJcloud-V"],
                 [r"^((?:east|west)-[0-9])[0-9]$"]),        # east-11 -> east-1
    "ntt": (["NTTコミュニケーションズ", "NTT Communications", "NTT Com", "SDPF",
             "Smart Data Platform", "Enterprise Cloud"],
            [r"^([a-z]{2}[0-9]+)-zone[0-9]+$"]),            # jp1-zone1
    "kddi": (["KDDI", "KCPS", "KDDI クラウドプラットフォームサービス",
              "KDDI Cloud Platform Service"], []),
    "nhn": (["NHN Cloud", "NHN", "NHNクラウド"], []),
    "iij": (["IIJ GIO", "IIJ", "インターネットイニシアティブ",
             "Internet Initiative Japan", "IIJ GIOインフラストラクチャーP2"], []),
    "nec": (["NEC Cloud IaaS", "NEC", "日本電気"], []),
    "softbank": (["ソフトバンク", "SoftBank", "ホワイトクラウド ASPIRE",
                  "ホワイトクラウド"], []),
}

# Facts stated in prose rather than in a table row.
AWS_LZ = ("https://docs.aws.amazon.com/local-zones/latest/ug/"
          "available-local-zones.html")
LZ_NOTE = ("Local Zone identifier taken from SDK and pricing data, not "
           "from the AWS Local Zones page itself")
# Sakura object storage site tky01 (its S3 region string is jp-east-1).
SAKURA_TKY01 = ("https://github.com/sacloud/object-storage-api-go/blob/"
                "e9b2ac6d2cf44849cc3ccf5872c66c44a9226bde/buckets.go")
IBM_REGIONS = ("https://cloud.ibm.com/docs/vpc?topic="
               "vpc-creating-a-vpc-in-a-different-region")
PROSE = [
    ("aws", "ap-south-1-ccu-1", "Kolkata Local Zone", "IN", AWS_LZ, "SECONDARY", LZ_NOTE),
    ("aws", "ap-south-1-del-1", "Delhi Local Zone", "IN", AWS_LZ, "SECONDARY", LZ_NOTE),
    ("aws", "ap-southeast-1-bkk-1", "Bangkok Local Zone", "TH", AWS_LZ, "SECONDARY",
     LZ_NOTE),
    ("aws", "ap-southeast-1-mnl-1", "Manila Local Zone", "PH", AWS_LZ, "SECONDARY",
     LZ_NOTE),
    ("aws", "ap-southeast-2-akl-1", "Auckland Local Zone", "NZ", AWS_LZ, "SECONDARY",
     LZ_NOTE),
    ("aws", "ap-southeast-2-per-1", "Perth Local Zone", "AU", AWS_LZ, "SECONDARY",
     LZ_NOTE),
    ("ibm", "kr-seo", "Seoul (older region id)", "KR",
     "no IBM source: the id appears only in third-party region lists; IBM's "
     "current region list (" + IBM_REGIONS + ") does not name it", "UNCONFIRMED",
     "older Seoul region id seen only in third-party region lists, not in "
     "IBM's current region tables"),
    ("sakura", "jp-east-1", "S3 region string of object storage site tky01", "JP",
     SAKURA_TKY01 + " (object storage site tky01; the region string "
     "jp-east-1 itself appears only in third-party code)",
     "UNCONFIRMED", "S3 region string of site tky01 seen only in third-party code"),
]

# Terse mark texts of the reference, spelled out.
TERSE = {"current": "whether it is still offered",
         "id": "the identifier, derived by the display-name rule"}
MARK = re.compile(r"\s*\[([^\]]*\b(UNCONFIRMED|SECONDARY)\b[^\]]*)\]")


def depth0_cut(text, seps):
    """Cut text at the first separator that is outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and any(text.startswith(s, i) for s in seps):
            return text[:i]
    return text


def clean(text, marks=False):
    text = text if marks else MARK.sub("", text)
    text = text.replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def marks(cells, columns=("identifier", "display name", "country", "source")):
    """(kind, text) for each [UNCONFIRMED]/[SECONDARY] mark found in a row."""
    found = []
    for column, cell in zip(columns, cells):
        for m in MARK.finditer(cell):
            kind = m.group(2)
            detail = re.sub(r"\s+:", ":", m.group(1).replace(kind, "").strip(" :"))
            if detail:
                found.append((kind, f"{column}: {TERSE.get(detail, detail)}"))
                continue
            what = (": not confirmed by the provider's own material"
                    if kind == "UNCONFIRMED" else ": third-party material")
            if "source" not in column:    # bare mark: quote the text it marks
                before, depth = cell[:m.start()], 0
                for j in range(len(before) - 1, -1, -1):  # innermost open "("
                    depth += {")": 1, "(": -1}.get(before[j], 0)
                    if depth < 0:
                        before = before[j + 1:]
                        break
                before = clean(before).lstrip("+ ")
                column += f" '{before}'" if before else ""
            found.append((kind, column + what))
    return found


def identifiers(cell):
    ids = []
    for a, b in re.findall(r"`([^`]+)`\.\.`([^`]+)`", cell):   # `x1`..`x3`
        b = a[:len(a) - len(b)] + b
        ids += [a[:-1] + chr(c) for c in range(ord(a[-1]), ord(b[-1]) + 1)]
    cell = re.sub(r"`[^`]+`\.\.`[^`]+`", "", cell)
    for tok in re.findall(r"`([^`]+)`", cell):
        if "<" not in tok and tok not in ids:
            ids.append(tok)
    return [i.lower() for i in ids]


def countries(cell):
    codes = re.findall(r"\b[A-Z]{2}\b", cell.replace("**", ""))
    return list(dict.fromkeys(codes))


def display_aliases(section, cell, ids):
    """One list of display-name aliases per identifier of the row."""
    if section in NO_ALIAS:
        return [[] for _ in ids]
    text = re.sub(r"\s*\([^()]*`[^()]*\)", "", MARK.sub("", cell))  # (zones `x`)
    text = depth0_cut(text, (" — ", ";", ", ")).strip()
    text = re.sub(r"\s*\((?=[a-z])[^()]*\)", "", text)   # (restricted access)
    names = []
    for n in text.split(" / "):
        n = re.sub(r"\s*\[[^\]]*\]", "", n).strip()     # Crissier [name only]
        if not n.split(" (")[0].isascii():
            n = n.split(" (")[0]          # 東京第1ゾーン (Tokyo zone 1)
        if section.startswith("8") and n.isascii():
            n = ""                        # section 8: English text is descriptive
        # real names start upper-case or in Japanese; descriptions lower-case
        names.append(n if n and (n[0].isupper() or not n[0].isascii()) else "")
    if len(ids) == 1:
        out = [[n for n in names if n]]
    elif len(names) == len(ids):          # `a`, `b` | A name / B name
        out = [[n] if n else [] for n in names]
    else:
        out = [[] for _ in ids]
    if section.startswith("2"):           # Azure: id = display name sans spaces
        out = [[n for n in ns if n.replace(" ", "").lower() == i]
               for ns, i in zip(out, ids)]
    return out


def rows(lines):
    """Yield (section, header, cells) for every table body row."""
    section, header = None, None
    for line in lines:
        m = re.match(r"#{2,3} (\d+(?:\.\d+)?)[. ]", line)
        if m:
            section = m.group(1)
        elif line.startswith("## "):
            section = "pre"
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set(cells[0]) <= set("-"):
            yield section, header, cells


def provider_of(section):
    for key in (section, section.split(".")[0]):
        if key in SECTIONS:
            return SECTIONS[key]
    sys.exit(f"gen-regions: no provider for section {section}; update SECTIONS")


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def japanese_city(alias):
    """東京 of アジアパシフィック (東京), 東京(日本), 日本 (東京) and 東京; 東日本
    of 東日本; None for a name that is not Japanese or names no single city."""
    m = re.fullmatch(r"\s*([^()]*?)\s*\(([^()]+)\)\s*", alias)
    # "area (city)" names the city in brackets, "city (日本)" outside them
    city = (m.group(1) if m.group(2).strip() == "日本" else m.group(2)) \
        if m else alias
    city = city.strip()
    if not JAPANESE.search(city) or re.search(r"[\s/]|リージョン|ゾーン|サイト",
                                             city):
        return None
    try:  # written in Japanese: 東京, not the Chinese 东京 of a Chinese name
        city.encode("cp932")
    except UnicodeEncodeError:
        return None
    return city


def derive_region_words(e, names):
    """Vendors write a Japanese region as its city followed by リージョン
    (東京リージョン, 大阪リージョン, 東日本リージョン): one more alias per Japanese
    display name of the alias table, noted as derived."""
    for a in names:
        city = japanese_city(a)
        if city and city + "リージョン" not in e["aliases"]:
            e["aliases"].append(city + "リージョン")
            e["notes"].append(("DERIVED", f"alias {city}リージョン derived from "
                               f"the Japanese display name {a} (its city "
                               "followed by リージョン, as vendors write it; "
                               "not a name the provider publishes)"))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    entries, alias_rows = {}, []
    for section, header, cells in rows(lines):
        if section == "pre":
            if header[0] == "alias":
                alias_rows.append(cells)
            continue                      # collisions table: repeats rows
        provider = provider_of(section)
        ids = identifiers(cells[0])
        if provider is None or not ids:
            continue                      # 8.6, "empty / null LocationConstraint"
        notes = marks(cells)
        if section in SECTION_NOTES and not any(
                k == SECTION_NOTES[section][0] for k, _ in notes):
            notes.insert(0, SECTION_NOTES[section])
        source = clean(cells[3])
        if source == "none found":
            source = ("no published source found for this "
                      f"{PROVIDERS[provider][0][0]} identifier")
        for i, names in zip(ids, display_aliases(section, cells[1], ids)):
            if (provider, i) in entries:
                continue                  # e.g. "`ap-northeast-1` + letter"
            entries[(provider, i)] = {
                "provider": provider, "id": i, "name": clean(cells[1], marks=True),
                "aliases": names + (re.findall(r"\bkey ([A-Z]{3})\b", cells[1])
                                    if provider == "oci" else []),
                "countries": countries(cells[2]), "source": source,
                "notes": list(notes)}
    for provider, i, name, cc, src, kind, note in PROSE:
        if (provider, i) not in entries:
            entries[(provider, i)] = {
                "provider": provider, "id": i, "name": name, "aliases": [],
                "countries": [cc], "source": src,
                "notes": [(kind, note)]}
    for cells in alias_rows:
        provider = ALIAS_PROVIDER[cells[1].split()[0]]
        ids = re.findall(r"`([^`]+)`", cells[1])
        names = [clean(n) for n in cells[0].split(" / ")]
        per_id = [[n] for n in names] if len(names) == len(ids) else [names] * len(ids)
        for i, ns in zip(ids, per_id):
            e = entries[(provider, i.lower())]
            e["aliases"] += ns + re.findall(r'"([^"]+)"', cells[1])
            derive_region_words(e, ns)
            label = "Japanese alias " + " / ".join(ns)
            e["notes"] += marks(cells, (label, label, label, label + " source"))
            for url in clean(cells[3]).split(" ; "):
                if url not in e["source"]:
                    e["source"] += " ; " + url
    # Multi-region locations the reference describes without a country list.
    gcp = [e for e in entries.values() if e["provider"] == "gcp"]
    multi = {
        "asia": ("asia-", lambda c: True, "data centers in Asia"),
        "eu": ("europe-", lambda c: c in EU27, "EU member states"),
    }
    for key, (prefix, keep, what) in multi.items():
        e = entries[("gcp", key)]
        e["countries"] = sorted({c for g in gcp if g["id"].startswith(prefix)
                                 for c in g["countries"] if keep(c)})
        e["notes"].insert(0, ("UNCONFIRMED", f"Google's location list says "
                              f"only '{what}' without a country list; taken as "
                              f"every such country of a Google {prefix}* region "
                              "of its region list: "
                              + " + ".join(e["countries"])))
    out_entries, owners = [], {key: key for key in entries}
    for (provider, i), e in sorted(entries.items()):
        aliases = []
        for a in e.pop("aliases"):
            owner = owners.setdefault((provider, a.lower()), (provider, i))
            if owner == (provider, i) and a not in aliases and a.lower() != i:
                aliases.append(a)
            elif owner != (provider, i):
                print(f"gen-regions: alias {a!r} of {provider} {i} dropped: "
                      f"already names {owner[1]}", file=sys.stderr)
        e["aliases"] = aliases
        text = []
        for kind in ("UNCONFIRMED", "SECONDARY", "DERIVED"):
            what = [w for k, w in e["notes"] if k == kind]
            if not what:
                continue
            line = f"{kind}: " + "; ".join(dict.fromkeys(what))
            if kind == "UNCONFIRMED" and "taken as" not in line:
                line += ("; taken as " + " + ".join(e["countries"])
                         if e["countries"] else
                         "; no country taken (unknown, never counted as Japan)")
            text.append(line)
        entry = {k: e[k] for k in ("provider", "id", "name", "aliases",
                                   "countries", "source")}
        if text:
            entry["note"] = ". ".join(text)
        out_entries.append(entry)
    doc = {"format": "cloudvet-regions/1", "source": SOURCE,
           "providers": [{"id": p, "names": n, "zone_patterns": z}
                         for p, (n, z) in sorted(PROVIDERS.items())],
           "entries": out_entries}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {OUT}: {len(PROVIDERS)} providers, {len(out_entries)} entries")


if __name__ == "__main__":
    main()
