#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace lectern {

// The search field: the library's query language, applied 150 ms after the last keystroke, with
// the number of matches beside it and a malformed query explained inline (never a dialog).
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text); // applies at once
    void clear();                      // applies at once
    QLineEdit *lineEdit() const { return m_edit; }
    void setResult(int total, const QString &error); // shows the error, if any
    // "N papers", or "N+ papers" while the list has only counted a first N (not exact).
    void setCount(int total, bool exact);
    QString countText() const;
    QString errorText() const;
    // The free words and phrases of the query, as the compiled query has them
    // (QueryTerms::highlightTerms): what the reading pane highlights.
    QStringList highlightTerms() const;
    static constexpr int DebounceMs = 150;

Q_SIGNALS:
    void queryChanged(const QString &text); // debounced
    void escapePressed();
    void downPressed(); // move into the list

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QLabel *m_count;
    QLabel *m_error;
    QTimer m_debounce;
};

} // namespace lectern
