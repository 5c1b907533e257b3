#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lectern"));
    QApplication::setOrganizationName(QStringLiteral("Lectern"));
    lectern::MainWindow window;
    window.show();
    return app.exec();
}
