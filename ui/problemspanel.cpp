#include "problemspanel.h"
#include "icons.h"
#include "safetextbrowser.h"

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
    m_title->setTextFormat(Qt::RichText); // our own markup; counts only
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
    auto line = [&file](const Diagnostic &d, const QString &kind) {
        const QString where = d.line > 0 ? file + u':' + QString::number(d.line) : file;
        return u"%1: %2: %3"_s.arg(where, kind, d.message);
    };
    for (const Diagnostic &d : diagnostics)
        if (d.severity == Severity::Error) {
            ++m_errors;
            addItem(line(d, tr("error")), true);
        }
    int warnings = 0;
    for (const Diagnostic &d : diagnostics)
        if (d.severity == Severity::Warning && ++warnings <= MaxWarningsPerFile)
            addItem(line(d, tr("warning")), false);
    m_warnings += warnings;
    if (warnings > MaxWarningsPerFile)
        addItem(
            tr("… and %n more warning(s) in %1", nullptr, warnings - MaxWarningsPerFile).arg(file),
            false);
    updateTitle();
    if (!diagnostics.isEmpty())
        setVisible(true);
}

void ProblemsPanel::addProblem(const QString &text, bool error) {
    ++(error ? m_errors : m_warnings);
    addItem(text, error);
    updateTitle();
    setVisible(true);
}

// Errors go below the errors already listed, above every warning; warnings go at the end.
void ProblemsPanel::addItem(const QString &text, bool error) {
    auto *item = new QListWidgetItem(Icons::icon(error ? u"error"_s : u"warning"_s), text);
    item->setToolTip(SafeTextBrowser::toolTip(text)); // diagnostics quote digest text
    if (error)
        m_list->insertItem(m_errorItems++, item);
    else
        m_list->addItem(item);
}

QStringList ProblemsPanel::problems() const {
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i)
        out << m_list->item(i)->text();
    return out;
}

QString ProblemsPanel::title() const {
    return m_title->text();
}

void ProblemsPanel::clearProblems() {
    m_list->clear();
    m_errors = m_warnings = m_errorItems = 0;
    setVisible(false);
}

void ProblemsPanel::updateTitle() {
    QStringList parts;
    if (m_errors > 0)
        parts << tr("%n error(s)", nullptr, m_errors);
    if (m_warnings > 0)
        parts << tr("%n warning(s)", nullptr, m_warnings);
    m_title->setText(tr("<b>Import problems</b>: %1").arg(parts.join(u", "_s)));
}

} // namespace lectern
