#include "sidebar.h"

#include "digestprogressdelegate.h"
#include "search/queryterms.h"

#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace lectern {

static constexpr int KeyRole = Qt::UserRole + 1;

Sidebar::Sidebar(QWidget *parent)
    : QTreeWidget(parent) {
    setColumnCount(2);
    setHeaderHidden(true);
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setAccessibleName(tr("Views"));
    setItemDelegate(new DigestProgressDelegate(this)); // digests: progress bar, check mark

    auto section = [this](const QString &title) {
        auto *item = new QTreeWidgetItem(this, {title});
        item->setFlags(Qt::ItemIsEnabled);
        QFont f = item->font(0);
        f.setBold(true);
        item->setFont(0, f);
        item->setExpanded(true);
        return item;
    };
    m_views = section(tr("Library"));
    const QList<std::pair<QString, QString>> views = {{u"view:all"_s, tr("All")},
                                                      {u"view:unread"_s, tr("Unread")},
                                                      {u"view:starred"_s, tr("Starred")},
                                                      {u"view:noted"_s, tr("With notes")},
                                                      {u"view:following"_s, tr("Following")},
                                                      {u"view:foryou"_s, tr("For you")},
                                                      {u"view:similar"_s, tr("More like this")}};
    for (const auto &[key, title] : views) {
        auto *item = new QTreeWidgetItem(m_views, {title, QString()});
        item->setData(0, KeyRole, key);
    }
    m_digestRoot = section(tr("Digests"));
    m_keywordRoot = section(tr("Keywords"));
    m_tagRoot = section(tr("Tags"));
    m_categoryRoot = section(tr("Categories")); // of fetched arXiv metadata
    m_keywordRoot->setExpanded(false);
    expandAll();
    m_keywordRoot->setExpanded(false);

    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (m_updating || !item)
            return;
        const QString key = item->data(0, KeyRole).toString();
        if (!key.isEmpty())
            Q_EMIT viewSelected(key, queryForKey(key));
    });
}

// The view's query, built by the search module (quoted so it matches exactly that value).
QString Sidebar::queryForKey(const QString &key) {
    const qsizetype colon = key.indexOf(u':');
    const QString kind = key.left(colon);
    const QString value = key.mid(colon + 1);
    using State = QueryTerms::State;
    if (kind == u"view"_s) {
        if (value == u"unread"_s)
            return QueryTerms::state(State::Unread);
        if (value == u"starred"_s)
            return QueryTerms::state(State::Starred);
        if (value == u"noted"_s)
            return QueryTerms::state(State::Noted);
        if (value == u"foryou"_s) // the unread, by score (RankController::sortForView)
            return QueryTerms::state(State::Unread);
        if (value == u"similar"_s) // the last "More like this" (m), nearest first
            return u"is:similar"_s;
        if (value == u"following"_s)
            return QueryTerms::state(State::Followed);
        return {};
    }
    if (kind == u"digest"_s)
        return QueryTerms::digest(QDate::fromString(value, Qt::ISODate));
    if (kind == u"kw"_s)
        return QueryTerms::keyword(value);
    if (kind == u"tag"_s)
        return QueryTerms::tag(value);
    if (kind == u"cat"_s)
        return QueryTerms::category(value);
    return {};
}

// Sets a value only when it changed, so a refresh repaints only what changed.
static void setText(QTreeWidgetItem *item, int column, const QString &text) {
    if (item->text(column) != text)
        item->setText(column, text);
}

static void setBold(QTreeWidgetItem *item, bool bold) {
    if (item->font(0).bold() == bold)
        return;
    QFont f = item->font(0);
    f.setBold(bold);
    item->setFont(0, f);
}

// Keywords, tags, categories: the number of papers.
static void showTotal(QTreeWidgetItem *item, const CountItem &c) {
    setText(item, 1, QString::number(c.total));
}

// Digests show their reading progress: "37/108" read of total, with the delegate's bar and
// check mark (the roles); a digest with unread papers is bold.
static void showProgress(QTreeWidgetItem *item, const CountItem &c) {
    const int read = c.total - c.unread;
    setBold(item, c.unread > 0);
    if (item->data(0, DigestProgressDelegate::ReadRole) == read &&
        item->data(0, DigestProgressDelegate::TotalRole) == c.total)
        return;
    item->setText(1, u"%1/%2"_s.arg(QString::number(read), QString::number(c.total)));
    item->setData(0, DigestProgressDelegate::ReadRole, read);
    item->setData(0, DigestProgressDelegate::TotalRole, c.total);
    item->setToolTip(0, Sidebar::tr("%1: %2 of %3 read")
                            .arg(c.name, QString::number(read), QString::number(c.total)));
}

