#pragma once

#include <QApplication>
#include <QPalette>
#include <QString>

namespace lectern::test {

// The QApplication the GUI tests share (Catch2 owns main()).
QApplication *guiApp();
QPalette lightPalette();
QPalette darkPalette();
// Saves a grab of the widget as LECTERN_TEST_OUTPUT_DIR/screenshots/NAME.png; returns the path.
QString saveScreenshot(QWidget *widget, const QString &name);
// The sample digest compiled into the application.
QByteArray sampleDigest();

} // namespace lectern::test
