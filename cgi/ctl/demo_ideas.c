/* demo_ideas.c: the demo community's ideas, in Spanish and English: one in
 * every status, with votes from the demo members (some recent, so that
 * "trending" has something to show), comments, an official answer, status
 * notes by staff and a duplicate merged into the idea it repeats. Written
 * through idea_store like the ideas program writes, then dated back. */
#include "ctl.h"
#include "base/err.h"
#include "ideas/idea_store.h"

#include <stdio.h>

/* Indexes into the users array of demo.c. */
enum { ADMIN, MODERADORA, STAFF, MARKETING, MARIA, JOHN, LUCIA, OLIVER };

static const char SQL_PRODUCT[] = "SELECT id FROM products WHERE sku = ?";
static const char SQL_CATEGORY[] = "SELECT id FROM categories WHERE slug = ?";
static const char SQL_BACKDATE_IDEA[] =
	"UPDATE ideas SET created_at = UTC_TIMESTAMP() - INTERVAL ? HOUR, "
	"updated_at = UTC_TIMESTAMP() - INTERVAL ? HOUR WHERE id = ?";
static const char SQL_BACKDATE_VOTE[] =
	"UPDATE idea_votes SET created_at = UTC_TIMESTAMP() - INTERVAL ? HOUR "
	"WHERE idea_id = ? AND user_id = ?";
static const char SQL_BACKDATE_STAGE[] =
	"UPDATE idea_status_changes SET created_at = UTC_TIMESTAMP() - INTERVAL ? HOUR "
	"WHERE idea_id = ? AND to_stage = ?";
static const char SQL_STAGE_CHANGED_AT[] =
	"UPDATE ideas SET stage_changed_at = UTC_TIMESTAMP() - INTERVAL ? HOUR WHERE id = ?";
static const char SQL_BACKDATE_COMMENT[] =
	"UPDATE idea_comments SET created_at = UTC_TIMESTAMP() - INTERVAL ? HOUR WHERE id = ?";

struct demo_vote { int user, hours_ago; };           /* hours_ago 0 ends the list */
struct demo_stage { const char *stage, *note; int hours_ago; }; /* stage NULL ends */

static const struct {
	int user, hours_ago;
	const char *sku, *category, *title, *body;
	struct demo_vote votes[6];
	struct demo_stage stages[4];
} ideas[] = {
	{ MARIA, 400, "TS-4", NULL, "Una tostadora que tueste igual por los dos lados",
	  "Mi TS-4 deja el pan **más tostado por un lado** que por el otro. Me encantaría un "
	  "modelo con resistencias a ambos lados y un modo *descongelar* de verdad.",
	  { { LUCIA, 300 }, { JOHN, 200 }, { OLIVER, 150 }, { STAFF, 120 } },
	  { { "under_review", "Lo estamos estudiando con el equipo de producto. ¡Gracias por la idea!", 300 },
	    { "planned", "Planificado para la próxima generación de tostadoras, a finales de año.", 100 } } },
	{ JOHN, 500, "BL-900", NULL, "A quieter mode for the PowerBlend blender",
	  "The BL-900 is great but it wakes up the whole house at 7am. A **quiet mode** with a "
	  "lower speed ramp would make morning smoothies possible.",
	  { { LUCIA, 30 }, { MARIA, 20 }, { OLIVER, 6 }, { MODERADORA, 3 }, { MARKETING, 2 } },
	  { { "under_review", "Thanks John, our engineers are measuring noise at each speed.", 400 },
	    { "planned", "Planned: a softer start and a quiet program.", 250 },
	    { "in_progress", "In progress: prototypes are being tested in our kitchen lab.", 24 } } },
	{ LUCIA, 90, "BL-900", NULL, "Batidora más silenciosa, por favor",
	  "Por las mañanas la batidora hace muchísimo ruido. ¿Podríais hacer un modo silencioso?",
	  { { MARIA, 60 }, { ADMIN, 50 } }, { { NULL, NULL, 0 } } },
	{ OLIVER, 900, "KX-200", NULL, "Descaling reminder on the KX-200",
	  "It would be great if the coffee maker **told me when to descale**, instead of me "
	  "finding out when the water comes out cold.",
	  { { MARIA, 800 }, { JOHN, 700 } },
	  { { "planned", "Good one: it fits in the next firmware update.", 700 },
	    { "in_progress", "Working on it.", 500 },
	    { "done", "Shipped in firmware 2.3: the descale light now blinks after 60 cycles.", 48 } } },
	{ MARIA, 120, "SS-10", NULL, "Recetas guiadas en la app de la SmartScale",
	  "Que la báscula vaya diciendo cuánto echar de cada ingrediente, paso a paso, "
	  "como un asistente de recetas.",
	  { { LUCIA, 100 }, { OLIVER, 10 }, { JOHN, 5 } },
	  { { "under_review", "Nos encanta. Estamos viendo qué recetas tendría sentido incluir.", 60 } } },
	{ JOHN, 700, NULL, "cafe", "Dark mode for the Aurora app",
	  "Please add a dark theme to the app: I check my scale at night.",
	  { { OLIVER, 600 } },
	  { { "declined", "Thanks for asking. The app follows your phone's theme since version 4, "
			  "so we won't add a separate switch.", 300 } } },
	{ LUCIA, 20, "KT-17", NULL, "Cable más largo para el hervidor KT-17",
	  "El cable del hervidor es muy corto y no llega al enchufe de mi encimera.",
	  { { MARIA, 12 }, { JOHN, 4 }, { OLIVER, 1 } }, { { NULL, NULL, 0 } } },
	{ OLIVER, 10, "JC-60", "recipes", "Dishwasher-safe jug for the juicer",
	  "Washing the **JC-60** jug by hand after every juice is the one thing I dislike. "
	  "A dishwasher-safe jug would fix it.",
	  { { JOHN, 2 } }, { { NULL, NULL, 0 } } },
};

