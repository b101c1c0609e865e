# SPDX-License-Identifier: MIT
"""OSCAL system security plans read as questionnaires (issue 17, item 1).

Every plan is written by the test in both forms (JSON, and XML through
ssp.to_xml), evaluated by `cloudvet evaluate`, and the results compared:
the same facts give the same verdict. Covers OSCAL 1.0.4 and 1.1.2, the
implementation-status prop in FedRAMP's namespace spelt http:// and
https://, non-UUID identifiers, a status outside OSCAL's list, a planned
MFA, two controls stating different RPOs, the leveraged authorization
that is not the service's certification, and the located facts.

usage: test_oscal.py CLOUDVET SRC_DIR"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ssp  # noqa: E402

AS_OF = "2026-11-21"
PASSED = 0
FAILED = 0

MFA_TEXT = ("Administrators sign in with a password and face recognition "
            "(biometric), with a FIDO2 security key as the second factor.")
MFA_TEXT_2 = "All users sign in with a password and a FIDO2 key."
TLS_TEXT = "All traffic is protected with TLS 1.3 only."
REST_TEXT = "Stored data is encrypted with AES-256-GCM."
CP9_TEXT = "Backups run continuously; the RPO is 1 hour."
CP10_TEXT = "Failover to Osaka; the RTO is 4 hours."


def check(cond, what):
    global PASSED, FAILED
    if cond:
        PASSED += 1
    else:
        FAILED += 1
        print("check failed: " + what, file=sys.stderr)


def evaluate(cloudvet, src, files):
    """report.json of one run over `files` ({name: text})."""
    tmp = tempfile.mkdtemp(prefix="cv-oscal-")
    paths = []
    for name, text in files.items():
        p = os.path.join(tmp, name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    out = os.path.join(tmp, "out")
    env = dict(os.environ, CLOUDVET_CRITERIA=os.path.join(src, "criteria"),
               XDG_DATA_HOME=os.path.join(tmp, "xdg"))
    proc = subprocess.run([cloudvet, "--lang", "en", "evaluate", "--as-of",
                           AS_OF, "--no-registry", "--format", "json",
                           "--out", out] + paths, env=env,
                          capture_output=True, timeout=120)
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        rep = json.load(f)
    return {os.path.basename(s["file"]): s for s in rep["submissions"]}, proc


def both(cloudvet, src, doc, stem):
    """The plan's JSON and XML submissions, evaluated in one run."""
    subs, _ = evaluate(cloudvet, src, {stem + ".json": json.dumps(doc),
                                       stem + ".xml": ssp.to_xml(doc)})
    return subs[stem + ".json"], subs[stem + ".xml"]


def result(sub, cid):
    for r in sub["results"]:
        if r["id"] == cid:
            return r
    return None


def status(sub, cid):
    r = result(sub, cid)
    return r["status"] if r else None


def messages(sub):
    return " | ".join(d["message"] for d in sub["diagnostics"])


def same_verdicts(j, x, what):
    check(j["verdict"] == x["verdict"],
          f"{what}: same verdict in both forms ({j['verdict']} / "
          f"{x['verdict']})")
    for r in j["results"]:
        check(status(x, r["id"]) == r["status"],
              f"{what}: {r['id']} is {r['status']} in JSON and "
              f"{status(x, r['id'])} in XML")


def good_requirements(form):
    return [ssp.requirement("ia-2.1", MFA_TEXT, form=form),
            ssp.requirement("ia-2.2", MFA_TEXT_2, form=form),
            ssp.requirement("sc-8", TLS_TEXT, form=form),
            ssp.requirement("sc-28", REST_TEXT, form=form),
            ssp.requirement("cp-2", "A contingency plan sets the recovery "
                            "order and is tested yearly.", form=form),
            ssp.requirement("cp-9", CP9_TEXT, form=form),
            ssp.requirement("cp-10", CP10_TEXT, form=form)]


