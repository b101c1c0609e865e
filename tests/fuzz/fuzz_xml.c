/* SPDX-License-Identifier: MIT */
/*
 * fuzz_xml.c: the XML reader (load/load_xml.c, libxml2 underneath).
 *
 * The bytes are one submission. Whatever they are, cv_load_xml returns a
 * status, says why it failed in a diagnostic, and on success hands back a
 * tree that keeps every promise of base/node.h within the limits. Limits
 * are smaller than the defaults so that the fuzzer reaches each of them
 * instead of spending its time allocating.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "fuzz.h"
#include "fuzz_util.h"
#include "load/load.h"

static const cv_limits limits = {
    (size_t)1 << 20, /* max_input_bytes (not the loader's business) */
    16u,             /* max_depth */
    (size_t)4096,    /* max_nodes */
    (size_t)4096,    /* max_string_bytes */
    (size_t)32,      /* max_diagnostics */
    (uint32_t)10000  /* regex_match_limit (unused here) */
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FUZZ_SETUP(cv_global_init() == CV_OK);
    fuzz_forbid_libxml2_output();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_check_loader(cv_load_xml, "fuzz.xml", data, size, &limits);
    return 0;
}
