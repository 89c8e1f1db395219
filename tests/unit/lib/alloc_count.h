/*
 * alloc_count.h - a counting allocator for tests that make every allocation
 * of some code fail in turn. Include it, then include the sources under test
 * with the allocator redirected:
 *
 *   #define malloc(n) t_malloc(n)
 *   #define calloc(n, s) t_calloc(n, s)
 *   #define realloc(p, n) t_realloc(p, n)
 *   #include "../../../src/core/x.c"
 *   #undef malloc ...
 *
 * alloc_budget is the number of allocations left before one fails; -1 never
 * fails.
 */
#ifndef PX_TEST_ALLOC_COUNT_H
#define PX_TEST_ALLOC_COUNT_H

#include <stdbool.h>
#include <stdlib.h>

static long alloc_budget = -1;

static inline bool spend(void)
{
	if (alloc_budget == 0)
		return false;
	if (alloc_budget > 0)
		alloc_budget--;
	return true;
}

static inline void *t_malloc(size_t n)
{
	return spend() ? malloc(n) : NULL;
}

static inline void *t_calloc(size_t n, size_t s)
{
	return spend() ? calloc(n, s) : NULL;
}

static inline void *t_realloc(void *p, size_t n)
{
	return spend() ? realloc(p, n) : NULL;
}

#endif
