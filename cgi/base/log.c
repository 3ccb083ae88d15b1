/* log.c: error and access logs (see log.h). */
#include "base/log.h"
#include "base/err.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_name = "tertulia";
static int access_fd = -1;

void log_set_name(const char *name)
{
	log_name = name;
}

static void log_line(int fd, const char *level, const char *fmt, va_list ap)
{
	char line[2048];
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	int n, m;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%s %s[%d] %s: ", stamp, log_name,
		     (int)getpid(), level);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(fd, line, (size_t)n) < 0) {
		/* nowhere left to report a failing log */
	}
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(2, "error", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(2, "info", fmt, ap);
	va_end(ap);
}

int log_open_access(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

	if (fd < 0)
		return E_IO;
	if (access_fd >= 0)
		close(access_fd);
	access_fd = fd;
	return 0;
}

void log_access(const char *method, const char *path, int status, double ms)
{
	char line[1024];
	char stamp[32];
	char safe_path[512];
	time_t now = time(NULL);
	struct tm tm;
	size_t i, j = 0;
	int n;

	if (access_fd < 0)
		return;
	/* the path is request data: keep the line one line, whatever it holds */
	for (i = 0; path[i] && j < sizeof(safe_path) - 1; i++) {
		unsigned char c = (unsigned char)path[i];
		safe_path[j++] = (c < 0x20 || c == 0x7F || c == ' ') ? '?' : (char)c;
	}
	safe_path[j] = '\0';
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%s %s %s %d %.1fms\n", stamp, method,
		     safe_path, status, ms);
	if (n > 0 && (size_t)n < sizeof(line) && write(access_fd, line, (size_t)n) < 0) {
		/* ignore: the request has been answered already */
	}
}
