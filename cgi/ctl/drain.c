/* drain.c: `tertuliactl drain [--follow] [--pid FILE]`, the worker that
 * applies what the writes left queued for the rows every writer shares
 * (services/rollup.h): the jobs a program could not apply right after its
 * write (a conflict on a Galera cluster, a crash in between). make run
 * starts it with --follow beside the programs, on every host; several at
 * once are safe, since a job goes with the transaction that applies it.
 *
 * --follow looks every second for jobs queued more than 2 s ago (younger
 * ones are the writing program's own, being applied); without it, every
 * job is applied once and it exits. */
#include "ctl.h"
#include "base/err.h"
#include "base/log.h"
#include "services/rollup.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LEFT_AFTER 2 /* seconds: what the writer has not applied by then */

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static const arg_opt options[] = {
	{ "--follow", ARG_FLAG, 0, 0, 0, 0, NULL, "keep applying, every second, until stopped" },
	{ "--pid", ARG_TEXT, 0, 0, 0, 0, "FILE", "write the process id there while running" },
};
const arg_spec ctl_drain_args = { ARGS_OPTS(options), "", 0, 0, 0 };

static int write_pid(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

int ctl_drain(db *d, const config *cfg, const args *a)
{
	const char *pid_path = args_text(a, "--pid");
	int follow = args_count(a, "--follow") > 0;
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	struct sigaction sa;
	long long applied = 0, total = 0;
	int rc, i;

	(void)cfg;
	log_set_name("drain");
	if (!follow) {
		rc = rollup_drain(d, 0, &applied);
		printf("%lld queued jobs applied\n", applied);
		return rc == 0 ? 0 : 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (pid_path && write_pid(pid_path) != 0) {
		fprintf(stderr, "drain: cannot write %s\n", pid_path);
		return 1;
	}
	log_info("applying the jobs left queued");
	while (!stopping) {
		if (rollup_drain(d, LEFT_AFTER, &applied) == 0 && applied > 0) {
			total += applied;
			log_info("%lld left-over jobs applied (%lld in all)", applied, total);
		}
		for (i = 0; i < 10 && !stopping; i++)
			nanosleep(&tick, NULL);
	}
	if (pid_path)
		unlink(pid_path);
	return 0;
}
