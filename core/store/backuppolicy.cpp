#include "store/backuppolicy.h"

#include <QSet>
#include <QSettings>

#include <algorithm>
#include <numeric>

namespace lectern {

namespace {

bool setField(BackupPolicy *p, const QString &key, int value) {
    if (key == QLatin1String("daily"))
        p->daily = value;
    else if (key == QLatin1String("weekly"))
        p->weekly = value;
    else if (key == QLatin1String("monthly"))
        p->monthly = value;
    else
        return false;
    return true;
}

// Keeps the newest backup of each of the first `count` distinct periods (newest first).
template <typename PeriodOf>
void keepPerPeriod(const QList<int> &newestFirst, const QList<QDateTime> &times, int count,
                   PeriodOf periodOf, QSet<int> *keep) {
    QSet<qint64> seen;
    for (int i : newestFirst) {
        if (seen.size() >= count)
            return;
        const qint64 period = periodOf(times.at(i).date());
        if (!seen.contains(period)) {
            seen.insert(period);
            keep->insert(i);
        }
    }
}

} // namespace

std::optional<BackupPolicy> BackupPolicy::parse(const QString &text, QString *error) {
    BackupPolicy p;
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("0") || t == QLatin1String("off")) {
        p.enabled = false;
        return p;
    }
    for (const QString &part : t.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString key = part.section(QLatin1Char('='), 0, 0).trimmed();
        bool ok = false;
        const int value = part.section(QLatin1Char('='), 1).trimmed().toInt(&ok);
        if (!ok || value < 0 || !setField(&p, key, value)) {
            if (error)
                *error = QStringLiteral("bad backup policy \"") + text +
                         QStringLiteral("\" at \"") + part +
                         QStringLiteral("\" (expected daily=N,weekly=N,monthly=N or 0)");
            return std::nullopt;
        }
    }
    p.enabled = p.daily + p.weekly + p.monthly > 0;
    return p;
}

BackupPolicy BackupPolicy::configured(QString *warning) {
    QString text = qEnvironmentVariable("LECTERN_BACKUPS");
    if (text.isEmpty())
        text = QSettings().value(settingsKey()).toString();
    if (text.isEmpty())
        return {};
    QString error;
    const std::optional<BackupPolicy> p = parse(text, &error);
    if (!p && warning)
        *warning = error + QStringLiteral("; using ") + BackupPolicy().toString();
    return p.value_or(BackupPolicy());
}

QString BackupPolicy::toString() const {
    if (!enabled)
        return QStringLiteral("0");
    return QStringLiteral("daily=%1,weekly=%2,monthly=%3")
        .arg(QString::number(daily), QString::number(weekly), QString::number(monthly));
}

QList<int> BackupPolicy::toDelete(const QList<QDateTime> &times) const {
    QList<int> order(times.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return times.at(a) > times.at(b); });
    QSet<int> keep;
    if (!order.isEmpty())
        keep.insert(order.first()); // the newest is never rotated away
    const auto day = [](QDate d) { return d.toJulianDay(); };
    keepPerPeriod(order, times, daily, day, &keep);
    keepPerPeriod(
        order, times, weekly,
        [](QDate d) {
            int year = 0;
            const int week = d.weekNumber(&year);
            return qint64(year) * 100 + week;
        },
        &keep);
    keepPerPeriod(
        order, times, monthly, [](QDate d) { return qint64(d.year()) * 100 + d.month(); }, &keep);
    QList<int> out;
    for (int i : order) {
        if (!keep.contains(i))
            out << i;
    }
    return out;
}

} // namespace lectern
