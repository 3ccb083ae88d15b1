/* ctl.h: tertuliactl's larger commands, one file each. Each takes the
 * administrative db handle and the configuration (both borrowed) and returns
 * the process exit status.
 *
 * A command that takes options or operands declares them once, as an
 * arg_spec here (ctl_NAME_args, static data of its file): tertuliactl.c
 * parses the command line against it, and runs the command's own checks
 * (ctl_NAME_check: pure, reading only the args), before the configuration
 * is read or the database reached, and prints the usage from it. The
 * command then gets the parsed args (borrowed; the values borrowed from
 * argv) and never sees argv: whatever it reads was declared and checked. */
#ifndef TERTULIA_CTL_H
#define TERTULIA_CTL_H

#include "base/args.h"
#include "base/config.h"
#include "db/db.h"

/* Loads the demo community, once (meta key demo_loaded). */
int ctl_demo(db *d, const config *cfg);

/* What the database holds beyond the demo (demo.c): into *accounts the
 * accounts that are not the demo's (all of them when the demo was never
 * loaded), into *content the posts, reviews, ideas and products written
 * after it (all of them, likewise). Returns 0 or a db error. */
int demo_beyond(db *d, long long *accounts, long long *content);

/* Reads one text a line on stdin, prints label<TAB>score<TAB>language a
 * line (no database; lexicons from sentiment.lexicon_dir, domain_dir). */
int ctl_sentiment(const config *cfg);

/* Product reviews: `products import FILE`, `orders import FILE`, `orders
 * invite SKU EMAIL [DAYS]`, `apikey create NAME | list | revoke NAME`
 * (products.c, orders.c, apikey.c). The FILE, SKU, EMAIL, DAYS and NAME
 * are the args' operands, checked by the _check functions. */
extern const arg_spec ctl_import_args;	/* FILE, for both imports */
int ctl_products_import(db *d, const config *cfg, const args *a);
int ctl_orders_import(db *d, const config *cfg, const args *a);
extern const arg_spec ctl_orders_invite_args;
int ctl_orders_invite_check(const args *a, char *why, size_t size);
int ctl_orders_invite(db *d, const config *cfg, const args *a);
extern const arg_spec ctl_apikey_name_args;	/* NAME, for create and revoke */
int ctl_apikey_name_check(const args *a, char *why, size_t size);
int ctl_apikey_create(db *d, const config *cfg, const args *a);
int ctl_apikey_list(db *d, const config *cfg, const args *a);
int ctl_apikey_revoke(db *d, const config *cfg, const args *a);

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
 * when every table is sound at the end. */
extern const arg_spec ctl_check_args;
int ctl_check(db *d, const config *cfg, const args *a);

/* Bulk-loads a large synthetic community for the benchmarks (the options
 * in generate.c); refuses a database with more than the demo without
 * --yes. ctl_generate_check: the options that must agree (posts and
 * threads). */
extern const arg_spec ctl_generate_args;
int ctl_generate_check(const args *a, char *why, size_t size);
int ctl_generate(db *d, const config *cfg, const args *a);

/* The mail sender: `mail [--once] [--pid FILE] [--origin URL]` (mail.c),
 * re-engagement digests: `reengage --days N [--limit M]` (reengage.c), and
 * the demo's follows and email preferences (demo_notify.c). The first two
 * take no db (d is NULL): they connect as db.mail.* when the configuration
 * has it, else as admin. */
extern const arg_spec ctl_mail_args;
int ctl_mail(db *d, const config *cfg, const args *a);

/* `drain [--follow] [--pid FILE]` (drain.c): applies the jobs the writes
 * left queued (services/rollup.h), once, or every second until SIGTERM. */
extern const arg_spec ctl_drain_args;
int ctl_drain(db *d, const config *cfg, const args *a);
extern const arg_spec ctl_reengage_args;
int ctl_reengage(db *d, const config *cfg, const args *a);
int demo_notify(db *d, const long long *users);

/* `user unsuspend NAME` (user_status.c): lifts the member's suspension and
 * silence, whichever are in force (users_lift), audited with the command
 * line as the actor. ctl_user_unsuspend_check: NAME is a username. Exit
 * status 0, also when neither was in force (nothing is then changed); 1
 * when no member has the name or the database fails. */
extern const arg_spec ctl_user_unsuspend_args;
int ctl_user_unsuspend_check(const args *a, char *why, size_t size);
int ctl_user_unsuspend(db *d, const config *cfg, const args *a);

/* The programs' database accounts (hosts.c), for several app hosts on one
 * database. ctl_program_accounts (migrate, before the migrations): creates
 * each program account the configuration names that does not exist yet,
 * with the configuration's password; an existing one is left as it is.
 * ctl_program_logins (migrate, after them): 0 when every program account
 * takes the configuration's password, else E_INVALID, having said which
 * and what to do. `passwords rotate [PROGRAM...]`: new random passwords
 * for those programs' accounts (all by default), into the configuration
 * file and the database. `host config --out FILE`: a new host's
 * configuration from this one (the shared keys; not this host's paths). */
int ctl_program_accounts(db *d, const config *cfg);
int ctl_program_logins(const config *cfg);
extern const arg_spec ctl_passwords_rotate_args;
int ctl_passwords_rotate_check(const args *a, char *why, size_t size);
int ctl_passwords_rotate(db *d, const config *cfg, const args *a);
extern const arg_spec ctl_host_config_args;
int ctl_host_config(db *d, const config *cfg, const args *a);

#endif
