#!/usr/bin/python3
"""The scikit-learn reference of `npm run bench:assign`: fit the bench recipe once, then time
assigning papers to the fitted model.

Fits TfidfVectorizer(stop_words='english', min_df=2, max_df=0.5, sublinear_tf=True) ->
TruncatedSVD(dims) -> Normalizer -> KMeans(k, n_init=1) on the corpus (untimed), then
times transform + predict of the same papers (text = title + ". " + abstract), the
scikit-learn counterpart of `paper-themes assign`. Prints ONE JSON object on stdout.

Usage: /usr/bin/python3 bench/sklearn_assign.py --input FILE [--k 24] [--dims 100] [--seed 42]
"""

import argparse
import json
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from sklearn_pipeline import read_rows  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--k", type=int, default=24)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    rows = read_rows(args.input)
    texts = [f"{r.get('title') or ''}. {r.get('abstract') or r.get('summary') or ''}" for r in rows]
    model = make_pipeline(
        TfidfVectorizer(stop_words="english", min_df=2, max_df=0.5, sublinear_tf=True),
        TruncatedSVD(args.dims, random_state=args.seed),
        Normalizer(copy=False),
        KMeans(args.k, n_init=1, random_state=args.seed),
    )
    fitted = model.fit_predict(texts)
    start = time.perf_counter()
    assigned = model.predict(texts)
    seconds = time.perf_counter() - start
    same = int((assigned == fitted).sum())
    print(json.dumps({"papers": len(texts), "assign_s": seconds, "papers_per_s": len(texts) / seconds, "consistent": same}))


if __name__ == "__main__":
    main()
