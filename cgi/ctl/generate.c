/* generate.c: `tertuliactl generate`, a large synthetic community for the
 * benchmarks, made deterministically (same seed, same data) by bulk loading:
 * multi-row prepared INSERTs of 100 rows, never through HTTP.
 *
 * Defaults, the size the benchmarks are measured at: 20,000 members, 30
 * categories, 25,000 threads and 500,000 posts of 300-800 characters in
 * Spanish and English with Markdown, one of them 1,000 posts long; 500
 * products with 100,000 reviews (one product with 1,000); 10,000 ideas
 * with 200,000 votes. Two words are planted at known rates so that
 * search can be measured: "termostato" in about 1% of posts and
 * "mantenimiento" in about 10%; nothing else writes them.
 *
 * It writes into the database the configuration names, so it refuses one
 * that holds more than the demo (demo_beyond: accounts the demo did not
 * create, content written since it was loaded) unless given --yes, and one
 * it has already filled, always. Options are checked before anything is
 * read (tertuliactl.c, args.h).
 *
 * The SQL is constant text: the placeholders of a 100-row INSERT are
 * repeated by the preprocessor, not built at run time. */
#include "ctl.h"
#include "base/err.h"
#include "text/markdown.h"
#include "services/password.h"
#include "base/str.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 100

#define REP2(x) x "," x
#define REP4(x) REP2(x) "," REP2(x)
#define REP8(x) REP4(x) "," REP4(x)
#define REP16(x) REP8(x) "," REP8(x)
#define REP32(x) REP16(x) "," REP16(x)
#define REP64(x) REP32(x) "," REP32(x)
#define REP100(x) REP64(x) "," REP32(x) "," REP4(x)

#define USER_ROW "(?, ?, ?, '', FROM_UNIXTIME(?))"
#define USER_INSERT "INSERT INTO users (username, email, password_hash, roles, created_at) VALUES "
static const char SQL_USERS_100[] = USER_INSERT REP100(USER_ROW);
static const char SQL_USERS_1[] = USER_INSERT USER_ROW;

#define THREAD_ROW "(?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, FROM_UNIXTIME(?))"
#define THREAD_INSERT "INSERT INTO threads (id, category_id, user_id, title, slug, post_count, " \
	"reply_count, created_at, last_post_at, last_user_id, first_reply_at) VALUES "
static const char SQL_THREADS_100[] = THREAD_INSERT REP100(THREAD_ROW);
static const char SQL_THREADS_1[] = THREAD_INSERT THREAD_ROW;

#define POST_ROW "(?, ?, ?, ?, ?, FROM_UNIXTIME(?))"
#define POST_INSERT "INSERT INTO posts (thread_id, position, user_id, body, html, created_at) VALUES "
static const char SQL_POSTS_100[] = POST_INSERT REP100(POST_ROW);
static const char SQL_POSTS_1[] = POST_INSERT POST_ROW;

#define PRODUCT_ROW "(?, ?, ?, ?, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())"
#define PRODUCT_INSERT "INSERT INTO products (sku, name, description, category, active, created_at, " \
	"updated_at) VALUES "
static const char SQL_PRODUCTS_100[] = PRODUCT_INSERT REP100(PRODUCT_ROW);
static const char SQL_PRODUCTS_1[] = PRODUCT_INSERT PRODUCT_ROW;

#define REVIEW_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?))"
#define REVIEW_INSERT "INSERT INTO reviews (product_id, user_id, rating, title, body, html, verified, " \
	"helpful_yes, helpful_no, created_at) VALUES "
static const char SQL_REVIEWS_100[] = REVIEW_INSERT REP100(REVIEW_ROW);
static const char SQL_REVIEWS_1[] = REVIEW_INSERT REVIEW_ROW;

#define IDEA_ROW "(?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))"
#define IDEA_INSERT "INSERT INTO ideas (id, user_id, title, body, html, product_id, stage, created_at, " \
	"updated_at) VALUES "
