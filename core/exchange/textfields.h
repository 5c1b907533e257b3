#pragma once

// Small text helpers the export writers share, written for speed: an export formats every
// field of every paper, so a copy saved per field is a good part of its time.

#include <QDate>
#include <QString>

namespace lectern::textfields {

// QString::simplified() without the copy when the text is simple already (the common case:
// no leading, trailing or repeated whitespace, no tabs or line breaks).
QString simplified(const QString &text);

// "yyyy/MM/dd", "yyyy-MM-dd": a date in digits with the given separator; empty when invalid.
QString dateText(const QDate &date, QChar separator);

} // namespace lectern::textfields
