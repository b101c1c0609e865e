/* SPDX-License-Identifier: MIT */
/*
 * uuid.h: name-based UUIDs (version 5, RFC 4122 section 4.3: SHA-1 of a
 * namespace UUID and a name). The same namespace and name always give the
 * same UUID, so a document whose identifiers are derived from its inputs
 * is byte-identical run after run (the OSCAL output, report/report_oscal.c).
 */
#ifndef CV_UUID_H
#define CV_UUID_H

#include <stddef.h>

#include "cloudvet.h"

#define CV_UUID_STR_LEN 36

struct cv_uuid {
    unsigned char bytes[16];
};

/* The namespaces of RFC 4122 Appendix C. */
extern const struct cv_uuid cv_uuid_ns_dns;
extern const struct cv_uuid cv_uuid_ns_url;

/* The version-5 UUID of name[0..len) in namespace `ns`. CV_ERROR when
 * libcrypto cannot compute SHA-1. */
cv_status cv_uuid_v5(struct cv_uuid *out, const struct cv_uuid *ns,
                     const void *name, size_t len);

/* Lower-case 8-4-4-4-12 hex form and a NUL into out[37]. */
void cv_uuid_format(const struct cv_uuid *u, char out[CV_UUID_STR_LEN + 1]);

#endif
