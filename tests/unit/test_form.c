/* test_form.c: declared fields and their validators (form.h). */
#include "helpers.h"
#include "web/form.h"

/* What the error callback saw. */
typedef struct seen {
	int count;
	char field[64];
	char msg[64];
	long long n;
} seen;

static void on_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	seen *s = ctx;

	s->count++;
	snprintf(s->field, sizeof(s->field), "%s", field);
	snprintf(s->msg, sizeof(s->msg), "%s", msgkey);
	s->n = n;
}

/* Validates one field `spec` against a form with name=value (value as raw
 * bytes of length n; NULL for an absent field). Returns the message key of
 * the error, or NULL when the field passed; *num gets the F_INT value. */
static const char *one(field_spec spec, const char *value, size_t n, long long *limit,
		       long long *num)
{
	static seen s;
	field_spec specs[2] = { spec, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	int problems;

	memset(&s, 0, sizeof(s));
	if (value)
		assert_int_equal(kv_add(&form, spec.name, strlen(spec.name), value, n), 0);
	problems = form_validate(specs, &form, &in, on_error, &s);
	assert_int_equal(problems, s.count);
	if (problems == 0) {
		/* a passed field is readable, a missing optional one is NULL */
		if (value && n > 0)
			assert_ptr_equal(form_get(&in, spec.name), kv_get(&form, spec.name));
		else
			assert_null(form_get(&in, spec.name));
		if (num)
			*num = form_int(&in, spec.name, -999);
	} else {
		assert_int_equal(problems, 1);
		assert_string_equal(s.field, spec.name);
		assert_null(form_get(&in, spec.name));
		if (limit)
			*limit = s.n;
	}
	kv_free(&form);
	return problems ? s.msg : NULL;
}

/* The message for a C-string value ("" for none). */
static const char *msg_of(field_spec spec, const char *value)
{
	const char *m = one(spec, value, value ? strlen(value) : 0, NULL, NULL);

	return m ? m : "";
}

static const field_spec TITLE = { "title", F_LINE, 3, 150, 1, NULL };
static const field_spec BODY = { "body", F_TEXT, 1, 20000, 1, NULL };
static const field_spec NOTE = { "note", F_LINE, 0, 20, 0, NULL };
static const field_spec RATING = { "rating", F_INT, 1, 5, 1, NULL };
static const field_spec REASON = { "reason", F_ENUM, 0, 0, 1, "spam|abuse|off_topic|other" };
static const field_spec USERNAME = { "username", F_USERNAME, 3, 30, 1, NULL };
static const field_spec EMAIL = { "email", F_EMAIL, 3, 254, 1, NULL };
static const field_spec PASSWORD = { "password", F_PASSWORD, 10, 200, 1, NULL };
static const field_spec CATEGORY = { "category", F_SLUG, 1, 40, 1, NULL };

/* ---- required, missing, empty ---- */

static void required_missing(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, NULL), "err.required");
	assert_string_equal(msg_of(RATING, NULL), "err.required");
	assert_string_equal(msg_of(REASON, NULL), "err.required");
}

static void required_empty(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, ""), "err.required");
	assert_string_equal(msg_of(BODY, ""), "err.required");
	assert_string_equal(msg_of(EMAIL, ""), "err.required");
}

/* A title of spaces or a body of blank lines says nothing. */
static void required_blank_is_empty(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, "   "), "err.required");
	assert_string_equal(msg_of(BODY, "\n \t\r\n"), "err.required");
	assert_string_equal(msg_of(TITLE, " a "), "");
}

static void optional_missing_or_empty_is_fine(void **state)
{
	(void)state;
	assert_string_equal(msg_of(NOTE, NULL), "");
	assert_string_equal(msg_of(NOTE, ""), "");
}

/* ---- lengths in characters ---- */

static void too_long_in_characters(void **state)
{
	char *s = repeat("a", 151);
	long long limit = 0;

	(void)state;
	assert_string_equal(one(TITLE, s, strlen(s), &limit, NULL), "err.too_long");
	assert_int_equal(limit, 150);
	free(s);
}

static void max_length_exactly(void **state)
{
	char *s = repeat("a", 150);

	(void)state;
	assert_string_equal(msg_of(TITLE, s), "");
	free(s);
}

static void multibyte_counted_as_characters(void **state)
{
	/* 150 'ñ' are 300 bytes and pass a 150-character limit */
	char *ok = repeat("ñ", 150);
	char *over = repeat("ñ", 151);
	char *emoji = repeat("\xf0\x9f\x98\x80", 150);

	(void)state;
	assert_int_equal(strlen(ok), 300);
	assert_string_equal(msg_of(TITLE, ok), "");
	assert_string_equal(msg_of(TITLE, emoji), "");
	assert_string_equal(msg_of(TITLE, over), "err.too_long");
	free(ok);
	free(over);
	free(emoji);
}

