#!/usr/bin/python3
"""bench.py: accuracy of `tertuliactl sentiment` (make bench-sentiment).

English: the UCI "Sentiment Labelled Sentences" (Kotzias et al., 2015),
1,000 sentences each from amazon, imdb and yelp, labelled 0 or 1, as shipped
in the test fixtures of the npm package `sentiment` (installed by make deps).
Spanish: es_reviews.tsv beside this file, our own labelled reviews of small
kitchen appliances and customer service (label, sentence, reason), on which
the Spanish word lists were tuned; and es_holdout.tsv, written afterwards
and never used for tuning.

The main figure is binary: a sentence counts as correct when (score > 0)
agrees with its label being positive, so a score of exactly 0 counts as a
negative prediction. The strict figure counts every neutral label (|score| <
0.05) as wrong. Both are printed; neither is a test that passes or fails.

  bench.py [--ctl build/tertuliactl] [--errors N] [--only amazon|imdb|yelp|es]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
FIXTURES = os.path.join(ROOT, "node_modules", "sentiment", "test", "fixtures")
SPANISH = os.path.join(HERE, "es_reviews.tsv")
# Written after the word lists had been tuned on es_reviews.tsv, and never
# used to tune them: the better estimate of accuracy on unseen Spanish.
HOLDOUT = os.path.join(HERE, "es_holdout.tsv")


def load_uci(name):
    path = os.path.join(FIXTURES, name + ".json")
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    # The fixtures end with an empty, unlabelled entry.
    return [(r["text"], r["class"]) for r in rows if r.get("class") in (0, 1)]


def load_spanish(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if n == 1 and line.startswith("label\t"):
                continue
            if not line or line.startswith("#"):
                continue
            label, sentence, reason = line.split("\t")
            if label not in ("positive", "negative") or not reason:
                sys.exit("%s:%d: bad line" % (path, n))
            rows.append((sentence, 1 if label == "positive" else 0))
    return rows


def score(ctl, texts):
    """Runs tertuliactl once over all texts; returns (label, score, lang)."""
    data = "".join(t.replace("\r", " ").replace("\n", " ") + "\n" for t in texts)
    out = subprocess.run(
        [ctl, "--config", "/dev/null", "sentiment"], input=data.encode("utf-8"),
        stdout=subprocess.PIPE, cwd=ROOT, check=True).stdout.decode("utf-8")
    rows = [line.split("\t") for line in out.splitlines()]
    if len(rows) != len(texts):
        sys.exit("tertuliactl sentiment gave %d lines for %d texts" % (len(rows), len(texts)))
    return [(r[0], float(r[1]), r[2]) for r in rows]


def measure(ctl, rows):
    results = score(ctl, [t for t, _ in rows])
    binary = sum((s > 0) == (y == 1) for (_, s, _), (_, y) in zip(results, rows))
    strict = sum(lab == ("positive" if y == 1 else "negative")
                 for (lab, _, _), (_, y) in zip(results, rows))
    return binary / len(rows), strict / len(rows), results


def timing(ctl):
    """Seconds per 20,000-character text (English and Spanish, 100 each),
    less the start-up (loading the lexicons), measured on one line."""
    en = ("The kettle boils fast, but the lid is flimsy and not very good! " * 400)[:20000]
    es = ("La cafetera no funciona nada bien, aunque el café es muy bueno. " * 400)[:20000]
    texts = [en, es] * 50

    def run(lines):
        t0 = time.perf_counter()
        score(ctl, lines)
        return time.perf_counter() - t0
    base = min(run(["ok"]) for _ in range(3))
    return (min(run(texts) for _ in range(3)) - base) / len(texts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ctl", default=os.path.join(ROOT, "build", "tertuliactl"))
    ap.add_argument("--errors", type=int, default=0, help="print N misjudged sentences a set")
    ap.add_argument("--only", choices=("amazon", "imdb", "yelp", "es", "es-holdout"))
    args = ap.parse_args()
    ctl = os.path.abspath(args.ctl)

    sets = [("amazon", load_uci), ("imdb", load_uci), ("yelp", load_uci),
            ("es", lambda _: load_spanish(SPANISH)),
            ("es-holdout", lambda _: load_spanish(HOLDOUT))]
    if args.only:
        sets = [s for s in sets if s[0] == args.only]
    figures = {}
    total = {"n": 0, "binary": 0.0, "strict": 0.0}
    for name, loader in sets:
        rows = loader(name)
        spanish = name.startswith("es")
        binary, strict, results = measure(ctl, rows)
        langs = sum(r[2] == ("es" if spanish else "en") for r in results) / len(rows)
        figures[name] = (binary, strict, len(rows), langs)
        if not spanish:
            total["n"] += len(rows)
            total["binary"] += binary * len(rows)
            total["strict"] += strict * len(rows)
        if args.errors:
            shown = 0
            for (lab, s, lang), (text, y) in zip(results, rows):
                if (s > 0) != (y == 1) and shown < args.errors:
                    print("  [%s] want %d got %+.3f %s: %s" % (name, y, s, lang, text.strip()))
                    shown += 1

    print("Sentiment accuracy (correct when score > 0 iff labelled positive;"
          " strict: neutral counted wrong)")
    for name in ("amazon", "imdb", "yelp"):
        if name in figures:
            b, s, n, langs = figures[name]
            print("  UCI %-7s n=%4d  accuracy %.3f  strict %.3f  detected as English %.3f"
                  % (name, n, b, s, langs))
    if total["n"]:
        print("English (UCI, all %d): accuracy %.3f  strict %.3f"
              % (total["n"], total["binary"] / total["n"], total["strict"] / total["n"]))
    if not args.only:
        print("Speed: %.2f ms per 20,000-character text" % (timing(ctl) * 1000))
    for name, title in (("es", "es_reviews.tsv"), ("es-holdout", "es_holdout.tsv, held out")):
        if name in figures:
            b, s, n, langs = figures[name]
            print("Spanish (%s, %d): accuracy %.3f  strict %.3f  detected as Spanish %.3f"
                  % (title, n, b, s, langs))


if __name__ == "__main__":
    main()
