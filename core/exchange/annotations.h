#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

namespace lectern {

// What the user wrote about one paper.
struct Annotation {
    bool read = false;
    QDateTime readAt;
    bool starred = false;
    QDateTime starredAt;
    QString note;
    QDateTime noteAt;
    QStringList tags; // sorted, unique (case-insensitively)

    bool isEmpty() const { return !read && !starred && note.isEmpty() && tags.isEmpty(); }
    bool operator==(const Annotation &) const = default;
};

// The annotations file: {"version":1,"papers":{"<key>":{"read":true,"read_at":"...",
// "starred":false,"starred_at":null,"note":"...","note_at":"...","tags":["a"]}}}
// keyed by arXiv id (or "title:..." for papers without one). Times are ISO 8601 UTC.
class Annotations {
public:
    static QByteArray toJson(const QMap<QString, Annotation> &annotations);
    // Returns false with a message naming the problem (and nothing in *out) on bad input.
    static bool fromJson(const QByteArray &json, QMap<QString, Annotation> *out, QString *error);
    static QByteArray toJson(const Annotation &a);             // one entry, for storage
    static Annotation fromJsonObject(const QByteArray &entry); // inverse of the above

    // Merge that never loses what the user wrote: read/starred are true if either is (the
    // earlier time kept); tags are united; notes: an empty side takes the other, equal notes
    // stay, otherwise the newer note comes first and the older follows after a separator
    // (unless one contains the other, then the longer is kept).
    static Annotation merge(const Annotation &local, const Annotation &incoming);
    static QStringList normaliseTags(const QStringList &tags);
};

} // namespace lectern
