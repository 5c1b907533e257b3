#pragma once

#include <QChar>
#include <QLatin1StringView>

namespace lectern {

// The usual ASCII spelling, in lower case, of a Latin letter that Unicode's compatibility
// decomposition (NFKD) leaves whole, small or capital: ß → "ss", ø/Ø → "o", æ/Æ → "ae", ł/Ł → "l",
// þ/Þ → "th", …
// An empty view for any other character. Shared by the follow matcher's folding and the
// exports' ASCII keys so that both spell a name the same way.
QLatin1StringView asciiSpelling(QChar c);

} // namespace lectern
