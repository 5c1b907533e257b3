#include "exportdialog.h"

#include "paperlistmodel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace lectern {

namespace {

QString formatLabel(ExportFormat format) {
    switch (format) {
    case ExportFormat::BibTeX:
        return ExportDialog::tr("BibTeX (.bib)");
    case ExportFormat::Ris:
        return ExportDialog::tr("RIS (.ris: Zotero, EndNote, Mendeley)");
    case ExportFormat::Csv:
        return ExportDialog::tr("CSV (.csv: spreadsheets)");
    case ExportFormat::Json:
        return ExportDialog::tr("JSON (.json: every field)");
    case ExportFormat::Markdown:
        return ExportDialog::tr("Markdown reading list (.md)");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(bool hasSelection, ViewSize viewSize, const ExportChoice &initial,
                           QWidget *parent)
    : QDialog(parent)
    , m_scope(new QButtonGroup(this))
    , m_format(new QComboBox(this))
    , m_notes(new QCheckBox(tr("Include my &notes"), this)) {
    setWindowTitle(tr("Export"));
    auto *scopes = new QVBoxLayout;
    const QList<std::pair<ExportScope, QString>> choices = {
        {ExportScope::Selection, tr("The &selected paper")},
        {ExportScope::CurrentView,
         viewSize.exact ? tr("The current &view (%n papers)", nullptr, viewSize.count)
                        : tr("The current &view (%1 papers)")
                              .arg(PaperListModel::lowerBoundText(viewSize.count))},
        {ExportScope::Starred, tr("All s&tarred papers")}};
    for (const auto &[scope, text] : choices) {
        auto *button = new QRadioButton(text, this);
        button->setEnabled(scope != ExportScope::Selection || hasSelection);
        m_scope->addButton(button, int(scope));
        scopes->addWidget(button);
    }
    ExportScope start = initial.scope;
    if (start == ExportScope::Selection && !hasSelection)
        start = ExportScope::CurrentView;
    m_scope->button(int(start))->setChecked(true);
    for (const QString &name : Exporter::formatNames()) {
        const ExportFormat format = *Exporter::formatFromName(name);
        m_format->addItem(formatLabel(format), int(format));
    }
    m_format->setCurrentIndex(m_format->findData(int(initial.options.format)));
    m_notes->setChecked(initial.options.includeNotes);
    auto *form = new QFormLayout;
    form->addRow(tr("Papers:"), scopes);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_notes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

ExportChoice ExportDialog::choice() const {
    ExportChoice c;
    c.scope = ExportScope(m_scope->checkedId());
    c.options.format = ExportFormat(m_format->currentData().toInt());
    c.options.includeNotes = m_notes->isChecked();
    return c;
}

} // namespace lectern
