#pragma once

namespace lectern {
class Library;
}

namespace lectern::bench {

// Times every term kind of the search language over a library built from generateDigests()
// (n papers): 20 variants of each, first page of 200 + total, and prints p50/p95 per kind.
// Stars, reads, tags and notes a few papers first so those terms have something to find.
void runQueries(Library &lib, int n);

} // namespace lectern::bench