static const char SQL_IDEAS_100[] = IDEA_INSERT REP100(IDEA_ROW);
static const char SQL_IDEAS_1[] = IDEA_INSERT IDEA_ROW;

#define VOTE_ROW "(?, ?, FROM_UNIXTIME(?))"
#define VOTE_INSERT "INSERT INTO idea_votes (idea_id, user_id, created_at) VALUES "
static const char SQL_VOTES_100[] = VOTE_INSERT REP100(VOTE_ROW);
static const char SQL_VOTES_1[] = VOTE_INSERT VOTE_ROW;

static const char SQL_PRODUCT_IDS[] = "SELECT id FROM products WHERE sku LIKE 'GEN-%' ORDER BY id";
static const char SQL_RATINGS[] =
	"INSERT INTO product_ratings (product_id, review_count, rating_sum, stars1, stars2, stars3, "
	"stars4, stars5, damped_rating) SELECT r.product_id, COUNT(*), SUM(r.rating), "
	"SUM(r.rating = 1), SUM(r.rating = 2), SUM(r.rating = 3), SUM(r.rating = 4), "
	"SUM(r.rating = 5), (SUM(r.rating) + 6) / (COUNT(*) + 2) FROM reviews r "
	"JOIN products p ON p.id = r.product_id WHERE p.sku LIKE 'GEN-%' AND r.status = 'visible' "
	"GROUP BY r.product_id ON DUPLICATE KEY UPDATE review_count = VALUES(review_count), "
	"rating_sum = VALUES(rating_sum), stars1 = VALUES(stars1), stars2 = VALUES(stars2), "
	"stars3 = VALUES(stars3), stars4 = VALUES(stars4), stars5 = VALUES(stars5), "
	"damped_rating = VALUES(damped_rating)";
