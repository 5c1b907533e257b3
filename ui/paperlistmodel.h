#pragma once

#include "library.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>

#include <optional>

namespace lectern {

// The paper list: one query of the library, loaded lazily in batches of 200 rows
// (canFetchMore/fetchMore), so a view over 100,000 papers only ever holds what was scrolled to.
// State changes of single rows (read, star, note) update the cached row in place and emit
// dataChanged; only a new query or reload() resets the model.
class PaperListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StarColumn, TitleColumn, AuthorsColumn, DateColumn, KeywordsColumn, ColumnCount };
    static constexpr int BatchSize = 200;

    explicit PaperListModel(const Library *library, QObject *parent = nullptr);

    // Runs the query. On a malformed query the current rows stay and the error is returned
    // (and kept in error()); on success the model is reset to the first batch.
    QString setQuery(const QString &query);
    QString query() const { return m_query; }
    QString error() const { return m_error; }
    int total() const { return m_total; }

    // Re-runs the current query (after an import), keeping as many rows loaded as before.
    void reload();

    SortOrder sortOrder() const { return m_sort; }
    bool isReversed() const { return m_reversed; }

    int rowForId(qint64 id) const; // -1 when the paper is not loaded (or not in the result)
    qint64 idAt(int row) const;    // 0 when out of range
    std::optional<PaperRow> rowAt(int row) const;

    // The first loaded row after `after` whose paper is unread; -1 when there is none.
    int nextUnreadRow(int after) const;
    // The first unread paper beyond the loaded rows, found by one query of the library (not by
    // paging through read papers); the rows up to it are then loaded in a few large batches.
    // Returns its row, or -1 when no unread paper lies beyond the loaded rows (nothing loaded).
    int loadNextUnread();

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
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
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
    bool fetchRows(int count, QList<Row> *out, int *total, QString *error) const;
    bool appendRows(int count); // fetchRows + insertion; false when nothing came
    static Row makeRow(const PaperRow &paper);
    void updateRows(const QList<qint64> &ids, const std::function<bool(PaperRow &)> &change,
                    int firstColumn, int lastColumn);

    const Library *m_library;
    QString m_query;
    QString m_error;
    SortOrder m_sort = SortOrder::Digest;
    bool m_reversed = false;
    bool m_changing = false; // inside a reset or an insertion: no nested fetch
    int m_total = 0;
    QList<Row> m_rows;
    QHash<qint64, int> m_rowById;
    QIcon m_starOn, m_starOff;
};

} // namespace lectern
