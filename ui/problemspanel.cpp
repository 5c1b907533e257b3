#include "problemspanel.h"
#include "icons.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_list(new QListWidget(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    auto *close = new QToolButton(this);
    close->setIcon(Icons::icon(u"close"_s));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    top->addWidget(close);
    layout->addLayout(top);
    m_list->setMaximumHeight(110);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_list);
    connect(close, &QToolButton::clicked, this, &ProblemsPanel::clearProblems);
    setVisible(false);
}

void ProblemsPanel::addDiagnostics(const QString &file, const QList<Diagnostic> &diagnostics) {
    for (const Diagnostic &d : diagnostics) {
        const QString where = d.line > 0 ? u"%1:%2"_s.arg(file).arg(d.line) : file;
        const QString kind = d.severity == Severity::Error ? tr("error") : tr("warning");
        addProblem(u"%1: %2: %3"_s.arg(where, kind, d.message), d.severity == Severity::Error);
    }
}

void ProblemsPanel::addProblem(const QString &text, bool error) {
    auto *item = new QListWidgetItem(Icons::icon(error ? u"error"_s : u"warning"_s), text, m_list);
    item->setToolTip(text);
    updateTitle();
    setVisible(true);
}

QStringList ProblemsPanel::problems() const {
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

void ProblemsPanel::clearProblems() {
    m_list->clear();
    setVisible(false);
}

void ProblemsPanel::updateTitle() {
    m_title->setText(tr("<b>Import problems</b> (%n)", nullptr, m_list->count()));
}

} // namespace lectern
