/*
 * demo_script.h - the Qingyuan 2025 award played through the API for the
 * demo: about forty applicants over the eight divisions, thirty experts with
 * conflicts, every stage up to the one asked for.
 */
#ifndef PX_CLI_DEMO_SCRIPT_H
#define PX_CLI_DEMO_SCRIPT_H

#include <stdio.h>

#include "util/err.h"

#define DEMO_PASSWORD "pingxuan-demo"

/*
 * The demo server's SMS gateway log (the `file` driver: one JSON line a
 * message), where the demos read the codes sent: set by cmd_demo.c when it
 * opens the gateway; NULL before (or without one).
 */
const char *demo_sms_log(void);
void demo_sms_log_set(const char *path);

/* The stages --until accepts, in order, NULL-terminated. */
extern const char *const demo_stages[];

/* Index of a stage name in demo_stages, or -1. */
int demo_stage_index(const char *name);

/*
 * Run the programme at url up to stage `until` (an index of demo_stages),
 * reading the population from data_dir/demo/qingyuan-2025-population.json;
 * progress goes to log. The accounts of demo_accounts must exist.
 */
int demo_script_run(const char *url, const char *data_dir, int until, FILE *log, struct px_err *err);

#endif
