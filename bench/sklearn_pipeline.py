#!/usr/bin/python3
"""The scikit-learn reference pipeline of `npm run bench`.

Reads a JSON Lines corpus (plain or gzipped: recognised by its magic bytes), text = title
+ ". " + abstract, then TfidfVectorizer(stop_words='english', min_df=2, max_df=0.5,
sublinear_tf=True) -> TruncatedSVD(dims, random_state=seed) -> Normalizer(copy=False) ->
KMeans(k, n_init, random_state=seed). Each stage is timed with time.perf_counter; the
quality figures (against the `label` field, when every row has one) are computed after the
timed stages. Prints ONE JSON object on stdout; warnings and errors go to stderr.

All rows are clustered (no duplicate removal); `duplicates_like_ours` counts the rows
that paper-themes' ingest would drop (same id, or same normalised title).

Threads: OMP_NUM_THREADS is left as found (unset by the bench harness), so KMeans uses one
OpenMP thread per core and the SVD's BLAS one thread per core; `threads` reports what
threadpoolctl saw.

Usage: /usr/bin/python3 bench/sklearn_pipeline.py --input FILE [--k 24] [--dims 100]
       [--seed 42] [--n-init 10]
"""

import argparse
import gzip
import json
import os
import platform
import re
import resource
import sys
import time
import unicodedata

LATEX_MATH = re.compile(r"\$\$[^$]*\$\$|\$[^$]*\$")
NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalise_title(title):
    """As src/ingest/normaliseTitle.ts: NFKC, lower case, LaTeX math removed, non letters/digits -> one space."""
    text = unicodedata.normalize("NFKC", title).lower()
    text = LATEX_MATH.sub(" ", text)
    return NOT_LETTER_OR_DIGIT.sub(" ", text).strip()


def count_duplicates_like_ours(rows):
    """Rows that src/ingest/dropDuplicates.ts would drop: same id, or same non-empty normalised title."""
    seen_ids, seen_titles, dropped = set(), set(), 0
    for row in rows:
        pid = row.get("id")
        title = normalise_title(row.get("title") or "")
        if (pid is not None and pid in seen_ids) or (title and title in seen_titles):
            dropped += 1
            continue
        if pid is not None:
            seen_ids.add(pid)
        if title:
            seen_titles.add(title)
    return dropped


def read_rows(path):
    with open(path, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    opener = gzip.open if gzipped else open
    rows = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{path} line {number}: malformed JSON ({error}), skipped", file=sys.stderr)
                continue
            abstract = row.get("abstract") or row.get("summary")
            if not isinstance(row.get("title"), str) or not isinstance(abstract, str):
                print(f"{path} line {number}: no title or abstract, skipped", file=sys.stderr)
                continue
            row["abstract"] = abstract
            rows.append(row)
    return rows


def thread_info():
    info = {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"), "cpus": os.cpu_count()}
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            info[pool["user_api"]] = pool["num_threads"]  # 'openmp' (KMeans), 'blas' (SVD)
    except Exception as error:  # threadpoolctl is a dependency of sklearn, but do not fail on it
        info["error"] = str(error)
    return info


def main():
    parser = argparse.ArgumentParser(description="scikit-learn reference pipeline for npm run bench")
    parser.add_argument("--input", required=True)
    parser.add_argument("--k", type=int, default=24)
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--n-init", type=int, default=10, dest="n_init")
    args = parser.parse_args()

    import sklearn
    from sklearn import metrics
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import Normalizer

    stages = []
    started = time.perf_counter()

    def timed(stage, run):
        start = time.perf_counter()
        result = run()
        stages.append({"stage": stage, "wall_s": round(time.perf_counter() - start, 3)})
        return result

    def read():
        rows = read_rows(args.input)
        return rows, [row["title"] + ". " + row["abstract"] for row in rows]

    rows, texts = timed("read", read)
    if len(rows) < args.k:
        print(f"{args.input}: {len(rows)} usable rows, fewer than k = {args.k}", file=sys.stderr)
        return 1

    vectorizer = TfidfVectorizer(stop_words="english", min_df=2, max_df=0.5, sublinear_tf=True)
    X = timed("vectorize", lambda: vectorizer.fit_transform(texts))

    dims = min(args.dims, X.shape[1] - 1)
    svd = TruncatedSVD(n_components=dims, random_state=args.seed)
    Z = timed("reduce", lambda: Normalizer(copy=False).fit_transform(svd.fit_transform(X)))

    kmeans = KMeans(n_clusters=args.k, n_init=args.n_init, random_state=args.seed)
    labels = timed("cluster", lambda: kmeans.fit_predict(Z))
    total = time.perf_counter() - started

    quality = {}
    gold = [row.get("label") for row in rows]
    if all(isinstance(g, str) and g for g in gold):
        h, c, v = metrics.homogeneity_completeness_v_measure(gold, labels)
        quality = {
            "v_measure": round(v, 6),
            "homogeneity": round(h, 6),
            "completeness": round(c, 6),
            "nmi": round(metrics.normalized_mutual_info_score(gold, labels), 6),
            "ari": round(metrics.adjusted_rand_score(gold, labels), 6),
        }

    result = {
        "tool": "sklearn",
        "stages": stages,
        "total_wall_s": round(total, 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "quality": quality,
        "k": args.k,
        "dims": dims,
        "n_init": args.n_init,
        "seed": args.seed,
        "papers": len(rows),
        "duplicates_like_ours": count_duplicates_like_ours(rows),
        "vocabulary": len(vectorizer.vocabulary_),
        "non_zeros": int(X.nnz),
        "explained_variance_ratio_total": round(float(svd.explained_variance_ratio_.sum()), 6),
        "inertia": round(float(kmeans.inertia_), 6),
        "iterations": int(kmeans.n_iter_),
        "threads": thread_info(),
        "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
