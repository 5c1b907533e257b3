#include "icons.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

// The SVGs are compiled into this static library; make sure they are registered before use.
static void initIconResources() {
    Q_INIT_RESOURCE(resources);
}

namespace lectern {

QIcon Icons::icon(const QString &name) {
    static const bool registered = (initIconResources(), true);
    Q_UNUSED(registered);
    static QHash<QString, QIcon> cache;
    if (const auto it = cache.constFind(name); it != cache.cend())
        return *it;
    QSvgRenderer renderer(u":/lectern/icons/"_s + name + u".svg"_s);
    QIcon icon;
    if (renderer.isValid()) {
        for (int size : {16, 22, 24, 32, 48, 64, 96, 128, 256}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            renderer.render(&painter);
            painter.end();
            icon.addPixmap(pixmap);
        }
    }
    cache.insert(name, icon);
    return icon;
}

} // namespace lectern
