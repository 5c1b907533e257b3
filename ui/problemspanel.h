#pragma once

#include "paper.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace lectern {

// A dismissible list of import problems, one "file:line: message" per line.
class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsPanel(QWidget *parent = nullptr);

    void addDiagnostics(const QString &file, const QList<Diagnostic> &diagnostics);
    void addProblem(const QString &text, bool error = true);
    QStringList problems() const;
    void clearProblems();

private:
    void updateTitle();
    QLabel *m_title;
    QListWidget *m_list;
};

} // namespace lectern
