/* Reading the programme and calendar files for commands, with every problem
 * printed as FILE:LINE:COLUMN: message. */
#ifndef WAYMARK_LOADERS_H
#define WAYMARK_LOADERS_H

#include "domain/calendar.h"
#include "domain/programme.h"

/* The name under which the built-in programme is embedded. */
#define DEFAULT_PROGRAMME_PATH "programmes/kga.yaml"

/* Loads and checks a programme file (NULL: the built-in default) into prog
 * and its SHA-256 into sha. Returns EXIT_OK, or EXIT_USER after printing
 * the problems. prog must be freed either way. */
int cli_load_programme(const char *path, struct programme *prog, char sha[65]);

/* Loads and checks a calendar file into cal, warning about the programme's
 * named dates that it leaves unset (prog may be NULL). EXIT_OK or EXIT_USER;
 * cal must be freed either way. */
int cli_load_calendar(const char *path, const struct programme *prog,
		      struct school_calendar *cal);

#endif
