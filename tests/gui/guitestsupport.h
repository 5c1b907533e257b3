#pragma once

#include <QApplication>
#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>

namespace lectern {
class NoteEditor;
class ReadingPane;
} // namespace lectern

namespace lectern::test {

// The QApplication the GUI tests share (Catch2 owns main()).
QApplication *guiApp();
QPalette lightPalette();
QPalette darkPalette();
// Saves a grab of the widget as LECTERN_TEST_OUTPUT_DIR/screenshots/NAME.png; returns the path.
QString saveScreenshot(QWidget *widget, const QString &name);
// The sample digest compiled into the application.
QByteArray sampleDigest();
// The background colours of the highlighted spans in the pane's document (#rrggbb).
QStringList highlightBackgrounds(const lectern::ReadingPane *pane);
// The colour the note's highlighting theme gives its first Markdown heading (invalid: none).
QColor noteHeadingColour(const lectern::NoteEditor *notes);

} // namespace lectern::test
