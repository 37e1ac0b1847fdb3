"""Reads a report's CSV files with pandas' defaults and prints what it got.

    /usr/bin/python3 bench/csv_readers.py reports/latest [more report folders ...]

For each folder: the first bytes of assignments.csv and themes.csv (a UTF-8 byte order
mark under --csv-bom), the columns pandas.read_csv(path) finds, the row count, and the
titles and labels that hold non-ASCII text. It exits 1 when a first column is not
paper_id / theme_id (a mark read into the name) or a title differs from what Python's csv
module reads (opened with encoding='utf-8-sig', which takes both forms). Needs pandas
(Debian: python3-pandas), which the test suite does not: test/export/csvFiles.test.ts
checks the csv module.
"""

import csv
import os
import sys

import pandas as pd


def check(folder):
    ok = True
    for name, first in (('assignments.csv', 'paper_id'), ('themes.csv', 'theme_id')):
        path = os.path.join(folder, name)
        with open(path, 'rb') as f:
            head = f.read(11)
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        with open(path, encoding='utf-8-sig', newline='') as f:
            rows = list(csv.DictReader(f))
        text_column = 'title' if name == 'assignments.csv' else 'theme_label'
        print(f'{path}: first bytes {head!r}; pandas {pandas_version()}: {len(frame)} rows, columns {list(frame.columns)[:3]}...')
        if frame.columns[0] != first:
            print(f'  first column is {frame.columns[0]!r}, expected {first!r}')
            ok = False
        if list(frame[text_column]) != [row[text_column] for row in rows]:
            print(f'  {text_column} differs between pandas and the csv module')
            ok = False
        accented = [value for value in frame[text_column] if any(ord(c) > 127 for c in value)]
        for value in accented[:5]:
            print(f'  {text_column}: {value}')
    return ok


def pandas_version():
    return pd.__version__


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    results = [check(folder) for folder in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
