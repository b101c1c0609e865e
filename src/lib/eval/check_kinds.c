/* SPDX-License-Identifier: MIT */
/*
 * check_kinds.c: the one table of check kinds (see check_kinds.h and the
 * "check kinds" section of criteria/README.md, which describes the same
 * rows for the people who write the catalogue).
 */
#include "check_kinds.h"

#include "eval.h"
#include "eval_deletion.h"

/* `answer`: nothing to read; the vendor's answer decides (eval.c). */
static cv_status check_answer(struct cv_check *ck)
{
    (void)ck;
    return CV_OK;
}

#define NO_UNIT { NULL, NULL }
#define END                                                                   \
    { NULL, CV_ARG_LITERAL, CV_VALUE_NONE, NO_UNIT, false, NULL, NULL, NULL }

/* Any kind may name a URL fact whose --online check counts (eval.c,
 * cv_check_links), with the content types that make it a document. */
static const struct cv_check_member common_members[] = {
    { "link", CV_ARG_FIELD, CV_VALUE_NONE, NO_UNIT, false, "link_types", NULL,
      NULL },
    { "link_types", CV_ARG_PARAM, CV_VALUE_STRINGS, NO_UNIT, false, "link", NULL,
      NULL },
    END
};

static const struct cv_check_member no_members[] = { END };

static const struct cv_check_member conditions_members[] = {
    { "require", CV_ARG_CONDITION, CV_VALUE_NONE, NO_UNIT, true, NULL, NULL,
      NULL },
    { "partial_if", CV_ARG_CONDITION, CV_VALUE_NONE, NO_UNIT, false, NULL, NULL,
      NULL },
    END
};

static const struct cv_check_member certification_members[] = {
    /* the schemes accepted, as the vendor names them ("ISMAP") */
    { "accepted", CV_ARG_PARAM, CV_VALUE_STRINGS, NO_UNIT, true, NULL, NULL,
      NULL },
    END
};

static const struct cv_check_member jurisdiction_members[] = {
    /* ISO 3166-1 alpha-2 of the home country (governing law) */
    { "home", CV_ARG_PARAM, CV_VALUE_STRING, NO_UNIT, true, NULL, NULL, NULL },
    END
};

static const struct cv_check_member data_location_members[] = {
    { "home", CV_ARG_PARAM, CV_VALUE_STRING, NO_UNIT, true, NULL, NULL, NULL },
    /* the storage purposes that must each be stated */
    { "purposes", CV_ARG_PARAM, CV_VALUE_STRINGS, NO_UNIT, true, NULL, NULL,
      "data_location.storage.purpose" },
    END
};

static const struct cv_check_member mfa_members[] = {
    { "min_kinds", CV_ARG_PARAM, CV_VALUE_NUMBER,
      { "要素の種類の数", "kinds of factor" }, true,
      NULL, NULL, NULL },
    { "biometric", CV_ARG_PARAM, CV_VALUE_BOOL, NO_UNIT, true, NULL, NULL,
      NULL },
    /* whose logins must use MFA: a value of scope_order */
    { "scope", CV_ARG_PARAM, CV_VALUE_STRING, NO_UNIT, true, NULL,
      "scope_order", NULL },
    /* the questionnaire's scopes, narrowest first: a stated scope covers
     * every scope at its own place or before it */
    { "scope_order", CV_ARG_LITERAL, CV_VALUE_STRINGS, NO_UNIT, true, NULL,
      NULL, "access_control.mfa.scope" },
    END
};

static const struct cv_check_kind kinds[] = {
    { "answer", check_answer, no_members },
    { "conditions", cv_check_conditions, conditions_members },
    { "certification", cv_check_certification, certification_members },
    { "jurisdiction", cv_check_jurisdiction, jurisdiction_members },
    { "data_location", cv_check_data_location, data_location_members },
    { "crypto", cv_check_crypto, no_members },
    { "deletion", cv_check_deletion, no_members },
    { "mfa", cv_check_mfa, mfa_members },
};

const struct cv_check_kinds cv_check_kinds = {
    kinds, sizeof(kinds) / sizeof(kinds[0]), common_members
};
