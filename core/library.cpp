#include "library.h"

namespace lectern {

struct Library::Private {
};

Library::Library()
    : d(std::make_unique<Private>())
{
}

Library::~Library() = default;

} // namespace lectern
