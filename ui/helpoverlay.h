#pragma once

#include <QWidget>

class QAction;
class QLabel;

namespace lectern {

// The `?` overlay: every keyboard action with its keys, drawn over the window. Any key or click
// closes it.
class HelpOverlay : public QWidget {
    Q_OBJECT
public:
    explicit HelpOverlay(QWidget *parent);
    void setActions(const QList<QAction *> &actions);
    void toggle();
    // A key sequence as the user types it: plain letters lower-case ("j", "g a"), modifiers and
    // named keys as Qt writes them ("Shift+A", "Ctrl+O", "Space").
    static QString keyText(const QKeySequence &keys);
    QString text() const; // the rendered list (for tests)

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitToParent();
    QWidget *m_panel; // drawn by paintEvent: a rounded card with padding
    QLabel *m_label;
};

} // namespace lectern