static const char SQL_NEXT_IDEA_ID[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM ideas";
static const char SQL_IDEA_COUNTS[] =
	"UPDATE ideas i JOIN (SELECT idea_id, COUNT(*) AS n FROM idea_votes GROUP BY idea_id) v "
	"ON v.idea_id = i.id SET i.vote_count = v.n WHERE i.id >= ?";

static const char SQL_CATEGORY_ADD[] =
	"INSERT INTO categories (slug, name_en, name_es, description_en, description_es, position, "
	"created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_USER_IDS[] =
	"SELECT id FROM users WHERE username LIKE 'gen\\_%' ORDER BY id";
static const char SQL_NEXT_THREAD_ID[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM threads";
static const char SQL_CATEGORY_COUNTS[] =
	"UPDATE categories c SET thread_count = (SELECT COUNT(*) FROM threads t "
	"WHERE t.category_id = c.id AND t.status = 'visible'), post_count = (SELECT "
	"COALESCE(SUM(t.reply_count + 1), 0) FROM threads t WHERE t.category_id = c.id "
	"AND t.status = 'visible'), last_post_at = (SELECT MAX(t.last_post_at) FROM threads t "
	"WHERE t.category_id = c.id)";
/* Rows are written in batches of posts and of threads that do not line up:
 * the loading session checks no foreign keys (the data is made consistent
 * here) and turns the checks back on when done. */
static const char SQL_FK_OFF[] = "SET foreign_key_checks = 0";
static const char SQL_FK_ON[] = "SET foreign_key_checks = 1";
static const char SQL_ALREADY[] = "SELECT COUNT(*) FROM users WHERE username = 'gen_000001'";

typedef struct gen_opts {
	long long users, categories, threads, posts, big_thread, seed;
	long long products, reviews, big_product, ideas, votes;
} gen_opts;

/* xorshift64*: small, fast and the same on every machine */
static unsigned long long rng_state;

static unsigned long long rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static long long between(long long lo, long long hi)
{
	return lo + (long long)(rnd() % (unsigned long long)(hi - lo + 1));
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rnd() % n];
}
#define PICK(list) pick(list, sizeof(list) / sizeof(list[0]))

static const char *const products[] = {
	"KX-200", "SmartScale", "Toastmaster 4", "Brisa blender", "Luna kettle", "Olla Aurora",
	"Mezcla stand mixer", "Café Duo", "Horno Mini", "Freidora Air",
};
static const char *const en_open[] = {
	"I have had the %s for a few weeks now.", "Quick question about the %s.",
	"Sharing my experience with the %s.", "Has anyone else noticed this with the %s?",
	"My %s arrived yesterday.", "After a year with the %s, here is what I think.",
};
static const char *const en_body[] = {
	"It heats up quickly and the coffee tastes great.", "The lid feels a bit flimsy but it works.",
	"Customer support answered within a day, which I appreciated.",
	"The instructions could be clearer about the cleaning cycle.",
	"It is quieter than my old one, **much** quieter.", "The cable is too short for my kitchen.",
	"I love the design, it looks good on the counter.", "Sometimes the display does not turn on.",
	"Cleaning it takes less than five minutes.", "The price was fair for what you get.",
	"It stopped working after two months and I had to send it back.",
	"Bread comes out evenly toasted on both sides.", "The app pairs fine once you know the trick.",
};
static const char *const es_open[] = {
	"Tengo la %s desde hace unas semanas.", "Una pregunta rápida sobre la %s.",
	"Os cuento mi experiencia con la %s.", "¿A alguien más le pasa esto con la %s?",
	"Ayer me llegó la %s.", "Después de un año con la %s, esto es lo que pienso.",
};
static const char *const es_body[] = {
	"Calienta rápido y el café sabe muy bien.", "La tapa parece un poco frágil, pero funciona.",
	"El servicio de atención respondió en un día, cosa que agradezco.",
	"Las instrucciones podrían explicar mejor el ciclo de limpieza.",
	"Es más silenciosa que la anterior, **mucho** más.", "El cable es demasiado corto para mi cocina.",
	"Me encanta el diseño, queda muy bien en la encimera.", "A veces la pantalla no se enciende.",
	"Limpiarla lleva menos de cinco minutos.", "El precio es justo para lo que ofrece.",
	"Dejó de funcionar a los dos meses y tuve que devolverla.",
	"El pan sale tostado por igual en los dos lados.", "La aplicación se empareja bien si sabes el truco.",
};
static const char *const en_titles[] = {
	"Problem with the %s", "Tips for the %s", "Is the %s worth it?", "%s: first impressions",
	"Cleaning the %s", "%s making a strange noise",
};
static const char *const es_titles[] = {
	"Problema con la %s", "Trucos para la %s", "¿Merece la pena la %s?",
	"%s: primeras impresiones", "Cómo limpiar la %s", "La %s hace un ruido raro",
};

#define BODY_MIN 300
#define BODY_MAX 800

/* Writes a Markdown post of BODY_MIN-BODY_MAX characters (not bytes: the
 * Spanish ones have accents) into sb, which starts empty. */
static void make_body(strbuf *sb, int spanish)
{
	size_t target = (size_t)between(BODY_MIN, BODY_MAX), chars, i;
	const char *product = PICK(products);

	strbuf_printf(sb, spanish ? PICK(es_open) : PICK(en_open), product);
	strbuf_puts(sb, "\n\n");
	if (rnd() % 100 == 0)
		strbuf_puts(sb, spanish ? "El termostato parece fallar. " : "The termostato part seems off. ");
	if (rnd() % 10 == 0)
		strbuf_puts(sb, spanish ? "Hablemos del mantenimiento. " : "About mantenimiento (maintenance): ");
	for (chars = utf8_length(sb->s, sb->len); chars < target;
	     chars += utf8_length(sb->s + i, sb->len - i)) {
		unsigned kind = (unsigned)(rnd() % 12);

		i = sb->len;
		if (kind == 0)
			strbuf_printf(sb, "\n\n- %s\n- %s\n\n", spanish ? PICK(es_body) : PICK(en_body),
				      spanish ? PICK(es_body) : PICK(en_body));
		else if (kind == 1)
			strbuf_puts(sb, spanish ? " Más en el [manual](https://aurora.example/manual). "
						: " More in the [manual](https://aurora.example/manual). ");
		else
			strbuf_printf(sb, "%s ", spanish ? PICK(es_body) : PICK(en_body));
	}
	/* the last piece may pass BODY_MAX: cut at the character that does */
	for (i = 0, chars = 0; i < sb->len; i++) {
		if (((unsigned char)sb->s[i] & 0xC0) != 0x80 && ++chars > BODY_MAX) {
			sb->len = i;
			sb->s[i] = '\0';
			break;
		}
	}
}

/* Sends rows of `per_row` parameters in batches of BATCH, then one by one. */
static int bulk(db *d, const char *sql_batch, const char *sql_one, const db_param *p,
		size_t per_row, size_t rows)
{
	size_t done = 0;
	int rc = 0;

	while (rc == 0 && rows - done >= BATCH) {
		rc = db_exec(d, sql_batch, p + done * per_row, per_row * BATCH, NULL);
		done += BATCH;
	}
	while (rc == 0 && done < rows) {
		rc = db_exec(d, sql_one, p + done * per_row, per_row, NULL);
		done++;
	}
	return rc;
}

/* Strings the parameters point to live until the batch is sent. */
typedef struct pool {
	char **s;
	size_t n, cap;
} pool;

static const char *keep(pool *pl, char *s)
{
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 1024;
		pl->s = realloc(pl->s, pl->cap * sizeof(char *));
	}
	pl->s[pl->n++] = s;
	return s;
}