def test_versions_and_namespaces(cloudvet, src):
    for version, form in (("1.1.2", "1.1"), ("1.0.4", "fedramp-http"),
                          ("1.0.4", "fedramp-https"), ("1.0.4", "1.0")):
        what = f"OSCAL {version}, status as {form}"
        j, x = both(cloudvet, src, ssp.plan(good_requirements(form),
                                            version=version), "plan")
        same_verdicts(j, x, what)
        for s, f in ((j, "JSON"), (x, "XML")):
            check(s["verdict"] != "invalid",
                  f"{what} {f}: read ({messages(s)[:300]})")
            check(status(s, "ACCESS-MFA") == "met",
                  f"{what} {f}: ACCESS-MFA met from IA-2(1)'s factors "
                  f"({status(s, 'ACCESS-MFA')}: "
                  f"{(result(s, 'ACCESS-MFA') or {}).get('reason')})")
            check(status(s, "CRYPTO-CRYPTREC") == "met",
                  f"{what} {f}: CRYPTO-CRYPTREC met from SC-8/SC-28 "
                  f"({status(s, 'CRYPTO-CRYPTREC')})")
            check(status(s, "CLOUD-RECOVERY") == "met",
                  f"{what} {f}: CLOUD-RECOVERY met ({status(s, 'CLOUD-RECOVERY')})")
            check(status(s, "CLOUD-CERT") == "unanswered",
                  f"{what} {f}: the leveraged IaaS authorization is not the "
                  f"service's certification ({status(s, 'CLOUD-CERT')})")
            check("not a certification of the offered service" in messages(s),
                  f"{what} {f}: a note says whose the authorization is")
            check("not answered: CLOUD-CERT" in messages(s),
                  f"{what} {f}: one note lists what the SSP cannot state")
            check(s["vendor"] == "テスト株式会社",
                  f"{what} {f}: the provider party is the vendor")
    # Located facts: the data centres' pointers in JSON, XPaths in XML.
    check("/system-security-plan/metadata/locations/0/address/country"
          in json.dumps(result(j, "CLOUD-REGION")),
          "CLOUD-REGION names the JSON pointer of the data centre's country")
    check("/system-security-plan/metadata/location[1]/address/country"
          in json.dumps(result(x, "CLOUD-REGION")),
          "CLOUD-REGION names the XPath of the data centre's country")


def test_planned_mfa(cloudvet, src):
    reqs = [ssp.requirement("ia-2.1", MFA_TEXT, status="planned"),
            ssp.requirement("ia-2.2", MFA_TEXT_2)]
    j, x = both(cloudvet, src, ssp.plan(reqs), "planned")
    same_verdicts(j, x, "planned MFA")
    for s, f in ((j, "JSON"), (x, "XML")):
        check(status(s, "ACCESS-MFA") == "not_met",
              f"planned MFA {f}: ACCESS-MFA not met ({status(s, 'ACCESS-MFA')})")
        check(s["verdict"] == "disqualified",
              f"planned MFA {f}: disqualified ({s['verdict']})")
        check(MFA_TEXT in (result(s, "ACCESS-MFA") or {}).get("explanation", ""),
              f"planned MFA {f}: the narrative is quoted")


def test_unknown_status(cloudvet, src):
    reqs = [ssp.requirement("ia-2.1", MFA_TEXT, status="in-progress"),
            ssp.requirement("ia-2.2", MFA_TEXT_2)]
    j, x = both(cloudvet, src, ssp.plan(reqs), "unknown")
    same_verdicts(j, x, "status outside OSCAL's list")
    for s, f in ((j, "JSON"), (x, "XML")):
        check(status(s, "ACCESS-MFA") == "not_met",
              f"unknown status {f}: not taken as implemented "
              f"({status(s, 'ACCESS-MFA')})")
        check("implementation status 'in-progress' is not one of OSCAL's"
              in messages(s), f"unknown status {f}: a warning says so")
    reqs = [ssp.requirement("ia-2.1", MFA_TEXT, status=None)]
    j, x = both(cloudvet, src, ssp.plan(reqs), "nostatus")
    for s, f in ((j, "JSON"), (x, "XML")):
        check(status(s, "ACCESS-MFA") == "not_met",
              f"no status {f}: not taken as implemented "
              f"({status(s, 'ACCESS-MFA')})")
        check("states no implementation status" in messages(s),
              f"no status {f}: a warning says so")


