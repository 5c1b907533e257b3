#include "mainwindow.h"

namespace lectern {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Lectern"));
    resize(1100, 700);
}

} // namespace lectern
