/* csv_out.h: writing CSV for people's spreadsheets.
 *
 * Every CSV the programs answer is written cell by cell through csv_cell,
 * so that text someone typed (a reason, a title) never becomes a formula
 * when the file is opened: a cell starting with = + - @ TAB or CR gets a
 * leading single quote, which spreadsheets take as "this is text".
 */
#ifndef TERTULIA_CSV_OUT_H
#define TERTULIA_CSV_OUT_H

#include "base/str.h"

/* Appends v (NULL: empty) to sb as one quoted cell, quotes doubled, line
 * breaks inside turned into spaces, defused as above unless it is a plain
 * decimal number such as -0.25 (a figure, which a spreadsheet reads as a
 * number and never runs); then "," or, when last, the row's "\r\n". v is
 * borrowed. Returns 0 or E_NOMEM. */
int csv_cell(strbuf *sb, const char *v, int last);

/* Whether a cell of text v would be read as a formula and so is defused
 * (for the tests: what csv_cell decides). */
int csv_needs_defusing(const char *v);

#endif