def test_two_rpos(cloudvet, src):
    reqs = [ssp.requirement("cp-9", "Daily backups; the RPO is 1 day."),
            ssp.requirement("cp-10", "The RPO is 2 hours and the RTO is 4 "
                            "hours.")]
    j, x = both(cloudvet, src, ssp.plan(reqs), "rpo")
    same_verdicts(j, x, "two RPOs")
    for s, f in ((j, "JSON"), (x, "XML")):
        msg = messages(s)
        check("states sla.rpo_hours inconsistently" in msg,
              f"two RPOs {f}: an inconsistency diagnostic ({msg[:400]})")
        r = result(s, "CLOUD-SLA-METRICS") or {}
        check("RPO: '" not in (r.get("reason") or ""),
              f"two RPOs {f}: neither RPO is taken ({r.get('reason')})")
    # both places named (JSON pointers)
    msg = messages(j)
    check("implemented-requirements/0" in msg and
          "implemented-requirements/1" in msg,
          "two RPOs: the diagnostic names both controls' locations")


def test_control_missing(cloudvet, src):
    # CP-9 and CP-10 implemented, CP-2 (the contingency plan that sets
    # out recovery) absent; IA-2(2) without IA-2(1): each criterion is
    # covered in part, never a yes the missing fact then "refutes".
    reqs = [ssp.requirement("cp-9", CP9_TEXT),
            ssp.requirement("cp-10", CP10_TEXT),
            ssp.requirement("ia-2.2", MFA_TEXT)]
    j, x = both(cloudvet, src, ssp.plan(reqs), "part")
    same_verdicts(j, x, "controls missing")
    for s, f in ((j, "JSON"), (x, "XML")):
        for cid in ("CLOUD-RECOVERY", "ACCESS-MFA"):
            r = result(s, cid) or {}
            check(r.get("response") == "partial" and
                  r.get("status") not in ("met", "contradicted"),
                  f"{f}: {cid} answered partial, not met and not "
                  f"contradicted ({r.get('response')}, {r.get('status')})")


def test_data_centre_props(cloudvet, src):
    # A data-centre prop of an unknown namespace does not make a data
    # centre; an unknown class leaves the purpose unset; both are said.
    locs = [{"uuid": "l1", "title": "Tokyo ap-northeast-1",
             "address": {"country": "JP"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "primary"}]},
            {"uuid": "l2", "title": "Somewhere us-west-2",
             "address": {"country": "US"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "primary",
                        "ns": "https://example.com/ns/other"}]},
            {"uuid": "l3", "title": "Osaka ap-northeast-3",
             "address": {"country": "Japan"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "secondary"}]},
            # nothing to place it by, then one more after it: no gap
            {"uuid": "l4", "title": "Annex",
             "props": [{"name": "type", "value": "data-center",
                        "class": "tertiary"}]},
            {"uuid": "l5", "title": "Osaka ap-northeast-3",
             "address": {"country": "JP"},
             "props": [{"name": "type", "value": "data-center",
                        "class": "alternate"}]}]
    j, x = both(cloudvet, src, ssp.plan([], locations=locs), "dc")
    same_verdicts(j, x, "data-centre props")
    for s, f in ((j, "JSON"), (x, "XML")):
        msg = messages(s)
        check("https://example.com/ns/other" in msg and
              "is not taken as marking a data centre" in msg,
              f"{f}: the foreign-namespace prop is said, not counted")
        check("data-centre class 'secondary' is not known" in msg,
              f"{f}: an unknown class is said")
        check(s["verdict"] != "invalid" and
              "names neither a country nor a region" in msg,
              f"{f}: a data centre with nothing to place it by is said, "
              f"and the next one still read ({s['verdict']})")
        r = json.dumps(result(s, "CLOUD-REGION"))
        check("us-west-2" not in r and "locations/1" not in r and
              "location[2]" not in r,
              f"{f}: the foreign-namespace location is no data centre ({r[:300]})")
    # OSCAL 1.0.4 with no data centres: CLOUD-REGION has no facts.
    j, x = both(cloudvet, src, ssp.plan([], version="1.0.4", locations=[]),
                "nodc")
    for s, f in ((j, "JSON"), (x, "XML")):
        check(status(s, "CLOUD-REGION") == "unanswered",
              f"{f}: no data centre, no facts ({status(s, 'CLOUD-REGION')})")


