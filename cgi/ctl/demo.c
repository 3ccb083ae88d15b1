/* demo.c: the demo community of Aurora Home, a fictional maker of small
 * kitchen appliances, whose customers write in Spanish and English.
 * Loaded once; the meta row demo_loaded records it, and demo_last_* the
 * last id of each table of content it wrote (demo_beyond tells what came
 * after, for generate). Content is written through the same store
 * functions as the web programs use. */
#include "ctl.h"
#include "base/err.h"
#include "forum/forum_store.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

static const char SQL_DEMO_DONE[] = "SELECT COUNT(*) FROM meta WHERE k = 'demo_loaded'";
static const char SQL_DEMO_MARK[] =
	"INSERT INTO meta (k, v) VALUES ('demo_loaded', UTC_TIMESTAMP())";
static const char SQL_DEMO_WHEN[] = "SELECT v FROM meta WHERE k = 'demo_loaded'";
static const char SQL_ACCOUNTS[] = "SELECT COUNT(*) FROM users";
static const char SQL_ACCOUNT_NAMED[] = "SELECT COUNT(*) FROM users WHERE username = ?";
/* What the demo wrote, told from what came after it: each table's last id
 * when the demo was done, kept in meta (REPLACE: a load that failed after
 * writing them runs again). A database loaded before these were kept has
 * only the time of the demo_loaded mark, to the second; the demo backdates
 * most of what it writes. */
static const struct {
	const char *keep, *last, *after_id, *after_time;
} demo_tables[] = {
	{ "REPLACE INTO meta (k, v) SELECT 'demo_last_post', COALESCE(MAX(id), 0) FROM posts",
	  "SELECT v FROM meta WHERE k = 'demo_last_post'",
	  "SELECT COUNT(*) FROM posts WHERE id > ?",
	  "SELECT COUNT(*) FROM posts WHERE created_at > ?" },
	{ "REPLACE INTO meta (k, v) SELECT 'demo_last_review', COALESCE(MAX(id), 0) FROM reviews",
	  "SELECT v FROM meta WHERE k = 'demo_last_review'",
	  "SELECT COUNT(*) FROM reviews WHERE id > ?",
	  "SELECT COUNT(*) FROM reviews WHERE created_at > ?" },
	{ "REPLACE INTO meta (k, v) SELECT 'demo_last_idea', COALESCE(MAX(id), 0) FROM ideas",
	  "SELECT v FROM meta WHERE k = 'demo_last_idea'",
	  "SELECT COUNT(*) FROM ideas WHERE id > ?",
	  "SELECT COUNT(*) FROM ideas WHERE created_at > ?" },
	{ "REPLACE INTO meta (k, v) SELECT 'demo_last_product', COALESCE(MAX(id), 0) FROM products",
	  "SELECT v FROM meta WHERE k = 'demo_last_product'",
	  "SELECT COUNT(*) FROM products WHERE id > ?",
	  "SELECT COUNT(*) FROM products WHERE created_at > ?" },
};
#define NTABLES (sizeof(demo_tables) / sizeof(demo_tables[0]))
static const char SQL_DEMO_LANG[] = "UPDATE users SET lang = ?, bio = ? WHERE id = ?";
/* Demo members joined weeks ago: they are not "new members" with limits. */
static const char SQL_DEMO_AGE[] =
	"UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL ? DAY WHERE id = ?";
static const char SQL_CATEGORY_ADD[] =
	"INSERT INTO categories (slug, name_en, name_es, description_en, description_es, position, "
	"thread_starters, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_PIN[] = "UPDATE threads SET pinned = 1 WHERE id = ?";
static const char SQL_BACKDATE_THREAD[] =
	"UPDATE threads SET created_at = created_at - INTERVAL ? HOUR, "
	"last_post_at = last_post_at - INTERVAL ? HOUR WHERE id = ?";
static const char SQL_BACKDATE_POSTS[] =
	"UPDATE posts SET created_at = created_at - INTERVAL ? HOUR WHERE thread_id = ?";

