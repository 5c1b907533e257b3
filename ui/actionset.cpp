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

static const char *const kHelpText = "lecternHelpText";

QAction *ActionSet::adopt(const QString &name, QAction *action, const QList<QKeySequence> &keys,
                          const QString &helpText) {
    action->setObjectName(name);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    if (!helpText.isEmpty())
        action->setProperty(kHelpText, helpText);
    m_window->addAction(action);
    if (m_menu)
        m_menu->addAction(action);
    m_byName.insert(name, action);
    m_listed.append(action);
    return action;
}

QString ActionSet::helpText(const QAction *action) {
    const QString fixed = action->property(kHelpText).toString();
    if (!fixed.isEmpty())
        return fixed;
    QString text = action->text();
    text.remove(u'&');
    text.remove(QStringLiteral("…"));
    return text;
}

QList<QKeySequence> ActionSet::standardKeys(QKeySequence::StandardKey key,
                                            const QKeySequence &documented) {
    QList<QKeySequence> keys;
    if (const QKeySequence platform(key); !platform.isEmpty())
        keys << platform;
    if (!keys.contains(documented))
        keys << documented;
    return keys;
}

} // namespace lectern
