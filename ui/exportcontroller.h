#pragma once

#include "exportdialog.h"
#include "model/librarytypes.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QWidget;

namespace lectern {

class DatabaseWorker;

// File > Export…: asks what to export (ExportDialog) and where (a file dialog), then writes the
// file on the database worker's thread (its own Library connection; QSaveFile, so the file is
// written whole or not at all) and reports on the status bar through message().
class ExportController : public QObject {
    Q_OBJECT
public:
    // Where the window is: its query and order (the current view) and its selected paper.
    struct View {
        QString query;
        SortOrder sort = SortOrder::Date;
        int count = 0;
        bool countExact = true; // false: count is a lower bound (the list's capped count)
        qint64 selectedId = 0;  // 0: none
    };
    using ChoiceAsker =
        std::function<std::optional<ExportChoice>(const View &, const ExportChoice &)>;
    using FileAsker = std::function<QString(const ExportChoice &)>;

    ExportController(DatabaseWorker *worker, QWidget *window, QObject *parent = nullptr);

    // The dialog, the file dialog, then the export (nothing when either is cancelled).
    void exportInteractive(const View &view);
    // The export itself, in the background; exported() or failed() follows.
    void start(const View &view, const ExportChoice &choice, const QString &path);
    bool isBusy() const { return m_job != 0; }

    // Tests replace the dialogs.
    void setChoiceAsker(ChoiceAsker asker) { m_askChoice = std::move(asker); }
    void setFileAsker(FileAsker asker) { m_askFile = std::move(asker); }

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    void exported(const QString &path, int count);
    void failed(const QString &path, const QString &error);

private:
    std::optional<ExportChoice> askChoice(const View &view, const ExportChoice &initial);
    QString askFile(const ExportChoice &choice);
    void finish(const QString &path, int count, const QString &error);
    void onJobDone(quint64 job);

    struct Outcome {
        QString path, error;
        int count = 0;
    };

    DatabaseWorker *m_worker;
    QPointer<QWidget> m_window;
    ChoiceAsker m_askChoice;
    FileAsker m_askFile;
    ExportChoice m_last; // the dialog starts from the previous choice
    QString m_lastDir;
    quint64 m_job = 0;
    std::shared_ptr<Outcome> m_outcome;
};

} // namespace lectern