/* The demo accounts; README lists them. All share DEMO_PASSWORD. */
#define DEMO_PASSWORD "tertulia-demo"
#define NUSERS (sizeof(demo_users) / sizeof(demo_users[0]))
static const struct {
	const char *name, *email, *roles, *lang, *bio;
} demo_users[] = {
	{ "admin", "admin@aurora.example", "admin", "en", "I keep Tertulia running for Aurora Home." },
	{ "moderadora", "moderadora@aurora.example", "moderator", "es", "Modero la comunidad. Si ves algo raro, márcalo." },
	{ "staff", "staff@aurora.example", "staff", "en", "Customer care team at Aurora Home." },
	{ "marketing", "marketing@aurora.example", "marketing", "es", "Equipo de marketing de Aurora Home." },
	{ "maria", "maria@example.com", "", "es", "Cocino para cinco todos los días." },
	{ "john", "john@example.com", "", "en", "Coffee first, questions later." },
	{ "lucia", "lucia@example.com", "", "es", "" },
	{ "oliver", "oliver@example.com", "", "en", "" },
};

/* starters: who may start threads (categories.thread_starters); the
 * team's news are the team's to post, members answer them */
static const struct {
	const char *slug, *en, *es, *den, *des, *starters;
} demo_categories[] = {
	{ "announcements", "Announcements", "Anuncios",
	  "News from the Aurora Home team.", "Noticias del equipo de Aurora Home.", "staff" },
	{ "help", "Help and support", "Ayuda y soporte",
	  "Questions about setting up and using your appliances.",
	  "Preguntas sobre cómo instalar y usar tus electrodomésticos.", "members" },
	{ "recipes", "Recipes and tips", "Recetas y trucos",
	  "Share what you cook and how.", "Comparte lo que cocinas y cómo lo haces.", "members" },
	{ "cafe", "Café", "Café",
	  "Everything else, in good company.", "Todo lo demás, en buena compañía.", "members" },
};

/* A thread: category index, author index, title, opening post, replies
 * (author index and text; NULL ends), hours ago it started. */
