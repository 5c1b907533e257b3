#pragma once

#include "model/paper.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace lectern {

// A dismissible list of import problems, one "file:line: error|warning: message" per line.
// Errors come first (they mean papers were not imported); warnings follow, at most
// MaxWarningsPerFile of them per file and then one "… and N more warnings in FILE" line, so a
// sloppy file cannot bury the errors of the others.
class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxWarningsPerFile = 20;

    explicit ProblemsPanel(QWidget *parent = nullptr);

    void addDiagnostics(const QString &file, const QList<Diagnostic> &diagnostics);
    void addProblem(const QString &text, bool error = true);
    QStringList problems() const;
    int errorCount() const { return m_errors; }     // all errors reported, shown or not
    int warningCount() const { return m_warnings; } // all warnings reported, shown or not
    QString title() const;
    void clearProblems();

private:
    void addItem(const QString &text, bool error);
    void updateTitle();
    QLabel *m_title;
    QListWidget *m_list;
    int m_errors = 0;
    int m_warnings = 0;
    int m_errorItems = 0; // the error lines at the top of the list
};

} // namespace lectern
