/*
 * family.h - the 湖南名品 certification (湘市监办发〔2022〕71号, 百) as a
 * programme family: a threshold, not a ranking. Its exit checks, texts and
 * the check of its template "section":
 *
 *	"section": { "bar": 80, "target": 100, "validity_years": 3 }
 *
 * bar: the score (0-100, at most two decimals) at or above which every
 * applicant is certified; target: the number the province aims at, shown
 * against the count; validity_years: how long a certificate is valid.
 */
#ifndef PX_APP_CERTIFICATION_FAMILY_H
#define PX_APP_CERTIFICATION_FAMILY_H

#include "app/programme/family.h"

extern const struct family certification_family;

#endif
