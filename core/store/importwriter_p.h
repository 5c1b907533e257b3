#pragma once

// Internal to core/store: the write half of an import (libraryimport.cpp reads and parses).

#include "model/paper.h"
#include "store/countkeeper_p.h"
#include "store/followindex_p.h"
#include "store/library.h"
#include "store/preparedfile_p.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>

namespace lectern {

struct Annotation;
struct ImportStatements;
class SqlStatement;

// Writes one prepared file in one transaction through the import's raw prepared statements
// (SqlStatement only: no QSqlQuery runs inside the transaction). Used on the library's thread.
class ImportWriter {
public:
    // Papers written between two calls of keepGoing (and so the cost of a cancel).
    static constexpr int kChunk = 5000;

    explicit ImportWriter(Library::Private *d);
    // keepGoing is asked between chunks of kChunk papers; false rolls the whole file back.
    ImportFileResult write(const PreparedFile &f, const std::function<bool()> &keepGoing = {});

private:
    bool checkWritable(const PreparedFile &f, ImportFileResult *r);
    bool runTransaction();
    bool writeFile();
    bool checkNotSeen();
    bool insertDigest();
    bool readFlags();
    bool writePapers();
    bool writePaper(const Paper &p, const PreparedRow &row);
    bool resolveKey(const Paper &p, QString *key);
    bool insertPaper(const Paper &p, const QString &key, const PreparedRow &row);
    bool updatePaper(const Paper &p, qint64 id, int version, const QStringList &oldKeywords,
                     const PreparedRow &row);
    bool indexNew(qint64 id);
    bool markDirty(qint64 id);
    bool flushQueue();
    bool applyPending(qint64 id, const QString &key, bool existing);
    bool readAnnotation(qint64 id, Annotation *a);
    bool writeAnnotation(qint64 id, const Annotation &a);
    qint64 keywordId(const QString &name); // -1 on failure
    bool addKeywords(qint64 paperId, const QStringList &keywords);
    bool replaceKeywords(qint64 paperId, const QStringList &oldKeywords,
                         const QStringList &keywords);
    bool link(qint64 paperId);
    bool countLink(qint64 paperId);
    bool flushCounts();
    bool failed(const SqlStatement &s);
    bool loadFollows();
    bool matchFollows(qint64 id, const Paper &p, bool fresh);
    bool loadTitles();
    void rememberTitle(const QString &title, const QString &key);
    void forgetFileTitles();

    Library::Private *d;
    ImportStatements *m_st = nullptr;
    const PreparedFile *m_file = nullptr;
    std::function<bool()> m_keepGoing;
    QString m_digestDate, m_now;
    qint64 m_digestId = 0;
    bool m_hasPending = false, m_titleKeyed = false, m_cancelled = false;
    bool m_duplicate = false; // the same content was written meanwhile (checkNotSeen)
    int m_new = 0, m_updated = 0, m_unchanged = 0;
    // Title -> key of the papers with an arXiv id, for link-less papers (loadTitles()).
    QHash<QString, QString> m_titles;
    QStringList m_fileTitles; // added by the file being written (removed on rollback)
    bool m_titlesLoaded = false, m_titlesLoadedInFile = false;
    FollowIndex m_follows; // the follow list, read in the file's transaction
    // The sidebar's per-date and per-keyword figures this file changes (schema 9), and the
    // state of the paper being written they depend on.
    CountKeeper m_counts;
    bool m_paperRead = false, m_paperIsNew = false;
};

} // namespace lectern
