/* log.h: the programs' logs.
 *
 * Errors and notices go to standard error (which `make run` sends to
 * var/log/PROGRAM.err). The access log, one line a request, goes to the file
 * opened by log_open_access. Lines are written with one write(2) each, so
 * that pre-forked workers sharing a file never interleave within a line.
 */
#ifndef TERTULIA_LOG_H
#define TERTULIA_LOG_H

/* Names the process in every line ("forum", "account", ...). Borrowed:
 * pass a string that lives as long as the process. */
void log_set_name(const char *name);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Opens (appends to) the access log. Returns 0 or E_IO. */
int log_open_access(const char *path);
/* One access line: method, path, status, milliseconds. */
void log_access(const char *method, const char *path, int status, double ms);

#endif
