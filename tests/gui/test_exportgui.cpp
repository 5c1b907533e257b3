// File > Export… in the window: the action (Ctrl+E) exports the chosen papers to a file on the
// worker thread and says so on the status bar. The dialogs are replaced through the
// controller's test hooks.
#include "exportcontroller.h"
#include "exportdialog.h"
#include "filterbar.h"
#include "guitestsupport.h"
#include "libraryfixtures.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRadioButton>
#include <QSignalSpy>

using namespace lectern;
using namespace lectern::test;

namespace {

QStringList bibKeys(const QByteArray &bib) {
    QStringList keys;
    for (const QByteArray &line : bib.split('\n')) {
        if (line.startsWith("@misc{"))
            keys << QString::fromUtf8(line.mid(6).chopped(1));
    }
    return keys;
}

} // namespace

TEST_CASE("the Export action writes the starred papers to the chosen file", "[gui][export]") {
    TestWindow t(QStringLiteral("export-starred"), {fixtureDigest1(), fixtureDigest2()});
    const qint64 two = t.lib.idForKey(QStringLiteral("2505.00002")).value();
    const qint64 four = t.lib.idForKey(QStringLiteral("2505.00004")).value();
    REQUIRE(t.lib.setStarred({two, four}, true));
    REQUIRE(t.lib.setNote(two, QStringLiteral("Graphs & molecules, 100%")));
    const QString path = t.dir + QStringLiteral("/starred.bib");
    ExportController *ec = t.w->exportController();
    ec->setChoiceAsker([](const ExportController::View &, const ExportChoice &) {
        ExportChoice c;
        c.scope = ExportScope::Starred;
        c.options.format = ExportFormat::BibTeX;
        c.options.includeNotes = true;
        return std::optional<ExportChoice>(c);
    });
    ec->setFileAsker([&](const ExportChoice &) { return path; });
    QSignalSpy done(ec, &ExportController::exported);
    QAction *action = t.w->action(QStringLiteral("export"));
    REQUIRE(action);
    CHECK(action->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+E"))));
    t.key(Qt::Key_E, Qt::ControlModifier);
    REQUIRE(waitUntil([&] { return done.count() == 1; }, 20000));
    CHECK(done.at(0).at(1).toInt() == 2);
    const QByteArray bib = readFile(path);
    CHECK(bibKeys(bib) ==
          QStringList{QStringLiteral("green2025reinforcement"), QStringLiteral("white2025graph")});
    CHECK(bib.contains("note = {Graphs \\& molecules, 100\\%}"));
    CHECK(t.status().contains(QStringLiteral("Exported 2 papers")));
    CHECK(t.status().contains(QStringLiteral("starred.bib")));
}

TEST_CASE("Export of the current view and of the selection", "[gui][export]") {
    TestWindow t(QStringLiteral("export-view"), {fixtureDigest1(), fixtureDigest2()});
    ExportController *ec = t.w->exportController();
    QSignalSpy done(ec, &ExportController::exported);
    ExportController::View seen;
    ExportScope scope = ExportScope::CurrentView;
    ec->setChoiceAsker([&](const ExportController::View &view, const ExportChoice &) {
        seen = view;
        ExportChoice c;
        c.scope = scope;
        c.options.format = ExportFormat::Json;
        return std::optional<ExportChoice>(c);
    });
    const QString path = t.dir + QStringLiteral("/view.json");
    ec->setFileAsker([&](const ExportChoice &) { return path; });
    t.w->filterBar()->setText(QStringLiteral("graph"));
    REQUIRE(waitUntil([&] { return t.w->currentQuery().contains(QStringLiteral("graph")); }));
    t.w->action(QStringLiteral("export"))->trigger();
    REQUIRE(waitUntil([&] { return done.count() == 1; }, 20000));
    const QJsonArray papers =
        QJsonDocument::fromJson(readFile(path)).object().value(QStringLiteral("papers")).toArray();
    CHECK(papers.size() == t.lib.ids(QStringLiteral("graph"))->size());
    CHECK(seen.count == int(papers.size()));

    scope = ExportScope::Selection;
    t.w->action(QStringLiteral("export"))->trigger();
    REQUIRE(waitUntil([&] { return done.count() == 2; }, 20000));
    REQUIRE(seen.selectedId != 0);
    const QJsonArray one =
        QJsonDocument::fromJson(readFile(path)).object().value(QStringLiteral("papers")).toArray();
    REQUIRE(one.size() == 1);
    CHECK(one.at(0).toObject().value(QStringLiteral("arxiv_id")).toString() ==
          t.lib.paper(seen.selectedId)->paper.arxivId);
}

TEST_CASE("a failed export is reported and leaves no file", "[gui][export]") {
    TestWindow t(QStringLiteral("export-fail"), {fixtureDigest1()});
    ExportController *ec = t.w->exportController();
    QSignalSpy failed(ec, &ExportController::failed);
    const QString path = t.dir + QStringLiteral("/no/such/folder/x.csv");
    ec->start({QString(), SortOrder::Date, 3, 0}, ExportChoice{}, path);
    REQUIRE(waitUntil([&] { return failed.count() == 1; }, 20000));
    CHECK(t.status().contains(QStringLiteral("failed")));
    CHECK_FALSE(QFile::exists(path));
}

TEST_CASE("the export dialog offers the scopes and formats and notes", "[gui][export]") {
    guiApp();
    ExportChoice initial;
    initial.scope = ExportScope::Selection;
    initial.options.format = ExportFormat::Markdown;
    ExportDialog noSelection(false, {12, true}, initial);
    // Without a selected paper, the selection cannot be chosen.
    CHECK(noSelection.choice().scope == ExportScope::CurrentView);
    CHECK(noSelection.choice().options.format == ExportFormat::Markdown);
    ExportDialog dialog(true, {12, true}, initial);
    CHECK(dialog.choice().scope == ExportScope::Selection);
    dialog.findChild<QCheckBox *>()->setChecked(true);
    CHECK(dialog.choice().options.includeNotes);
    CHECK(dialog.findChild<QComboBox *>()->count() == 5);
    saveScreenshot(&dialog, QStringLiteral("export-dialog"));
}