static void too_short_in_characters(void **state)
{
	long long limit = 0;

	(void)state;
	assert_string_equal(one(TITLE, "ab", 2, &limit, NULL), "err.too_short");
	assert_int_equal(limit, 3);
	/* "ññ" is 4 bytes but 2 characters: still too short */
	assert_string_equal(msg_of(TITLE, "ññ"), "err.too_short");
	assert_string_equal(msg_of(TITLE, "ñññ"), "");
}

static void body_limit_twenty_thousand(void **state)
{
	char *ok = repeat("é", 20000);
	char *over = repeat("x", 20001);

	(void)state;
	assert_string_equal(msg_of(BODY, ok), "");
	assert_string_equal(msg_of(BODY, over), "err.too_long");
	free(ok);
	free(over);
}

/* ---- UTF-8 and control characters ---- */

static void invalid_utf8_refused(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, "caf\xe9!"), "err.utf8");
	assert_string_equal(msg_of(BODY, "caf\xe9!"), "err.utf8");
	assert_string_equal(msg_of(TITLE, "\xc0\xbcscript"), "err.utf8");
	assert_string_equal(msg_of(TITLE, "ab\xed\xa0\x80"), "err.utf8");
	assert_string_equal(msg_of(USERNAME, "ana\xff"), "err.utf8");
}

static void control_characters_refused(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, "bad\x1b[2J"), "err.control");
	assert_string_equal(msg_of(BODY, "bad\x1b[2J"), "err.control");
	assert_string_equal(msg_of(TITLE, "del\x7f"), "err.control");
	assert_string_equal(msg_of(BODY, "nel\xc2\x85"), "err.control");
}

static void newline_refused_in_line_accepted_in_text(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, "two\nlines"), "err.control");
	assert_string_equal(msg_of(TITLE, "two\r\nlines"), "err.control");
	assert_string_equal(msg_of(PASSWORD, "new\nline password"), "err.control");
	assert_string_equal(msg_of(BODY, "two\nlines\r\nand more"), "");
}

static void tab_accepted(void **state)
{
	(void)state;
	assert_string_equal(msg_of(TITLE, "a\tb"), "");
	assert_string_equal(msg_of(BODY, "\tindented"), "");
}

static void nul_byte_refused(void **state)
{
	(void)state;
	assert_string_equal(one(TITLE, "abc\0def", 7, NULL, NULL), "err.control");
	assert_string_equal(one(BODY, "abc\0def", 7, NULL, NULL), "err.control");
	assert_string_equal(one(RATING, "3\0", 2, NULL, NULL), "err.control");
}

/* ---- F_INT ---- */

static void int_in_range(void **state)
{
	long long v = 0;

	(void)state;
	assert_null(one(RATING, "1", 1, NULL, &v));
	assert_int_equal(v, 1);
	assert_null(one(RATING, "5", 1, NULL, &v));
	assert_int_equal(v, 5);
}

static void int_out_of_range(void **state)
{
	long long limit = 0;

	(void)state;
	assert_string_equal(one(RATING, "0", 1, &limit, NULL), "err.number");
	assert_string_equal(one(RATING, "6", 1, &limit, NULL), "err.number");
	assert_string_equal(msg_of(RATING, "-1"), "err.number");
	assert_string_equal(msg_of(RATING, "99999999999999999999"), "err.number");
}

static void int_junk_refused(void **state)
{
	static const char *const bad[] = { "three", "3a", "3.0", " 3", "3 ", "0x3", "3,0", "--3", "+" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strcmp(msg_of(RATING, bad[i]), "err.number") != 0)
			fail_msg("rating \"%s\" was not refused as a number", bad[i]);
	}
}

static void int_negative_range(void **state)
{
	const field_spec vote = { "vote", F_INT, -1, 1, 1, NULL };
	long long v = 0;

	(void)state;
	assert_null(one(vote, "-1", 2, NULL, &v));
	assert_int_equal(v, -1);
	assert_null(one(vote, "0", 1, NULL, &v));
	assert_int_equal(v, 0);
	assert_string_equal(msg_of(vote, "-2"), "err.number");
}

/* ---- F_ENUM ---- */

static void enum_each_choice(void **state)
{
	(void)state;
	assert_string_equal(msg_of(REASON, "spam"), "");
	assert_string_equal(msg_of(REASON, "abuse"), "");
	assert_string_equal(msg_of(REASON, "off_topic"), "");
	assert_string_equal(msg_of(REASON, "other"), "");
}

