/* demo_reviews.c: Aurora Home's products in the demo community, with
 * reviews in Spanish and English by the demo members, orders that make some
 * of them verified purchases, staff responses and helpful votes. Everything
 * is written through reviews_store, as the web program writes it. */
#include "ctl.h"
#include "base/err.h"
#include "reviews/reviews_store.h"

#include <stdio.h>
#include <string.h>

static const char SQL_EMAIL[] = "SELECT email FROM users WHERE id = ?";
static const char SQL_BACKDATE_REVIEW[] =
	"UPDATE reviews SET created_at = UTC_TIMESTAMP() - INTERVAL ? DAY WHERE id = ?";
static const char SQL_BACKDATE_RESPONSE[] =
	"UPDATE review_responses SET created_at = UTC_TIMESTAMP() - INTERVAL ? DAY WHERE review_id = ?";

/* Indexes into the demo users (cgi/ctl/demo.c). */
enum { MOD = 1, STAFF = 2, MKT = 3, MARIA = 4, JOHN = 5, LUCIA = 6, OLIVER = 7 };

static const struct {
	const char *sku, *name, *category, *description;
	int active;
} products[] = {
	{ "KX-200", "KX-200 Drip Coffee Maker", "Coffee",
	  "Brews up to 12 cups with a programmable timer, a keep-warm plate and a descaling "
	  "programme.\nReusable filter included.", 1 },
	{ "SS-10", "SmartScale SS-10 Kitchen Scale", "Kitchen tools",
	  "Weighs up to 5 kg in 1 g steps, with tare, a nutrition mode and a backlit display.", 1 },
	{ "TS-4", "TS-4 Four-Slice Toaster", "Breakfast",
	  "Four wide slots, seven browning levels, defrost and bagel settings.", 1 },
	{ "BL-900", "PowerBlend BL-900 Blender", "Blenders",
	  "A 900 W blender with a 1.5 l glass jug, pulse and ice-crush modes.", 1 },
	{ "SM-500", "SM-500 Stand Mixer", "Baking",
	  "A 5 l steel bowl, ten speeds, and a whisk, a dough hook and a beater.", 1 },
	{ "KT-17", "KT-17 Electric Kettle", "Kettles",
	  "1.7 l, boils in three minutes, keeps water at 70, 80, 90 or 100 °C.", 1 },
	{ "HB-30", "HB-30 Hand Blender", "Blenders",
	  "A stick blender with a chopper bowl and a whisk attachment.", 1 },
	{ "AF-35", "CrispAir AF-35 Air Fryer", "Cooking",
	  "A 3.5 l basket, eight programmes and a shake reminder.", 1 },
	{ "EG-12", "EG-12 Burr Coffee Grinder", "Coffee",
	  "Conical burrs with 18 grind settings, from espresso to French press.", 1 },
	{ "JC-60", "FreshPress JC-60 Juicer", "Blenders",
	  "A slow juicer that presses fruit and leafy greens at 60 rpm.", 1 },
	{ "RC-8", "RC-8 Rice Cooker", "Cooking",
	  "Cooks up to 8 cups of rice, with a steaming tray and a delay timer.", 1 },
	{ "MF-2", "MF-2 Milk Frother", "Coffee",
	  "Hot and cold foam, and hot chocolate, at the touch of one button.", 1 },
	{ "KX-100", "KX-100 Coffee Maker (discontinued)", "Coffee",
	  "The KX-200's predecessor. No longer sold.", 0 },
};
#define NPRODUCTS (sizeof(products) / sizeof(products[0]))

/* A review: product index, author, rating, days ago, whether the author
 * bought it (an order is recorded first), title, body, pros, cons. */
