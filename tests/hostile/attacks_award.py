# SPDX-License-Identifier: MIT
"""Hostile tender files (`evaluate --tender`, issue 16, docs/tender.md).
Exec'd into test_hostile.py's namespace (see its end): @attack and the
Case helpers are in scope.

A tender file decides who is awarded a contract, and --tender may name any
file: a price too long for any integer, a price written as a float that
would round, a file far larger than a tender, and ten thousand bidders are
each refused (or read) quickly, with a located error, and never rank
anything on a value that was not read exactly."""
import json as _ajson
import os as _aos

_A_SLOW = 30.0 if _aos.environ.get("ASAN_OPTIONS") else 5.0


def _a_tender(case, **changes):
    with open(case.src + "/examples/award/tender.json", encoding="utf-8") as f:
        t = _ajson.load(f)
    t.update(changes)
    return t


def _a_refused(case, run, pointer, what):
    case.check(run.code == 4, f"{what}: exit 4 ({run.code}, "
               f"{run.stderr[-300:]!r})")
    err = run.stderr.decode("utf-8", "replace")
    case.check(pointer in err, f"{what}: the error names {pointer} "
               f"({err[-300:]!r})")
    case.check(run.report is None, f"{what}: no report was written")


def _a_timing(case, run, what):
    if _aos.environ.get("ASAN_OPTIONS"):
        print(f"note: {what}: timing relaxed to {_A_SLOW} s under the "
              f"sanitizers")
    case.check(run.seconds < _A_SLOW,
               f"{what}: took {run.seconds:.2f} s (at most {_A_SLOW} s)")


@attack
def tender_price_beyond_any_integer(case):
    """400 digits of yen: refused digit by digit, never wrapped around."""
    t = _a_tender(case)
    text = _ajson.dumps(t, ensure_ascii=False).replace(
        "49800000", "9" * 400, 1)
    path = case.write("tender-digits.json", text)
    run = case.run([case.good], "--tender", path, trace=False)
    _a_refused(case, run, "/bids/0/price", "a 400-digit price")
    _a_timing(case, run, "a 400-digit price")
    # 2^64 + 1 would wrap to 1 yen in an unchecked reader
    text = _ajson.dumps(t, ensure_ascii=False).replace(
        "49800000", "18446744073709551617", 1)
    run = case.run([case.good], "--tender",
                   case.write("tender-wrap.json", text), trace=False)
    _a_refused(case, run, "/bids/0/price", "2^64 + 1 yen")


@attack
def tender_price_that_would_round(case):
    """48000000.4 and 4.8e7 are not yen amounts: a float would round
    them silently."""
    for i, written in enumerate(("48000000.4", "4.8e7", "-0")):
        text = _ajson.dumps(_a_tender(case), ensure_ascii=False).replace(
            "\"ceiling\": 48000000", f"\"ceiling\": {written}", 1)
        run = case.run([case.good], "--tender",
                       case.write(f"tender-round-{i}.json", text),
                       trace=False)
        _a_refused(case, run, "/ceiling", f"ceiling {written}")


@attack
def tender_file_far_too_large(case):
    """A 3 MiB tender file is refused before it is parsed."""
    t = _a_tender(case, note="x" * (3 << 20))
    path = case.write("tender-huge.json", _ajson.dumps(t))
    run = case.run([case.good], "--tender", path, trace=False)
    case.check(run.code == 4, f"a 3 MiB file: exit 4 ({run.code})")
    case.check(run.report is None, "no report was written")
    _a_timing(case, run, "a 3 MiB file")


@attack
def tender_ten_thousand_bidders(case):
    """10,000 distinct lines are read (the duplicate check stays fast);
    10,001 are refused; the run still awards the one bid it has."""
    bids = [{"vendor": f"株式会社{i:05d}", "price": 1000000 + i}
            for i in range(10000)]
    bids[0] = {"file": "good.json", "price": 40000000}
    t = _a_tender(case, bids=bids)
    run = case.run([case.good], "--tender",
                   case.write("tender-10000.json",
                              _ajson.dumps(t, ensure_ascii=False)),
                   trace=False)
    case.check(run.code in (0, 1), f"10,000 bidders: evaluated ({run.code}, "
               f"{run.stderr[-300:]!r})")
    _a_timing(case, run, "10,000 bidders")
    if run.report:
        s = run.sub("good.json")
        award = (s or {}).get("award") or {}
        case.check(award.get("rank") == 1 and award.get("price") == 40000000,
                   f"the one priced bid is ranked first ({award})")
    t["bids"].append({"vendor": "one more", "price": 1})
    run = case.run([case.good], "--tender",
                   case.write("tender-10001.json",
                              _ajson.dumps(t, ensure_ascii=False)),
                   trace=False)
    _a_refused(case, run, "/bids", "10,001 bidders")
