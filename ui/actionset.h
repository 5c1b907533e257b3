#pragma once

#include <QHash>
#include <QKeySequence>
#include <QObject>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;

namespace lectern {

// The window's keyboard actions, in the order of its menus. Each is a QAction on the window
// (so its keys work wherever the focus is in it) and in a menu; the `?` overlay lists the same
// actions, so the keys it shows are the keys that work.
class ActionSet : public QObject {
    Q_OBJECT
public:
    explicit ActionSet(QMainWindow *window);

    // Adds a menu to the window's menu bar; the actions added next go into it.
    void beginMenu(const QString &title);
    void addSeparator();
    QAction *add(const QString &name, const QString &text, const QList<QKeySequence> &keys,
                 std::function<void()> slot);
    // An action made elsewhere (the undo stack's), given its name and keys. helpText is the
    // overlay's label when the action's own text changes (empty: the action's text).
    QAction *adopt(const QString &name, QAction *action, const QList<QKeySequence> &keys,
                   const QString &helpText = {});

    QAction *action(const QString &name) const { return m_byName.value(name); }
    QList<QAction *> listed() const { return m_listed; }
    // The platform's key for a standard action (Open, Quit, Undo, Redo), then the documented
    // key (README) when the platform's differs or it has none (e.g. Quit on some platforms).
    static QList<QKeySequence> standardKeys(QKeySequence::StandardKey key,
                                            const QKeySequence &documented);
    // What the `?` overlay calls the action: its help text, else its text without '&' and '…'.
    static QString helpText(const QAction *action);

private:
    QMainWindow *m_window;
    QMenu *m_menu = nullptr;
    QHash<QString, QAction *> m_byName;
    QList<QAction *> m_listed;
};

} // namespace lectern
