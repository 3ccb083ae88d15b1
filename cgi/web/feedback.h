/* feedback.h: the one way a page says what an action did ("Your flag is
 * sent to the moderators"), shown once on the page its 303 leads to.
 *
 * A POST's handler names a message with req_said: a key under L.said of
 * the language files, never text, so nothing a visitor can put in a
 * cookie or an address is ever shown. The answer carries it in a signed,
 * short-lived cookie (FEEDBACK_COOKIE, its payload the key and the time it
 * stops counting, under the configuration's secret), so that the address
 * the redirect leads to stays the page's own. The next HTML page drawn
 * for that browser shows the message in its own language (the HDF's
 * "said", which header.cs puts at the top of <main> in a role="status"
 * region) and deletes the cookie: a reload does not show it again.
 * A redirect on the way (a GET that answers 303) leaves it for the page
 * at its end.
 *
 * Visitors' kept pages (visitor_cache.h): a request that carries the
 * cookie is neither served a kept page (which would not show the message)
 * nor kept (its page holds someone's message).
 *
 * A JSON client gets the message's text in its answer instead
 * ("message"), and no cookie. */
#ifndef TERTULIA_FEEDBACK_H
#define TERTULIA_FEEDBACK_H

#include "web/app.h"

#define FEEDBACK_COOKIE "tertulia_said"
/* How long a message waits for its page: the redirect is followed at
 * once, so a minute is plenty, and an old message never shows up late. */
#define FEEDBACK_SECONDS 60

/* Whether r carries a message cookie (valid or not). */
int feedback_pending(const request *r);
/* For a POST answered 303 to a browser: sets the cookie of the message
 * r->said names, if any. 0 or an error (the answer goes out without it). */
int feedback_send(request *r);
/* For an HTML page about to be drawn: when r carries a message cookie,
 * deletes it and, if it is sound, unexpired and names a message of the
 * language files, puts the message's text in "said". */
void feedback_take(request *r);
/* The text of the message r->said names in r's language, or NULL. */
const char *feedback_text(const request *r);

#endif