static const struct {
	int idea, user, official, hours_ago;
	const char *body;
} comments[] = {
	{ 0, LUCIA, 0, 350, "¡Sí, por favor! La mía hace lo mismo." },
	{ 0, STAFF, 1, 98, "Gracias a todos: hemos recogido vuestras tostadas (y fotos). "
			   "La nueva tostadora tendrá resistencias simétricas." },
	{ 1, MARIA, 0, 19, "Me apunto. Y que el modo silencioso sirva también para el hielo." },
	{ 1, STAFF, 1, 23, "Update from the team: the quiet program will ramp up over 5 seconds "
			   "and stay under 70 dB." },
	{ 2, MARIA, 0, 55, "¡Lo mismo me pasa a mí!" },
	{ 3, JOHN, 0, 40, "Just updated my firmware and it works. Thank you!" },
	{ 5, OLIVER, 0, 280, "Fair enough, the phone setting works for me." },
};

static int fail(const char *what, int rc)
{
	fprintf(stderr, "demo: idea \"%s\" failed: %s\n", what, err_name(rc));
	return 1;
}

/* The id of a row found by one key (0 when the key is NULL or unknown). */
static long long find_id(db *d, const char *sql, const char *key)
{
	long long id = 0;

	if (key && DB_SELECT_INT(d, sql, &id, DBS(key)) != 0)
		id = 0;
	return id;
}

static int load_idea(db *d, size_t i, const long long *users, long long *id)
{
	new_idea p = { users[ideas[i].user], ideas[i].title, ideas[i].body, NULL,
		       find_id(d, SQL_PRODUCT, ideas[i].sku),
		       find_id(d, SQL_CATEGORY, ideas[i].category), "visible", NULL, NULL };
	idea_outcome out;
	size_t k;
	int rc = idea_create(d, &p, 0, id);

	if (rc == 0)
		rc = DB_EXEC(d, SQL_BACKDATE_IDEA, NULL, DBI(ideas[i].hours_ago),
			     DBI(ideas[i].hours_ago), DBI(*id));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_BACKDATE_VOTE, NULL, DBI(ideas[i].hours_ago), DBI(*id),
			     DBI(p.user_id));
	for (k = 0; rc == 0 && k < 6 && ideas[i].votes[k].hours_ago; k++) {
		long long voter = users[ideas[i].votes[k].user];
		rc = idea_vote(d, *id, voter, 0, 0, &out, NULL);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_VOTE, NULL, DBI(ideas[i].votes[k].hours_ago),
				     DBI(*id), DBI(voter));
	}
	for (k = 0; rc == 0 && k < 4 && ideas[i].stages[k].stage; k++) {
		const struct demo_stage *s = &ideas[i].stages[k];
		rc = idea_set_stage(d, *id, s->stage, s->note, users[STAFF], &out);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_STAGE, NULL, DBI(s->hours_ago), DBI(*id), DBS(s->stage));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_STAGE_CHANGED_AT, NULL, DBI(s->hours_ago), DBI(*id));
	}
	return rc;
}

int demo_ideas(db *d, const long long *users)
{
	long long ids[sizeof(ideas) / sizeof(ideas[0])];
	size_t i;
	idea_outcome out;
	int rc;

	for (i = 0; i < sizeof(ideas) / sizeof(ideas[0]); i++) {
		rc = load_idea(d, i, users, &ids[i]);
		if (rc != 0)
			return fail(ideas[i].title, rc);
	}
	for (i = 0; i < sizeof(comments) / sizeof(comments[0]); i++) {
		new_idea_comment c = { users[comments[i].user], comments[i].body, NULL,
				       comments[i].official, "visible", NULL, NULL };
		long long cid = 0, pos = 0;

		rc = idea_comment(d, ids[comments[i].idea], &c, &out, &cid, &pos);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_COMMENT, NULL, DBI(comments[i].hours_ago), DBI(cid));
		if (rc != 0)
			return fail(ideas[comments[i].idea].title, rc);
	}
	/* the quieter-blender duplicate joins the idea it repeats: maria voted
	 * for both and keeps one vote there */
	rc = idea_merge(d, ids[2], ids[1], users[MODERADORA], "Duplicado de la idea del modo silencioso",
			&out);
	if (rc != 0 || out != IDEA_DONE)
		return fail(ideas[2].title, rc ? rc : E_INVALID);
	return 0;
}
