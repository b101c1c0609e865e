# SPDX-License-Identifier: MIT
# Attacks on the record reader behind `cloudvet verify` (cv_record_open,
# cv_record_signature_parse; exec'd into test_hostile.py: its @attack,
# Case helpers and constants are in scope).
#
# record.json and record.sig are read by the library's strict JSON reader,
# not by a reader of verify's own: a record that two JSON readers would
# read differently (duplicate members, invalid UTF-8) is refused, and a
# refusal says where (file, JSON Pointer, line:column).


def recapi_set(case, name):
    """A real set of the good submission; its record as a dict."""
    out = case.path(name)
    run = case.run([case.good], formats="json,md", out=out, trace=False)
    case.check(run.code == 0, f"the set is written ({run.code})")
    with open(os.path.join(out, "record.json"), encoding="utf-8") as f:
        return out, json.load(f)


def recapi_write(out, name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out, name), mode) as f:
        f.write(data)


def recapi_verify(case, out):
    run = case.run([out], command="verify", trace=False)
    return (run.code, run.stdout.decode("utf-8", "replace"),
            run.stderr.decode("utf-8", "replace"))


@attack
def recordapi_duplicate_members(case):
    # Two "files" lists: one reader sees the first, another the last. The
    # old reader of verify took the first and checked a list that other
    # tools would not see; a record has one meaning or is refused.
    out, rec = recapi_set(case, "dup")
    body = json.dumps(rec)
    data = body[:-1] + ', "files": []}'
    recapi_write(out, "record.json", data)
    code, text, err = recapi_verify(case, out)
    case.check(code == 2 and "not a cloudvet record" in err and
               "record.json:1:" in err,
               f"a duplicate member is refused, located ({code}: {err[-300:]})")


@attack
def recordapi_invalid_utf8(case):
    out, rec = recapi_set(case, "utf8")
    body = json.dumps(rec).encode("utf-8")
    body = body.replace(b'"report.md"', b'"report\xff.md"', 1)
    recapi_write(out, "record.json", body)
    code, text, err = recapi_verify(case, out)
    case.check(code == 2 and "not a cloudvet record" in err,
               f"invalid UTF-8 in a name is refused ({code}: {err[-300:]})")


@attack
def recordapi_refusal_located(case):
    out, rec = recapi_set(case, "located")
    recapi_write(out, "record.json",
                 json.dumps(dict(rec, format="cloudvet-manifest/1")))
    code, text, err = recapi_verify(case, out)
    case.check(code == 2 and "/format" in err and "record.json:1:" in err,
               f"another format: refused at /format with line:column "
               f"({code}: {err[-300:]})")
    recapi_write(out, "record.json", '{"format": "cloudvet-record/1",\n'
                 '  "files": [}\n')
    code, text, err = recapi_verify(case, out)
    case.check(code == 2 and "record.json:2:" in err,
               f"a syntax error: refused at its line ({code}: {err[-300:]})")


@attack
def recordapi_values_beyond_evaluate_limits(case):
    # The record's bounds are its own (a million values), not evaluate's
    # input limits (200 000 values by default): a large honest record of
    # many inputs must still be read.
    out, rec = recapi_set(case, "big")
    big = dict(rec, x=list(range(300000)))
    recapi_write(out, "record.json", json.dumps(big))
    code, text, err = recapi_verify(case, out)
    case.check(code == 0 and "everything is as recorded" in text,
               f"300 000 values are read ({code}: {text[-200:]}{err[-200:]})")


@attack
def recordapi_sizes_are_integers(case):
    out, rec = recapi_set(case, "sizes")
    for bad in (1.5, -1, "12", 1e3):
        r = json.loads(json.dumps(rec))
        r["files"][0]["bytes"] = bad
        recapi_write(out, "record.json", json.dumps(r))
        code, text, err = recapi_verify(case, out)
        case.check(code == 1 and "not valid" in text,
                   f"bytes {bad!r} is not a size ({code}: {text[-300:]})")


@attack
def recordapi_signature_located(case):
    out, rec = recapi_set(case, "sig")
    recapi_write(out, "record.sig", json.dumps(
        {"format": "cloudvet-signature/1", "algorithm": "rsa",
         "public_key": "11" * 32, "signature": "22" * 64}))
    code, text, err = recapi_verify(case, out)
    case.check(code == 1 and "record.sig: not a cloudvet signature file" in
               text and "/algorithm" in err,
               f"another algorithm: a difference, located at /algorithm "
               f"({code}: {text[-200:]}{err[-200:]})")
    recapi_write(out, "record.sig", '{"format": "cloudvet-signature/1", '
                 '"format": "cloudvet-signature/1"}')
    code, text, err = recapi_verify(case, out)
    case.check(code == 1 and "record.sig: not a cloudvet signature file" in
               text and "record.sig:1:" in err,
               f"a duplicate member in record.sig ({code}: {err[-200:]})")