static void pool_clear(pool *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		free(pl->s[i]);
	pl->n = 0;
}

static int gen_users(db *d, const gen_opts *o, long long now, long long **ids)
{
	char hash[PASSWORD_HASH_MAX];
	db_param p[BATCH * 4];
	pool pl = { 0 };
	db_rows *rows = NULL;
	long long i;
	size_t k = 0, r;
	int rc = password_hash("generated-password", hash);

	for (i = 1; rc == 0 && i <= o->users; i++) {
		char name[32], email[64];
		snprintf(name, sizeof(name), "gen_%06lld", i);
		snprintf(email, sizeof(email), "gen_%06lld@example.com", i);
		p[k++] = DBS(keep(&pl, strdup(name)));
		p[k++] = DBS(keep(&pl, strdup(email)));
		p[k++] = DBS(hash);
		p[k++] = DBI(now - between(86400, 2 * 365 * 86400));
		if (k == BATCH * 4 || i == o->users) {
			rc = bulk(d, SQL_USERS_100, SQL_USERS_1, p, 4, k / 4);
			k = 0;
			pool_clear(&pl);
		}
	}
	free(pl.s);
	if (rc == 0)
		rc = db_select(d, SQL_USER_IDS, NULL, 0, &rows);
	if (rc != 0)
		return rc;
	*ids = malloc((rows->nrows + 1) * sizeof(long long));
	for (r = 0; r < rows->nrows; r++)
		(*ids)[r] = row_int(rows, r, "id");
	db_rows_free(rows);
	printf("members: %lld\n", o->users);
	return 0;
}

static int gen_categories(db *d, const gen_opts *o, long long *first_id)
{
	db_result res;
	long long i;
	int rc = 0;

	for (i = 1; rc == 0 && i <= o->categories; i++) {
		char slug[32], en[64], es[64];
		snprintf(slug, sizeof(slug), "gen-%02lld", i);
		snprintf(en, sizeof(en), "Topic %lld", i);
		snprintf(es, sizeof(es), "Tema %lld", i);
		rc = DB_EXEC(d, SQL_CATEGORY_ADD, &res, DBS(slug), DBS(en), DBS(es),
			     DBS("Generated for benchmarks."), DBS("Generado para las pruebas de rendimiento."),
			     DBI(100 + i));
		if (i == 1)
			*first_id = (long long)res.insert_id;
	}
	printf("categories: %lld\n", o->categories);
	return rc;
}

