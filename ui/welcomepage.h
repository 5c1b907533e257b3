#pragma once

#include <QWidget>

namespace lectern {

// Shown while the library is empty: what Lectern does and how to start.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openDigestRequested();
    void openSampleRequested();
};

} // namespace lectern
