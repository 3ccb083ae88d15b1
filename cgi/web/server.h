/* server.h: the pre-fork FastCGI server every program runs.
 *
 * The master opens the socket (or takes an inherited one on fd 0, FastCGI's
 * convention, when no path is given: systemd's socket units hand it over so),
 * forks the workers and replaces any that dies. A socket it opens is 0660:
 * its user and group only (nginx's workers through the group, when they run
 * as another user), since whoever connects chooses REMOTE_ADDR. Each worker is single-threaded and serves one request at a time with
 * FCGX_Accept_r, which suits ClearSilver's process-wide I/O hooks. SIGTERM
 * (or SIGINT) to the master is passed to the workers: each finishes the
 * request it is serving and exits; then the master removes its socket and
 * pid file and exits.
 */
#ifndef TERTULIA_SERVER_H
#define TERTULIA_SERVER_H

#include "web/app.h"

typedef struct server_opts {
	const char *socket_path; /* NULL: inherited socket on fd 0 */
	const char *pid_path;    /* may be NULL */
	const char *access_log;  /* may be NULL */
	int workers;
} server_opts;

/* Parses --socket, --pid, --log, --workers and --config from argv.
 * *config_path gets the configuration file. Returns 0 or E_INVALID. */
int server_parse_args(int argc, char **argv, server_opts *o, const char **config_path);

/* Runs until SIGTERM. Returns the process exit status. */
int server_run(app *a, const server_opts *o);

/* A whole program's main(): parse arguments, app_init (with the program's
 * hooks, which may be NULL), server_run. */
int server_main(int argc, char **argv, const char *name, const route *routes, size_t n,
		const app_hooks *hooks);

#endif
