#include "paperlistmodel.h"
#include "icons.h"

#include "text/latextext.h"
#include "paperroles.h"

#include <QFont>

#include <algorithm>

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

// Page `index` of the view. In reversed order the page is the matching window at the end of
// the library's order, flipped, so reversing never needs the whole result.
const QList<PaperListModel::Row> *PaperListModel::page(int index) const {
    if (auto it = m_pages.find(index); it != m_pages.end()) {
        m_pageUse.removeOne(index);
        m_pageUse.append(index);
        return &*it;
    }
    const int start = index * BatchSize;
    const int end = qMin(start + BatchSize, m_total);
    if (!m_library || start < 0 || start >= end)
        return nullptr;
    const int offset = m_reversed ? m_total - end : start;
    const QueryResult result = m_library->query(m_query, m_sort, end - start, offset);
    QList<Row> rows;
    rows.reserve(result.rows.size());
    for (const PaperRow &p : result.rows)
        rows.append(makeRow(p));
    if (m_reversed)
        std::reverse(rows.begin(), rows.end());
    // If the library changed under us the page may be short: its missing rows show empty
    // until the next reload (an import always triggers one).
    while (m_pageUse.size() >= MaxPages)
        dropPage(m_pageUse.first());
    for (int i = 0; i < rows.size(); ++i)
        m_rowById.insert(rows[i].paper.id, start + i);
    m_pageUse.append(index);
    return &*m_pages.insert(index, std::move(rows));
}

void PaperListModel::dropPage(int index) const {
    for (const Row &r : m_pages.value(index))
        m_rowById.remove(r.paper.id);
    m_pages.remove(index);
    m_pageUse.removeOne(index);
}

void PaperListModel::clearPages() {
    m_pages.clear();
    m_pageUse.clear();
    m_rowById.clear();
}

const PaperListModel::Row *PaperListModel::row(int row) const {
    if (row < 0 || row >= m_total)
        return nullptr;
    const QList<Row> *rows = page(row / BatchSize);
    const int at = row % BatchSize;
    return rows && at < rows->size() ? &rows->at(at) : nullptr;
}

QString PaperListModel::setQuery(const QString &query) {
    // One window of the library validates the query and gives the total; in the library's
    // order it is also the first page (reversed, the first page is read from the end).
    const QueryResult first = m_library->query(query, m_sort, BatchSize, 0);
    if (!first.ok()) {
        m_error = first.error;
        Q_EMIT queryFinished(m_total, m_error);
        return m_error;
    }
    beginResetModel();
    clearPages();
    m_query = query;
    m_total = first.total;
    m_error.clear();
    if (!m_reversed && m_total > 0) {
        QList<Row> rows;
        rows.reserve(first.rows.size());
        for (const PaperRow &p : first.rows) {
            m_rowById.insert(p.id, int(rows.size()));
            rows.append(makeRow(p));
        }
        m_pages.insert(0, std::move(rows));
        m_pageUse.append(0);
    }
    endResetModel();
    Q_EMIT queryFinished(m_total, m_error);
    return {};
}

void PaperListModel::reload() {
    setQuery(m_query);
}

int PaperListModel::rowForId(qint64 id) const {
    return m_rowById.value(id, -1);
}

qint64 PaperListModel::idAt(int index) const {
    const Row *r = row(index);
    return r ? r->paper.id : 0;
}

std::optional<PaperRow> PaperListModel::rowAt(int index) const {
    const Row *r = row(index);
    if (!r)
        return std::nullopt;
    return r->paper;
}

QList<int> PaperListModel::loadedPages() const {
    QList<int> pages = m_pages.keys();
    std::sort(pages.begin(), pages.end());
    return pages;
}

int PaperListModel::loadedRowCount() const {
    return int(m_rowById.size());
}

PaperListModel::SortKey PaperListModel::keyOf(qint64 id, const QString &title, QDate date,
                                              const QDate *digest) const {
    SortKey key;
    key.id = id;
    key.date = date;
    if (m_sort == SortOrder::Title) {
        key.title = title.toUtf8();
        for (char &c : key.title)
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
    }
    if (m_sort == SortOrder::Digest) {
        if (digest) {
            key.digest = *digest;
        } else if (const auto paper = m_library->paper(id); paper && !paper->digests.isEmpty()) {
            key.digest = paper->digests.last();
        }
    }
    return key;
}

PaperListModel::SortKey PaperListModel::keyOf(const PaperRow &paper) const {
    return keyOf(paper.id, paper.title, paper.date, nullptr);
}

