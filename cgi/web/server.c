/* server.c: the pre-fork master and its workers (see server.h). */
#include "web/server.h"
#include "base/err.h"
#include "base/log.h"

#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 64

static volatile sig_atomic_t stopping;   /* SIGTERM or SIGINT arrived */
static volatile sig_atomic_t child_died; /* SIGCHLD arrived (master) */

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending(); /* makes a blocked FCGX_Accept_r return */
}

static void on_child(int sig)
{
	(void)sig;
	child_died = 1;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: accept() must return on SIGTERM */
	sigaction(sig, &sa, NULL);
}

int server_parse_args(int argc, char **argv, server_opts *o, const char **config_path)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->workers = 2;
	*config_path = config_default_path();
	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (v == NULL)
			return E_INVALID;
		if (strcmp(argv[i], "--socket") == 0)
			o->socket_path = v;
		else if (strcmp(argv[i], "--pid") == 0)
			o->pid_path = v;
		else if (strcmp(argv[i], "--log") == 0)
			o->access_log = v;
		else if (strcmp(argv[i], "--config") == 0)
			*config_path = v;
		else if (strcmp(argv[i], "--workers") == 0) {
			long long w;
			/* the whole argument: atoi took "3x" for 3 */
			if (parse_long(v, 1, MAX_WORKERS, &w) != 0)
				return E_INVALID;
			o->workers = (int)w;
		} else
			return E_INVALID;
		i++;
	}
	if (o->workers < 1 || o->workers > MAX_WORKERS)
		return E_INVALID;
	return 0;
}

static void worker_loop(app *a, int fd)
{
	FCGX_Request req;
	sigset_t none;

	/* the master's blocked mask is inherited across fork */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_PDEATHSIG, SIGTERM); /* never outlive the master */
	if (FCGX_InitRequest(&req, fd, 0) != 0) {
		log_error("server: FCGX_InitRequest failed");
		_exit(1);
	}
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		app_serve(a, &req);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	app_free(a);
	_exit(0);
}

static pid_t spawn(app *a, int fd)
{
	pid_t pid = fork();

	if (pid == 0)
		worker_loop(a, fd);
	if (pid < 0)
		log_error("server: fork failed: %s", strerror(errno));
	return pid;
}

static int write_pid(const char *path)
{
	FILE *f;

	if (path == NULL)
		return 0;
	f = fopen(path, "w");
	if (f == NULL)
		return E_IO;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f) == 0 ? 0 : E_IO;
}

int server_run(app *a, const server_opts *o)
{
	pid_t workers[MAX_WORKERS] = { 0 };
	time_t last_spawn[MAX_WORKERS] = { 0 };
	sigset_t block, old;
	int fd = 0, i, alive;

	if (FCGX_Init() != 0)
		return 1;
	if (o->access_log && log_open_access(o->access_log) != 0) {
		log_error("server: cannot open %s", o->access_log);
		return 1;
	}
	if (o->socket_path) {
		mode_t mask;

		unlink(o->socket_path);
		/* Whoever can connect can send any REMOTE_ADDR and so dodge the
		 * per-address throttles: only the program's user and group may
		 * (nginx's workers, when they run as another user, through the
		 * group). The umask covers the moment between bind and chmod. */
		mask = umask(0117);
		fd = FCGX_OpenSocket(o->socket_path, 256);
		umask(mask);
		if (fd < 0) {
			log_error("server: cannot listen on %s", o->socket_path);
			return 1;
		}
		if (chmod(o->socket_path, 0660) != 0) {
			log_error("server: cannot set the mode of %s", o->socket_path);
			return 1;
		}
	}
	if (write_pid(o->pid_path) != 0) {
		log_error("server: cannot write %s", o->pid_path);
		return 1;
	}
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	set_handler(SIGCHLD, on_child);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < o->workers; i++) {
		workers[i] = spawn(a, fd);
		last_spawn[i] = time(NULL);
	}
	log_info("server: %d workers on %s", o->workers,
		 o->socket_path ? o->socket_path : "fd 0");
	while (!stopping) {
		sigsuspend(&old); /* wait for SIGCHLD or SIGTERM, with no race */
		if (!child_died)
			continue;
		child_died = 0;
		for (;;) {
			int status;
			pid_t pid = waitpid(-1, &status, WNOHANG);
			if (pid <= 0)
				break;
			for (i = 0; i < o->workers; i++) {
				if (workers[i] != pid)
					continue;
				workers[i] = 0;
				if (stopping)
					break;
				log_error("server: worker %d ended (status %d); starting another",
					  (int)pid, status);
				/* a worker that dies at once again is not restarted in a tight loop */
				if (time(NULL) - last_spawn[i] < 1)
					sleep(1);
				workers[i] = spawn(a, fd);
				last_spawn[i] = time(NULL);
			}
		}
	}
	/* pass the stop on, and wait for the in-flight requests */
	for (i = 0; i < o->workers; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	sigprocmask(SIG_SETMASK, &old, NULL);
	for (alive = 1; alive;) {
		alive = 0;
		for (i = 0; i < o->workers; i++) {
			if (workers[i] <= 0)
				continue;
			if (waitpid(workers[i], NULL, 0) == workers[i] || errno == ECHILD)
				workers[i] = 0;
			else
				alive = 1;
		}
	}
	if (o->socket_path)
		unlink(o->socket_path);
	if (o->pid_path)
		unlink(o->pid_path);
	log_info("server: stopped");
	return 0;
}

int server_main(int argc, char **argv, const char *name, const route *routes, size_t n,
		const app_hooks *hooks)
{
	server_opts o;
	const char *config_path;
	app a;
	int rc;

	if (server_parse_args(argc, argv, &o, &config_path) != 0) {
		fprintf(stderr, "usage: %s [--config FILE] [--socket PATH] [--pid FILE] "
			"[--log FILE] [--workers N]\n", name);
		return 2;
	}
	if (app_init(&a, name, config_path, routes, n, hooks) != 0) {
		app_free(&a);
		return 1;
	}
	rc = server_run(&a, &o);
	app_free(&a);
	return rc;
}
