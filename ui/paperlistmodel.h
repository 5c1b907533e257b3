#pragma once

#include "store/library.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>

#include <memory>
#include <optional>

namespace lectern {

class DatabaseWorker;

// The paper list: one query of the library, sparse. rowCount() is the query's total; rows are
// loaded in pages of 200 when first asked for (one Library::query window each, a few ms even
// deep in a large view) and at most MaxPages pages are kept, so reaching row 99,999 of a
// 100,000-paper view costs one page, not every row before it.
// State changes of single rows (read, star, note) update the loaded row in place and emit
// dataChanged; only a new query or reload() resets the model.
// With a worker set (the window), a query counts at most countCap() matches with its first
// page (Library::queryCapped): over that many, rowCount() is the cap until the exact total,
// counted on the worker, arrives and the rows past it are inserted (totalChanged). Reversed
// order reads from the end of the view, so it counts exactly at once.
class PaperListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StarColumn, TitleColumn, AuthorsColumn, DateColumn, KeywordsColumn, ColumnCount };
    static constexpr int BatchSize = 200;  // rows per page
    static constexpr int MaxPages = 64;    // loaded pages kept (least recently used dropped)
    static constexpr int CountCap = 10000; // matches counted with a query's first page
    // A lower bound as the window writes it: "10,000+" (the filter bar, export, Shift+A).
    static QString lowerBoundText(int total);

    explicit PaperListModel(const Library *library, QObject *parent = nullptr);

    // Runs the query. On a malformed query the current rows stay and the error is returned
    // (and kept in error()); on success the model is reset to the first batch.
    QString setQuery(const QString &query);
    QString query() const { return m_query; }
    QString error() const { return m_error; }
    // The rows the list has: the exact total, or while isTotalExact() is false a lower bound.
    int total() const { return m_total; }
    bool isTotalExact() const { return m_totalExact; }
    // The worker that counts the exact total of a capped query (without one, every query is
    // counted exactly on this thread). Set once, before the first query.
    void setWorker(DatabaseWorker *worker);
    void setCountCap(int cap) { m_countCap = cap; } // 0: count exactly (for tests: a small cap)
    int countCap() const { return m_countCap; }
    // For the benchmarks: the time the last setQuery spent in Library::query (the query's share
    // of a filter keystroke; the rest is the window's).
    qint64 lastQueryNs() const { return m_lastQueryNs; }
    // For tests: the reads that counted every match on this thread (only a query without a
    // worker or in reversed order; never a page).
    int exactCounts() const { return m_exactCounts; }

    // Over a lower bound: counts on past it (one more capped count on this thread) and grows
    // the list. For j at the last row while the exact count waits.
    void extendTotal();

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
    // when the paper is not in the view. A row past a lower-bound total grows the list to it.
    int locate(qint64 id);
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
    // After every query or reload, when the exact total replaces a lower bound, and when
    // locate() grows a lower bound: the rows the list has, and whether that is all matches.
    void totalChanged(int total, bool exact);

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
    QueryResult firstPage(const QString &query) const;
    QueryResult read(const QString &query, int limit, int offset, int countCap) const;
    void requestExactTotal();
    void onWorkerJobDone(quint64 job);
    void setExactTotal(int total);
    void growTo(int total);
    void resizeTo(int total);
    // How far one capped count reaches: the cap, or CountCap where counts are exact.
    int countStep() const { return m_countCap > 0 ? m_countCap : CountCap; }
    void dropPagesPast(int end);
    void updateRows(const QList<qint64> &ids, const std::function<bool(PaperRow &)> &change,
                    int firstColumn, int lastColumn);

    const Library *m_library;
    QString m_query;
    QString m_error;
    SortOrder m_sort = SortOrder::Digest;
    bool m_reversed = false;
    std::optional<SortOrder> m_viewSort;
    int m_total = 0;
    bool m_totalExact = true;
    int m_countCap = CountCap;
    DatabaseWorker *m_worker = nullptr;
    quint64 m_generation = 0; // bumped by every query and reload: older counts are stale
    // The exact count running on the worker (0: none), for which generation, and its answer.
    quint64 m_countJob = 0;
    quint64 m_countGeneration = 0;
    struct CountResult {
        bool ran = false;    // set by the job's body: false when the worker skipped it
        bool failed = false; // the worker could not open its library
        std::optional<int> total;
    };
    std::shared_ptr<CountResult> m_countResult;
    qint64 m_lastQueryNs = 0;
    mutable int m_exactCounts = 0;
    // Loaded pages (mutable: data() loads on demand) and their use order, most recent last.
    mutable QHash<int, QList<Row>> m_pages;
    mutable QList<int> m_pageUse;
    mutable QHash<qint64, int> m_rowById; // rows of the loaded pages
    QIcon m_starOn, m_starOff;
    static QIcon followMark(); // papers matching the follow list
};

} // namespace lectern
