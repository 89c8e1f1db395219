/*
 * compile.h - the compiler of the campaign's documents (bulletin.h): the
 * blocks of the bulletin and of the materials volume from what the units
 * reported, the activities planned, and the media campaign.
 */
#ifndef PX_APP_CAMPAIGN_COMPILE_H
#define PX_APP_CAMPAIGN_COMPILE_H

#include <jansson.h>

#include "app/app.h"

/* What a compilation reads, gathered by the caller (borrowed). */
struct compile_in {
	const json_t *section;    /* the template's section */
	const json_t *requests;   /* [{request, title, status: {...}, contents: {...}}] */
	const json_t *activities; /* campaign_activities_json's "activities" */
	const json_t *media;      /* campaign_media_json */
	const char *overview;     /* the office's, or "" to compile one */
	const char *closing;      /* the office's, or "" */
};

/* The bulletin's blocks (a new array). */
json_t *compile_bulletin(const struct compile_in *in);

/* The materials volume's blocks (a new array). */
json_t *compile_volume(const struct compile_in *in);

#endif