static const struct {
	int product, user, rating, days_ago, bought;
	const char *title, *body, *pros, *cons;
} reviews[] = {
	{ 0, MARIA, 4, 40, 1, "Buen café, pero cuidado con la cal",
	  "La uso cada mañana para cinco personas. El café sale **caliente y con cuerpo**.\n\n"
	  "Tuve un susto cuando dejó de calentar: era la cal. Con el programa de limpieza "
	  "volvió a funcionar.", "Jarra grande\nTemporizador fácil", "Hay que descalcificar a menudo" },
	{ 0, JOHN, 5, 35, 1, "Best drip machine I have owned",
	  "Quiet, fast and the timer means coffee is ready when I wake up. The keep-warm plate "
	  "doesn't burn the coffee.", "Timer\nTaste", "" },
	{ 0, OLIVER, 2, 12, 0, "Stopped heating after two months",
	  "Worked well at first, but then the water came out cold. Support suggested descaling, "
	  "which helped, but I expected better.", "", "Reliability" },
	{ 0, LUCIA, 5, 8, 1, "Perfecta para la oficina",
	  "Hace doce tazas sin problema y el filtro reutilizable es un acierto.", "Capacidad", "" },
	{ 1, JOHN, 5, 30, 1, "Accurate to the gram",
	  "I bake bread by weight and this scale is spot on. The tare button is where your thumb "
	  "expects it.", "Accuracy\nBacklight", "Batteries, not USB" },
	{ 1, MARIA, 3, 20, 0, "Cumple, sin más",
	  "Pesa bien, pero el modo nutrición es confuso y las instrucciones solo vienen en inglés.",
	  "Precisa", "Instrucciones" },
	{ 2, OLIVER, 4, 25, 1, "Even toast, wide slots",
	  "Bagels fit, and the browning is even across all four slots. The crumb tray is a bit "
	  "flimsy.", "Wide slots", "Crumb tray" },
	{ 2, LUCIA, 1, 6, 1, "Se quemó a la primera semana",
	  "Una de las ranuras dejó de calentar a los pocos días. **Muy decepcionada.**", "",
	  "Calidad" },
	{ 3, JOHN, 4, 28, 0, "Crushes ice like a champ",
	  "Smoothies every morning. Loud, but it gets the job done fast.", "Power\nGlass jug",
	  "Noise" },
	{ 3, MKT, 5, 15, 1, "La uso para todo",
	  "Batidos, sopas, salsas... La jarra de cristal no coge olores.", "Potencia", "" },
	{ 3, OLIVER, 3, 4, 0, "Good, but the lid leaks",
	  "Blends well. The lid leaks a little when the jug is full.", "", "Lid" },
	{ 4, MARIA, 5, 50, 1, "Mi mejor compra del año",
	  "Amaso pan dos veces por semana y no se calienta. Los accesorios son de buena calidad.",
	  "Potente\nSilenciosa", "Pesa bastante" },
	{ 4, OLIVER, 5, 18, 1, "Worth every penny",
	  "Kneads heavy dough without walking across the counter.", "Stable\nSturdy bowl", "" },
	{ 5, JOHN, 4, 22, 1, "Tea at the right temperature",
	  "Green tea at 80 °C makes a difference. Boils fast.", "Temperature settings", "Short cord" },
	{ 5, LUCIA, 5, 10, 0, "Rápido y bonito",
	  "Hierve el agua en nada y queda muy bien en la cocina.", "Diseño", "" },
	{ 6, MOD, 4, 14, 0, "Práctica y fácil de limpiar",
	  "Para purés y mayonesa es ideal. El accesorio picador es pequeño.", "Limpieza",
	  "Picador pequeño" },
	{ 7, OLIVER, 5, 16, 1, "Crispy fries without the oil",
	  "The shake reminder is a nice touch. Cleans up in a minute.", "Easy to clean", "" },
	{ 7, MARIA, 4, 9, 1, "Me ha cambiado la forma de cocinar",
	  "Patatas, verduras, hasta pescado. La cesta se queda corta para cinco.", "Rapidez",
	  "Capacidad" },
	{ 8, JOHN, 3, 11, 0, "Inconsistent at the finest settings",
	  "Fine for filter coffee, but for espresso the grind is not consistent.", "Price",
	  "Espresso grind" },
	{ 9, LUCIA, 4, 13, 1, "Zumos verdes sin esfuerzo",
	  "Exprime muy bien las espinacas. Se tarda un poco en limpiar.", "Rendimiento",
	  "Limpieza" },
	{ 10, MKT, 5, 7, 0, "Arroz perfecto siempre",
	  "Ni pegado ni crudo. El temporizador es muy útil.", "Temporizador", "" },
	{ 11, OLIVER, 2, 5, 0, "Foam collapses quickly",
	  "The hot foam is thin and collapses within a minute. Cold foam is better.", "Cold foam",
	  "Hot foam" },
};
#define NREVIEWS (sizeof(reviews) / sizeof(reviews[0]))

