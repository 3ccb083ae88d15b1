/* err.c: names of error codes, for logs (see err.h). */
#include "base/err.h"

const char *err_name(int code)
{
	switch (code) {
	case E_OK: return "ok";
	case E_NOMEM: return "out of memory";
	case E_DB: return "database error";
	case E_DBDOWN: return "database unreachable";
	case E_NOTFOUND: return "not found";
	case E_INVALID: return "invalid input";
	case E_FORBIDDEN: return "forbidden";
	case E_DUP: return "duplicate";
	case E_TOOBIG: return "too big";
	case E_THROTTLED: return "throttled";
	case E_CONFLICT: return "conflict";
	case E_IO: return "i/o error";
	case E_RETRY: return "rolled back, may run again";
	}
	return "unknown error";
}
