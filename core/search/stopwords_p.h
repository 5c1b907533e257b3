#pragma once

// The English function words the search index leaves out (the "lectern" FTS5 tokenizer,
// store/ftstokenizer_p.h) and the query language skips beside other words. Lower-case ASCII.

#include <QStringList>
#include <QStringView>

namespace lectern::StopWords {

QStringList all();
bool contains(const char *word, int size); // a folded token as FTS5 gives it (UTF-8)
bool contains(QStringView word);

} // namespace lectern::StopWords
