/*
 * cmd_odoc.c - `pingxuan odoc`: render an official document (公文) described
 * in JSON as a GB/T 9704 PDF and/or a .docx (report/odoc.h), for offices
 * that write one by hand and for previewing a compiled bulletin. The JSON
 * format is in docs/outputs.md, "Official documents (公文)".
 */
#include "cli/cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/odoc.h"

static const char usage_text[] =
	"usage: pingxuan odoc --json FILE [--pdf OUT.pdf] [--docx OUT.docx]\n"
	"\n"
	"Render the official document described in FILE (issuer, number, title,\n"
	"recipients, blocks, signer, date, cc, printer, printed; see docs/outputs.md)\n"
	"as a PDF laid out per GB/T 9704-2012 and/or as an editable .docx. Prints the\n"
	"pages of the PDF and the time each file took.\n";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int render(const struct odoc *d, const char *pdf, const char *docx, struct px_err *err)
{
	double t0 = now_ms();
	int rc, pages = 0;

	if (pdf) {
		if ((rc = odoc_write_pdf(d, pdf, &pages, err)))
			return rc;
		printf("pdf: %s, %d pages, %.0f ms\n", pdf, pages, now_ms() - t0);
		t0 = now_ms();
	}
	if (docx) {
		if ((rc = odoc_write_docx(d, docx, err)))
			return rc;
		printf("docx: %s, %.0f ms\n", docx, now_ms() - t0);
	}
	return 0;
}

int cmd_odoc(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", required_argument, NULL, 'j' },
		{ "pdf", required_argument, NULL, 'p' },
		{ "docx", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *in = NULL, *pdf = NULL, *docx = NULL;
	struct odoc_json *doc = NULL;
	json_error_t je;
	json_t *root;
	struct px_err err = { 0 };
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': in = optarg; break;
		case 'p': pdf = optarg; break;
		case 'd': docx = optarg; break;
		case 'h': fputs(usage_text, stdout); return CLI_OK;
		default: return cli_usage_error("odoc", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("odoc", "unexpected argument '%s'", argv[optind]);
	if (!in || (!pdf && !docx))
		return cli_usage_error("odoc", "--json and at least one of --pdf, --docx are required");
	if (!(root = json_load_file(in, JSON_REJECT_DUPLICATES, &je)))
		rc = px_err_set(&err, PX_EINVAL, "invalid_json", "json", "%s:%d: %s", in, je.line, je.text);
	else if (!(rc = odoc_json_read(root, &doc, &err)))
		rc = render(odoc_json_doc(doc), pdf, docx, &err);
	odoc_json_free(doc);
	return rc ? cli_fail("odoc", &err) : CLI_OK;
}
