/*
 * orgname.h - when two organisation names are the same organisation: the
 * matching rule draws use to keep an expert off their own employer's
 * application (清强市办〔2025〕20号 on recusal) and to match declared
 * conflicts.
 *
 * Two names are the same organisation when they are equal after removing
 * all white space (ASCII and the ideographic space U+3000) and writing
 * full-width parentheses （） as ASCII (). "清远华星精密制造（集团）有限公司"
 * and "清远华星精密制造(集团)有限公司" match; a branch "（北校区）" or a
 * different legal form (股份有限公司) does not.
 */
#ifndef PX_CORE_ORGNAME_H
#define PX_CORE_ORGNAME_H

#define ORGNAME_KEY_MAX 400 /* bytes of a normalised name */

/*
 * Normalise a name by the rule above into out (NUL-terminated, truncated to
 * ORGNAME_KEY_MAX - 1 bytes): names match when their keys are equal.
 */
void orgname_key(const char *name, char out[ORGNAME_KEY_MAX]);

#endif
