#include "actionset.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace lectern {

ActionSet::ActionSet(QMainWindow *window)
    : QObject(window)
    , m_window(window) {}

void ActionSet::beginMenu(const QString &title) {
    m_menu = m_window->menuBar()->addMenu(title);
}

void ActionSet::addSeparator() {
    if (m_menu)
        m_menu->addSeparator();
}

QAction *ActionSet::add(const QString &name, const QString &text, const QList<QKeySequence> &keys,
                        std::function<void()> slot) {
    auto *action = new QAction(text, m_window);
    connect(action, &QAction::triggered, m_window, std::move(slot));
    return adopt(name, action, keys);
}

QAction *ActionSet::adopt(const QString &name, QAction *action, const QList<QKeySequence> &keys,
                          bool listed) {
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(action);
    if (m_menu)
        m_menu->addAction(action);
    m_byName.insert(name, action);
    if (listed)
        m_listed.append(action);
    return action;
}

} // namespace lectern
