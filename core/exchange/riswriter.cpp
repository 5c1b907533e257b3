#include "exchange/riswriter.h"

#include "exchange/authorname.h"
#include "exchange/textfields.h"

namespace lectern {

namespace {

void addTag(QString *out, const char *tag, const QString &value) {
    const QString v = textfields::simplified(value);
    if (v.isEmpty())
        return;
    *out += QLatin1String(tag) + QStringLiteral("  - ") + v + QStringLiteral("\r\n");
}

} // namespace

QByteArray RisWriter::format(const LibraryPaper &lp) const {
    const Paper &p = lp.paper;
    QString r = QStringLiteral("TY  - ") +
                (options().risUnpublished ? QStringLiteral("UNPB") : QStringLiteral("ELEC")) +
                QStringLiteral("\r\n");
    for (const QString &name : p.authors)
        addTag(&r, "AU", AuthorName::split(name).lastFirst());
    addTag(&r, "TI", plainTitle(lp));
    if (p.date.isValid()) {
        addTag(&r, "PY", QString::number(p.date.year()));
        addTag(&r, "DA", textfields::dateText(p.date, u'/'));
    }
    addTag(&r, "UR", p.url);
    if (!p.arxivId.isEmpty())
        addTag(&r, "AN", QStringLiteral("arXiv:") + p.arxivId);
    for (const QString &k : p.keywords)
        addTag(&r, "KW", k);
    addTag(&r, "AB", plainAbstract(lp));
    if (options().includeNotes)
        addTag(&r, "N1", lp.note);
    r += QStringLiteral("ER  - \r\n\r\n");
    return r.toUtf8();
}

} // namespace lectern
