/* ctl.h: tertuliactl's larger commands, one file each. Each takes the
 * administrative db handle and the configuration (both borrowed) and returns
 * the process exit status. */
#ifndef TERTULIA_CTL_H
#define TERTULIA_CTL_H

#include "../core/config.h"
#include "../core/db.h"

/* Loads the demo community, once (meta key demo_loaded). */
int ctl_demo(db *d, const config *cfg);

/* Reads one text a line on stdin, prints label<TAB>score<TAB>language a
 * line (no database; lexicons from sentiment.lexicon_dir, domain_dir). */
int ctl_sentiment(const config *cfg);

/* Product reviews: `products import FILE`, `orders import FILE`, `orders
 * invite SKU EMAIL [DAYS]`, `apikey create NAME | list | revoke NAME`
 * (products.c, orders.c, apikey.c). argv starts after the command's name. */
int ctl_products(db *d, const config *cfg, int argc, char **argv);
int ctl_orders(db *d, const config *cfg, int argc, char **argv);
int ctl_apikey(db *d, const config *cfg, int argc, char **argv);

/* Loads the demo products, orders, reviews, responses and votes
 * (demo_reviews.c); users are the demo accounts' ids, as in demo.c. */
int demo_reviews(db *d, const long long *users);

/* Loads the demo ideas, votes, comments, status notes and a merged
 * duplicate (demo_ideas.c); users as for demo_reviews. */
int demo_ideas(db *d, const long long *users);

/* Rebuilds the insight rollups from scratch, scoring unscored content
 * first (rollup.c; also the end of ctl_demo). */
int ctl_rollup(db *d, const config *cfg);

/* The demo members' segments, then the rollups rebuilt (demo_insights.c):
 * the demo backdates what it writes. users as for demo_reviews. */
int demo_insights(db *d, const config *cfg, const long long *users);

/* `check [--repair]` (check.c): CHECK TABLE on every table, and with
 * --repair a rebuild of each one InnoDB does not find sound. Exit status 0
 * when every table is sound at the end. argv starts after "check". */
int ctl_check(db *d, int argc, char **argv);

/* Bulk-loads a large synthetic community for the benchmarks (options in
 * argv, see generate.c). */
int ctl_generate(db *d, const config *cfg, int argc, char **argv);

/* The mail sender: `mail [--once] [--pid FILE] [--origin URL]` (mail.c),
 * re-engagement digests: `reengage --days N [--limit M]` (reengage.c), and
 * the demo's follows and email preferences (demo_notify.c). The first two
 * connect as db.mail.* when the configuration has it, else as admin. */
int ctl_mail(const config *cfg, int argc, char **argv);
int ctl_reengage(const config *cfg, int argc, char **argv);
int demo_notify(db *d, const long long *users);

#endif
