#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

namespace lectern {

class Library;
class NoteEditor;

// Between the note editor and the library, which other writers change too (lectern-cli note,
// import-annotations, another window). Each save is a compare-and-set against the revision the
// editor's text is based on: a note changed meanwhile is never overwritten, the editor shows
// the conflict and the user chooses (NoteConflictBar). A note changed elsewhere while the editor
// has nothing unsaved is shown at once (checked every CheckMs, on focusing the editor, and when
// a paper is shown). Each showing of a paper in the editor is one editing session: its autosaves
// are one version of the note's history (browsed and restored with the editor's History…).
class NoteSync : public QObject {
    Q_OBJECT
public:
    NoteSync(Library *library, NoteEditor *editor, QObject *parent = nullptr);

    // Shows the shown paper's note as stored when it changed and the editor has nothing unsaved.
    void check();
    // Opens the history of the shown paper's note.
    void showHistory();
    static constexpr int CheckMs = 2000;

Q_SIGNALS:
    void noteWritten(qint64 id, bool hasNote); // saved by the editor
    // The same save, with the stored text it replaced (for the undo entry).
    void noteSaved(qint64 id, const QString &before, const QString &after);
    void changedElsewhere(qint64 id, bool hasNote); // shown after another writer changed it
    void saveFailed(const QString &error);

private:
    struct Base {
        qint64 revision = -1; // the stored revision the editor's text is based on
        QString text;         // the stored text at that revision
        qint64 session = 0;
    };
    void loaded(qint64 id, const QString &text);
    void save(qint64 id, const QString &text);
    void resolved(qint64 id);
    void restore(qint64 id, const QString &text);
    static qint64 newSession();

    Library *m_library;
    NoteEditor *m_editor;
    QHash<qint64, Base> m_base;
    QHash<qint64, qint64> m_conflictRevision; // the revision the user saw in the conflict bar
    QTimer m_timer;
};

} // namespace lectern