/* Threads and their posts, in thread order. */
static int gen_forum(db *d, const gen_opts *o, long long now, const long long *users,
		     long long first_category)
{
	db_param tp[BATCH * 11], *pp = malloc(sizeof(db_param) * BATCH * 6);
	pool tpool = { 0 }, ppool = { 0 };
	long long thread_id = 0, t, posts_left = o->posts, written = 0;
	size_t tk = 0, pk = 0;
	int rc = db_select_int(d, SQL_NEXT_THREAD_ID, NULL, 0, &thread_id);

	for (t = 0; rc == 0 && t < o->threads; t++, thread_id++) {
		long long threads_left = o->threads - t;
		long long n = t == 0 ? o->big_thread
			    : threads_left == 1 ? posts_left
			    : between(1, 2 * (posts_left / threads_left) - 1);
		long long start = now - between(3600, 365 * 86400), when = start, author, i;
		int spanish = (int)(rnd() % 2);
		char title[160], slug[81];

		if (n < 1)
			n = 1;
		if (n > posts_left - (threads_left - 1))
			n = posts_left - (threads_left - 1) > 0 ? posts_left - (threads_left - 1) : 1;
		posts_left -= n;
		author = users[rnd() % (unsigned long long)o->users];
		snprintf(title, sizeof(title), spanish ? PICK(es_titles) : PICK(en_titles), PICK(products));
		slugify(title, slug, sizeof(slug));
		for (i = 1; rc == 0 && i <= n; i++) {
			strbuf body = STRBUF_INIT;
			char *html = NULL;
			long long who = i == 1 ? author : users[rnd() % (unsigned long long)o->users];

			make_body(&body, spanish);
			markdown_render(body.s, body.len, &html);
			pp[pk++] = DBI(thread_id);
			pp[pk++] = DBI(i);
			pp[pk++] = DBI(who);
			pp[pk++] = DBS(keep(&ppool, strbuf_detach(&body)));
			pp[pk++] = DBS(keep(&ppool, html));
			pp[pk++] = DBI(when);
			when += between(60, 3 * 3600);
			if (pk == BATCH * 6) {
				rc = bulk(d, SQL_POSTS_100, SQL_POSTS_1, pp, 6, BATCH);
				written += BATCH;
				pk = 0;
				pool_clear(&ppool);
			}
		}
		tp[tk++] = DBI(thread_id);
		tp[tk++] = DBI(first_category + (long long)(rnd() % (unsigned long long)o->categories));
		tp[tk++] = DBI(author);
		tp[tk++] = DBS(keep(&tpool, strdup(title)));
		tp[tk++] = DBS(keep(&tpool, strdup(slug)));
		tp[tk++] = DBI(n);
		tp[tk++] = DBI(n - 1);
		tp[tk++] = DBI(start);
		tp[tk++] = DBI(when);
		tp[tk++] = DBI(author);
		tp[tk++] = n > 1 ? DBI(start + 60) : DBNULL;
		if (tk == BATCH * 11 || t + 1 == o->threads) {
			rc = bulk(d, SQL_THREADS_100, SQL_THREADS_1, tp, 11, tk / 11);
			tk = 0;
			pool_clear(&tpool);
		}
		if (t % 5000 == 4999)
			printf("threads: %lld, posts: %lld\n", t + 1, written);
	}
	if (rc == 0 && pk > 0)
		rc = bulk(d, SQL_POSTS_100, SQL_POSTS_1, pp, 6, pk / 6);
	pool_clear(&tpool);
	pool_clear(&ppool);
	free(tpool.s);
	free(ppool.s);
	free(pp);
	if (rc == 0)
		rc = db_exec(d, SQL_CATEGORY_COUNTS, NULL, 0, NULL);
	printf("threads: %lld, posts: %lld\n", o->threads, o->posts);
	return rc;
}

