// Library::rowOf / nextInView / markRead: positions in a view agree with query() for every sort
// order, papers without a date and equal titles included; marking a view read is one UPDATE
// that reports exactly the papers it changed.
#include "store/library.h"
#include "testsupport.h"

#include <algorithm>

#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

using namespace lectern;
using namespace lectern::test;

namespace {

// 24 papers in two digests: every third has no date, titles repeat (also in other case), and
// every paper mentions "model" a different number of times (relevance ties and differences).
QByteArray positionDigest(const QString &digestDate, int first, int count) {
    QString s = QStringLiteral("# ") + digestDate + QStringLiteral("\n\n");
    for (int i = first; i < first + count; ++i) {
        const QString title = i % 4 == 0   ? QStringLiteral("Same Title")
                              : i % 4 == 1 ? QStringLiteral("same title")
                                           : QStringLiteral("Title %1").arg(i % 7);
        s += QStringLiteral("## ") + title + QStringLiteral("\n\n>Authors: Alice Smith\n\n");
        if (i % 3 != 0)
            s += QStringLiteral(">2025-05-%1\n\n").arg(1 + i % 5, 2, 10, QLatin1Char('0'));
        s += QStringLiteral("> http://arxiv.org/abs/2505.%1v1\n\n")
                 .arg(20000 + i, 5, 10, QLatin1Char('0'));
        s += QStringLiteral("A study of a model") +
             QStringLiteral(" and another model").repeated(i % 3) +
             (i % 2 ? QStringLiteral(" with **graph** methods.") : QStringLiteral(".")) +
             QStringLiteral("\n\n\n");
    }
    return s.toUtf8();
}

Library &positionLibrary() {
    static Library *lib = [] {
        auto *l = new Library;
        REQUIRE(l->open(scratchDir(QStringLiteral("position-lib")) + QStringLiteral("/l.sqlite")));
        REQUIRE(l->importData(QStringLiteral("1.md"),
                              positionDigest(QStringLiteral("2025-05-06"), 0, 14))
                    .imported);
        REQUIRE(l->importData(QStringLiteral("2.md"),
                              positionDigest(QStringLiteral("2025-05-07"), 10, 14))
                    .imported);
        QList<qint64> read;
        const QueryResult all = l->query(QString());
        REQUIRE(all.total == 24);
        for (int i = 0; i < all.rows.size(); i += 3)
            read << all.rows[i].id;
        REQUIRE(l->setRead(read, true));
        return l;
    }();
    return *lib;
}

QList<qint64> idsOf(const QString &query, SortOrder sort) {
    const QueryResult r = positionLibrary().query(query, sort);
    REQUIRE(r.ok());
    QList<qint64> ids;
    for (const PaperRow &row : r.rows)
        ids << row.id;
    return ids;
}

const char *sortName(SortOrder s) {
    switch (s) {
    case SortOrder::Date:
        return "date";
    case SortOrder::Digest:
        return "digest";
    case SortOrder::Title:
        return "title";
    case SortOrder::Relevance:
        return "relevance";
    case SortOrder::ForYou:
        return "foryou";
    case SortOrder::Similar:
        return "similar";
    }
    return "?";
}

} // namespace

TEST_CASE("rowOf agrees with query() for every order", "[position]") {
    const SortOrder sort = GENERATE(SortOrder::Date, SortOrder::Digest, SortOrder::Title,
                                    SortOrder::Relevance, SortOrder::ForYou, SortOrder::Similar);
    const QString query =
        GENERATE(QStringLiteral(""), QStringLiteral("model"), QStringLiteral("kw:graph"),
                 QStringLiteral("is:unread model"), QStringLiteral("digest:2025-05-07"));
    INFO("sort " << sortName(sort) << ", query \"" << query.toStdString() << "\"");
    const QList<qint64> view = idsOf(query, sort);
    REQUIRE_FALSE(view.isEmpty());
    for (int row = 0; row < view.size(); ++row) {
        INFO("row " << row);
        CHECK(positionLibrary().rowOf(query, sort, view[row]) == row);
    }
    // Papers outside the view, and no paper at all.
    for (qint64 id : idsOf(QString(), SortOrder::Date))
        if (!view.contains(id))
            CHECK(positionLibrary().rowOf(query, sort, id) == -1);
    CHECK(positionLibrary().rowOf(query, sort, 999999) == -1);
    CHECK(positionLibrary().rowOf(QStringLiteral("is:bogus"), sort, view.first()) == -1);
}

