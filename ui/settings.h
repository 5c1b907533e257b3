#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

class QSettings;

namespace lectern {

// Typed access to the persisted UI state (QSettings underneath). Tests pass an INI file path so
// they never touch the user's configuration.
class Settings {
public:
    // iniPath empty: the platform's default QSettings for the application.
    explicit Settings(const QString &iniPath = {});
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

    QList<int> splitterSizes(const QString &name) const;
    void setSplitterSizes(const QString &name, const QList<int> &sizes);

    // QHeaderView::saveState of the paper list: column widths and sort indicator.
    QByteArray listHeaderState() const;
    void setListHeaderState(const QByteArray &state);

    // Sidebar selection key ("view:all", "digest:2025-05-06", "kw:llm", "tag:todo").
    QString selectedView() const;
    void setSelectedView(const QString &key);
    qint64 selectedPaper() const; // 0 when none
    void setSelectedPaper(qint64 id);

    // Milliseconds a paper must be shown before it is marked read; 0 turns the timer off.
    int markReadDelayMs() const;
    void setMarkReadDelayMs(int ms);
    // Whether moving past a paper (j, n, Space at the end) marks it read.
    bool markReadOnMove() const;
    void setMarkReadOnMove(bool on);

    bool unreadOnly() const;
    void setUnreadOnly(bool on);

    QString lastOpenDir() const;
    void setLastOpenDir(const QString &dir);

    // The last paper shown in each view of a library (view key: the sidebar key, or the query
    // when a search is typed), so reopening the view returns to it; the most recent
    // MaxRememberedViews views per library are kept. 0 when none.
    qint64 lastPaperInView(const QString &libraryPath, const QString &viewKey) const;
    void setLastPaperInView(const QString &libraryPath, const QString &viewKey, qint64 id);
    static constexpr int MaxRememberedViews = 200;

    void sync();

    // The QSettings underneath, for what core keeps in the same file (the watched folders).
    QSettings *store() const { return m_settings.get(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace lectern
