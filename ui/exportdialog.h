#pragma once

#include "exchange/exporter.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QRadioButton;

namespace lectern {

// What to export: the selected paper, the papers of the current view, or the starred papers.
enum class ExportScope { Selection, CurrentView, Starred };

struct ExportChoice {
    ExportScope scope = ExportScope::CurrentView;
    ExportOptions options;
};

// "Export…": the scope, the format and whether to include notes. The file is asked for after.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // hasSelection: whether a paper is selected (else that scope is disabled); viewCount: the
    // current view's size, shown next to its choice.
    ExportDialog(bool hasSelection, int viewCount, const ExportChoice &initial,
                 QWidget *parent = nullptr);
    ExportChoice choice() const;

private:
    QButtonGroup *m_scope;
    QComboBox *m_format;
    QCheckBox *m_notes;
};

} // namespace lectern