/* Official responses: review index, days ago, text (staff writes them). */
static const struct {
	int review, days_ago;
	const char *body;
} responses[] = {
	{ 2, 11, "Hi Oliver, thanks for telling us. Limescale is the most common cause; if it "
		 "happens again after descaling, write to us and we will replace it under warranty." },
	{ 7, 5, "Hola Lucía, lo sentimos mucho. Te hemos escrito para cambiarte la tostadora; "
		"no debería pasar." },
	{ 0, 38, "¡Gracias, María! Te recomendamos descalcificar una vez al mes si el agua de tu "
		 "zona es dura." },
	{ 21, 4, "Thanks Oliver. Try whole milk straight from the fridge: it foams best. We are "
		 "also looking into a firmware fix." },
};

/* Helpful votes: review index, voter, yes (1) or no (0). */
static const struct {
	int review, user, yes;
} votes[] = {
	{ 0, JOHN, 1 }, { 0, LUCIA, 1 }, { 0, OLIVER, 1 }, { 1, MARIA, 1 }, { 1, LUCIA, 0 },
	{ 2, JOHN, 1 }, { 2, MARIA, 1 }, { 2, LUCIA, 1 }, { 2, MKT, 0 }, { 4, MARIA, 1 },
	{ 4, OLIVER, 1 }, { 7, MARIA, 1 }, { 7, OLIVER, 1 }, { 8, MKT, 1 }, { 8, OLIVER, 0 },
	{ 11, JOHN, 1 }, { 11, LUCIA, 1 }, { 11, OLIVER, 1 }, { 11, MKT, 1 }, { 16, MARIA, 1 },
	{ 18, OLIVER, 1 }, { 21, JOHN, 1 }, { 21, MARIA, 0 },
};

static int fail(const char *what, int rc)
{
	fprintf(stderr, "demo: %s failed: %s\n", what, err_name(rc));
	return 1;
}

/* Records the order that makes review i a verified purchase. */
static int demo_order(db *d, size_t i, const long long *users, const long long *product_ids)
{
	db_rows *rows = NULL;
	char order_id[32], date[16];
	long long id;
	int created, rc = DB_SELECT(d, SQL_EMAIL, &rows, DBI(users[reviews[i].user]));

	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		order_in o = { order_id, row_str(rows, 0, "email"), date,
			       product_ids[reviews[i].product], "demo" };
		snprintf(order_id, sizeof(order_id), "AH-%05zu", 10001 + i);
		/* a date in 2026, before the review: only its form matters here */
		snprintf(date, sizeof(date), "2026-%02d-%02d", 1 + (int)(i % 9), 1 + (int)(i % 27));
		rc = reviews_order_save(d, &o, &id, &created, NULL);
	}
	db_rows_free(rows);
	return rc;
}

int demo_reviews(db *d, const long long *users)
{
	long long product_ids[NPRODUCTS], review_ids[NREVIEWS];
	size_t i;
	int rc, created;

	for (i = 0; i < NPRODUCTS; i++) {
		product_in p = { products[i].sku, products[i].name, products[i].description,
				 products[i].category, "", products[i].active };
		rc = reviews_product_save(d, &p, &product_ids[i], &created);
		if (rc != 0)
			return fail(products[i].sku, rc);
	}
	for (i = 0; i < NREVIEWS; i++) {
		review_in in = { .product_id = product_ids[reviews[i].product],
				 .user_id = users[reviews[i].user], .rating = reviews[i].rating,
				 .title = reviews[i].title, .body = reviews[i].body,
				 .pros = reviews[i].pros, .cons = reviews[i].cons };

		rc = reviews[i].bought ? demo_order(d, i, users, product_ids) : 0;
		if (rc == 0)
			rc = reviews_create(d, &in, &review_ids[i]);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_REVIEW, NULL, DBI(reviews[i].days_ago),
				     DBI(review_ids[i]));
		if (rc != 0)
			return fail(reviews[i].title, rc);
	}
	for (i = 0; i < sizeof(responses) / sizeof(responses[0]); i++) {
		long long id = review_ids[responses[i].review];
		rc = reviews_respond(d, id, users[STAFF], responses[i].body, &created);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_BACKDATE_RESPONSE, NULL, DBI(responses[i].days_ago), DBI(id));
		if (rc != 0)
			return fail("a staff response", rc);
	}
	for (i = 0; i < sizeof(votes) / sizeof(votes[0]); i++) {
		rc = reviews_vote(d, review_ids[votes[i].review], users[votes[i].user], votes[i].yes);
		if (rc != 0)
			return fail("a helpful vote", rc);
	}
	return 0;
}
