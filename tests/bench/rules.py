#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""rules.py: the Python baseline of the benchmark (JSON inputs only).

    rules.py [--as-of YYYY-MM-DD] [--criteria DIR] DIR|FILE...

Parses every *.json file (directories: their *.json, sorted; *.xml and other
files are skipped: this baseline reads the JSON form only) with the standard
json module and applies four rules, printing one line per file, the same line
rules.jq prints:

  {"file":"00001-x.json","cert":true,"region":true,"crypto":true,"mfa":false}

- cert:   some certification whose scheme is accepted by the default profile
          (parameters.accepted_certifications: ISMAP, ISO/IEC 27017) has
          valid_until >= the as-of date (YYYY-MM-DD strings compare as dates;
          era dates are not converted: gen.py writes valid_until as YYYY-MM-DD);
- region: data_location.storage is non-empty and every entry's country is the
          profile's home_country (JP);
- crypto: encryption.at_rest is non-empty and every algorithm is on the
          allowlist taken from criteria/data/cryptrec.json: the algorithms
          listed "recommended" in the symmetric confidentiality categories
          (block_cipher_128, stream_cipher, aead): AES, Camellia, KCipher-2,
          ChaCha20-Poly1305;
- mfa:    access_control.mfa.factors, mapped to kinds by name or alias with
          criteria/data/mfa-factors.json (unknown names count for nothing),
          give at least two kinds, one of them biometric.

These are deliberately simple versions of cloudvet's checks (no zone or region
lookup, no key-length or mode rules, no holder/scope test): they exist to time
a plain parse-and-check pass, not to replace the evaluator.
"""
import argparse
import datetime
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CRITERIA = os.path.normpath(os.path.join(HERE, "..", "..", "criteria"))
CONFIDENTIALITY = ("block_cipher_128", "stream_cipher", "aead")


def load_tables(criteria):
    def load(*parts):
        with open(os.path.join(criteria, *parts), "rb") as f:
            return json.loads(f.read())
    params = load("profiles", "default.json")["parameters"]
    accepted = frozenset(params["accepted_certifications"]["value"])
    home = params["home_country"]["value"]
    allow = frozenset(a["name"] for a in load("data", "cryptrec.json")["algorithms"]
                      if a["list"] == "recommended" and a["category"] in CONFIDENTIALITY)
    kinds = {}
    for e in load("data", "mfa-factors.json")["entries"]:
        for name in [e["name"]] + e.get("aliases", []):
            kinds[name] = e["kind"]
    return accepted, home, allow, kinds


def files_of(args):
    for a in args:
        if os.path.isdir(a):
            for n in sorted(os.listdir(a)):
                if n.endswith(".json"):
                    yield os.path.join(a, n)
        elif a.endswith(".json"):
            yield a


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--as-of", default=datetime.date.today().isoformat())
    ap.add_argument("--criteria", default=DEFAULT_CRITERIA)
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args(argv)
    accepted, home, allow, kinds = load_tables(a.criteria)
    as_of = a.as_of
    out = []
    write = sys.stdout.write
    bad = 0
    for path in files_of(a.inputs):
        with open(path, "rb") as f:
            raw = f.read()
        try:
            d = json.loads(raw)
        except ValueError as e:
            sys.stderr.write("%s: %s\n" % (path, e))
            bad += 1
            continue
        cert = any(c.get("scheme") in accepted and (c.get("valid_until") or "") >= as_of
                   for c in d.get("certifications") or ())
        storage = (d.get("data_location") or {}).get("storage") or ()
        region = bool(storage) and all(s.get("country") == home for s in storage)
        at_rest = (d.get("encryption") or {}).get("at_rest") or ()
        crypto = bool(at_rest) and all(e.get("algorithm") in allow for e in at_rest)
        factors = ((d.get("access_control") or {}).get("mfa") or {}).get("factors") or ()
        k = {kinds[f] for f in factors if f in kinds}
        mfa = len(k) >= 2 and "biometric" in k
        out.append('{"file":%s,"cert":%s,"region":%s,"crypto":%s,"mfa":%s}\n' % (
            json.dumps(os.path.basename(path), ensure_ascii=False),
            "true" if cert else "false", "true" if region else "false",
            "true" if crypto else "false", "true" if mfa else "false"))
        if len(out) >= 256:
            write("".join(out))
            out.clear()
    write("".join(out))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
