#include "paperlistmodel.h"
#include "icons.h"

#include "paperroles.h"
#include "safetextbrowser.h"
#include "store/databaseworker.h"
#include "text/latextext.h"

#include <QElapsedTimer>
#include <QFont>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

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
    const int offset = isReversed() ? m_total - end : start;
    // Never an exact count on this thread: the count stops at the window's end (reading the
    // window walks that far anyway), or at the first page's cap when that is further, so the
    // library plans the window's read from the same lower bound as the first page's.
    const int cap = std::max(offset + (end - start), countStep());
    const QueryResult result = read(m_query, end - start, offset, cap);
    QList<Row> rows;
    rows.reserve(result.rows.size());
    for (const PaperRow &p : result.rows)
        rows.append(makeRow(p));
    if (isReversed())
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

// The first page and the total: capped when a worker counts the rest (not reversed: the
// first page of a reversed view is read from the end, which needs the exact total).
QueryResult PaperListModel::firstPage(const QString &query) const {
    if (m_worker && m_countCap > 0 && !isReversed())
        return read(query, BatchSize, 0, m_countCap);
    return read(query, BatchSize, 0, 0);
}

// Every read of the library's rows goes through here: countCap 0 counts every match.
QueryResult PaperListModel::read(const QString &query, int limit, int offset, int countCap) const {
    if (countCap <= 0)
        ++m_exactCounts;
    return m_library->queryCapped(query, sortOrder(), limit, offset, countCap);
}

