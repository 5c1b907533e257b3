#include "welcomepage.h"
#include "icons.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lectern {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::icon(u"lectern"_s).pixmap(96, 96));
    icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(icon);
    auto *title = new QLabel(u"<h1>"_s + tr("Welcome to Lectern") + u"</h1>"_s, this);
    title->setObjectName(u"welcomeTitle"_s);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto *text = new QLabel(
        tr("Your library is empty. Open the arXiv digests you receive (Markdown files, or a "
           "folder of them), or drop them on this window. Then read with the keyboard: "
           "j/k to move, s to star, e to write a note, ? for every key."),
        this);
    text->setObjectName(u"welcomeText"_s);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    // A word-wrapped label given an alignment in a box layout gets its width-less size hint
    // (about one and a half lines) and is clipped. Centred between stretches instead, with a
    // minimum width, it gets a width and the height that width needs (height-for-width).
    text->setMinimumWidth(qMin(420, text->fontMetrics().averageCharWidth() * 60));
    text->setMaximumWidth(520);
    text->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(text, 4);
    textRow->addStretch(1);
    layout->addSpacing(4);
    layout->addLayout(textRow);
    auto *open = new QPushButton(tr("Open digest…"), this);
    auto *sample = new QPushButton(tr("Open sample digest"), this);
    open->setObjectName(u"openDigest"_s);
    sample->setObjectName(u"openSample"_s);
    open->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(open);
    buttons->addWidget(sample);
    buttons->addStretch(1);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(2);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openDigestRequested);
    connect(sample, &QPushButton::clicked, this, &WelcomePage::openSampleRequested);
}

} // namespace lectern