TEST_CASE("nextInView finds the next paper of a sub-view in both directions", "[position]") {
    const SortOrder sort = GENERATE(SortOrder::Date, SortOrder::Digest, SortOrder::Title,
                                    SortOrder::Relevance, SortOrder::ForYou, SortOrder::Similar);
    const QString query = GENERATE(QStringLiteral(""), QStringLiteral("model"));
    INFO("sort " << sortName(sort) << ", query \"" << query.toStdString() << "\"");
    const QList<qint64> view = idsOf(query, sort);
    const QList<qint64> unread = idsOf(query + QStringLiteral(" is:unread"), sort);
    const QString unreadQuery = query + QStringLiteral(" is:unread");
    for (int row = 0; row < view.size(); ++row) {
        INFO("row " << row);
        qint64 forward = 0, backward = 0;
        for (int r = row + 1; r < view.size() && !forward; ++r)
            if (unread.contains(view[r]))
                forward = view[r];
        for (int r = row - 1; r >= 0 && !backward; --r)
            if (unread.contains(view[r]))
                backward = view[r];
        CHECK(positionLibrary().nextInView(unreadQuery, sort, view[row]) == forward);
        CHECK(positionLibrary().nextInView(unreadQuery, sort, view[row], true) == backward);
    }
    CHECK(positionLibrary().nextInView(unreadQuery, sort, 0) == unread.first());
    CHECK(positionLibrary().nextInView(unreadQuery, sort, 0, true) == unread.last());
    CHECK_FALSE(positionLibrary().nextInView(QStringLiteral("is:bogus"), sort, 0).has_value());
}

TEST_CASE("markRead marks the view's unread papers in one statement and returns them",
          "[position]") {
    Library lib;
    REQUIRE(lib.open(scratchDir(QStringLiteral("markread-lib")) + QStringLiteral("/l.sqlite")));
    REQUIRE(
        lib.importData(QStringLiteral("1.md"), positionDigest(QStringLiteral("2025-05-06"), 0, 12))
            .imported);
    QList<qint64> expected;
    for (const PaperRow &r : lib.query(QStringLiteral("kw:graph is:unread")).rows)
        expected << r.id;
    REQUIRE(lib.setRead({expected.takeFirst()}, true));
    const QList<qint64> untouched = [&] {
        QList<qint64> ids;
        for (const PaperRow &r : lib.query(QStringLiteral("-kw:graph")).rows)
            ids << r.id;
        return ids;
    }();

    const auto changed = lib.markRead(QStringLiteral("kw:graph"));
    REQUIRE(changed.has_value());
    QList<qint64> got = *changed;
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    CHECK(got == expected);
    CHECK(lib.query(QStringLiteral("kw:graph is:unread")).total == 0);
    for (qint64 id : untouched)
        CHECK_FALSE(lib.paper(id)->read);
    for (qint64 id : expected)
        CHECK(lib.paper(id)->readAt.isValid());
    // Nothing left: an empty list, not a failure; a malformed query fails with a message.
    CHECK(lib.markRead(QStringLiteral("kw:graph")) ==
          std::optional<QList<qint64>>(QList<qint64>{}));
    CHECK_FALSE(lib.markRead(QStringLiteral("is:bogus")).has_value());
    CHECK_FALSE(lib.lastError().isEmpty());
}

TEST_CASE("nextDigestWithUnread: the nearest older digest with unread papers, then the newest",
          "[position]") {
    Library lib;
    REQUIRE(lib.open(scratchDir(QStringLiteral("nextdigest-lib")) + QStringLiteral("/l.sqlite")));
    for (int day = 5; day <= 8; ++day)
        REQUIRE(lib.importData(QStringLiteral("%1.md").arg(day),
                               positionDigest(QStringLiteral("2025-05-0%1").arg(day), day * 10, 3))
                    .imported);
    auto next = [&](int day) { return lib.nextDigestWithUnread(QDate(2025, 5, day)); };
    CHECK(next(8) == QDate(2025, 5, 7));
    CHECK(next(6) == QDate(2025, 5, 5));
    CHECK(next(5) == QDate(2025, 5, 8)); // wraps to the newest
    REQUIRE(lib.markRead(QStringLiteral("digest:2025-05-07")));
    REQUIRE(lib.markRead(QStringLiteral("digest:2025-05-05")));
    CHECK(next(8) == QDate(2025, 5, 6));
    CHECK(next(6) == QDate(2025, 5, 8));
    REQUIRE(lib.markRead(QStringLiteral("digest:2025-05-08")));
    CHECK(next(6) == QDate()); // only the current digest has unread papers
    CHECK(lib.nextDigestWithUnread(QDate()) == QDate(2025, 5, 6));
}
