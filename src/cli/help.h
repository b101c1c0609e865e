/* SPDX-License-Identifier: MIT */
/*
 * help.h: the help pages of the cloudvet command. The pages are data (one
 * table in help.c, each text in Japanese and English), so a translator or
 * a reviewer reads them in one place and the man page can be checked
 * against them.
 */
#ifndef CV_CLI_HELP_H
#define CV_CLI_HELP_H

#include <stdio.h>

#include "cloudvet.h"

/*
 * Prints the page of the command `name` ("evaluate", "criteria lint",
 * "registry import", ...) to `f`. A group word alone ("registry") prints
 * every page of the group; NULL prints the overview. Returns 0, or -1
 * when there is no such page (nothing is printed).
 */
int cv_cli_help_print(FILE *f, const char *name, cv_lang lang);

#endif