struct demo_reply { int user; const char *body; };
static const struct {
	int category, user, hours_ago, pinned, solved_reply; /* solved_reply: 1-based, 0 none */
	const char *title, *body;
	struct demo_reply replies[5];
} demo_threads[] = {
	{ 0, 2, 240, 1, 0, "Welcome to the Aurora Home community",
	  "Hello everyone! This is the place to **ask questions**, share recipes and tell us "
	  "what you would like us to make next.\n\n- Be kind.\n- Stay on topic.\n- Flag anything "
	  "that breaks the rules.\n\nOur team reads every thread.",
	  { { 4, "¡Hola! Qué bien tener un sitio en español también. 👋" },
	    { 5, "Thanks, glad to be here." }, { 0, NULL } } },
	{ 1, 4, 50, 0, 2, "La cafetera KX-200 no calienta el agua",
	  "Desde ayer mi cafetera **KX-200** enciende pero el agua sale fría. ¿Le pasa a alguien "
	  "más? Ya he probado a desenchufarla un rato.",
	  { { 6, "A mí me pasó lo mismo. No me gustó nada el susto, pero tiene arreglo." },
	    { 2, "Hola María: suele ser la cal. Haz un ciclo de descalcificación con el programa "
	         "*Limpieza* (mantén pulsado el botón de encendido 5 segundos). Si sigue sin calentar, "
	         "escríbenos y lo cambiamos en garantía." },
	    { 4, "¡Funcionó! Muchísimas gracias, ya sale caliente otra vez." }, { 0, NULL } } },
	{ 1, 5, 30, 0, 1, "How do I pair the SmartScale with my phone?",
	  "The app keeps saying *no device found*. Bluetooth is on. What am I missing?",
	  { { 7, "You have to hold the tare button until the display blinks **BT**, then search "
	         "again in the app. Worked for me first time." },
	    { 5, "That was it, thanks Oliver!" }, { 0, NULL } } },
	{ 2, 6, 20, 0, 0, "Pan de masa madre en la olla Aurora",
	  "Os dejo mi receta:\n\n1. 500 g de harina de fuerza\n2. 350 ml de agua\n3. 100 g de masa "
	  "madre\n4. 10 g de sal\n\nHornear 45 minutos con la tapa puesta los primeros 20. "
	  "Queda una corteza espectacular.",
	  { { 4, "Probado el domingo. ¡Buenísimo! Eso sí, a mí me hicieron falta 5 minutos más." },
	    { 7, "Made it in English measurements, still great. Thanks for sharing!" }, { 0, NULL } } },
	{ 2, 7, 12, 0, 0, "Cold brew with the KX-200?",
	  "Has anyone tried making cold brew with the KX-200's carafe? I'm thinking 12 hours in "
	  "the fridge with a coarse grind.",
	  { { 5, "I do 14 hours, 1:8 ratio. Smooth but not bitter at all." }, { 0, NULL } } },
	{ 3, 4, 6, 0, 0, "¿Qué os gustaría que fabricara Aurora?",
	  "Yo quiero una tostadora de cuatro ranuras que no queme el pan por un lado. ¿Y vosotros?",
	  { { 6, "Una batidora que no haga tanto ruido, por favor." },
	    { 5, "A quieter blender gets my vote too." }, { 0, NULL } } },
	{ 3, 5, 2, 0, 0, "Disappointed with delivery times",
	  "My order took three weeks to arrive and nobody answered my emails. The product is fine "
	  "but the service was not good.",
	  { { 2, "John, I'm sorry about that. I've sent you a private message to look into your "
	         "order and make it right." }, { 0, NULL } } },
};

static int fail(const char *what, int rc)
{
	fprintf(stderr, "demo: %s failed: %s\n", what, err_name(rc));
	return 1;
}

static int load_users(db *d, long long *ids)
{
	size_t i;
	int rc;

	for (i = 0; i < NUSERS; i++) {
		rc = users_create(d, demo_users[i].name, demo_users[i].email, DEMO_PASSWORD,
				  demo_users[i].roles, &ids[i]);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_DEMO_LANG, NULL, DBS(demo_users[i].lang),
				     DBS(demo_users[i].bio), DBI(ids[i]));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_DEMO_AGE, NULL, DBI(30 + (long long)i), DBI(ids[i]));
		if (rc != 0)
			return fail(demo_users[i].name, rc);
	}
	return 0;
}

static int load_forum(db *d, const long long *users)
{
	long long cats[sizeof(demo_categories) / sizeof(demo_categories[0])];
	size_t i, k;
	db_result res;
	int rc;

	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		rc = DB_EXEC(d, SQL_CATEGORY_ADD, &res, DBS(demo_categories[i].slug),
			     DBS(demo_categories[i].en), DBS(demo_categories[i].es),
			     DBS(demo_categories[i].den), DBS(demo_categories[i].des), DBI(i * 10),
			     DBS(demo_categories[i].starters));
		if (rc != 0)
			return fail(demo_categories[i].slug, rc);
		cats[i] = (long long)res.insert_id;
	}
	for (i = 0; i < sizeof(demo_threads) / sizeof(demo_threads[0]); i++) {
		long long tid, pid, pos, reply_ids[5] = { 0 };
		new_post p = { .user_id = users[demo_threads[i].user], .body = demo_threads[i].body,
			       .status = "visible" };

		rc = forum_create_thread(d, cats[demo_threads[i].category], demo_threads[i].title,
					 &p, &tid, &pid);
		for (k = 0; rc == 0 && k < 5 && demo_threads[i].replies[k].body; k++) {
			new_post rp = { .user_id = users[demo_threads[i].replies[k].user],
					.body = demo_threads[i].replies[k].body, .status = "visible" };
			rc = forum_create_reply(d, tid, &rp, 1, &reply_ids[k], &pos);
			/* the thread's author likes every reply */
			if (rc == 0 && demo_threads[i].replies[k].user != demo_threads[i].user)
				rc = forum_like_post(d, reply_ids[k], users[demo_threads[i].user], 0);
		}
		if (rc == 0 && demo_threads[i].solved_reply)
			rc = forum_solve(d, tid, reply_ids[demo_threads[i].solved_reply - 1]);
		if (rc == 0 && demo_threads[i].pinned)
			rc = DB_EXEC(d, SQL_PIN, NULL, DBI(tid));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_THREAD, NULL, DBI(demo_threads[i].hours_ago),
				     DBI(demo_threads[i].hours_ago), DBI(tid));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_POSTS, NULL, DBI(demo_threads[i].hours_ago), DBI(tid));
		if (rc != 0)
			return fail(demo_threads[i].title, rc);
	}
	return 0;
}