// True when `a` comes before `b` in the view. Mirrors the library's ORDER BY (libraryquery.cpp):
// date: date DESC, id DESC; digest: latest digest DESC, date DESC, id DESC; title: title
// NOCASE, id. Missing dates sort as SQLite's NULL / '' do: lowest.
bool PaperListModel::before(const SortKey &a, const SortKey &b) const {
    bool lib = false;
    if (m_sort == SortOrder::Title)
        lib = a.title != b.title ? a.title < b.title : a.id < b.id;
    else if (m_sort == SortOrder::Digest && a.digest != b.digest)
        lib = a.digest > b.digest;
    else
        lib = a.date != b.date ? a.date > b.date : a.id > b.id;
    if (m_reversed)
        return !lib && a.id != b.id;
    return lib;
}

int PaperListModel::locate(qint64 id) const {
    if (const int known = rowForId(id); known >= 0)
        return known;
    if (!m_library || m_total == 0)
        return -1;
    const auto paper = m_library->paper(id);
    if (!paper)
        return -1;
    const QDate digest = paper->digests.isEmpty() ? QDate() : paper->digests.last();
    const SortKey target = keyOf(id, paper->paper.title, paper->paper.date, &digest);
    // The first page whose last row is not before the paper holds it, if the view does.
    int lo = 0, hi = (m_total - 1) / BatchSize;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        const QList<Row> *rows = page(mid);
        if (!rows || rows->isEmpty())
            return -1;
        if (before(keyOf(rows->last().paper), target))
            lo = mid + 1;
        else
            hi = mid;
    }
    page(lo);
    // -1 also when the paper is not in this view (after a new filter): a scan to make sure
    // would read every page.
    return rowForId(id);
}

void PaperListModel::updateRows(const QList<qint64> &ids,
                                const std::function<bool(PaperRow &)> &change, int firstColumn,
                                int lastColumn) {
    int lo = INT_MAX, hi = -1;
    for (qint64 id : ids) {
        const int row = rowForId(id);
        if (row < 0)
            continue;
        auto page = m_pages.find(row / BatchSize);
        if (page == m_pages.end() || !change((*page)[row % BatchSize].paper))
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
    return parent.isValid() ? 0 : m_total;
}

int PaperListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PaperListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row *loaded = this->row(index.row());
    if (!loaded)
        return {};
    const Row &row = *loaded;
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

int PaperListModel::nextUnreadRow(int after) const {
    // Usually the next unread paper is close: look through the rest of this page and the next.
    const int first = qMax(after + 1, 0);
    const int scanEnd = qMin(m_total, (first / BatchSize + 2) * BatchSize);
    for (int r = first; r < scanEnd; ++r)
        if (const Row *loaded = row(r); loaded && !loaded->paper.read)
            return r;
    if (scanEnd >= m_total || !m_library)
        return -1;
    // Else the library's unread query, in the same order, holds the answer: the first of its
    // papers that comes after the last row looked at. A galloping search over its offsets (one
    // one-row query per probe) finds it, then locate() finds its row with a binary search.
    const std::optional<PaperRow> last = rowAt(scanEnd - 1);
    if (!last)
        return -1;
    const SortKey from = keyOf(*last);
    const QString unreadQuery = m_query + u" is:unread"_s;
    // Each query of the library costs tens of ms on a large view (it counts, then walks the
    // order): the first one brings a window of unread papers, later probes one paper each.
    const QueryResult head = m_library->query(unreadQuery, m_sort, 64, 0);
    const int unread = head.total;
    if (!head.ok() || unread == 0)
        return -1;
    QHash<int, PaperRow> byOffset; // library offset in the unread query -> paper
    for (int i = 0; i < head.rows.size(); ++i)
        byOffset.insert(i, head.rows[i]);
    // Unread paper j in the view's order (reversed: counted from the end of the library's).
    auto unreadAt = [&](int j) -> std::optional<PaperRow> {
        const int offset = m_reversed ? unread - 1 - j : j;
        if (const auto it = byOffset.constFind(offset); it != byOffset.constEnd())
            return *it;
        const QueryResult r = m_library->query(unreadQuery, m_sort, 1, offset);
        if (!r.ok() || r.rows.isEmpty())
            return std::nullopt;
        byOffset.insert(offset, r.rows.first());
        return r.rows.first();
    };
    auto isAfter = [&](int j) {
        const auto p = unreadAt(j);
        return !p || before(from, keyOf(*p));
    };
    // Smallest j in [0, unread) with isAfter(j); isAfter is false then true along j.
    int lo = 0, hi = 1;
    while (hi <= unread && !isAfter(hi - 1)) {
        lo = hi;
        hi = qMin(2 * hi, unread + 1);
        if (lo == unread)
            return -1;
    }
    hi = qMin(hi - 1, unread - 1); // isAfter(hi) is true
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (isAfter(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    const auto target = unreadAt(lo);
    if (!target || !before(from, keyOf(*target)))
        return -1;
    return locate(target->id);
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
