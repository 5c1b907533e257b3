#include "paperlistmodel.h"
#include "icons.h"

#include "latextext.h"
#include "paperroles.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace lectern {

PaperListModel::PaperListModel(const Library *library, QObject *parent)
    : QAbstractTableModel(parent)
    , m_library(library)
    , m_starOn(Icons::icon(u"star-on"_s))
    , m_starOff(Icons::icon(u"star-off"_s)) {}

PaperListModel::Row PaperListModel::makeRow(const PaperRow &paper) {
    Row row;
    row.paper = paper;
    // One line in the list: runs of spaces and line breaks (left by the source or by the math
    // conversion) collapse, as they do in the pane's HTML.
    row.title = LatexText::toPlainText(paper.title).simplified();
    if (paper.authors.isEmpty())
        row.authors = QString();
    else if (paper.authors.size() == 1)
        row.authors = paper.authors.first();
    else
        row.authors = tr("%1 et al.").arg(paper.authors.first());
    row.keywords = paper.keywords.join(u", "_s);
    return row;
}

// Loads `count` rows after those already loaded. In reversed order the batch is taken from the
// end of the library's order and flipped, so reversing never needs the whole result.
bool PaperListModel::fetchRows(int count, QList<Row> *out, int *total, QString *error) const {
    const int loaded = int(m_rows.size());
    int offset = loaded;
    int limit = count;
    if (m_reversed) {
        const int end = m_total - loaded; // exclusive end in the library's order
        offset = qMax(0, end - count);
        limit = end - offset;
        if (limit <= 0 && loaded > 0)
            return true;
    }
    const QueryResult result = m_library->query(m_query, m_sort, qMax(limit, 1), offset);
    if (!result.ok()) {
        *error = result.error;
        return false;
    }
    *total = result.total;
    out->reserve(result.rows.size());
    for (const PaperRow &p : result.rows)
        out->append(makeRow(p));
    if (m_reversed)
        std::reverse(out->begin(), out->end());
    return true;
}

QString PaperListModel::setQuery(const QString &query) {
    // The total must be known before a reversed fetch; a first query with limit 1 gives it.
    if (m_reversed) {
        const QueryResult probe = m_library->query(query, m_sort, 1, 0);
        if (!probe.ok()) {
            m_error = probe.error;
            Q_EMIT queryFinished(m_total, m_error);
            return m_error;
        }
        m_total = probe.total;
    }
    const QString previousQuery = m_query;
    m_query = query;
    const QList<Row> previousRows = std::exchange(m_rows, {});
    QList<Row> rows;
    int total = 0;
    QString error;
    if (!fetchRows(BatchSize, &rows, &total, &error)) {
        m_query = previousQuery;
        m_rows = previousRows;
        m_error = error;
        Q_EMIT queryFinished(m_total, m_error);
        return m_error;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_total = total;
    m_error.clear();
    m_rowById.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows[i].paper.id, i);
    // Listeners of modelReset may ask for more rows before every listener has seen the reset;
    // inserting then would nest a change inside the reset (QAbstractItemModelTester rejects it).
    m_changing = true;
    endResetModel();
    m_changing = false;
    Q_EMIT queryFinished(m_total, m_error);
    return {};
}

void PaperListModel::reload() {
    const int wanted = qMax(int(m_rows.size()), BatchSize);
    setQuery(m_query);
    while (m_rows.size() < wanted && canFetchMore({}))
        fetchMore({});
}

int PaperListModel::rowForId(qint64 id) const {
    return m_rowById.value(id, -1);
}

qint64 PaperListModel::idAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows[row].paper.id : 0;
}

std::optional<PaperRow> PaperListModel::rowAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows[row].paper;
}

void PaperListModel::updateRows(const QList<qint64> &ids,
                                const std::function<bool(PaperRow &)> &change, int firstColumn,
                                int lastColumn) {
    int lo = INT_MAX, hi = -1;
    for (qint64 id : ids) {
        const int row = rowForId(id);
        if (row < 0 || !change(m_rows[row].paper))
            continue;
        lo = qMin(lo, row);
        hi = qMax(hi, row);
    }
    if (hi >= 0)
        Q_EMIT dataChanged(index(lo, firstColumn), index(hi, lastColumn));
}

void PaperListModel::setRead(const QList<qint64> &ids, bool read) {
    updateRows(
        ids,
        [read](PaperRow &p) {
            const bool changed = p.read != read;
            p.read = read;
            return changed;
        },
        0, ColumnCount - 1);
}

void PaperListModel::setStarred(const QList<qint64> &ids, bool starred) {
    updateRows(
        ids,
        [starred](PaperRow &p) {
            const bool changed = p.starred != starred;
            p.starred = starred;
            return changed;
        },
        StarColumn, StarColumn);
}

void PaperListModel::setHasNote(qint64 id, bool hasNote) {
    updateRows(
        {id},
        [hasNote](PaperRow &p) {
            const bool changed = p.hasNote != hasNote;
            p.hasNote = hasNote;
            return changed;
        },
        TitleColumn, TitleColumn);
}

int PaperListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PaperListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PaperListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const PaperRow &p = row.paper;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return row.title;
        case AuthorsColumn:
            return row.authors;
        case DateColumn:
            return p.date.isValid() ? p.date.toString(Qt::ISODate) : QString();
        case KeywordsColumn:
            return row.keywords;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == StarColumn)
            return p.starred ? m_starOn : m_starOff;
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn)
            return row.title;
        if (index.column() == AuthorsColumn)
            return p.authors.join(u", "_s);
        if (index.column() == StarColumn)
            return p.starred ? tr("Starred") : tr("Not starred");
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == StarColumn)
            return p.starred ? tr("Starred") : tr("Not starred");
        return data(index, Qt::DisplayRole);
    case Qt::FontRole:
        if (!p.read) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case PaperIdRole:
        return p.id;
    case ArxivIdRole:
        return p.arxivId;
    case TitleSourceRole:
        return p.title;
    case ReadRole:
        return p.read;
    case StarredRole:
        return p.starred;
    case HasNoteRole:
        return p.hasNote;
    case KeywordsRole:
        return p.keywords;
    case AuthorsRole:
        return p.authors;
    case DateRole:
        return p.date;
    default:
        return {};
    }
}

QVariant PaperListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StarColumn:
            return QString();
        case TitleColumn:
            return tr("Title");
        case AuthorsColumn:
            return tr("Authors");
        case DateColumn:
            return tr("Date");
        case KeywordsColumn:
            return tr("Keywords");
        }
    }
    if (role == Qt::ToolTipRole && section == StarColumn)
        return tr("Starred");
    if (role == Qt::DecorationRole && section == StarColumn)
        return m_starOff;
    return {};
}

Qt::ItemFlags PaperListModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool PaperListModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_rows.size() < m_total;
}

void PaperListModel::fetchMore(const QModelIndex &parent) {
    if (m_changing || !canFetchMore(parent))
        return;
    appendRows(BatchSize);
}

bool PaperListModel::appendRows(int count) {
    QList<Row> rows;
    int total = m_total;
    QString error;
    if (!fetchRows(count, &rows, &total, &error) || rows.isEmpty()) {
        // The library changed under us (or failed): stop asking for more until the next query.
        m_total = int(m_rows.size());
        return false;
    }
    const int first = int(m_rows.size());
    // Listeners may call fetchMore again from rowsAboutToBeInserted: the rows are not appended
    // yet, so that would load the same batch twice.
    m_changing = true;
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (Row &r : rows) {
        m_rowById.insert(r.paper.id, int(m_rows.size()));
        m_rows.append(std::move(r));
    }
    endInsertRows();
    m_changing = false;
    return true;
}

int PaperListModel::nextUnreadRow(int after) const {
    for (int row = qMax(after + 1, 0); row < m_rows.size(); ++row)
        if (!m_rows[row].paper.read)
            return row;
    return -1;
}

int PaperListModel::loadNextUnread() {
    if (m_changing || !m_library || !canFetchMore({}))
        return -1;
    // The loaded rows are the start of the view (in reversed order: the end of the library's
    // order), so the unread papers among them are the first (last) ones of the unread query.
    int loadedUnread = 0;
    for (const Row &r : std::as_const(m_rows))
        loadedUnread += !r.paper.read;
    const QString unreadQuery = m_query + u" is:unread"_s;
    int offset = loadedUnread;
    if (m_reversed) {
        const QueryResult all = m_library->query(unreadQuery, m_sort, 1, 0);
        if (!all.ok())
            return -1;
        offset = all.total - loadedUnread - 1;
    }
    if (offset < 0)
        return -1;
    const QueryResult next = m_library->query(unreadQuery, m_sort, 1, offset);
    if (!next.ok() || next.rows.isEmpty())
        return -1;
    const qint64 id = next.rows.first().id;
    // Batches that grow, so a paper far down costs a handful of queries, not hundreds.
    for (int batch = 4 * BatchSize; rowForId(id) < 0 && canFetchMore({}); batch *= 4)
        if (!appendRows(batch))
            break;
    return rowForId(id);
}

void PaperListModel::sort(int column, Qt::SortOrder order) {
    // The library sorts; each order has a natural direction (titles A→Z, dates and digests
    // newest first) and the other direction is read from the end of the result.
    if (column >= 0 && !isSortableColumn(column))
        return;
    SortOrder sort = SortOrder::Digest;
    Qt::SortOrder natural = Qt::DescendingOrder;
    if (column == TitleColumn) {
        sort = SortOrder::Title;
        natural = Qt::AscendingOrder;
    } else if (column == DateColumn) {
        sort = SortOrder::Date;
    }
    const bool reversed = column >= 0 && order != natural;
    if (sort == m_sort && reversed == m_reversed)
        return;
    m_sort = sort;
    m_reversed = reversed;
    if (m_library)
        setQuery(m_query);
}

} // namespace lectern
