#pragma once

#include "store/library.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>

#include <optional>

namespace lectern {

// The paper list: one query of the library, sparse. rowCount() is the query's total; rows are
// loaded in pages of 200 when first asked for (one Library::query window each, a few ms even
// deep in a large view) and at most MaxPages pages are kept, so reaching row 99,999 of a
// 100,000-paper view costs one page, not every row before it.
// State changes of single rows (read, star, note) update the loaded row in place and emit
// dataChanged; only a new query or reload() resets the model.
class PaperListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StarColumn, TitleColumn, AuthorsColumn, DateColumn, KeywordsColumn, ColumnCount };
    static constexpr int BatchSize = 200; // rows per page
    static constexpr int MaxPages = 64;   // loaded pages kept (least recently used dropped)

    explicit PaperListModel(const Library *library, QObject *parent = nullptr);

    // Runs the query. On a malformed query the current rows stay and the error is returned
    // (and kept in error()); on success the model is reset to the first batch.
    QString setQuery(const QString &query);
    QString query() const { return m_query; }
    QString error() const { return m_error; }
    int total() const { return m_total; }
    // For the benchmarks: the time the last setQuery spent in Library::query (the query's share
    // of a filter keystroke; the rest is the window's).
    qint64 lastQueryNs() const { return m_lastQueryNs; }

    // Re-runs the current query (after an import); pages load again when asked for.
    void reload();

    // The order of the list: the view's (For you, More like this) while one is set, else the
    // one chosen by the header.
    SortOrder sortOrder() const { return m_viewSort.value_or(m_sort); }
    bool isReversed() const { return !m_viewSort && m_reversed; }
    // Set before setQuery: the view's own order (nullopt: the header's again).
    void setViewSort(std::optional<SortOrder> sort) { m_viewSort = sort; }

    int rowForId(qint64 id) const; // -1 when the paper is not loaded (or not in the result)
    // The row of a paper anywhere in the view (Library::rowOf: a count, no page loaded); -1
    // when the paper is not in the view.
    int locate(qint64 id) const;
    qint64 idAt(int row) const; // 0 when out of range (loads the row's page)
    std::optional<PaperRow> rowAt(int row) const;

    // For tests: the pages and rows currently held.
    QList<int> loadedPages() const;
    int loadedRowCount() const;

    // In-place state updates (the library was already written). Rows not loaded are ignored.
    void setRead(const QList<qint64> &ids, bool read);
    void setStarred(const QList<qint64> &ids, bool starred);
    void setHasNote(qint64 id, bool hasNote);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Title sorts by title, Date by the paper date, -1 in digest order. The library has no
    // order for the other columns, so sorting by them is ignored (the view does not offer it).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortableColumn(int column) {
        return column == TitleColumn || column == DateColumn;
    }

Q_SIGNALS:
    // After every query or reload: the number of matches and the error (empty when valid).
    void queryFinished(int total, const QString &error);

private:
    struct Row {
        PaperRow paper;
        QString title;   // rendered (Unicode) title
        QString authors; // "First Author et al."
        QString keywords;
    };
    const Row *row(int row) const; // loads the page when needed; null when out of range
    const QList<Row> *page(int page) const;
    void dropPage(int page) const;
    void clearPages();
    static Row makeRow(const PaperRow &paper);
    QString titleToolTip(const Row &row) const;
    void updateRows(const QList<qint64> &ids, const std::function<bool(PaperRow &)> &change,
                    int firstColumn, int lastColumn);

    const Library *m_library;
    QString m_query;
    QString m_error;
    SortOrder m_sort = SortOrder::Digest;
    bool m_reversed = false;
    std::optional<SortOrder> m_viewSort;
    int m_total = 0;
    qint64 m_lastQueryNs = 0;
    // Loaded pages (mutable: data() loads on demand) and their use order, most recent last.
    mutable QHash<int, QList<Row>> m_pages;
    mutable QList<int> m_pageUse;
    mutable QHash<qint64, int> m_rowById; // rows of the loaded pages
    QIcon m_starOn, m_starOff;
    static QIcon followMark(); // papers matching the follow list
};

} // namespace lectern