static void enum_refuses_others(void **state)
{
	static const char *const bad[] = {
		"spa", "spamx", "SPAM", "spam|abuse", "|", "spam ", " spam", "abuse|", "off", "topic",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strcmp(msg_of(REASON, bad[i]), "err.choice") != 0)
			fail_msg("reason \"%s\" was accepted", bad[i]);
	}
}

static void enum_optional_checkbox(void **state)
{
	const field_spec box = { "admin", F_ENUM, 0, 0, 0, "on" };

	(void)state;
	assert_string_equal(msg_of(box, NULL), "");
	assert_string_equal(msg_of(box, "on"), "");
	assert_string_equal(msg_of(box, "yes"), "err.choice");
}

static void enum_without_choices_refuses(void **state)
{
	const field_spec none = { "x", F_ENUM, 0, 0, 1, NULL };

	(void)state;
	assert_string_equal(msg_of(none, "anything"), "err.choice");
}

/* ---- F_USERNAME, F_EMAIL, F_PASSWORD, F_SLUG ---- */

static void username_field(void **state)
{
	(void)state;
	assert_string_equal(msg_of(USERNAME, "ana_b.c-1"), "");
	assert_string_equal(msg_of(USERNAME, "ab"), "err.username");
	/* letters of other alphabets and spaces between words: base/username.h */
	assert_string_equal(msg_of(USERNAME, "ana b"), "");
	assert_string_equal(msg_of(USERNAME, "añá"), "");
	assert_string_equal(msg_of(USERNAME, "María López"), "");
	assert_string_equal(msg_of(USERNAME, "ana  b"), "err.username");
	assert_string_equal(msg_of(USERNAME, "ana@x"), "err.username");
	assert_string_equal(msg_of(USERNAME, "\xd0\xb0" "dmin"), "err.username"); /* Cyrillic a */
}

static void email_field(void **state)
{
	(void)state;
	assert_string_equal(msg_of(EMAIL, "ana@example.com"), "");
	assert_string_equal(msg_of(EMAIL, "ana"), "err.email");
	assert_string_equal(msg_of(EMAIL, "ana@example"), "err.email");
	assert_string_equal(msg_of(EMAIL, "<ana@example.com>"), "err.email");
}

static void password_field_counts_characters(void **state)
{
	long long limit = 0;
	char *long_pw = repeat("pássword", 26); /* 208 characters */

	(void)state;
	assert_string_equal(msg_of(PASSWORD, "ten chars!"), "");
	assert_string_equal(msg_of(PASSWORD, "contraseñ"), "err.too_short"); /* 10 bytes, 9 chars */
	assert_string_equal(one(PASSWORD, "short", 5, &limit, NULL), "err.too_short");
	assert_int_equal(limit, 10);
	assert_string_equal(msg_of(PASSWORD, long_pw), "err.too_long");
	free(long_pw);
}

static void slug_field(void **state)
{
	char *long_slug = repeat("a", 41);

	(void)state;
	assert_string_equal(msg_of(CATEGORY, "tips-and-tricks-2"), "");
	assert_string_equal(msg_of(CATEGORY, "Tips"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, "a_b"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, "a.b"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, "a/b"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, "a b"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, "niño"), "err.slug");
	assert_string_equal(msg_of(CATEGORY, long_slug), "err.too_long");
	free(long_slug);
}

/* ---- several fields ---- */

static void every_problem_reported(void **state)
{
	const field_spec spec[] = { TITLE, BODY, RATING, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	parse_form(&form, "title=ab&body=fine+text&rating=9");
	assert_int_equal(form_validate(spec, &form, &in, on_error, &s), 2);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.field, "rating"); /* the last one reported */
	/* the good field is still usable, the bad ones are not */
	assert_string_equal(form_get(&in, "body"), "fine text");
	assert_null(form_get(&in, "title"));
	assert_null(form_get(&in, "rating"));
	assert_int_equal(form_int(&in, "rating", 3), 3);
	kv_free(&form);
}

