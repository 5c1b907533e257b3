#include "filterbar.h"

#include "paperlistmodel.h"
#include "search/queryterms.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    m_edit->setPlaceholderText(
        tr("Search (/): words, \"phrase\", author:, kw:, tag:, is:unread, digest:, after:, -word"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_edit->setAccessibleName(tr("Search"));
    row->addWidget(m_edit, 1);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(u"000,000 papers"_s));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_count->setTextFormat(Qt::PlainText);
    row->addWidget(m_count);
    layout->addLayout(row);
    m_error->setTextFormat(Qt::PlainText); // the message quotes the query
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setAutoFillBackground(true);
    m_error->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_error);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(DebounceMs);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(&m_debounce, &QTimer::timeout, this, [this] { Q_EMIT queryChanged(m_edit->text()); });
}

QString FilterBar::text() const {
    return m_edit->text();
}

void FilterBar::setText(const QString &text) {
    m_edit->setText(text);
    m_debounce.stop();
    Q_EMIT queryChanged(text);
}

void FilterBar::clear() {
    setText({});
}

// The count is set by setCount (the model's totalChanged, after every query).
void FilterBar::setResult(int, const QString &error) {
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty()) {
        QPalette pal = m_error->palette();
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        pal.setColor(QPalette::Window, dark ? QColor(0x7a, 0x1f, 0x1f) : QColor(0xb3, 0x26, 0x1e));
        pal.setColor(QPalette::BrightText, Qt::white);
        m_error->setPalette(pal);
        m_error->setText(tr("Query not applied: %1").arg(error));
    }
}

void FilterBar::setCount(int total, bool exact) {
    m_count->setText(exact ? tr("%Ln paper(s)", nullptr, total)
                           : tr("%1 papers").arg(PaperListModel::lowerBoundText(total)));
}

QString FilterBar::countText() const {
    return m_count->text();
}

QString FilterBar::errorText() const {
    return m_error->isVisible() ? m_error->text() : QString();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_edit) {
        if (event->type() == QEvent::ShortcutOverride) {
            // Esc clears the search even though the field has focus.
            auto *key = static_cast<QKeyEvent *>(event);
            if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Return ||
                key->key() == Qt::Key_Enter) {
                event->accept();
                return true;
            }
        } else if (event->type() == QEvent::KeyPress) {
            auto *key = static_cast<QKeyEvent *>(event);
            if (key->key() == Qt::Key_Escape) {
                Q_EMIT escapePressed();
                return true;
            }
            if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return ||
                key->key() == Qt::Key_Enter) {
                if (m_debounce.isActive()) {
                    m_debounce.stop();
                    Q_EMIT queryChanged(m_edit->text());
                }
                Q_EMIT downPressed();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

QStringList FilterBar::highlightTerms() const {
    return QueryTerms::highlightTerms(text());
}

} // namespace lectern
