/*
 * validity.h - the status of a certificate with a validity period on a given
 * day, as a pure rule: a certificate stored as valid or suspended is expired
 * from the day after its last valid day (valid_to), whether or not anybody
 * has recorded the expiry yet; every other status (revoked, cancelled,
 * expired) is final and stays as stored.
 */
#ifndef PX_CORE_VALIDITY_H
#define PX_CORE_VALIDITY_H

#include "core/date.h"

/*
 * The status of a certificate stored as `status` whose validity ends on
 * `valid_to` ("YYYY-MM-DD", or NULL for one without an end), on `today`.
 * Returns "expired" (static) or `status` itself.
 */
const char *validity_status_on(const char *status, const char *valid_to, px_date today);

#endif
