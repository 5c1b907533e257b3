#include "guitestsupport.h"
#include "paperlistmodel.h"
#include "paperroles.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

// Enough papers for several pages: the model must load only the pages asked for.
static QByteArray bigDigest(int count) {
    QString text = u"# 2025-02-03\n\n# Table of Contents\n\n"_s;
    for (int i = 0; i < count; ++i)
        text +=
            u"## Model paper %1 on $\\beta$ decay\n\n>Authors: A%1 Author, B Writer\n\n"
            u">2025-02-%2\n\n> http://arxiv.org/abs/2502.%3v1\n\nText about **kw%4**.\n\n"_s.arg(i)
                .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                .arg(i + 20000, 5, 10, QLatin1Char('0'))
                .arg(i % 7);
    return text.toUtf8();
}

TEST_CASE("PaperListModel passes QAbstractItemModelTester and pages lazily", "[gui][model]") {
    guiApp();
    const QString dir = scratchDir(u"model"_s);
    Library lib;
    REQUIRE(lib.open(dir + u"/lib.sqlite"_s));
    REQUIRE(lib.importData(u"big.md"_s, bigDigest(450)).imported);
    REQUIRE(lib.counts().value().all == 450);

    PaperListModel model(&lib);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    CHECK(model.setQuery(QString()).isEmpty());
    CHECK(model.total() == 450);
    // Every row is counted, only the first page is loaded; a far row loads just its page.
    CHECK(model.rowCount() == 450);
    CHECK(model.loadedPages() == QList<int>{0});
    CHECK(model.loadedRowCount() == PaperListModel::BatchSize);
    const QList<PaperRow> libraryOrder = lib.query(QString(), model.sortOrder()).rows;
    REQUIRE(libraryOrder.size() == 450);
    CHECK(model.idAt(449) == libraryOrder[449].id);
    CHECK(model.loadedPages() == QList<int>{0, 2});
    CHECK(model.loadedRowCount() == PaperListModel::BatchSize + 50);
    // locate() finds a paper of an unloaded page through a binary search over the pages.
    CHECK(model.rowForId(libraryOrder[250].id) == -1);
    CHECK(model.locate(libraryOrder[250].id) == 250);
    CHECK(model.locate(libraryOrder[449].id) == 449);
    CHECK(model.locate(libraryOrder[0].id) == 0);

    // Titles are rendered, unread rows bold, roles filled.
    const QModelIndex title = model.index(0, PaperListModel::TitleColumn);
    CHECK(title.data().toString().contains(u"β"_s));
    CHECK(title.data(Qt::FontRole).value<QFont>().bold());
    CHECK(title.data(TitleSourceRole).toString().contains(u"\\beta"_s));
    CHECK(model.index(0, PaperListModel::AuthorsColumn).data().toString().endsWith(u"et al."_s));

    // A single-row change updates in place: dataChanged, no reset.
    const int resetsBefore = int(resets.size());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const qint64 id = model.idAt(3);
    REQUIRE(lib.setRead({id}, true));
    model.setRead({id}, true);
    model.setStarred({id}, true);
    model.setHasNote(id, true);
    CHECK(changed.size() == 3);
    CHECK(resets.size() == resetsBefore);
    CHECK(model.index(3, 0).data(ReadRole).toBool());
    CHECK(model.index(3, 0).data(StarredRole).toBool());
    CHECK(model.index(3, 0).data(HasNoteRole).toBool());
    CHECK_FALSE(model.index(3, 1).data(Qt::FontRole).value<QFont>().bold());

    // Queries, a malformed one keeps the rows, sorting both ways.
    CHECK(model.setQuery(u"kw:kw3"_s).isEmpty());
    CHECK(model.total() == lib.query(u"kw:kw3"_s).total);
    const int rows = model.rowCount();
    CHECK_FALSE(model.setQuery(u"is:bogus"_s).isEmpty());
    CHECK(model.rowCount() == rows);
    CHECK(model.query() == u"kw:kw3"_s);

    model.setQuery(QString());
    model.sort(PaperListModel::TitleColumn, Qt::AscendingOrder);
    const QString firstAsc = model.index(0, 1).data().toString();
    model.sort(PaperListModel::TitleColumn, Qt::DescendingOrder);
    CHECK(model.total() == 450);
    const QString firstDesc = model.index(0, 1).data().toString();
    CHECK(firstAsc.compare(firstDesc, Qt::CaseInsensitive) < 0);
    CHECK(model.rowCount() == 450);
    CHECK(model.index(449, 1).data().toString() == firstAsc);
    // Reversed, rows and locate() agree with the library's order read backwards.
    const QList<PaperRow> byTitle = lib.query(QString(), SortOrder::Title).rows;
    REQUIRE(byTitle.size() == 450);
    for (int r : {0, 199, 200, 317, 449}) {
        CHECK(model.idAt(r) == byTitle[449 - r].id);
    }
    model.setQuery(QString()); // drops the loaded pages
    for (int r : {3, 230, 448}) {
        CHECK(model.locate(byTitle[449 - r].id) == r);
    }
    model.sort(PaperListModel::DateColumn, Qt::DescendingOrder);
    model.sort(-1, Qt::AscendingOrder);
    CHECK(model.sortOrder() == SortOrder::Digest);
    model.reload();
    CHECK(model.rowCount() == 450);
    CHECK(model.loadedRowCount() <= PaperListModel::BatchSize);
}