def test_lint_unknown_member(cloudvet, src):
    import shutil
    tmp = tempfile.mkdtemp(prefix="cv-oscal-lint-")
    crit = os.path.join(tmp, "criteria")
    shutil.copytree(os.path.join(src, "criteria"), crit)
    path = os.path.join(crit, "data", "oscal.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc["controls"][0]["criterio"] = "ACCESS-MFA"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    proc = subprocess.run([cloudvet, "--lang", "en", "--criteria", crit,
                           "criteria", "lint"], capture_output=True,
                          timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    check(proc.returncode != 0 and "criterio" in err,
          f"lint: an unknown member of data/oscal.json is an error "
          f"({proc.returncode}: {err[-300:]})")


def test_word_boundaries(cloudvet, src):
    # "interface" holds "face", "shipping" holds "pin": neither is a factor.
    reqs = [ssp.requirement("ia-2.1", "Administrators use a password in "
                            "the web interface and a TOTP app; PINs are "
                            "never shipping-label printed.")]
    j, x = both(cloudvet, src, ssp.plan(reqs), "words")
    same_verdicts(j, x, "word boundaries")
    r = result(j, "ACCESS-MFA") or {}
    check(r.get("status") != "met" and "face" not in (r.get("reason") or ""),
          f"no biometric factor is read from 'interface' ({r.get('reason')})")


def test_version_refused(cloudvet, src):
    j, x = both(cloudvet, src, ssp.plan([], version="2.0.0"), "v2")
    for s, f in ((j, "JSON"), (x, "XML")):
        check(s["verdict"] == "invalid" and "OSCAL version '2.0.0'" in
              messages(s), f"OSCAL 2.0.0 {f}: refused, saying why")


def test_samples(cloudvet, src):
    with open(os.path.join(src, "samples/11-oscal-ssp.json"),
              encoding="utf-8") as f:
        jt = f.read()
    with open(os.path.join(src, "samples/12-oscal-ssp.xml"),
              encoding="utf-8") as f:
        xt = f.read()
    subs, _ = evaluate(cloudvet, src, {"11.json": jt, "12.xml": xt})
    same_verdicts(subs["11.json"], subs["12.xml"], "samples 11 and 12")
    for name in ("11.json", "12.xml"):
        s = subs[name]
        for cid in ("ACCESS-MFA", "CRYPTO-CRYPTREC", "CLOUD-RECOVERY"):
            check(status(s, cid) == "met", f"sample {name}: {cid} met "
                  f"({status(s, cid)})")


def main():
    cloudvet, src = sys.argv[1], sys.argv[2]
    for t in (test_versions_and_namespaces, test_planned_mfa,
              test_unknown_status, test_two_rpos, test_control_missing,
              test_data_centre_props, test_lint_unknown_member,
              test_word_boundaries,
              test_version_refused, test_samples):
        t(cloudvet, src)
    print(f"{PASSED} passed, {FAILED} failed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