static void all_fields_pass(void **state)
{
	const field_spec spec[] = { TITLE, NOTE, RATING, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	parse_form(&form, "rating=4&title=Hello+there&extra=ignored");
	assert_int_equal(form_validate(spec, &form, &in, on_error, &s), 0);
	assert_int_equal(s.count, 0);
	assert_string_equal(form_get(&in, "title"), "Hello there");
	assert_null(form_get(&in, "note"));
	assert_int_equal(form_int(&in, "rating", 0), 4);
	/* undeclared fields are not handed over */
	assert_null(form_get(&in, "extra"));
	kv_free(&form);
}

static void every_one_of_duplicate_fields_validated(void **state)
{
	/* a value sent twice is read as its first, and both are checked: a
	 * bad second one is no more a way past the gate than a bad first */
	const field_spec spec[] = { RATING, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	parse_form(&form, "rating=2&rating=3");
	assert_int_equal(form_validate(spec, &form, &in, on_error, &s), 0);
	assert_int_equal(form_int(&in, "rating", 0), 2);
	kv_free(&form);
	parse_form(&form, "rating=2&rating=junk");
	assert_int_equal(form_validate(spec, &form, &in, on_error, &s), 1);
	assert_string_equal(s.field, "rating");
	assert_null(form_get(&in, "rating"));
	kv_free(&form);
}

static void no_spec_no_problems(void **state)
{
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	parse_form(&form, "a=1");
	assert_int_equal(form_validate(NULL, &form, &in, on_error, &s), 0);
	assert_null(form_get(&in, "a"));
	kv_free(&form);
}

static void form_int_defaults(void **state)
{
	const field_spec spec[] = { RATING, NOTE, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	parse_form(&form, "note=hi");
	assert_int_equal(form_validate(spec, &form, &in, on_error, &s), 1);
	assert_int_equal(form_int(&in, "rating", 42), 42);   /* missing */
	assert_int_equal(form_int(&in, "unknown", -7), -7);  /* not declared */
	assert_null(form_get(&in, "unknown"));
	kv_free(&form);
}

/* ---- valid_username, valid_email ---- */

static void username_rules(void **state)
{
	static const char *const good[] = {
		"ana", "Ana_B", "a.b-c_d", "123", "___", "abcdefghijklmnopqrstuvwxyz0123",
	};
	static const char *const bad[] = {
		"", "ab", "abcdefghijklmnopqrstuvwxyz01234", "ana b", "ana\n", "ana\t",
		"añá", "ana@b", "ana/b", "ana+b", "ana'b", "<ana>", "ana%20",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (valid_username(good[i]) != 0)
			fail_msg("username \"%s\" refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid_username(bad[i]) != E_INVALID)
			fail_msg("username \"%s\" accepted", bad[i]);
	assert_int_equal(valid_username(NULL), E_INVALID);
}

static void email_rules(void **state)
{
	static const char *const good[] = {
		"ana@example.com", "a@b.co", "Ana.Perez+tag@mail.example.es", "x_y-z@sub.domain.org",
	};
	static const char *const bad[] = {
		"", "a", "a@", "@b.co", "ana", "ana@example", "ana@example.", "ana@.com",
		"ana@@example.com", "ana@b@example.com", "ana perez@example.com",
		"ana@exa mple.com", "ana@example.com ", " ana@example.com", "ana\t@example.com",
		"ana\n@example.com", "ana,b@example.com", "ana;b@example.com", "<ana@example.com>",
		"\"ana\"@example.com", "ana@[127.0.0.1]", "ana\\b@example.com", "ana(x)@example.com",
		"ana:b@example.com", "ana\x7f@example.com", "a@.b.c", "a@b..c", ".a@b.c",
		"a.@b.c", "a..b@c.d",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (valid_email(good[i]) != 0)
			fail_msg("email \"%s\" refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid_email(bad[i]) != E_INVALID)
			fail_msg("email \"%s\" accepted", bad[i]);
	assert_int_equal(valid_email(NULL), E_INVALID);
}

static void email_length_limit(void **state)
{
	/* 254 characters at most */
	char *local = repeat("a", 64);
	char *label = repeat("b", 63);
	char ok[300], over[300];

	(void)state;
	/* 64 + 1 + 63 + 1 + 63 + 1 + 56 + 5 = 254 */
	snprintf(ok, sizeof(ok), "%s@%s.%s.%.56s.test", local, label, label, label);
	assert_int_equal(strlen(ok), 254);
	assert_int_equal(valid_email(ok), 0);
	snprintf(over, sizeof(over), "%s@%s.%s.%.57s.test", local, label, label, label);
	assert_int_equal(strlen(over), 255);
	assert_int_equal(valid_email(over), E_INVALID);
	free(local);
	free(label);
}

/* ---- repeated and undeclared fields ---- */

static void add(kvlist *form, const char *name, const char *value)
{
	assert_int_equal(kv_add(form, name, strlen(name), value, strlen(value)), 0);
}

static void every_value_of_a_repeated_field_is_checked(void **state)
{
	field_spec specs[] = { { "post", F_INT, 1, 1000, 0, NULL }, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	add(&form, "post", "12");
	add(&form, "post", "7");
	add(&form, "other", "x");
	add(&form, "post", "40");
	assert_int_equal(form_validate(specs, &form, &in, on_error, &s), 0);
	assert_int_equal(form_count(&in, "post"), 3);
	assert_string_equal(form_nth(&in, "post", 0), "12");
	assert_string_equal(form_nth(&in, "post", 2), "40");
	assert_null(form_nth(&in, "post", 3));
	/* a bad second value is refused like a bad first one, and none is read */
	add(&form, "post", "4000");
	memset(&s, 0, sizeof(s));
	assert_int_equal(form_validate(specs, &form, &in, on_error, &s), 1);
	assert_string_equal(s.field, "post");
	assert_string_equal(s.msg, "err.number");
	assert_int_equal(form_count(&in, "post"), 0);
	assert_null(form_nth(&in, "post", 0));
	assert_null(form_get(&in, "post"));
	kv_free(&form);
}

static void an_undeclared_field_cannot_be_read(void **state)
{
	field_spec specs[] = { { "body", F_TEXT, 1, 100, 1, NULL }, FIELDS_END };
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };

	(void)state;
	add(&form, "body", "hello");
	add(&form, "reason", "sent, but nobody declared it");
	assert_int_equal(form_validate(specs, &form, &in, on_error, &s), 0);
	assert_string_equal(form_get(&in, "body"), "hello");
	assert_null(form_get(&in, "reason"));
	assert_int_equal(form_int(&in, "reason", -1), -1);
	assert_int_equal(form_count(&in, "reason"), 0);
	assert_null(form_nth(&in, "reason", 0));
	kv_free(&form);
}

static void a_table_longer_than_the_gate_reads_is_refused(void **state)
{
	field_spec specs[FORM_MAX_FIELDS + 2];
	char names[FORM_MAX_FIELDS + 1][8];
	kvlist form = KVLIST_INIT;
	form_values in;
	seen s = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i <= FORM_MAX_FIELDS; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		specs[i] = (field_spec){ names[i], F_LINE, 0, 10, 0, NULL };
	}
	specs[FORM_MAX_FIELDS + 1] = (field_spec)FIELDS_END;
	add(&form, names[FORM_MAX_FIELDS], "unchecked?");
	assert_int_equal(form_validate(specs, &form, &in, on_error, &s), 1);
	assert_string_equal(s.field, names[FORM_MAX_FIELDS]);
	assert_string_equal(s.msg, "err.form");
	assert_null(form_get(&in, names[FORM_MAX_FIELDS]));
	kv_free(&form);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(required_missing),
		cmocka_unit_test(required_empty),
		cmocka_unit_test(required_blank_is_empty),
		cmocka_unit_test(optional_missing_or_empty_is_fine),
		cmocka_unit_test(too_long_in_characters),
		cmocka_unit_test(max_length_exactly),
		cmocka_unit_test(multibyte_counted_as_characters),
		cmocka_unit_test(too_short_in_characters),
		cmocka_unit_test(body_limit_twenty_thousand),
		cmocka_unit_test(invalid_utf8_refused),
		cmocka_unit_test(control_characters_refused),
		cmocka_unit_test(newline_refused_in_line_accepted_in_text),
		cmocka_unit_test(tab_accepted),
		cmocka_unit_test(nul_byte_refused),
		cmocka_unit_test(int_in_range),
		cmocka_unit_test(int_out_of_range),
		cmocka_unit_test(int_junk_refused),
		cmocka_unit_test(int_negative_range),
		cmocka_unit_test(enum_each_choice),
		cmocka_unit_test(enum_refuses_others),
		cmocka_unit_test(enum_optional_checkbox),
		cmocka_unit_test(enum_without_choices_refuses),
		cmocka_unit_test(username_field),
		cmocka_unit_test(email_field),
		cmocka_unit_test(password_field_counts_characters),
		cmocka_unit_test(slug_field),
		cmocka_unit_test(every_problem_reported),
		cmocka_unit_test(all_fields_pass),
		cmocka_unit_test(every_one_of_duplicate_fields_validated),
		cmocka_unit_test(no_spec_no_problems),
		cmocka_unit_test(form_int_defaults),
		cmocka_unit_test(username_rules),
		cmocka_unit_test(email_rules),
		cmocka_unit_test(email_length_limit),
		cmocka_unit_test(every_value_of_a_repeated_field_is_checked),
		cmocka_unit_test(an_undeclared_field_cannot_be_read),
		cmocka_unit_test(a_table_longer_than_the_gate_reads_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
