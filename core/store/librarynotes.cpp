// Library: notes with revisions (compare-and-set) and their history. The revision and the
// history are kept by a trigger (schema version 3), so every writer of a note takes part.
#include "store/library.h"

#include "store/library_p.h"

namespace lectern {

namespace {

std::optional<StoredNote> readNote(Library::Private *d, qint64 id, bool *found) {
    QSqlQuery *q =
        d->stmt(QStringLiteral("SELECT note, note_at, note_rev FROM papers WHERE id = ?"));
    if (!d->run(q, {id}))
        return std::nullopt;
    StoredNote n;
    *found = q->next();
    if (*found) {
        n.text = q->value(0).toString();
        n.at = timeOf(q->value(1));
        n.revision = q->value(2).toLongLong();
    }
    q->finish();
    return n;
}

} // namespace

std::optional<StoredNote> Library::note(qint64 id) const {
    d->clearError();
    if (!isOpen()) {
        d->fail(QStringLiteral("the library is not open"));
        return std::nullopt;
    }
    bool found = false;
    std::optional<StoredNote> n = readNote(d.get(), id, &found);
    if (!found)
        return std::nullopt;
    return n;
}

NoteWrite Library::setNote(qint64 id, const QString &markdown, qint64 expectedRevision,
                           qint64 session) {
    d->clearError();
    NoteWrite result;
    const QString text = markdown.trimmed().isEmpty() ? QString() : markdown;
    const bool ok = d->transaction([&] {
        bool found = false;
        const std::optional<StoredNote> stored = readNote(d.get(), id, &found);
        if (!stored)
            return false;
        if (!found)
            return d->fail(QStringLiteral("no paper with id ") + QString::number(id));
        result.note = *stored;
        if (stored->text == text) {
            result.status = NoteWriteStatus::Saved; // nothing to write, whoever wrote it
            return true;
        }
        if (stored->revision != expectedRevision) {
            result.status = NoteWriteStatus::Conflict;
            return true;
        }
        // The old index entry goes before the text changes (external content), the new one
        // after; the trigger bumps note_rev and records the version.
        const QVariant at = text.isEmpty() ? QVariant() : QVariant(nowUtc());
        if (!d->markDirty(id) ||
            !d->run(d->stmt(QStringLiteral(
                        "UPDATE papers SET note = ?, note_at = ?, note_session = ? WHERE id = ?")),
                    {text.isEmpty() ? QVariant() : QVariant(text), at,
                     session != 0 ? QVariant(session) : QVariant(), id}) ||
            !d->indexRow(id))
            return false;
        bool again = false;
        const std::optional<StoredNote> now = readNote(d.get(), id, &again);
        if (!now)
            return false;
        result.note = *now;
        result.status = NoteWriteStatus::Saved;
        return true;
    });
    if (!ok)
        result.status = NoteWriteStatus::Failed;
    return result;
}

std::optional<QList<NoteVersion>> Library::noteHistory(qint64 id) const {
    d->clearError();
    QSqlQuery *q = d->stmt(QStringLiteral("SELECT id, note, saved_at FROM note_history "
                                          "WHERE paper_id = ? ORDER BY id DESC LIMIT ?"));
    if (!d->run(q, {id, kNoteHistoryLimit}))
        return std::nullopt;
    QList<NoteVersion> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toString(), timeOf(q->value(2))});
    q->finish();
    return out;
}

} // namespace lectern
