#pragma once

#include <QMainWindow>

namespace lectern {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace lectern