QString PaperListModel::setQuery(const QString &query) {
    // One window of the library validates the query and gives the total; in the library's
    // order it is also the first page (reversed, the first page is read from the end).
    QElapsedTimer timer;
    timer.start();
    const QueryResult first = firstPage(query);
    m_lastQueryNs = timer.nsecsElapsed();
    if (!first.ok()) {
        m_error = first.error;
        Q_EMIT queryFinished(m_total, m_error);
        Q_EMIT totalChanged(m_total, m_totalExact);
        return m_error;
    }
    beginResetModel();
    clearPages();
    ++m_generation;
    m_query = query;
    m_total = first.total;
    m_totalExact = !first.totalIsLowerBound;
    m_error.clear();
    if (!isReversed() && m_total > 0) {
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
    Q_EMIT totalChanged(m_total, m_totalExact);
    if (!m_totalExact)
        requestExactTotal();
    return {};
}

void PaperListModel::setWorker(DatabaseWorker *worker) {
    m_worker = worker;
    connect(worker, &DatabaseWorker::jobDone, this, &PaperListModel::onWorkerJobDone);
    // The worker could not open its library for the count (it says why): not asked again
    // until the next query or reload.
    connect(worker, &DatabaseWorker::failed, this, [this](quint64 job) {
        if (job != 0 && job == m_countJob && m_countResult)
            m_countResult->failed = true;
    });
}

// One count at a time on the worker: while one runs, later queries wait for it, and only the
// latest is counted next (typing must not queue a count per keystroke).
void PaperListModel::requestExactTotal() {
    if (m_countJob != 0 || !m_worker)
        return;
    auto result = std::make_shared<CountResult>();
    m_countResult = result;
    m_countGeneration = m_generation;
    m_countJob =
        m_worker->post([query = m_query, result](Library &library, const std::function<bool()> &) {
            result->ran = true;
            // With the read figure, which the view's progress asks next (Library::totalAndRead
            // remembers it): one pass over a broad search's matches instead of two.
            if (const auto figures = library.totalAndRead(query))
                result->total = figures->first;
        });
}

// jobDone comes after the job's body has run: its answer is read here, on this thread.
void PaperListModel::onWorkerJobDone(quint64 job) {
    if (job == 0 || job != m_countJob)
        return;
    m_countJob = 0;
    const std::shared_ptr<CountResult> result = std::exchange(m_countResult, nullptr);
    if (m_totalExact || !result)
        return;
    // Stale (count the current query), or skipped: the worker skips the jobs posted before a
    // cancel() (cancelling an import), and jobDone still comes.
    if (m_countGeneration != m_generation || (!result->ran && !result->failed)) {
        requestExactTotal();
        return;
    }
    if (result->total)
        setExactTotal(*result->total);
    // else the count failed (a post() job reports nothing; an unopened library was reported
    // by the worker's failed()): the list keeps its lower bound until the next query or reload
}

// The exact total replaces the lower bound: the rows past it are inserted (or, if the library
// lost papers meanwhile, removed), so the selection and the loaded pages stay.
void PaperListModel::setExactTotal(int total) {
    resizeTo(total);
    m_totalExact = true;
    Q_EMIT totalChanged(m_total, true);
}

QString PaperListModel::lowerBoundText(int total) {
    return QLocale().toString(total) + QLatin1Char('+');
}

void PaperListModel::growTo(int total) {
    if (total <= m_total)
        return;
    resizeTo(total);
    Q_EMIT totalChanged(m_total, m_totalExact);
}

// Rows inserted past the old end, or removed past the new one; the pages that stop there are
// dropped (dropPagesPast).
void PaperListModel::resizeTo(int total) {
    if (total > m_total) {
        beginInsertRows({}, m_total, total - 1);
        dropPagesPast(m_total);
        m_total = total;
        endInsertRows();
    } else if (total < m_total) {
        beginRemoveRows({}, total, m_total - 1);
        dropPagesPast(total);
        m_total = total;
        endRemoveRows();
    }
}

// Before the list grows past `end` rows: a page read then stopped at `end` (page() reads no
// further than the total), so the one holding it, if partial, is read again when next shown.
// Reversed, every page is counted from the end: all of them are read again.
void PaperListModel::dropPagesPast(int end) {
    const QList<int> pages = m_pages.keys();
    for (int index : pages)
        if (isReversed() || (index + 1) * BatchSize > end)
            dropPage(index);
}

// The reader reached the last row of a lower bound (j, Down) while the exact count waits (an
// import holds the worker): counted on by one more capped count, never an exact one.
void PaperListModel::extendTotal() {
    if (m_totalExact || !m_library || m_total <= 0)
        return;
    const QueryResult more = read(m_query, 0, 0, m_total + countStep());
    if (!more.ok())
        return;
    if (!more.totalIsLowerBound)
        setExactTotal(more.total); // the worker's answer, when it comes, is not needed
    else
        growTo(more.total);
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

// The library counts the papers listed before this one (its own order, the one of the
// pages); reversed, the view reads that order from the end. No page is loaded.
// Past a lower-bound total the paper is still in the view: the list grows to its row (a
// reversed view's total is always exact).
int PaperListModel::locate(qint64 id) {
    if (const int known = rowForId(id); known >= 0)
        return known;
    if (!m_library || m_total == 0 || id == 0)
        return -1;
    const int row = m_library->rowOf(m_query, sortOrder(), id);
    if (row < 0)
        return -1;
    if (row >= m_total) {
        if (m_totalExact)
            return -1;
        growTo(row + 1);
    }
    return isReversed() ? m_total - 1 - row : row;
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

// The mark of a paper matching the follow list: a filled circle in the highlight colour.
QIcon PaperListModel::followMark() {
    static const QIcon icon = [] {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xe0, 0x8a, 0x00));
        painter.drawEllipse(QRectF(4, 4, 8, 8));
        return QIcon(pixmap);
    }();
    return icon;
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
            // A later version on arXiv (fetched metadata): marked before the title.
            return p.newerVersion ? u"\u21bb "_s + row.title : row.title;
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
        if (index.column() == TitleColumn && p.followed)
            return followMark();
        return {};
    case Qt::ToolTipRole:
        // Digest text: escaped, so Qt never renders it as rich text (an <img> would load).
        if (index.column() == TitleColumn)
            return SafeTextBrowser::toolTip(titleToolTip(row));
        if (index.column() == AuthorsColumn)
            return SafeTextBrowser::toolTip(p.authors.join(u", "_s));
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
    case NewerVersionRole:
        return p.newerVersion;
    case FollowedRole:
        return p.followed;
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

// The title, whether arXiv has a newer version, and in For you why it ranks where it does.
QString PaperListModel::titleToolTip(const Row &row) const {
    QString tip = row.title;
    if (row.paper.newerVersion)
        tip += u"\n"_s + tr("arXiv has a newer version");
    if (row.paper.followed)
        tip += u"\n"_s + tr("Matches an author or topic you follow");
    if (sortOrder() == SortOrder::ForYou && m_library)
        if (const std::optional<QString> why = m_library->rankWhy(row.paper.id);
            why && !why->isEmpty())
            tip += u"\n"_s + tr("For you: %1").arg(*why);
    return tip;
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
