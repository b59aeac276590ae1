"""Parse the files written by `parse_rate` with the Python peers a user
would otherwise use: rispy (the RIS reader of ASReview) and bibtexparser v2.
Prints records/s (median of REPS runs) for each."""
import statistics
import sys
import time

import bibtexparser
import rispy

DIR = sys.argv[1]
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def median_rate(parse, path):
    rates = []
    for _ in range(REPS):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        t = time.perf_counter()
        n = parse(text)
        rates.append(n / (time.perf_counter() - t))
    return statistics.median(rates)


def rispy_parse(text):
    return len(rispy.loads(text))


def bibtexparser_parse(text):
    return len(bibtexparser.parse_string(text).entries)


print("peer            records/s")
print("rispy          %10.0f" % median_rate(rispy_parse, DIR + "/bench.ris"))
print("bibtexparser2  %10.0f" % median_rate(bibtexparser_parse, DIR + "/bench.bib"))
