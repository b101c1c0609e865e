# SPDX-License-Identifier: MIT
# attacks_xmlmem.py: XML memory bounded by the limits (issue 13, item 3).
# The XML reader builds our tree from libxml2's SAX events and applies
# max_nodes / max_depth as each start tag arrives, so a file of millions
# of empty elements costs a small multiple of its size (it cost ~700 MB
# per 16 MiB file when a whole libxml2 tree was built first); and a
# submission that runs out of memory is `invalid`, saying so, while the
# others are still evaluated (the run used to end with exit 5 and no
# report).
# Exec'd into test_hostile.py's namespace: attack, Case, Run, AS_OF ... are
# its.

_UNDER_ASAN = bool(os.environ.get("ASAN_OPTIONS"))
_RSS_LIMIT_MB = 256
_XML_HEAD = ('<?xml version="1.0"?>\n'
             '<questionnaire xmlns="urn:cloudvet:questionnaire:1">\n')
_XML_TAIL = "</questionnaire>\n"


def _mib():
    """Size of the big files: 16 MiB (the default max_input_bytes), less
    under ASan, where every arena allocation is its own malloc and the
    resident-memory checks are skipped anyway."""
    return 4 if _UNDER_ASAN else 16


def _empty_elements(case, name, element, mib=None):
    """A questionnaire of `mib` MiB holding `element` over and over."""
    size = (mib or _mib()) << 20
    count = (size - len(_XML_HEAD) - len(_XML_TAIL)) // len(element)
    case.write(name, _XML_HEAD + element * count + _XML_TAIL)
    return case.path(name), count


def _run_measured(case, inputs, *extra, preexec=None):
    """Runs `cloudvet evaluate` alone (no strace) and returns the Run and
    the child's own peak resident memory in MiB: os.wait4 reaps it and
    gives its ru_maxrss (KiB on Linux), which RUSAGE_CHILDREN would mix
    with every other child this test ran."""
    out = tempfile.mkdtemp(dir=case.tmp, prefix="out-")
    argv = [case.cloudvet, "--lang", "en", "evaluate", "--as-of", AS_OF,
            "--format", "json", "--out", out] + list(extra) + list(inputs)
    err_path = os.path.join(case.tmp, "stderr.txt")
    start = time.monotonic()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, env=case.env,
                                stdout=subprocess.DEVNULL, stderr=err,
                                preexec_fn=preexec)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    with open(err_path, "rb") as f:
        stderr = f.read()
    return (Run(proc.returncode, out, b"", stderr, seconds, None),
            usage.ru_maxrss / 1024.0)


def _expect_small(case, rss_mb, what):
    if _UNDER_ASAN:
        print(f"note: under ASan the resident-memory check of {what} is "
              f"skipped (the sanitizer's shadow memory and redzones, and "
              f"one malloc per arena allocation, multiply it); measured "
              f"{rss_mb:.0f} MiB", file=sys.stderr)
        return
    case.check(rss_mb < _RSS_LIMIT_MB,
               f"{what}: peak resident memory {rss_mb:.0f} MiB, must be "
               f"under {_RSS_LIMIT_MB} MiB")


def _expect_limit_hit(case, run, name):
    """`name` is invalid with max_nodes at the element past the limit,
    with its XPath and line (the root is node 1, so the 200 001st node is
    the 200 000th <a>)."""
    case.expect_invalid(run, name, "max_nodes")
    s = run.sub(name)
    if s is None:
        return
    at = [(d["path"], d["line"]) for d in s["diagnostics"]
          if "max_nodes" in d["message"]]
    case.check(at == [("/questionnaire/a[200000]", 3)],
               f"{name}: the limit is reported at its XPath and line ({at})")


@attack
def xml_many_empty_elements_memory(case):
    big, count = _empty_elements(case, "many-empty.xml", "<a/>")
    run, rss = _run_measured(case, [case.good, big])
    case.check(run.code == 3, f"exit 3: one input is invalid ({run.code}: "
               f"{run.stderr[-300:]})")
    _expect_limit_hit(case, run, "many-empty.xml")
    case.expect_good_evaluated(run)
    _expect_small(case, rss, f"{count} empty elements at the default limits")
    case.expect_fast(run, 20.0 if _UNDER_ASAN else 5.0)


