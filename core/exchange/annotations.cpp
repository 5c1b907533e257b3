#include "exchange/annotations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace lectern {

namespace {

QJsonValue timeValue(const QDateTime &t) {
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime parseTime(const QJsonValue &v) {
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonObject toObject(const Annotation &a) {
    QJsonObject o;
    o.insert(QStringLiteral("read"), a.read);
    o.insert(QStringLiteral("read_at"), timeValue(a.readAt));
    o.insert(QStringLiteral("starred"), a.starred);
    o.insert(QStringLiteral("starred_at"), timeValue(a.starredAt));
    o.insert(QStringLiteral("note"), a.note);
    o.insert(QStringLiteral("note_at"), timeValue(a.noteAt));
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(a.tags));
    return o;
}

// Strict on types so a hand-edited file with a mistake is reported, not half-applied.
bool fromObject(const QJsonObject &o, Annotation *a, QString *error) {
    auto boolField = [&](const QString &name, bool *out) {
        const QJsonValue v = o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isBool()) {
            *error = QStringLiteral("\"%1\" must be true or false").arg(name);
            return false;
        }
        *out = v.toBool();
        return true;
    };
    auto timeField = [&](const QString &name, QDateTime *out) {
        const QJsonValue v = o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        *out = parseTime(v);
        if (!out->isValid()) {
            *error = QStringLiteral("\"%1\" must be an ISO 8601 time or null").arg(name);
            return false;
        }
        return true;
    };
    if (!boolField(QStringLiteral("read"), &a->read) ||
        !timeField(QStringLiteral("read_at"), &a->readAt) ||
        !boolField(QStringLiteral("starred"), &a->starred) ||
        !timeField(QStringLiteral("starred_at"), &a->starredAt) ||
        !timeField(QStringLiteral("note_at"), &a->noteAt))
        return false;
    const QJsonValue note = o.value(QStringLiteral("note"));
    if (note.isString())
        a->note = note.toString();
    else if (!note.isUndefined() && !note.isNull()) {
        *error = QStringLiteral("\"note\" must be a string");
        return false;
    }
    const QJsonValue tags = o.value(QStringLiteral("tags"));
    if (tags.isArray()) {
        QStringList list;
        for (const QJsonValue &t : tags.toArray()) {
            if (!t.isString()) {
                *error = QStringLiteral("\"tags\" must be a list of strings");
                return false;
            }
            list << t.toString();
        }
        a->tags = Annotations::normaliseTags(list);
    } else if (!tags.isUndefined() && !tags.isNull()) {
        *error = QStringLiteral("\"tags\" must be a list of strings");
        return false;
    }
    if (!a->read)
        a->readAt = {};
    if (!a->starred)
        a->starredAt = {};
    if (a->note.isEmpty())
        a->noteAt = {};
    return true;
}

QDateTime earlier(const QDateTime &a, const QDateTime &b) {
    if (!a.isValid())
        return b;
    if (!b.isValid())
        return a;
    return std::min(a, b);
}

} // namespace

QStringList Annotations::normaliseTags(const QStringList &tags) {
    QStringList out;
    for (const QString &t : tags) {
        const QString s = t.simplified();
        if (s.isEmpty())
            continue;
        const bool dup = std::any_of(out.begin(), out.end(), [&](const QString &o) {
            return o.compare(s, Qt::CaseInsensitive) == 0;
        });
        if (!dup)
            out << s;
    }
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    return out;
}

QByteArray Annotations::toJson(const QMap<QString, Annotation> &annotations) {
    QJsonObject papers;
    for (auto it = annotations.begin(); it != annotations.end(); ++it)
        papers.insert(it.key(), toObject(it.value()));
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("papers"), papers);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool Annotations::fromJson(const QByteArray &json, QMap<QString, Annotation> *out, QString *error) {
    QString dummy;
    QString &err = error ? *error : dummy;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        err = QStringLiteral("not valid JSON: %1 at offset %2")
                  .arg(pe.errorString(), QString::number(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        err = QStringLiteral("expected a JSON object with \"version\" and \"papers\"");
        return false;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("version")).toInt(-1) != 1) {
        err = QStringLiteral("unsupported annotations version (expected \"version\": 1)");
        return false;
    }
    const QJsonValue papers = root.value(QStringLiteral("papers"));
    if (!papers.isObject()) {
        err = QStringLiteral("\"papers\" must be an object keyed by arXiv id");
        return false;
    }
    QMap<QString, Annotation> result;
    const QJsonObject po = papers.toObject();
    for (auto it = po.begin(); it != po.end(); ++it) {
        if (!it.value().isObject() || it.key().trimmed().isEmpty()) {
            err = QStringLiteral("paper \"%1\": expected an object").arg(it.key());
            return false;
        }
        Annotation a;
        QString e;
        if (!fromObject(it.value().toObject(), &a, &e)) {
            err = QStringLiteral("paper \"%1\": %2").arg(it.key(), e);
            return false;
        }
        result.insert(it.key().trimmed(), a);
    }
    *out = result;
    return true;
}

QByteArray Annotations::toJson(const Annotation &a) {
    return QJsonDocument(toObject(a)).toJson(QJsonDocument::Compact);
}

Annotation Annotations::fromJsonObject(const QByteArray &entry) {
    Annotation a;
    QString ignored;
    fromObject(QJsonDocument::fromJson(entry).object(), &a, &ignored);
    return a;
}

Annotation Annotations::merge(const Annotation &local, const Annotation &incoming) {
    Annotation m = local;
    if (incoming.read) {
        m.readAt = local.read ? earlier(local.readAt, incoming.readAt) : incoming.readAt;
        m.read = true;
    }
    if (incoming.starred) {
        m.starredAt =
            local.starred ? earlier(local.starredAt, incoming.starredAt) : incoming.starredAt;
        m.starred = true;
    }
    if (!incoming.note.isEmpty() && incoming.note != local.note) {
        if (local.note.isEmpty() || incoming.note.contains(local.note)) {
            m.note = incoming.note;
            m.noteAt = incoming.noteAt;
        } else if (!local.note.contains(incoming.note)) {
            const bool incomingNewer = incoming.noteAt.isValid() &&
                                       (!local.noteAt.isValid() || incoming.noteAt > local.noteAt);
            const QString sep = QStringLiteral("\n\n---\n\n");
            m.note =
                incomingNewer ? incoming.note + sep + local.note : local.note + sep + incoming.note;
            m.noteAt = std::max(local.noteAt, incoming.noteAt);
        }
    }
    m.tags = normaliseTags(local.tags + incoming.tags);
    return m;
}

} // namespace lectern