static const char *const review_titles_en[] = {
	"Does the job", "Great value", "Stopped working", "Better than expected", "Too noisy",
	"Love it", "Not worth the price", "Solid build",
};
static const char *const review_titles_es[] = {
	"Cumple", "Buena relación calidad-precio", "Dejó de funcionar", "Mejor de lo esperado",
	"Demasiado ruidosa", "Me encanta", "No vale lo que cuesta", "Bien construida",
};
static const char *const idea_titles[] = {
	"A quieter motor for the %s", "Replacement parts for the %s", "Dark colour for the %s",
	"Modo silencioso para la %s", "Piezas de repuesto para la %s", "Temporizador en la %s",
	"App support for the %s", "Una versión más pequeña de la %s",
};
static const char *const stages[] = {
	"open", "open", "open", "open", "under_review", "planned", "in_progress", "done", "declined",
};

/* A member index for the j-th row of item k: distinct for distinct j while
 * j < users, because the stride is prime to the member count. */
static long long member_for(long long j, long long k, long long users)
{
	long long stride = 7919;

	while (users % stride == 0 || stride % users == 0)
		stride += 2;
	return (j * stride + k * 13) % users;
}

/* Products, and reviews: the first product gets big_product of them, the
 * others share the rest (one per member and product). */
static int gen_reviews(db *d, const gen_opts *o, long long now, const long long *users)
{
	db_param pp[BATCH * 4], *rp = malloc(sizeof(db_param) * BATCH * 10);
	pool pl = { 0 };
	db_rows *rows = NULL;
	long long i, j, left = o->reviews, written = 0;
	size_t k = 0;
	int rc = 0;

	for (i = 1; rc == 0 && i <= o->products; i++) {
		char sku[32], name[96];
		snprintf(sku, sizeof(sku), "GEN-%04lld", i);
		snprintf(name, sizeof(name), "%s %lld", PICK(products), i);
		pp[k++] = DBS(keep(&pl, strdup(sku)));
		pp[k++] = DBS(keep(&pl, strdup(name)));
		pp[k++] = DBS("Generated for the benchmarks.");
		pp[k++] = DBS(i % 3 == 0 ? "coffee" : i % 3 == 1 ? "kitchen" : "baking");
		if (k == BATCH * 4 || i == o->products) {
			rc = bulk(d, SQL_PRODUCTS_100, SQL_PRODUCTS_1, pp, 4, k / 4);
			k = 0;
			pool_clear(&pl);
		}
	}
	if (rc == 0)
		rc = db_select(d, SQL_PRODUCT_IDS, NULL, 0, &rows);
	for (i = 0; rc == 0 && i < (long long)rows->nrows; i++) {
		long long product = row_int(rows, (size_t)i, "id");
		long long n = i == 0 ? o->big_product
			    : left / ((long long)rows->nrows - i);
		if (n > left)
			n = left;
		if (n > o->users)
			n = o->users;
		left -= n;
		for (j = 0; rc == 0 && j < n; j++) {
			strbuf body = STRBUF_INIT;
			char *html = NULL;
			int spanish = (int)(rnd() % 2);
			long long stars = 1 + (long long)(rnd() % 100 < 60 ? 3 + rnd() % 2 : rnd() % 3);

			make_body(&body, spanish);
			markdown_render(body.s, body.len, &html);
			rp[k++] = DBI(product);
			rp[k++] = DBI(users[member_for(j, i, o->users)]);
			rp[k++] = DBI(stars);
			rp[k++] = DBS(spanish ? PICK(review_titles_es) : PICK(review_titles_en));
			rp[k++] = DBS(keep(&pl, strbuf_detach(&body)));
			rp[k++] = DBS(keep(&pl, html));
			rp[k++] = DBI(rnd() % 3 == 0);
			rp[k++] = DBI(between(0, 30));
			rp[k++] = DBI(between(0, 8));
			rp[k++] = DBI(now - between(3600, 365 * 86400));
			if (k == BATCH * 10) {
				rc = bulk(d, SQL_REVIEWS_100, SQL_REVIEWS_1, rp, 10, BATCH);
				written += BATCH;
				k = 0;
				pool_clear(&pl);
			}
		}
	}
	if (rc == 0 && k > 0)
		rc = bulk(d, SQL_REVIEWS_100, SQL_REVIEWS_1, rp, 10, k / 10);
	written += (long long)k / 10;
	db_rows_free(rows);
	pool_clear(&pl);
	free(pl.s);
	free(rp);
	if (rc == 0)
		rc = db_exec(d, SQL_RATINGS, NULL, 0, NULL);
	printf("products: %lld, reviews: %lld\n", o->products, written);
	return rc;
}

