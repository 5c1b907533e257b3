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

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitToParent();
    QLabel *m_label;
};

} // namespace lectern
