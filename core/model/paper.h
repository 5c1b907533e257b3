#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace lectern {

// One paper as read from a digest file. A plain value; owned by whoever holds it, any thread.
struct Paper {
    QString arxivId;      // "2505.01259", without version; empty when the paper has no link
    int version = 0;      // 1 for "v1"; 0 when the link has no version or is missing
    QString title;        // as written in the heading
    QStringList authors;  // trimmed names
    QDate date;           // the paper's own date (">YYYY-MM-DD"); null when absent
    QString url;          // the abs URL as written; empty when absent
    QString abstract;     // source text (Markdown + LaTeX); paragraphs unwrapped, joined by "\n\n"
    QStringList keywords; // lowercased, unique, in order of first appearance
    QStringList keywordHints; // parallel to keywords: a colour such as "FF8C00", or empty
    QString summary;          // one-line summary (cards layout); empty when absent
    int line = 0;             // 1-based line of the paper's heading in its file

    // The identity used to merge papers: the arXiv id, or "title:" + the normalised title
    // for a paper without a link.
    QString key() const;
    static QString normalisedTitle(const QString &title);
};

enum class Severity { Warning, Error };

struct Diagnostic {
    int line = 0; // 1-based; 0 for the whole file
    Severity severity = Severity::Warning;
    QString message;
};

enum class DigestFormat { Unknown, Classic, Headings, Badges, Cards };
QString formatName(DigestFormat format); // "classic", "headings", ...

// The result of parsing one digest file.
struct Digest {
    QDate date; // from "# YYYY-MM-DD", or the file name (headings layout); null when unknown
    DigestFormat format = DigestFormat::Unknown;
    QList<Paper> papers;
    QList<Diagnostic> diagnostics;

    bool hasErrors() const;
    int warningCount() const;
    int errorCount() const;
};

} // namespace lectern
