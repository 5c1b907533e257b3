#pragma once

// Digest text in the seeds' (classic) layout, for library tests.
#include "model/librarytypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace lectern::test {

struct FixturePaper {
    QString id; // "2505.01259"; empty: no link
    int version = 1;
    QString title;
    QString authors;  // "Alice Smith, Bob Jones"
    QString date;     // "2025-05-02"
    QString abstract; // may contain **keywords**
};

inline QByteArray digestText(const QString &date, const QList<FixturePaper> &papers) {
    QString s = QStringLiteral("# ") + date + QStringLiteral("\n\n# Table of Contents\n");
    for (const FixturePaper &p : papers) {
        QString anchor = p.title;
        anchor.replace(QLatin1Char(' '), QLatin1Char('-'));
        s += QStringLiteral("* [") + p.title + QStringLiteral("](#") + anchor +
             QStringLiteral(")\n");
    }
    s += QStringLiteral("\n\n");
    for (const FixturePaper &p : papers) {
        s += QStringLiteral("## ") + p.title + QStringLiteral("\n\n>Authors: ") + p.authors +
             QStringLiteral("\n\n>") + p.date + QStringLiteral("\n\n");
        if (!p.id.isEmpty())
            s += QStringLiteral("> http://arxiv.org/abs/") + p.id + QStringLiteral("v") +
                 QString::number(p.version) + QStringLiteral("\n\n");
        s += p.abstract + QStringLiteral("\n\n\n");
    }
    return s.toUtf8();
}

// Five papers across two digests (2025-05-06: A, B, C; 2025-05-07: C, D, E).
inline QList<FixturePaper> fixturePapers() {
    return {
        {QStringLiteral("2505.00001"), 1,
         QStringLiteral("Sparse Attention for Long Context Language Models"),
         QStringLiteral("Alice Smith, Bob Jones"), QStringLiteral("2025-05-01"),
         QStringLiteral("We study **sparse** attention in large language models and show that\n"
                        "pruning heads keeps quality. Also **quantization**.")},
        {QStringLiteral("2505.00002"), 1, QStringLiteral("Graph Neural Networks for Molecules"),
         QStringLiteral("Carol White"), QStringLiteral("2025-05-02"),
         QStringLiteral("Message passing networks predict molecular properties with **graph** "
                        "structure and exact phrase matching examples.")},
        {QStringLiteral("2505.00003"), 1, QStringLiteral("Quantized Diffusion Transformers"),
         QStringLiteral("Dan Brown, Alice Smith"), QStringLiteral("2025-05-03"),
         QStringLiteral("Low-bit **quantization** of diffusion transformers; the phrase matching "
                        "exact appears here reversed.")},
        {QStringLiteral("2505.00004"), 1, QStringLiteral("Reinforcement Learning for Robots"),
         QStringLiteral("Eve Green"), QStringLiteral("2025-05-04"),
         QStringLiteral("Policy gradients on real **robots** with sim-to-real transfer.")},
        {QStringLiteral("2505.00005"), 1, QStringLiteral("Zebra Stripes and Thermoregulation"),
         QStringLiteral("Frank Black"), QStringLiteral("2025-04-20"),
         QStringLiteral("A biology paper about zebras, unrelated to **graph** learning.")},
    };
}

inline QByteArray fixtureDigest1() {
    const auto p = fixturePapers();
    return digestText(QStringLiteral("2025-05-06"), {p[0], p[1], p[2]});
}

inline QByteArray fixtureDigest2() {
    const auto p = fixturePapers();
    return digestText(QStringLiteral("2025-05-07"), {p[2], p[3], p[4]});
}

// The ids of a query's rows, in order.
inline QList<qint64> idsOf(const QueryResult &r) {
    QList<qint64> ids;
    for (const PaperRow &row : r.rows)
        ids << row.id;
    return ids;
}

// A list of strings written inline: L({"1", "3"}).
inline QStringList L(std::initializer_list<const char *> list) {
    QStringList s;
    for (const char *x : list)
        s << QLatin1String(x);
    return s;
}

} // namespace lectern::test
