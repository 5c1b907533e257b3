#include "settings.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace lectern {

Settings::Settings(const QString &iniPath)
    : m_settings(iniPath.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

Settings::~Settings() = default;

QByteArray Settings::windowGeometry() const {
    return m_settings->value(u"window/geometry"_s).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry) {
    m_settings->setValue(u"window/geometry"_s, geometry);
}

QList<int> Settings::splitterSizes(const QString &name) const {
    QList<int> sizes;
    const QVariantList list = m_settings->value(u"splitters/"_s + name).toList();
    for (const QVariant &v : list)
        sizes.append(v.toInt());
    return sizes;
}

void Settings::setSplitterSizes(const QString &name, const QList<int> &sizes) {
    QVariantList list;
    for (int s : sizes)
        list.append(s);
    m_settings->setValue(u"splitters/"_s + name, list);
}

QByteArray Settings::listHeaderState() const {
    return m_settings->value(u"list/header"_s).toByteArray();
}

void Settings::setListHeaderState(const QByteArray &state) {
    m_settings->setValue(u"list/header"_s, state);
}

QString Settings::selectedView() const {
    return m_settings->value(u"session/view"_s, u"view:all"_s).toString();
}

void Settings::setSelectedView(const QString &key) {
    m_settings->setValue(u"session/view"_s, key);
}

qint64 Settings::selectedPaper() const {
    return m_settings->value(u"session/paper"_s, 0).toLongLong();
}

void Settings::setSelectedPaper(qint64 id) {
    m_settings->setValue(u"session/paper"_s, id);
}

int Settings::markReadDelayMs() const {
    return qMax(0, m_settings->value(u"reading/markReadDelayMs"_s, 1500).toInt());
}

void Settings::setMarkReadDelayMs(int ms) {
    m_settings->setValue(u"reading/markReadDelayMs"_s, qMax(0, ms));
}

bool Settings::markReadOnMove() const {
    return m_settings->value(u"reading/markReadOnMove"_s, true).toBool();
}

void Settings::setMarkReadOnMove(bool on) {
    m_settings->setValue(u"reading/markReadOnMove"_s, on);
}

bool Settings::unreadOnly() const {
    return m_settings->value(u"session/unreadOnly"_s).toBool();
}

void Settings::setUnreadOnly(bool on) {
    m_settings->setValue(u"session/unreadOnly"_s, on);
}

QString Settings::lastOpenDir() const {
    return m_settings->value(u"session/openDir"_s).toString();
}

void Settings::setLastOpenDir(const QString &dir) {
    m_settings->setValue(u"session/openDir"_s, dir);
}

// One list per library ("resume/<sha1 of the path>"): [view, id] pairs, most recent first.
static QString resumeKey(const QString &libraryPath) {
    const QByteArray hash =
        QCryptographicHash::hash(libraryPath.toUtf8(), QCryptographicHash::Sha1).toHex();
    return u"resume/"_s + QString::fromLatin1(hash.left(16));
}

qint64 Settings::lastPaperInView(const QString &libraryPath, const QString &viewKey) const {
    const QVariantList list = m_settings->value(resumeKey(libraryPath)).toList();
    for (const QVariant &entry : list) {
        const QVariantList pair = entry.toList();
        if (pair.size() == 2 && pair.at(0).toString() == viewKey)
            return pair.at(1).toLongLong();
    }
    return 0;
}

void Settings::setLastPaperInView(const QString &libraryPath, const QString &viewKey, qint64 id) {
    const QString key = resumeKey(libraryPath);
    const QVariantList old = m_settings->value(key).toList();
    if (!old.isEmpty()) {
        const QVariantList first = old.first().toList();
        if (first.size() == 2 && first.at(0).toString() == viewKey &&
            first.at(1).toLongLong() == id)
            return; // unchanged: no rewrite
    }
    QVariantList list{QVariant(QVariantList{viewKey, id})};
    for (const QVariant &entry : old) {
        if (list.size() >= MaxRememberedViews)
            break;
        const QVariantList pair = entry.toList();
        if (pair.size() == 2 && pair.at(0).toString() != viewKey)
            list << entry;
    }
    m_settings->setValue(key, list);
}

void Settings::sync() {
    m_settings->sync();
}

} // namespace lectern
