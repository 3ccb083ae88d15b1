/* fuzz_json.c: the JSON encoder that writes page twins and JSON-LD inside
 * <script>. For any text the output must be one JSON string literal with no
 * raw <, >, & or control character, so it can never end a script element. */
#include "base/str.h"
#include "web/view.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	strbuf out = STRBUF_INIT;
	char *text = malloc(size + 1);
	size_t i;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* C strings: the encoder stops at the first NUL */
	if (json_string(&out, text) == 0) {
		assert(out.len >= 2 && out.s[0] == '"' && out.s[out.len - 1] == '"');
		for (i = 1; i + 1 < out.len; i++) {
			unsigned char c = (unsigned char)out.s[i];
			assert(c >= 0x20 && c != '<' && c != '>' && c != '&');
			if (c == '"')
				assert(out.s[i - 1] == '\\');
		}
	}
	strbuf_free(&out);
	free(text);
	return 0;
}
