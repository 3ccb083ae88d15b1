/* config.h: the configuration file that the programs and tertuliactl share.
 *
 * Format: one "key = value" a line; '#' starts a comment; blank lines are
 * ignored. `make run` writes var/tertulia.conf; TERTULIA_CONFIG or --config
 * names another file. A config is owned by the process and lives until
 * config_free; every string returned by config_get is borrowed from it.
 */
#ifndef TERTULIA_CONFIG_H
#define TERTULIA_CONFIG_H

#include "base/kv.h"

typedef struct config {
	kvlist items;
	char *path; /* owned copy of the file name, for messages */
} config;

/* Reads the file at path into *cfg. Returns 0, E_IO (logged) or E_NOMEM. */
int config_load(config *cfg, const char *path);
/* Parses text as a config file (used by config_load and by tests). */
int config_parse(config *cfg, const char *text);
void config_free(config *cfg);

/* The value of key, or def when absent. Borrowed. */
const char *config_get(const config *cfg, const char *key, const char *def);
/* The integer value of key, or def when absent or not a number in range. */
long long config_int(const config *cfg, const char *key, long long def);

/* Path of the configuration file: TERTULIA_CONFIG, else var/tertulia.conf. */
const char *config_default_path(void);

#endif
