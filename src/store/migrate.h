/*
 * migrate.h - versioned schema migrations, one ordered set per SQL dialect,
 * embedded into the binary from src/store/migrations/<dialect>/NNNN_*.sql by
 * cmake/embed_migrations.cmake.
 */
#ifndef PX_STORE_MIGRATE_H
#define PX_STORE_MIGRATE_H

struct store_migration {
	int version;       /* NNNN of the file name; strictly increasing */
	const char *name;  /* file name, for messages */
	const char *sql;   /* the whole script */
};

/* Terminated by an entry with version 0. */
extern const struct store_migration store_migrations_sqlite[];
extern const struct store_migration store_migrations_pg[];

#endif