@attack
def xml_many_elements_raised_limit(case):
    # Every element is read into the tree: its cost is the node (cv_node,
    # 112 bytes) and its XPath, so the file holds empty elements named as
    # answers are (<retention_days/>); 16 MiB of <a/> would be 4 million
    # nodes, which --max-nodes 10000000 allows and which cost ~650 MB
    # whatever the reader (the JSON reader's [{},{},...] alike).
    big, count = _empty_elements(case, "many-read.xml", "<retention_days/>")
    run, rss = _run_measured(case, [case.good, big],
                                   "--max-nodes", "10000000")
    case.check(run.code == 3, f"exit 3 ({run.code}: {run.stderr[-300:]})")
    s = run.sub("many-read.xml")
    case.check(s is not None and s["verdict"] == "invalid",
               "the file of unknown elements is invalid")
    if s is not None:
        msgs = " | ".join(d["message"] for d in s["diagnostics"])
        case.check("max_nodes" not in msgs and "memory" not in msgs,
                   f"the whole file was read ({msgs[:300]})")
    case.expect_good_evaluated(run)
    _expect_small(case, rss, f"{count} empty elements all read")


@attack
def xml_two_big_files_jobs2(case):
    first, _ = _empty_elements(case, "big-1.xml", "<a/>")
    second, _ = _empty_elements(case, "big-2.xml", "<a/>")
    run, rss = _run_measured(case, [case.good, first, second],
                                   "--jobs", "2")
    case.check(run.code == 3, f"exit 3 ({run.code}: {run.stderr[-300:]})")
    _expect_limit_hit(case, run, "big-1.xml")
    _expect_limit_hit(case, run, "big-2.xml")
    case.expect_good_evaluated(run)
    _expect_small(case, rss, "two 16 MiB files read at once")


def _address_space_limit(mb):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
    return limit


@attack
def xml_memory_limit_one_submission(case):
    if _UNDER_ASAN:
        print("skipped: ASan reserves terabytes of address space for its "
              "shadow memory, so a run cannot start under an address-space "
              "limit")
        sys.exit(SKIP)
    # With --max-nodes raised, the 4 million elements need ~650 MB: under
    # a 400 MiB address-space limit they cannot all be allocated, while
    # the good sample needs well under 100 MiB. One worker: the good file
    # must not race the big one for the same memory.
    big, _ = _empty_elements(case, "too-big-for-memory.xml", "<a/>", 16)
    run, _ = _run_measured(case, [case.good, big], "--jobs", "1",
                                 "--max-nodes", "10000000",
                                 preexec=_address_space_limit(400))
    case.check(run.code == 3, f"exit 3, not 5: the run goes on "
               f"({run.code}: {run.stderr[-300:]})")
    case.check(run.report is not None, "the report is written")
    if run.report is None:
        return
    case.expect_invalid(run, "too-big-for-memory.xml", "out of memory")
    case.expect_good_evaluated(run)


@attack
def json_memory_limit_one_submission(case):
    if _UNDER_ASAN:
        print("skipped: ASan reserves terabytes of address space for its "
              "shadow memory, so a run cannot start under an address-space "
              "limit")
        sys.exit(SKIP)
    # The JSON reader's side of the same rule: 5 million empty objects
    # need ~730 MB with --max-nodes raised.
    head = '{"format":"cloudvet-questionnaire/1","x":['
    count = ((16 << 20) - len(head) - 8) // 3
    big = case.write("too-big-for-memory.json",
                     head + "{}," * count + "{}]}")
    run, _ = _run_measured(case, [case.good, big], "--jobs", "1",
                           "--max-nodes", "10000000",
                           preexec=_address_space_limit(400))
    case.check(run.code == 3, f"exit 3, not 5: the run goes on "
               f"({run.code}: {run.stderr[-300:]})")
    case.check(run.report is not None, "the report is written")
    if run.report is None:
        return
    case.expect_invalid(run, "too-big-for-memory.json", "out of memory")
    case.expect_good_evaluated(run)