/* The value v of a one-row select from meta, copied into out (size
 * bytes); "" when there is no row. */
static int select_text(db *d, const char *sql, char *out, size_t size)
{
	db_rows *rows = NULL;
	int rc = db_select(d, sql, NULL, 0, &rows);

	out[0] = '\0';
	if (rc == 0 && rows->nrows > 0 && row_str(rows, 0, "v"))
		snprintf(out, size, "%s", row_str(rows, 0, "v"));
	db_rows_free(rows);
	return rc;
}

int demo_beyond(db *d, long long *accounts, long long *content)
{
	char when[64], last[64];
	long long n = 0;
	size_t i;
	int rc = select_text(d, SQL_DEMO_WHEN, when, sizeof(when));

	*content = 0;
	if (rc == 0)
		rc = db_select_int(d, SQL_ACCOUNTS, NULL, 0, accounts);
	/* the demo's names count as the demo's only once it was loaded: an
	 * "admin" made by hand on an empty database is somebody's */
	for (i = 0; rc == 0 && *when && i < NUSERS; i++) {
		rc = DB_SELECT_INT(d, SQL_ACCOUNT_NAMED, &n, DBS(demo_users[i].name));
		*accounts -= n;
	}
	for (i = 0; rc == 0 && i < NTABLES; i++) {
		rc = select_text(d, demo_tables[i].last, last, sizeof(last));
		if (rc == 0 && *last)
			rc = DB_SELECT_INT(d, demo_tables[i].after_id, &n, DBS(last));
		else if (rc == 0 && *when)
			rc = DB_SELECT_INT(d, demo_tables[i].after_time, &n, DBS(when));
		else if (rc == 0)
			rc = DB_SELECT_INT(d, demo_tables[i].after_id, &n, DBI(0));
		*content += n;
	}
	return rc;
}

int ctl_demo(db *d, const config *cfg)
{
	long long done = 0, users[NUSERS];
	size_t i;
	int rc;

	(void)cfg;
	rc = db_select_int(d, SQL_DEMO_DONE, NULL, 0, &done);
	if (rc != 0) {
		fprintf(stderr, "demo: cannot reach the database (run migrate first)\n");
		return 1;
	}
	if (done) {
		printf("demo community already loaded\n");
		return 0;
	}
	if (load_users(d, users) != 0 || load_forum(d, users) != 0)
		return 1;
	if (demo_reviews(d, users) != 0)
		return 1;
	if (demo_ideas(d, users) != 0)
		return 1;
	if (demo_insights(d, cfg, users) != 0)
		return 1;
	if (demo_notify(d, users) != 0)
		return 1;
	for (i = 0; i < NTABLES; i++)
		if (db_exec(d, demo_tables[i].keep, NULL, 0, NULL) != 0)
			return 1;
	if (db_exec(d, SQL_DEMO_MARK, NULL, 0, NULL) != 0)
		return 1;
	printf("demo community loaded\n");
	return 0;
}
