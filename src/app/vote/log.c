/*
 * log.c - the pseudonymised vote log, published once the vote is over (the
 * programme has moved past its last vote stage): one JSON object a line,
 * in the order of the votes, with everything that each batch's hash covers
 * (the voter as a per-programme pseudonym, never the number or its hash)
 * and the vote's state now: {"id", "batch", "receipt", "track",
 * "candidate", "voter", "day", "rule", "state"}.
 */
#include "app/vote/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/programme/programme.h"
#include "app/tx.h"

static struct store_sql Q_LOG = STORE_SQL(
	"SELECT id, batch_id, receipt, track_code, application_id, voter_hash, day, coalesce(rule, ''), state "
	"FROM vote WHERE programme_id = $1 ORDER BY id");

struct log_arg {
	int64_t id;
	char *text;
	size_t len, cap;
};

static int append(struct log_arg *a, const char *s, size_t n)
{
	if (a->len + n + 1 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 1 << 16;
		while (cap < a->len + n + 1)
			cap *= 2;
		char *t = realloc(a->text, cap);
		if (!t)
			return PX_ENOMEM;
		a->text = t;
		a->cap = cap;
	}
	memcpy(a->text + a->len, s, n);
	a->len += n;
	a->text[a->len] = '\0';
	return 0;
}

static int log_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct log_arg *a = arg;
	char voter[VOTE_PSEUDONYM_HEX + 1];
	const char *rule = store_col_text(s, 7);
	json_t *line;
	char *text;
	int rc;

	vote_pseudonym(a->id, store_col_text(s, 5), voter);
	line = json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s?, s:s}", "id", (json_int_t)store_col_int(s, 0),
			 "batch", (json_int_t)store_col_int(s, 1), "receipt", store_col_text(s, 2), "track",
			 store_col_text(s, 3), "candidate", (json_int_t)store_col_int(s, 4), "voter", voter, "day",
			 store_col_text(s, 6), "rule", *rule ? rule : NULL, "state", store_col_text(s, 8));
	text = line ? json_dumps(line, JSON_COMPACT) : NULL;
	json_decref(line);
	rc = text ? append(a, text, strlen(text)) : PX_ENOMEM;
	rc = rc ? rc : append(a, "\n", 1);
	free(text);
	return rc ? px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory") : 0;
}

/* 0 when the programme has moved past its last vote stage; else "vote_not_closed". */
static int vote_closed(const struct programme *p, struct px_err *err)
{
	int last = -1;
	for (int i = 0; i < p->tpl->nstages; i++)
		if (p->tpl->stages[i].kind == TPL_STAGE_VOTE)
			last = i;
	if (last >= 0 && p->stage_seq > last + 1)
		return 0;
	return px_err_set(err, PX_ECONFLICT, "vote_not_closed", NULL, "the vote log is published after the vote closes");
}

static int log_in_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct log_arg *a = arg;
	struct programme p;
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		return rc;
	rc = vote_closed(&p, err);
	programme_release(&p);
	if (rc)
		return rc;
	a->len = 0;
	if ((rc = append(a, "", 0)))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	return store_each(c, &Q_LOG, log_row, a, err, "i", a->id);
}

int vote_log(struct app *app, int64_t programme_id, char **out, size_t *len, struct px_err *err)
{
	struct log_arg a = { programme_id, NULL, 0, 0 };
	int rc = app_tx(app, STORE_TX_READ, log_in_tx, &a, err);
	if (rc) {
		free(a.text);
		a.text = NULL;
		a.len = 0;
	}
	*out = a.text;
	*len = a.len;
	return rc;
}
