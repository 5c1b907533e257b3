#pragma once

#include <QIcon>

namespace lectern {

// Icons from the SVGs in resources/icons, rendered with QSvgRenderer at several sizes (sharp at
// any scale factor) so they do not depend on the SVG icon-engine plugin being installed.
class Icons {
public:
    static QIcon icon(const QString &name); // "star-on" -> :/lectern/icons/star-on.svg
};

} // namespace lectern