/* Ideas, and votes spread over them with a long tail (one per member). */
static int gen_ideas(db *d, const gen_opts *o, long long now, const long long *users)
{
	db_param ip[BATCH * 9], *vp = malloc(sizeof(db_param) * BATCH * 3);
	pool pl = { 0 };
	long long first = 0, i, j, left = o->votes;
	size_t k = 0, v = 0;
	int rc = db_select_int(d, SQL_NEXT_IDEA_ID, NULL, 0, &first);

	for (i = 0; rc == 0 && i < o->ideas; i++) {
		strbuf body = STRBUF_INIT;
		char *html = NULL, title[160];
		long long created = now - between(3600, 365 * 86400);
		/* about twice the average for the first tenth, less for the rest */
		long long n = i + 1 == o->ideas ? left
			    : between(0, 2 * left / (o->ideas - i) + (i < o->ideas / 10 ? 20 : 0));

		if (n > left)
			n = left;
		if (n > o->users)
			n = o->users;
		left -= n;
		snprintf(title, sizeof(title), PICK(idea_titles), PICK(products));
		make_body(&body, (int)(rnd() % 2));
		markdown_render(body.s, body.len, &html);
		ip[k++] = DBI(first + i);
		ip[k++] = DBI(users[rnd() % (unsigned long long)o->users]);
		ip[k++] = DBS(keep(&pl, strdup(title)));
		ip[k++] = DBS(keep(&pl, strbuf_detach(&body)));
		ip[k++] = DBS(keep(&pl, html));
		ip[k++] = DBNULL;
		ip[k++] = DBS(PICK(stages));
		ip[k++] = DBI(created);
		ip[k++] = DBI(created);
		for (j = 0; rc == 0 && j < n; j++) {
			vp[v++] = DBI(first + i);
			vp[v++] = DBI(users[member_for(j, i, o->users)]);
			vp[v++] = DBI(created + between(60, now - created > 120 ? now - created - 60 : 60));
			if (v == BATCH * 3) {
				rc = bulk(d, SQL_VOTES_100, SQL_VOTES_1, vp, 3, BATCH);
				v = 0;
			}
		}
		if (k == BATCH * 9 || i + 1 == o->ideas) {
			if (rc == 0)
				rc = bulk(d, SQL_IDEAS_100, SQL_IDEAS_1, ip, 9, k / 9);
			k = 0;
			pool_clear(&pl);
		}
	}
	if (rc == 0 && v > 0)
		rc = bulk(d, SQL_VOTES_100, SQL_VOTES_1, vp, 3, v / 3);
	pool_clear(&pl);
	free(pl.s);
	free(vp);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_IDEA_COUNTS, NULL, DBI(first));
	printf("ideas: %lld, votes: %lld\n", o->ideas, o->votes - left);
	return rc;
}

/* Every option once, with its default (the usage prints it); the limits
 * keep each count one that the loops below handle. */
static const arg_opt options[] = {
	{ "--users", ARG_NUMBER, 0, 1, 100000000, 20000, "N", "members" },
	{ "--categories", ARG_NUMBER, 0, 1, 10000, 30, "N", "forum categories" },
	{ "--threads", ARG_NUMBER, 0, 1, 100000000, 25000, "N", "threads" },
	{ "--posts", ARG_NUMBER, 0, 1, 100000000, 500000, "N", "posts in all, at least --threads" },
	{ "--big-thread", ARG_NUMBER, 0, 1, 100000000, 1000, "N", "posts of the longest thread" },
	{ "--products", ARG_NUMBER, 0, 1, 100000000, 500, "N", "products" },
	{ "--reviews", ARG_NUMBER, 0, 0, 100000000, 100000, "N", "reviews in all" },
	{ "--big-product", ARG_NUMBER, 0, 0, 100000000, 1000, "N", "reviews of the most reviewed product" },
	{ "--ideas", ARG_NUMBER, 0, 1, 100000000, 10000, "N", "ideas" },
	{ "--votes", ARG_NUMBER, 0, 0, 100000000, 200000, "N", "idea votes in all" },
	{ "--seed", ARG_NUMBER, 0, 0, 100000000, 42, "N", "the same seed makes the same data" },
	{ "--yes", ARG_FLAG, 0, 0, 0, 0, NULL,
	  "write into a database that holds more than the demo" },
};
const arg_spec ctl_generate_args = { ARGS_OPTS(options), "", 0, 0, 0 };

