/* sentiment.c: `tertuliactl sentiment`. Reads one text a line on standard
 * input and prints `label<TAB>score<TAB>language` a line.
 * Needs no database. The lexicons are found through the configuration:
 * sentiment.lexicon_dir (default node_modules) and sentiment.domain_dir
 * (default cgi/text/lexicon), both relative to the working directory. */
#include "ctl.h"
#include "base/err.h"
#include "text/sentiment.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

int ctl_sentiment(const config *cfg)
{
	const char *lexicon_dir = config_get(cfg, "sentiment.lexicon_dir", "node_modules");
	const char *domain_dir = config_get(cfg, "sentiment.domain_dir", "cgi/text/lexicon");
	sentiment_model *m = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc;

	rc = sentiment_load(&m, lexicon_dir, domain_dir);
	if (rc != 0) {
		fprintf(stderr, "sentiment: cannot load the lexicons (%s); run make deps\n",
			err_name(rc));
		return 1;
	}
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		sentiment_result r;

		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		rc = sentiment_score(m, line, (size_t)n, &r);
		if (rc != 0) {
			fprintf(stderr, "sentiment: %s\n", err_name(rc));
			break;
		}
		printf("%s\t%.4f\t%s\n", sentiment_label_name(r.label), r.score, r.lang);
	}
	free(line);
	sentiment_free(m);
	if (fflush(stdout) != 0)
		rc = E_IO;
	return rc == 0 ? 0 : 1;
}
