#pragma once

#include <QDate>
#include <QFrame>

class QLabel;
class QPushButton;

namespace lectern {

// What the end of a digest says, in any view: the digest's read, starred and noted papers, the
// time spent on it in this session, and "Next digest" (n / Enter, handled by the window).
struct DigestSummary {
    QDate digest;
    int total = 0, read = 0, starred = 0, noted = 0;
    qint64 msSpent = 0;
    QDate next; // the next digest with unread papers; invalid when none
};

class TriageSummary : public QFrame {
    Q_OBJECT
public:
    explicit TriageSummary(QWidget *parent = nullptr);

    void showSummary(const DigestSummary &summary);
    const DigestSummary &summary() const { return m_summary; }
    // The summary's text in one line (also the accessible description).
    QString text() const;
    QPushButton *nextButton() const { return m_next; }

Q_SIGNALS:
    void nextRequested();
    void closeRequested();

private:
    DigestSummary m_summary;
    QLabel *m_title = nullptr;
    QLabel *m_body = nullptr;
    QPushButton *m_next = nullptr;
};

} // namespace lectern