int ctl_generate_check(const args *a, char *why, size_t size)
{
	long long posts = args_number(a, "--posts"), threads = args_number(a, "--threads");

	if (posts < threads) {
		snprintf(why, size, "--posts (%lld) must be at least --threads (%lld): every thread "
			 "has a post", posts, threads);
		return ARGS_BAD;
	}
	if (args_number(a, "--big-thread") > posts - (threads - 1)) {
		snprintf(why, size, "--big-thread (%lld) must leave a post for each other thread: "
			 "at most %lld", args_number(a, "--big-thread"), posts - (threads - 1));
		return ARGS_BAD;
	}
	return ARGS_OK;
}

int ctl_generate(db *d, const config *cfg, const args *a)
{
	gen_opts o = {
		.users = args_number(a, "--users"), .categories = args_number(a, "--categories"),
		.threads = args_number(a, "--threads"), .posts = args_number(a, "--posts"),
		.big_thread = args_number(a, "--big-thread"), .seed = args_number(a, "--seed"),
		.products = args_number(a, "--products"), .reviews = args_number(a, "--reviews"),
		.big_product = args_number(a, "--big-product"), .ideas = args_number(a, "--ideas"),
		.votes = args_number(a, "--votes"),
	};
	long long now = (long long)time(NULL), first_category = 0, already = 0;
	long long accounts = 0, content = 0;
	long long *users = NULL;
	time_t t0 = time(NULL);
	int rc;

	(void)cfg;
	rc = db_select_int(d, SQL_ALREADY, NULL, 0, &already);
	if (rc == 0 && !already)
		rc = demo_beyond(d, &accounts, &content);
	if (rc != 0) {
		fprintf(stderr, "generate: cannot reach the database (run migrate first)\n");
		return 1;
	}
	if (already) {
		fprintf(stderr, "generate: this database already has generated data\n");
		return 1;
	}
	/* a database with members or content of its own is somebody's
	 * community: thousands of made-up members and posts among theirs
	 * cannot be taken out again one by one */
	if ((accounts > 0 || content > 0) && args_count(a, "--yes") == 0) {
		fprintf(stderr, "generate: this database holds more than the demo: %lld accounts the "
			"demo did not create, %lld posts, reviews, ideas or products written since "
			"it was loaded. Nothing was written. Generate into a database of its own, or "
			"give --yes to write into this one anyway.\n", accounts, content);
		return 1;
	}
	rng_state = (unsigned long long)o.seed * 0x9E3779B97F4A7C15ULL + 1;
	rc = db_exec(d, SQL_FK_OFF, NULL, 0, NULL);
	if (rc == 0)
		rc = gen_users(d, &o, now, &users);
	if (rc == 0)
		rc = gen_categories(d, &o, &first_category);
	if (rc == 0)
		rc = gen_forum(d, &o, now, users, first_category);
	if (rc == 0)
		rc = gen_reviews(d, &o, now, users);
	if (rc == 0)
		rc = gen_ideas(d, &o, now, users);
	free(users);
	if (db_exec(d, SQL_FK_ON, NULL, 0, NULL) != 0 && rc == 0)
		rc = E_DB;
	if (rc != 0) {
		fprintf(stderr, "generate failed: %s\n", err_name(rc));
		return 1;
	}
	printf("generated in %lld s\n", (long long)(time(NULL) - t0));
	return 0;
}
