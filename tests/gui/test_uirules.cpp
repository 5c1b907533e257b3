// Rules that moved out of the widgets, and what the widgets must never do with untrusted text:
// tooltips and labels never render digest text as rich text, the pane and the note preview
// load no local or data: resource, a note that cannot be saved is kept and retried, `n` asks
// the library (not the sidebar's cached counts), the sidebar's queries match their value
// exactly, highlighting follows the compiled query, the list model evicts pages, and the dark
// palette gives readable colours.
#include "filterbar.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "noteeditor.h"
#include "paperlistmodel.h"
#include "problemspanel.h"
#include "readingpane.h"
#include "safetextbrowser.h"
#include "settings.h"
#include "sidebar.h"
#include "store/library.h"
#include "testsupport.h"

#include <catch2/catch_test_macros.hpp>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QUndoStack>
#include <QUuid>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace lectern;
using namespace lectern::test;

namespace {

const QString kHostileTitle = u"A <img src=\"/dev/zero\"> study of <b>bold</b> claims"_s;

// A document that counts the resources it is asked for (a tooltip's QLabel would load them).
class CountingDocument : public QTextDocument {
public:
    int loads = 0;

protected:
    QVariant loadResource(int type, const QUrl &name) override {
        ++loads;
        Q_UNUSED(type);
        Q_UNUSED(name);
        return {};
    }
};

// What a tooltip shows: Qt renders it as rich text when Qt::mightBeRichText says so.
QString shownAsToolTip(const QString &tip, int *loads) {
    CountingDocument doc;
    if (Qt::mightBeRichText(tip))
        doc.setHtml(tip);
    else
        doc.setPlainText(tip);
    doc.setTextWidth(400);
    (void)doc.size(); // lays out: images are asked for here
    *loads = doc.loads;
    return doc.toPlainText();
}

QByteArray digestWithTitle(const QString &date, const QStringList &titles, int first,
                           const QString &authors = u"Ann Author"_s) {
    QString text = u"# "_s + date + u"\n\n"_s;
    for (int i = 0; i < titles.size(); ++i)
        text += u"## "_s + titles[i] + u"\n\n>Authors: "_s + authors + u"\n\n>"_s + date +
                u"\n\n> http://arxiv.org/abs/2503."_s + QString::number(10000 + first + i) +
                u"v1\n\nAn abstract.\n\n\n"_s;
    return text.toUtf8();
}

// A window over a fresh library holding the digests; moving past a paper does not mark it read.
struct Window : TestWindow {
    Window(const QString &name, const QList<QByteArray> &digests)
        : TestWindow(name, digests, /*markReadOnMove=*/false) {}
};

// The relative luminance contrast of two colours (WCAG).
double contrast(const QColor &a, const QColor &b) {
    auto lum = [](const QColor &c) {
        auto ch = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

TEST_CASE("list tooltips show a hostile title as text, loading nothing", "[gui][richtext]") {
    guiApp();
    Library lib;
    REQUIRE(lib.open(scratchDir(u"rich-list"_s) + u"/lib.sqlite"_s));
    REQUIRE(lib.importData(u"x.md"_s, digestWithTitle(u"2025-03-01"_s, {kHostileTitle}, 1,
                                                      u"Eve <img src=\"/dev/zero\">, Bob"_s))
                .imported);
    PaperListModel model(&lib);
    REQUIRE(model.setQuery(QString()).isEmpty());
    REQUIRE(model.rowCount() == 1);
    const QString shownTitle = model.index(0, PaperListModel::TitleColumn).data().toString();
    REQUIRE(shownTitle.contains(u"<img"_s));
    int loads = -1;
    const QString titleTip =
        model.index(0, PaperListModel::TitleColumn).data(Qt::ToolTipRole).toString();
    CHECK(shownAsToolTip(titleTip, &loads) == shownTitle);
    CHECK(loads == 0);
    const QString authorsTip =
        model.index(0, PaperListModel::AuthorsColumn).data(Qt::ToolTipRole).toString();
    const QString authors = shownAsToolTip(authorsTip, &loads);
    CHECK(authors.contains(u"Eve <img src=\"/dev/zero\">"_s));
    CHECK(loads == 0);
}

TEST_CASE("problems panel tooltips and the filter bar's error are plain text", "[gui][richtext]") {
    guiApp();
    ProblemsPanel panel;
    const QString message = u"title \""_s + kHostileTitle + u"\" has no link"_s;
    panel.addDiagnostics(u"/tmp/<b>x</b>.md"_s, {{3, Severity::Warning, message}});
    auto *list = panel.findChild<QListWidget *>();
    REQUIRE(list);
    REQUIRE(list->count() == 1);
    int loads = -1;
    const QString shown = shownAsToolTip(list->item(0)->toolTip(), &loads);
    CHECK(shown.contains(message));
    CHECK(shown.contains(u"/tmp/<b>x</b>.md:3"_s));
    CHECK(loads == 0);

    FilterBar bar;
    bar.setResult(0, u"unknown state \"<img src=/dev/zero>\" in is:"_s);
    bool found = false;
    for (QLabel *label : bar.findChildren<QLabel *>())
        if (label->text().contains(u"<img src=/dev/zero>"_s)) {
            found = true;
            CHECK(label->textFormat() == Qt::PlainText);
        }
    CHECK(found);
    // The note editor's status line quotes the library's error, which may quote a path.
    NoteEditor editor;
    for (QLabel *label : editor.findChildren<QLabel *>())
        if (label->text().isEmpty())
            CHECK(label->textFormat() == Qt::PlainText);
}

TEST_CASE("the pane and the note preview load no local or data: resource", "[gui][richtext]") {
    guiApp();
    const QString dir = scratchDir(u"rich-resources"_s);
    const QString image = dir + u"/image.png"_s;
    writeFile(image, QByteArray(64, 'x'));
    const QUrl fileUrl = QUrl::fromLocalFile(image);

    // What the document holds for a resource: never the file's bytes or decoded data.
    auto loaded = [](QTextBrowser *browser, const QUrl &url) {
        const QVariant v = browser->document()->resource(QTextDocument::ImageResource, url);
        return !v.isNull() && !v.toByteArray().isEmpty();
    };
    const QUrl dataUrl(u"data:image/png;base64,iVBORw0KGgo="_s);
    ReadingPane pane;
    pane.setHtml(u"<p><img src=\""_s + image + u"\"><img src=\""_s + fileUrl.toString() +
                 u"\"><img src=\""_s + dataUrl.toString() + u"\"></p>"_s);
    pane.resize(300, 200);
    (void)pane.document()->size();
    CHECK_FALSE(loaded(&pane, QUrl(image)));
    CHECK_FALSE(loaded(&pane, fileUrl));
    CHECK_FALSE(loaded(&pane, dataUrl));
    CHECK(pane.refusedLoads() >= 3);
    LibraryPaper lp;
    lp.id = 1;
    lp.paper.title = u"A <img src=\""_s + image + u"\"> study"_s;
    lp.paper.abstract = u"Text <img src=\""_s + image + u"\"> more."_s;
    pane.showPaper(lp);
    CHECK(pane.toPlainText().contains(u"<img src=\""_s + image));

    NoteEditor editor;
    editor.setPaper(1,
                    u"![pic]("_s + image + u") and <img src=\""_s + image + u"\"> and ![d]("_s +
                        u"data:image/png;base64,AAAA)"_s,
                    {});
    editor.show();
    editor.setPreview(true);
    editor.preview()->resize(300, 200);
    (void)editor.preview()->document()->size();
    QApplication::processEvents();
    CHECK(editor.preview()->refusedLoads() >= 2); // the two Markdown images, both refused
    CHECK_FALSE(loaded(editor.preview(), QUrl(image)));
    CHECK_FALSE(loaded(editor.preview(), QUrl(u"data:image/png;base64,AAAA"_s)));
    // Raw HTML in a note is text, not markup.
    CHECK(editor.preview()->toPlainText().contains(u"<img src="_s));
}

TEST_CASE("a note that cannot be saved stays, marked unsaved, survives a switch and is retried",
          "[gui][notes]") {
    Window t(u"note-save-fails"_s,
             {digestWithTitle(u"2025-03-02"_s, {u"First paper"_s, u"Second paper"_s}, 1)});
    // Another connection makes the library refuse notes, as a read-only or full disk would.
    const QString connection = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(t.lib.path());
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(u"CREATE TRIGGER refuse_notes BEFORE UPDATE OF note ON papers BEGIN "
                       "SELECT RAISE(ABORT, 'disk is read-only'); END"_s));
    }
    const qint64 first = t.w->currentPaperId();
    REQUIRE(first != 0);
    NoteEditor *notes = t.w->noteEditor();
    t.key(Qt::Key_E);
    QTest::keyClicks(notes->editor(), u"My precious note"_s);
    notes->flush();
    CHECK_FALSE(t.lib.paper(first)->note.contains(u"precious"_s));
    auto statusLabels = [&] {
        QStringList texts;
        for (QLabel *label : notes->findChildren<QLabel *>())
            texts << label->text();
        return texts.join(u'|');
    };
    CHECK_FALSE(statusLabels().contains(u"Saved"_s));
    CHECK(statusLabels().contains(u"Not saved"_s));
    CHECK(statusLabels().contains(u"read-only"_s));
    CHECK(notes->editor()->toPlainText() == u"My precious note"_s);

    // Another paper and back: the text is still there (the library still has none).
    t.key(Qt::Key_Escape);
    t.key(Qt::Key_J);
    const qint64 second = t.w->currentPaperId();
    REQUIRE(second != first);
    CHECK(notes->editor()->toPlainText().isEmpty());
    t.key(Qt::Key_K);
    REQUIRE(t.w->currentPaperId() == first);
    CHECK(notes->editor()->toPlainText() == u"My precious note"_s);
    CHECK(statusLabels().contains(u"Not saved"_s));

    // Quitting now would lose it: the first close is refused with a message.
    CHECK_FALSE(t.w->close());
    CHECK(t.w->isVisible());
    CHECK(t.status().contains(u"could not be saved"_s));

    // Saving works again: the next retry writes it without the user typing anything.
    t.key(Qt::Key_J);
    {
        QSqlDatabase db = QSqlDatabase::database(connection);
        QSqlQuery q(db);
        REQUIRE(q.exec(u"DROP TRIGGER refuse_notes"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    QTRY_VERIFY_WITH_TIMEOUT(t.lib.paper(first)->note == u"My precious note"_s,
                             NoteEditor::RetryMs * 2);
    t.key(Qt::Key_K);
    CHECK(notes->editor()->toPlainText() == u"My precious note"_s);
    CHECK(notes->unsavedNotes().isEmpty());
    CHECK(t.w->close()); // nothing unsaved: quits at once
}

TEST_CASE("n goes to the next digest with unread papers as the library has it", "[gui][nav]") {
    Window t(u"nav-next-digest"_s,
             {digestWithTitle(u"2025-03-05"_s, {u"Old one"_s, u"Old two"_s}, 1),
              digestWithTitle(u"2025-03-06"_s, {u"Middle one"_s, u"Middle two"_s}, 11),
              digestWithTitle(u"2025-03-07"_s, {u"New one"_s, u"New two"_s}, 21)});
    t.w->sidebar()->select(u"digest:2025-03-07"_s);
    QTest::qWait(50);
    REQUIRE(t.w->model()->total() == 2);
    // Read the newest digest; the middle one is read behind the sidebar's back (another
    // window): its cached count still says 2 unread.
    REQUIRE(t.lib.markRead(u"digest:2025-03-07"_s));
    REQUIRE(t.lib.markRead(u"digest:2025-03-06"_s));
    t.w->model()->reload();
    t.w->paperList()->setCurrentIndex(t.w->model()->index(0, 1));
    // n with nothing unread left: the end-of-digest summary names the next digest; n again
    // goes there.
    t.key(Qt::Key_N);
    CHECK(t.w->currentQuery() == u"digest:2025-03-07"_s);
    CHECK(waitUntil([&] { return t.status().contains(u"End of digest 2025-03-07"_s); }));
    t.key(Qt::Key_N);
    CHECK(t.w->currentQuery() == u"digest:2025-03-05"_s);
    CHECK(t.status().contains(u"Digest 2025-03-05: 2 unread"_s));
    // The end of the view counts the whole view.
    t.w->paperList()->setCurrentIndex(t.w->model()->index(1, 1));
    t.key(Qt::Key_J);
    CHECK(
        waitUntil([&] { return t.status().contains(u"0 of 2 read, 0 starred, 0 with notes"_s); }));
    // Mark all read in the view, then undo: exactly those two papers come back.
    t.key(Qt::Key_A, Qt::ShiftModifier);
    CHECK(t.lib.query(u"is:unread"_s).total == 0);
    t.w->undoStack()->undo();
    CHECK(t.lib.query(u"is:unread"_s).total == 2);
    CHECK(t.lib.query(u"digest:2025-03-05 is:unread"_s).total == 2);
}

TEST_CASE("sidebar views match a tag or keyword exactly, whatever its characters", "[gui][nav]") {
    guiApp();
    Library lib;
    REQUIRE(lib.open(scratchDir(u"sidebar-quoting"_s) + u"/lib.sqlite"_s));
    REQUIRE(lib.importData(u"x.md"_s,
                           digestWithTitle(u"2025-03-01"_s, {u"One"_s, u"Two"_s, u"Three"_s}, 1))
                .imported);
    const QList<PaperRow> rows = lib.query(QString()).rows;
    REQUIRE(rows.size() == 3);
    const QStringList tags = {u"say \"hi\""_s, u"say hi"_s, u"-x"_s};
    for (int i = 0; i < 3; ++i)
        REQUIRE(lib.setTags(rows[i].id, {tags[i]}));
    for (int i = 0; i < 3; ++i) {
        const QueryResult r = lib.query(Sidebar::queryForKey(u"tag:"_s + tags[i]));
        INFO(tags[i].toStdString());
        REQUIRE(r.ok());
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows.first().id == rows[i].id);
    }
}

TEST_CASE("the pane highlights the free terms of the compiled query", "[gui][nav]") {
    guiApp();
    FilterBar bar;
    bar.setText(u"x:sparse \"Long Context\" kw:graph -zebra"_s);
    CHECK(bar.highlightTerms() == QStringList{u"x:sparse"_s, u"long context"_s});
    bar.setText(u"\"a \"\"quoted\"\" word\""_s);
    CHECK(bar.highlightTerms() == QStringList{u"a \"quoted\" word"_s});
}

TEST_CASE("standard key sequences for open, quit, undo and redo", "[gui]") {
    Window t(u"std-keys"_s, {digestWithTitle(u"2025-03-01"_s, {u"One"_s}, 1)});
    const QList<std::pair<QString, QKeySequence::StandardKey>> keys = {
        {u"open"_s, QKeySequence::Open},
        {u"quit"_s, QKeySequence::Quit},
        {u"undo"_s, QKeySequence::Undo},
        {u"redo"_s, QKeySequence::Redo}};
    for (const auto &[name, standard] : keys) {
        INFO(name.toStdString());
        REQUIRE(t.w->action(name));
        // The platform's own key comes first (if it has one for the action).
        const QList<QKeySequence> platform = QKeySequence::keyBindings(standard);
        if (!platform.isEmpty())
            CHECK(t.w->action(name)->shortcuts().value(0) == platform.first());
    }
    // The README's table: Ctrl+O, Ctrl+Q, Ctrl+Z, Ctrl+Shift+Z.
    CHECK(t.w->action(u"open"_s)->shortcuts().contains(QKeySequence(u"Ctrl+O"_s)));
    CHECK(t.w->action(u"quit"_s)->shortcuts().contains(QKeySequence(u"Ctrl+Q"_s)));
    CHECK(t.w->action(u"undo"_s)->shortcuts().contains(QKeySequence(u"Ctrl+Z"_s)));
    CHECK(t.w->action(u"redo"_s)->shortcuts().contains(QKeySequence(u"Ctrl+Shift+Z"_s)));
}

TEST_CASE("the list model evicts pages beyond 64 and stays right scrolling both ways",
          "[gui][model][slow]") {
    guiApp();
    const int count = PaperListModel::MaxPages * PaperListModel::BatchSize + 700; // 13,500
    Library lib;
    REQUIRE(lib.open(scratchDir(u"model-eviction"_s) + u"/lib.sqlite"_s));
    for (int part = 0; part < 5; ++part) {
        QStringList titles;
        for (int i = part * count / 5; i < (part + 1) * count / 5; ++i)
            titles << u"Paper %1"_s.arg(i);
        REQUIRE(lib.importData(u"part%1.md"_s.arg(part),
                               digestWithTitle(u"2025-04-0%1"_s.arg(part + 1), titles,
                                               part * count / 5 + 100000))
                    .imported);
    }
    const QList<PaperRow> order = lib.query(QString(), SortOrder::Digest).rows;
    REQUIRE(order.size() == count);

    PaperListModel model(&lib);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.setQuery(QString()).isEmpty());
    REQUIRE(model.sortOrder() == SortOrder::Digest);
    QTableView view;
    view.setModel(&model);
    view.resize(600, 400);
    view.show();

    int wrong = 0;
    for (int r = 0; r < count; r += 7) {
        wrong += model.idAt(r) != order[r].id;
        CHECK(model.loadedPages().size() <= PaperListModel::MaxPages);
    }
    view.scrollToBottom();
    QApplication::processEvents();
    CHECK(model.idAt(count - 1) == order.last().id);
    CHECK(model.loadedPages().size() == PaperListModel::MaxPages);
    CHECK_FALSE(model.loadedPages().contains(0)); // the first pages were dropped
    CHECK(model.loadedRowCount() <= PaperListModel::MaxPages * PaperListModel::BatchSize);
    for (int r = count - 1; r >= 0; r -= 5)
        wrong += model.idAt(r) != order[r].id;
    view.scrollToTop();
    QApplication::processEvents();
    CHECK(wrong == 0);
    CHECK(model.index(0, PaperListModel::TitleColumn).data().toString() == order[0].title);
    CHECK(model.loadedPages().size() <= PaperListModel::MaxPages);
    // A state change of a dropped row is ignored by the model and right when it reloads.
    const qint64 far = order[count / 2].id;
    (void)model.idAt(0);
    REQUIRE(lib.setRead({far}, true));
    model.setRead({far}, true);
    CHECK(model.locate(far) == count / 2);
    CHECK(model.rowAt(count / 2)->read);
}

TEST_CASE("the dark palette gives the pane and the note editor their own readable colours",
          "[gui]") {
    guiApp();
    LibraryPaper lp;
    lp.id = 1;
    lp.paper.title = u"Sparse attention"_s;
    lp.paper.keywords = {u"sparse"_s};
    lp.paper.abstract = u"About sparse models."_s;
    auto keywordColours = [&](const QPalette &palette) {
        const QString html = ReadingPane::paperHtml(lp, {}, palette);
        static const QRegularExpression re(
            uR"(span\.kw \{ background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}))"_s);
        const auto m = re.match(html);
        REQUIRE(m.hasMatch());
        return std::make_pair(QColor(m.captured(1)), QColor(m.captured(2)));
    };
    const auto [lightBg, lightFg] = keywordColours(lightPalette());
    const auto [darkBg, darkFg] = keywordColours(darkPalette());
    CHECK(lightBg != darkBg);
    CHECK(darkBg.lightness() < 128);
    CHECK(contrast(lightBg, lightFg) >= 4.5);
    CHECK(contrast(darkBg, darkFg) >= 4.5);
    CHECK(contrast(darkBg, darkPalette().color(QPalette::Base)) <
          contrast(lightBg, darkPalette().color(QPalette::Base)));

    // The note editor's highlighting theme follows the palette: a heading reads well on it.
    auto headingColour = [](NoteEditor &editor) {
        editor.editor()->setPlainText(u"# A heading\n\nText"_s);
        QApplication::processEvents();
        return noteHeadingColour(&editor);
    };
    QApplication::setPalette(lightPalette());
    NoteEditor light;
    const QColor lightHeading = headingColour(light);
    QApplication::setPalette(darkPalette());
    NoteEditor dark;
    const QColor darkHeading = headingColour(dark);
    QApplication::setPalette(lightPalette());
    REQUIRE(lightHeading.isValid());
    REQUIRE(darkHeading.isValid());
    CHECK(lightHeading != darkHeading);
    INFO("light heading " << lightHeading.name().toStdString() << ", dark heading "
                          << darkHeading.name().toStdString());
    const QColor lightBase = lightPalette().color(QPalette::Base);
    const QColor darkBase = darkPalette().color(QPalette::Base);
    CHECK(contrast(lightHeading, lightBase) >= 3.0);
    // Breeze Dark's heading colour gives 2.8 on the dark base: readable, and clearly better
    // than the light theme's heading would be there.
    CHECK(contrast(darkHeading, darkBase) >= 2.5);
    CHECK(contrast(darkHeading, darkBase) > contrast(lightHeading, darkBase) + 0.3);
}
