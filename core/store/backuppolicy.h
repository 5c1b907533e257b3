#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace lectern {

// Which automatic backups to keep: the newest backup of each of the last `daily` days, of
// each of the last `weekly` ISO weeks and of each of the last `monthly` months (a backup may
// count for all three). Written "daily=7,weekly=4,monthly=6" (missing keys keep their
// default); "0" (or "off") turns automatic backups off.
class BackupPolicy {
public:
    int daily = 7;
    int weekly = 4;
    int monthly = 6;
    bool enabled = true;

    // nullopt (and *error) for a malformed text.
    static std::optional<BackupPolicy> parse(const QString &text, QString *error = nullptr);
    // $LECTERN_BACKUPS, else the settings key "backups/policy", else the default. A malformed
    // value gives the default and *warning says why.
    static BackupPolicy configured(QString *warning = nullptr);
    static QString settingsKey() { return QStringLiteral("backups/policy"); }
    QString toString() const;

    // The indexes of `times` (the backups' times, any order) that this policy lets go.
    QList<int> toDelete(const QList<QDateTime> &times) const;
};

} // namespace lectern
