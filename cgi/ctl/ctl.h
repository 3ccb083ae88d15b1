/* ctl.h: tertuliactl's larger commands, one file each. Each takes the
 * administrative db handle and the configuration (both borrowed) and returns
 * the process exit status. */
#ifndef TERTULIA_CTL_H
#define TERTULIA_CTL_H

#include "../core/config.h"
#include "../core/db.h"

/* Loads the demo community, once (meta key demo_loaded). */
int ctl_demo(db *d, const config *cfg);

#endif
