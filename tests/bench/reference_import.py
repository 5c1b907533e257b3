#!/usr/bin/env python3
"""reference_import.py DIGEST_DIR DB: the plain importer bench_library compares itself with.

What a straightforward script would do with the same digests, on one thread: read every
*.md file, split it into papers with regular expressions, write them with one executemany
(papers, the digest rows and their links, in one transaction), then build an FTS5 index over
title, authors and abstract with one 'rebuild'. Prints one line: papers and milliseconds.
"""
import hashlib
import os
import re
import sqlite3
import sys
import time

PAPER = re.compile(
    r"^## (?P<title>.+?)\n\n>Authors: (?P<authors>.*?)\n\n>(?P<date>\d{4}-\d{2}-\d{2})\n\n"
    r"> https?://arxiv\.org/abs/(?P<id>[^\s]+?)v(?P<version>\d+)\n\n(?P<abstract>.*?)(?=\n\n\n|\Z)",
    re.M | re.S)
DATE = re.compile(r"^# (\d{4}-\d{2}-\d{2})", re.M)
KEYWORD = re.compile(r"\*\*(.+?)\*\*")

SCHEMA = """
CREATE TABLE digests(id INTEGER PRIMARY KEY, date TEXT, path TEXT NOT NULL,
                     hash TEXT NOT NULL UNIQUE);
CREATE TABLE papers(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
                    version INTEGER NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,
                    date TEXT, abstract TEXT NOT NULL, keywords TEXT);
CREATE TABLE paper_digests(digest_id INTEGER NOT NULL, paper_id INTEGER NOT NULL,
                           PRIMARY KEY(digest_id, paper_id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(title, authors, abstract, content='papers',
                                    content_rowid='id',
                                    tokenize='unicode61 remove_diacritics 2');
"""


def files_of(folder):
    out = []
    for root, _, names in os.walk(folder):
        out += [os.path.join(root, n) for n in names if n.endswith(".md")]
    return sorted(out)


def parse(folder):
    digests, papers, links = [], [], []
    for digest_id, path in enumerate(files_of(folder), start=1):
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        date = DATE.search(text)
        digests.append((digest_id, date.group(1) if date else None, path,
                        hashlib.sha1(data).hexdigest()))
        for m in PAPER.finditer(text):
            abstract = " ".join(m.group("abstract").split())
            keywords = "\x1f".join(dict.fromkeys(k.lower() for k in KEYWORD.findall(abstract)))
            papers.append((len(papers) + 1, m.group("id"), int(m.group("version")),
                           m.group("title"), m.group("authors"), m.group("date"), abstract,
                           keywords))
            links.append((digest_id, len(papers)))
    return digests, papers, links


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: reference_import.py DIGEST_DIR DB\n")
        return 2
    folder, db_path = sys.argv[1], sys.argv[2]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    start = time.monotonic()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    digests, papers, links = parse(folder)
    with db:
        db.executemany("INSERT INTO digests VALUES(?,?,?,?)", digests)
        # Papers seen before (the same arXiv id) keep their first row, as a plain script would.
        db.executemany("INSERT OR IGNORE INTO papers VALUES(?,?,?,?,?,?,?,?)", papers)
        db.executemany("INSERT OR IGNORE INTO paper_digests VALUES(?,?)", links)
    with db:
        db.execute("INSERT INTO fts(fts) VALUES('rebuild')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    ms = int((time.monotonic() - start) * 1000)
    print("reference importer (Python + sqlite3 + FTS5 rebuild, one thread): %d papers in %d ms"
          % (len(papers), ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
