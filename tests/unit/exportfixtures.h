#pragma once

// A small library in memory for the export tests and benchmark: titles and authors full of
// LaTeX and Markdown specials, accents and CJK, fixed times (so the output is byte-stable).
#include "model/librarytypes.h"

#include <QList>
#include <QTimeZone>

namespace lectern::test {

inline QDateTime fixedTime(int minute) {
    return QDateTime(QDate(2025, 6, 1), QTime(9, minute), QTimeZone::UTC);
}

inline LibraryPaper exportPaper(const QString &id, const QString &title, const QStringList &authors,
                                const QDate &date) {
    LibraryPaper lp;
    lp.id = id.isEmpty() ? 99 : id.right(2).toLongLong();
    lp.paper.arxivId = id;
    lp.paper.version = id.isEmpty() ? 0 : 2;
    lp.paper.title = title;
    lp.paper.authors = authors;
    lp.paper.date = date;
    lp.paper.url = id.isEmpty() ? QString() : QStringLiteral("http://arxiv.org/abs/") + id + "v2";
    lp.digests = {date.addDays(3)};
    lp.firstSeen = lp.lastSeen = fixedTime(0);
    return lp;
}

inline QList<LibraryPaper> exportLibrary() {
    QList<LibraryPaper> list;
    LibraryPaper a =
        exportPaper(QStringLiteral("2505.01201"),
                    QStringLiteral("Digital Twins for LLM Agents: 100% R&D, #1 at C_n "
                                   "~ {x} \\ y ^ z, \"quoted\", $5"),
                    {QStringLiteral("Anna Lichtenstein"), QStringLiteral("Jan van der Berg"),
                     QStringLiteral("Plato"), QStringLiteral("J. R. R. Tolkien")},
                    QDate(2025, 5, 2));
    a.paper.abstract = QStringLiteral("We study **agents**, with commas, \"quotes\"\nand a line "
                                      "break.\n\nSecond paragraph: 50% of $\\alpha$ & more.");
    a.paper.keywords = {QStringLiteral("agents"), QStringLiteral("digital_twins")};
    a.paper.keywordHints = {QString(), QString()};
    a.starred = true;
    a.starredAt = fixedTime(5);
    a.read = true;
    a.readAt = fixedTime(4);
    a.note = QStringLiteral("Read *this* first, {really} 100%.\n\nSecond line: a_b & c#d");
    a.noteAt = fixedTime(6);
    a.tags = {QStringLiteral("later"), QStringLiteral("to-cite")};
    list << a;
    LibraryPaper b = exportPaper(
        QStringLiteral("2505.01202"), QStringLiteral("Digital Signal Processing, Über-Fast"),
        {QStringLiteral("Zoë Lichtenstein-Müller"), QStringLiteral("张伟"),
         QStringLiteral("Martin Luther King Jr."), QStringLiteral("Ed 100%&$#_^~\\{Co}")},
        QDate(2025, 5, 3));
    b.paper.abstract = QStringLiteral("Äpfel und Birnen: 数据 and ünïcödé.");
    b.paper.keywords = {QStringLiteral("signal")};
    b.paper.keywordHints = {QStringLiteral("FF8C00")};
    list << b;
    LibraryPaper c =
        exportPaper(QStringLiteral("2505.01203"),
                    QStringLiteral("The Digital Frontier of Ångström-Scale [Imaging] *now* "
                                   "`code` <b>bold</b> | pipes"),
                    {QStringLiteral("Anna Lichtenstein")}, QDate(2025, 12, 24));
    c.paper.abstract = QStringLiteral("Plain.");
    c.note = QStringLiteral("> already a quote\n- and a list");
    c.noteAt = fixedTime(7);
    list << c;
    LibraryPaper d = exportPaper(QString(), QStringLiteral("大規模言語モデルの研究"),
                                 {QStringLiteral("The ATLAS Collaboration")}, QDate());
    d.paper.abstract = QStringLiteral("No link, no date.");
    list << d;
    // Same first author, year and first word as a: the key gets a suffix.
    LibraryPaper e =
        exportPaper(QStringLiteral("2505.01205"), QStringLiteral("A Digital Twin, Again"),
                    {QStringLiteral("Anna Lichtenstein")}, QDate(2025, 1, 9));
    list << e;
    return list;
}

} // namespace lectern::test
