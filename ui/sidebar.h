#pragma once

#include "store/library.h"

#include <QTreeWidget>

namespace lectern {

// Smart views, digests, keywords and tags with their counts. Each entry has a key
// ("view:unread", "digest:2025-05-06", "kw:llm", "tag:todo") and a query fragment in the
// library's language; selecting an entry emits both.
class Sidebar : public QTreeWidget {
    Q_OBJECT
public:
    explicit Sidebar(QWidget *parent = nullptr);

    void setCounts(const Counts &counts);
    QString currentKey() const;
    // Selects the entry; false (selection unchanged) when there is no such entry.
    bool select(const QString &key);
    static QString queryForKey(const QString &key);
    // What the entry is called ("All", "2025-05-06", "llm"), for the window title.
    QString titleForKey(const QString &key) const;
    // The digest's entry (ISO date), nullptr while it is not listed: its text is "37/108" (read
    // of total) in column 1, with DigestProgressDelegate's roles.
    QTreeWidgetItem *digestItem(const QString &date) const;
    // Digests (ISO dates) in sidebar order, newest first, with their unread counts.
    static constexpr int MaxKeywords = 60;

Q_SIGNALS:
    void viewSelected(const QString &key, const QString &query);

private:
    QTreeWidgetItem *findItem(const QString &key) const;
    QTreeWidgetItem *m_views, *m_digestRoot, *m_keywordRoot, *m_tagRoot, *m_categoryRoot;
    QString m_pendingKey; // selected before its entry existed (counts not loaded yet)
    bool m_updating = false;
};

} // namespace lectern