// The entries of a section: updated in place when they are the same names in the same order
// (a refresh after reading changes only counts; at a million papers there are 10,000
// digests), else made anew and inserted at once (one insertion for the view, not one per
// entry). max 0: all.
static void fill(QTreeWidgetItem *root, const QString &prefix, const QList<CountItem> &items,
                 int max, void (*show)(QTreeWidgetItem *, const CountItem &)) {
    const qsizetype n = max > 0 ? qMin<qsizetype>(max, items.size()) : items.size();
    bool same = root->childCount() == n;
    for (qsizetype i = 0; same && i < n; ++i)
        same = root->child(int(i))->text(0) == items.at(i).name;
    if (!same) {
        qDeleteAll(root->takeChildren());
        QList<QTreeWidgetItem *> children;
        children.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            auto *item = new QTreeWidgetItem(QStringList{items.at(i).name, QString()});
            item->setData(0, KeyRole, QString(prefix + items.at(i).name));
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            children << item;
        }
        root->addChildren(children);
    }
    for (qsizetype i = 0; i < n; ++i)
        show(root->child(int(i)), items.at(i));
}

void Sidebar::setCounts(const Counts &counts) {
    const QString key = currentKey();
    m_updating = true;
    const QList<int> values = {counts.all, counts.unread, counts.starred, counts.noted,
                               counts.followed};
    for (int i = 0; i < m_views->childCount() && i < values.size(); ++i) {
        m_views->child(i)->setText(1, QString::number(values[i]));
        m_views->child(i)->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    fill(m_digestRoot, u"digest:"_s, counts.digests, 0, showProgress);
    fill(m_keywordRoot, u"kw:"_s, counts.keywords, MaxKeywords, showTotal);
    fill(m_tagRoot, u"tag:"_s, counts.tags, 0, showTotal);
    fill(m_categoryRoot, u"cat:"_s, counts.categories, 0, showTotal);
    m_categoryRoot->setHidden(counts.categories.isEmpty());
    m_digestRoot->setText(1, QString::number(counts.digests.size()));
    m_tagRoot->setText(1, counts.tags.isEmpty() ? QString() : QString::number(counts.tags.size()));
    if (QTreeWidgetItem *item = findItem(key)) {
        setCurrentItem(item);
        m_pendingKey.clear();
    }
    m_updating = false;
}

QString Sidebar::currentKey() const {
    if (!m_pendingKey.isEmpty())
        return m_pendingKey;
    return currentItem() ? currentItem()->data(0, KeyRole).toString() : QString();
}

QString Sidebar::titleForKey(const QString &key) const {
    if (const QTreeWidgetItem *item = findItem(key))
        return item->text(0);
    return key.section(u':', 1); // not listed yet: the digest's date, the keyword, the tag
}

QTreeWidgetItem *Sidebar::digestItem(const QString &date) const {
    return findItem(u"digest:"_s + date);
}

QTreeWidgetItem *Sidebar::findItem(const QString &key) const {
    if (key.isEmpty())
        return nullptr;
    for (QTreeWidgetItem *root : {m_views, m_digestRoot, m_keywordRoot, m_tagRoot, m_categoryRoot})
        for (int i = 0; i < root->childCount(); ++i)
            if (root->child(i)->data(0, KeyRole).toString() == key)
                return root->child(i);
    return nullptr;
}

bool Sidebar::select(const QString &key) {
    QTreeWidgetItem *item = findItem(key);
    if (!item) {
        // Counts arrive asynchronously: a digest, keyword or tag may not be listed yet. Apply
        // its query now and select the entry when it appears.
        const QString kind = key.section(u':', 0, 0);
        if (kind != u"digest"_s && kind != u"kw"_s && kind != u"tag"_s && kind != u"cat"_s)
            return false;
        m_pendingKey = key;
        Q_EMIT viewSelected(key, queryForKey(key));
        return true;
    }
    m_pendingKey.clear();
    if (item == currentItem()) {
        Q_EMIT viewSelected(key, queryForKey(key));
        return true;
    }
    setCurrentItem(item);
    return true;
}

} // namespace lectern
